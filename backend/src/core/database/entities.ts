import { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { ContractSubcontractorEntity } from '../../contracts/entities/contract-subcontractor.entity';
import { ContractEntity } from '../../contracts/entities/contract.entity';
import { AppSecretEntity } from '../crypto/entities/app-secret.entity';
import { CaseActionEntity } from '../../cases/entities/case-action.entity';
import { CaseEntity } from '../../cases/entities/case.entity';
import { CaseMessageEntity } from '../../cases/entities/case-message.entity';
import { IdentityRequestEntity } from '../../cases/entities/identity-request.entity';
import { IncidentFactEntity } from '../../cases/entities/incident-fact.entity';
import { ReceiptSessionEntity } from '../../cases/entities/receipt-session.entity';
import { FileEntity } from '../files/entities/file.entity';
import { JobLeaseEntity } from '../jobs/entities/job-lease.entity';
import { NotificationEntity } from '../notify/entities/notification.entity';
import { OutboxMessageEntity } from '../notify/entities/outbox-message.entity';
import { SessionEntity } from '../../auth/entities/session.entity';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
import { RiskAcceptanceEntity } from '../../risks/entities/risk-acceptance.entity';
import { RiskActionEntity } from '../../risks/entities/risk-action.entity';
import { RiskAssessmentEntity } from '../../risks/entities/risk-assessment.entity';
import { RiskEntity } from '../../risks/entities/risk.entity';
import { RiskMatrixVersionEntity } from '../../risks/entities/risk-matrix-version.entity';
import { RoleAssignmentEntity } from '../../users/entities/role-assignment.entity';
import { SupplierFlagEntity } from '../../suppliers/entities/supplier-flag.entity';
import { SupplierEntity } from '../../suppliers/entities/supplier.entity';
import { UserEntity } from '../../users/entities/user.entity';

/** Every entity. New features append here. */
export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  RoleAssignmentEntity,
  SessionEntity,
  AuditEntryEntity,
  FileEntity,
  JobLeaseEntity,
  NotificationEntity,
  OutboxMessageEntity,
  RiskMatrixVersionEntity,
  SupplierEntity,
  SupplierFlagEntity,
  ContractEntity,
  ContractSubcontractorEntity,
  AppSecretEntity,
  CaseEntity,
  CaseMessageEntity,
  CaseActionEntity,
  IdentityRequestEntity,
  ReceiptSessionEntity,
  IncidentFactEntity,
  RiskEntity,
  RiskAssessmentEntity,
  RiskAcceptanceEntity,
  RiskActionEntity,
];
