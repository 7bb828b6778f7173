import type { AuditOutcome } from './entities/audit-entry.entity';

/** What a feature tells the audit log. Details must not contain secrets or confidential text. */
export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  /** Who acted; their home unit (`unitId`, an AuthUser has it) places the entry when `unitId` is absent. */
  actor?: { id: string; username: string; unitId?: string | null } | null;
  /**
   * The unit of the object acted on, when the feature knows it: the entry is then shown to readers
   * of that unit's subtree (else to those of the actor's home unit).
   */
  unitId?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
