import type { BadgeTone } from '../shared/ui/badge';
import type {
  ActionStatus,
  AuditStatus,
  FindingSeverity,
  FindingStatus,
  PlanStatus,
} from './audits.models';

export function planTone(status: PlanStatus): BadgeTone {
  return status === 'overdue' ? 'danger' : status === 'due_soon' ? 'warning' : 'neutral';
}

export function auditTone(status: AuditStatus): BadgeTone {
  return status === 'signerad' ? 'success' : status === 'klar' ? 'warning' : 'neutral';
}

export function severityTone(severity: FindingSeverity): BadgeTone {
  return severity === 'allvarlig' ? 'danger' : severity === 'vasentlig' ? 'warning' : 'neutral';
}

export function findingTone(status: FindingStatus): BadgeTone {
  return status === 'stangd' ? 'success' : 'warning';
}

/** The status word's tone; being late is a badge of its own ("Försenad"). */
export function actionTone(status: ActionStatus): BadgeTone {
  if (status === 'verifierad') return 'success';
  return status === 'atgardad' ? 'warning' : 'neutral';
}

/** Share answered, 0–100, for the progress bar. */
export function progressPercent(answered: number, total: number): number {
  return total > 0 ? Math.round((answered / total) * 100) : 0;
}
