/** Answers to checklist items and the completeness rule for signing off an audit. */
import { checklistItems, type ChecklistTemplate } from './checklist-template';

/** Uppfyllt · Avvikelse · Ej tillämpligt · Ej kontrollerat. Every one counts as an answer. */
export const AUDIT_ANSWERS = [
  'uppfyllt',
  'avvikelse',
  'ej_tillampligt',
  'ej_kontrollerat',
] as const;
export type AuditAnswer = (typeof AUDIT_ANSWERS)[number];

/** Narrows an untrusted value to an answer. */
export function isAuditAnswer(value: unknown): value is AuditAnswer {
  return typeof value === 'string' && (AUDIT_ANSWERS as readonly string[]).includes(value);
}

export type AuditCompleteness =
  | { complete: true; total: number }
  | { complete: false; total: number; answered: number; missing: string[] };

/**
 * Whether every item of the audit's template version has an answer; if not, the unanswered
 * item ids in template order. Answers to ids not in the template are ignored.
 */
export function auditCompleteness(
  template: ChecklistTemplate,
  answers: ReadonlyMap<string, AuditAnswer | null>,
): AuditCompleteness {
  const items = checklistItems(template);
  const missing = items.filter((i) => !isAuditAnswer(answers.get(i.id))).map((i) => i.id);
  return missing.length === 0
    ? { complete: true, total: items.length }
    : { complete: false, total: items.length, answered: items.length - missing.length, missing };
}

/** Items answered `avvikelse` that no finding is linked to yet (each deviation becomes a finding). */
export function deviationsWithoutFinding(
  template: ChecklistTemplate,
  answers: ReadonlyMap<string, AuditAnswer | null>,
  findingItemIds: ReadonlySet<string>,
): string[] {
  return checklistItems(template)
    .filter((i) => answers.get(i.id) === 'avvikelse' && !findingItemIds.has(i.id))
    .map((i) => i.id);
}
