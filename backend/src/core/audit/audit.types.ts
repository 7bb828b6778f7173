import type { AuditOutcome } from './entities/audit-entry.entity';

/** What a feature tells the audit log. Details must not contain secrets or confidential text. */
export interface AuditEvent {
  action: string;
  outcome?: AuditOutcome;
  actor?: { id: string; username: string } | null;
  objectType?: string | null;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
