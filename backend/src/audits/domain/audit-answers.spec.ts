import { AUDIT_ANSWER_LABELS_SV } from './audits.labels.sv';
import {
  AUDIT_ANSWERS,
  auditCompleteness,
  deviationsWithoutFinding,
  isAuditAnswer,
  type AuditAnswer,
} from './audit-answers';
import { checklistItems, DEFAULT_CHECKLIST_TEMPLATE } from './checklist-template';

const ids = checklistItems(DEFAULT_CHECKLIST_TEMPLATE).map((i) => i.id);

describe('audit answers', () => {
  it('are the four §5 values', () => {
    expect(AUDIT_ANSWERS).toEqual(['uppfyllt', 'avvikelse', 'ej_tillampligt', 'ej_kontrollerat']);
    expect(Object.keys(AUDIT_ANSWER_LABELS_SV)).toEqual([...AUDIT_ANSWERS]);
    expect(isAuditAnswer('avvikelse')).toBe(true);
    expect(isAuditAnswer('ok')).toBe(false);
  });
});

describe('auditCompleteness', () => {
  it('is complete when every item has any of the four answers', () => {
    const answers = new Map<string, AuditAnswer>(ids.map((id, n) => [id, AUDIT_ANSWERS[n % 4]]));
    expect(auditCompleteness(DEFAULT_CHECKLIST_TEMPLATE, answers)).toEqual({
      complete: true,
      total: 28,
    });
  });
  it('lists the missing items in template order', () => {
    const answers = new Map<string, AuditAnswer | null>(ids.map((id) => [id, 'uppfyllt']));
    answers.delete('H28');
    answers.delete('B7');
    answers.set('C12', null);
    answers.set('Z99', 'uppfyllt');
    expect(auditCompleteness(DEFAULT_CHECKLIST_TEMPLATE, answers)).toEqual({
      complete: false,
      total: 28,
      answered: 25,
      missing: ['B7', 'C12', 'H28'],
    });
    expect(auditCompleteness(DEFAULT_CHECKLIST_TEMPLATE, new Map())).toMatchObject({
      complete: false,
      answered: 0,
      missing: ids,
    });
  });
  it('lists deviations that have no finding yet', () => {
    const answers = new Map<string, AuditAnswer>([
      ['A2', 'avvikelse'],
      ['B8', 'avvikelse'],
      ['C11', 'uppfyllt'],
    ]);
    expect(deviationsWithoutFinding(DEFAULT_CHECKLIST_TEMPLATE, answers, new Set(['B8']))).toEqual([
      'A2',
    ]);
  });
});
