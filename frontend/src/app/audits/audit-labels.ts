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

export function actionTone(status: ActionStatus, overdue = false): BadgeTone {
  if (status === 'verifierad') return 'success';
  if (overdue) return 'danger';
  return status === 'atgardad' ? 'warning' : 'neutral';
}

/** Share answered, 0–100, for the progress bar. */
export function progressPercent(answered: number, total: number): number {
  return total > 0 ? Math.round((answered / total) * 100) : 0;
}
