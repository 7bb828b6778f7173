import { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { FileEntity } from '../files/entities/file.entity';
import { JobLeaseEntity } from '../jobs/entities/job-lease.entity';
import { NotificationEntity } from '../notify/entities/notification.entity';
import { OutboxMessageEntity } from '../notify/entities/outbox-message.entity';
import { SessionEntity } from '../../auth/entities/session.entity';
import { OrgUnitEntity } from '../../org/entities/org-unit.entity';
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
];
