import { AuditAnswerFileEntity } from '../../audits/entities/audit-answer-file.entity';
import { AuditAnswerEntity } from '../../audits/entities/audit-answer.entity';
import { AuditFindingEntity } from '../../audits/entities/audit-finding.entity';
import { AuditInfluenceReportEntity } from '../../audits/entities/audit-influence-report.entity';
import { AuditSignOffEntity } from '../../audits/entities/audit-sign-off.entity';
import { ChecklistTemplateEntity } from '../../audits/entities/checklist-template.entity';
import { ContractAuditEntity } from '../../audits/entities/contract-audit.entity';
import { CorrectiveActionEntity } from '../../audits/entities/corrective-action.entity';
import { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { ChangeCounterEntity } from './entities/change-counter.entity';
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
import { GuidanceAcknowledgementEntity } from '../../guidance/library/entities/guidance-acknowledgement.entity';
import { GuidanceArticleVersionEntity } from '../../guidance/library/entities/guidance-article-version.entity';
import { GuidanceArticleEntity } from '../../guidance/library/entities/guidance-article.entity';
import { GiftEntryEntity } from '../../guidance/gifts/entities/gift-entry.entity';
import { GiftGuideVersionEntity } from '../../guidance/gifts/entities/gift-guide-version.entity';
import { DeclarationInterestEntity } from '../../guidance/declarations/entities/declaration-interest.entity';
import { DeclarationEntity } from '../../guidance/declarations/entities/declaration.entity';
import { JobLeaseEntity } from '../jobs/entities/job-lease.entity';
import { ThrottleHitEntity } from '../throttle/entities/throttle-hit.entity';
import { NotificationEntity } from '../notify/entities/notification.entity';
import { OutboxMessageEntity } from '../notify/entities/outbox-message.entity';
import { SessionEntity } from '../../auth/entities/session.entity';
import { OidcIdentityEntity } from '../../auth/oidc/entities/oidc-identity.entity';
import { OidcLoginStateEntity } from '../../auth/oidc/entities/oidc-login-state.entity';
import { OidcRoleGrantEntity } from '../../auth/oidc/entities/oidc-role-grant.entity';
import { RecoveryCodeEntity } from '../../auth/second-factor/entities/recovery-code.entity';
import { SecondFactorEntity } from '../../auth/second-factor/entities/second-factor.entity';
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
  ChangeCounterEntity,
  OrgUnitEntity,
  UserEntity,
  RoleAssignmentEntity,
  SessionEntity,
  OidcIdentityEntity,
  OidcRoleGrantEntity,
  OidcLoginStateEntity,
  AuditEntryEntity,
  FileEntity,
  JobLeaseEntity,
  ThrottleHitEntity,
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
  GuidanceArticleEntity,
  GuidanceArticleVersionEntity,
  GuidanceAcknowledgementEntity,
  ChecklistTemplateEntity,
  ContractAuditEntity,
  AuditAnswerEntity,
  AuditSignOffEntity,
  AuditFindingEntity,
  CorrectiveActionEntity,
  AuditAnswerFileEntity,
  AuditInfluenceReportEntity,
  GiftGuideVersionEntity,
  GiftEntryEntity,
  DeclarationEntity,
  DeclarationInterestEntity,
  SecondFactorEntity,
  RecoveryCodeEntity,
];
