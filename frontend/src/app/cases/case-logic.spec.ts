import { classificationChanges, classificationOf } from './case-classification';
import { closeBlockers } from './case-closing';
import { fileSize, intakeRows, welfareRows } from './case-content';
import { groupDeadlines } from './case-deadlines.page';
import { masksOf } from './case-export';
import { timerEndRequest } from './case-timers';
import { fieldReasons } from './case-work';
import { caseDetail } from '../../testing/cases';
import type { DeadlineItem } from './cases.models';
import { fileNameOf } from './cases.service';

describe('classification changes', () => {
  it('sends nothing when nothing changed', () => {
    const c = caseDetail();
    expect(classificationChanges(c, classificationOf(c))).toBeNull();
  });

  it('sends only the changed fields with the version the handler saw', () => {
    const c = caseDetail();
    const value = { ...classificationOf(c), likelihood: '4', consequence: '5', assigneeId: 'h1' };
    expect(classificationChanges(c, value)).toEqual({
      version: 3,
      severity: { likelihood: 4, consequence: 5 },
      assigneeId: 'h1',
    });
  });

  it('clears the irregularity kind when leaving välfärdsbrott and unassigns with null', () => {
    const c = caseDetail({
      category: 'valfardsbrott',
      irregularityKind: 'felaktig_fakturering',
      assigneeId: 'h1',
    });
    const value = { ...classificationOf(c), category: 'hot' as const, assigneeId: '' };
    expect(classificationChanges(c, value)).toEqual({
      version: 3,
      category: 'hot',
      irregularityKind: null,
      assigneeId: null,
    });
  });

  it('does not send half a severity', () => {
    const c = caseDetail();
    expect(classificationChanges(c, { ...classificationOf(c), likelihood: '3' })).toBeNull();
  });
});

describe('ending a legal timer', () => {
  const base = { mode: 'sent' as const, body: '', reason: '' as const, motivation: '' };
  it('acknowledges without a message, but never gives empty feedback', () => {
    expect(timerEndRequest('acknowledgement', base)).toEqual({ mode: 'sent' });
    expect(timerEndRequest('feedback', base)).toBeNull();
    expect(timerEndRequest('feedback', { ...base, body: ' Vi har polisanmält. ' })).toEqual({
      mode: 'sent',
      body: 'Vi har polisanmält.',
    });
  });
  it('waives only with a reason and a motivation', () => {
    const waived = { ...base, mode: 'waived' as const };
    expect(timerEndRequest('acknowledgement', { ...waived, motivation: 'x' })).toBeNull();
    expect(
      timerEndRequest('acknowledgement', {
        ...waived,
        reason: 'reporter_unreachable',
        motivation: ' ',
      }),
    ).toBeNull();
    expect(
      timerEndRequest('feedback', {
        ...waived,
        reason: 'reporter_unreachable',
        motivation: 'Har inte loggat in på tre månader',
      }),
    ).toEqual({
      mode: 'waived',
      reason: 'reporter_unreachable',
      motivation: 'Har inte loggat in på tre månader',
    });
  });
});

describe('closing', () => {
  it('is blocked while a whistleblowing timer is open, never for påverkan', () => {
    expect(closeBlockers(caseDetail())).toEqual(['acknowledgement_open', 'feedback_open']);
    expect(
      closeBlockers(
        caseDetail({
          timers: {
            acknowledgement: { state: 'done', dueOn: 'a', endedOn: 'b', late: false },
            feedback: { state: 'waived', dueOn: 'a', endedOn: 'b', reason: 'other' },
          },
        }),
      ),
    ).toEqual([]);
    expect(closeBlockers(caseDetail({ track: 'paverkan', timers: null }))).toEqual([]);
  });
});

describe('content rows', () => {
  it('lists the intake answers given, coded ones with their label prefix', () => {
    expect(
      intakeRows({
        situation: 'sociala_medier',
        repeated: false,
        relatedReference: '',
        occurredOn: '2026-11-20',
      }),
    ).toEqual([
      { label: 'cases.intake.occurredOn', text: '2026-11-20' },
      { label: 'cases.intake.situation', prefix: 'taxonomy.situations', code: 'sociala_medier' },
      { label: 'cases.intake.repeated', key: 'cases.no' },
    ]);
    expect(intakeRows(null)).toEqual([]);
  });
  it('formats the welfare amount in kronor', () => {
    const [row] = welfareRows({ amountSek: 250000 });
    expect(row.text?.replace(/\s/g, ' ')).toBe('250 000 kr');
  });
  it('gives file sizes in words a person reads', () => {
    expect([fileSize(900), fileSize(2048), fileSize(3.5 * 1024 * 1024)]).toEqual([
      '900 B',
      '2 kB',
      '3,5 MB',
    ]);
  });
});

describe('deadline board groups', () => {
  const item = (p: Partial<DeadlineItem>): DeadlineItem => ({
    id: 'x',
    reference: 'VRN-1',
    kind: 'acknowledgement',
    dueOn: '2026-12-01',
    state: 'overdue',
    assigneeName: null,
    ...p,
  });
  it('puts overdue before due soon, acknowledgements before feedback, earliest first', () => {
    const groups = groupDeadlines([
      item({ id: 'a', state: 'due_soon', dueOn: '2026-12-03' }),
      item({ id: 'b', kind: 'feedback', dueOn: '2026-11-01' }),
      item({ id: 'c', dueOn: '2026-11-28' }),
      item({ id: 'd', dueOn: '2026-11-20' }),
    ]);
    expect(groups.map((g) => [g.state, g.kind, g.items.map((i) => i.id)])).toEqual([
      ['overdue', 'acknowledgement', ['d', 'c']],
      ['overdue', 'feedback', ['b']],
      ['due_soon', 'acknowledgement', ['a']],
      ['due_soon', 'feedback', []],
    ]);
  });
});

describe('redaction masks', () => {
  it('takes one passage per line, trimmed, without blanks or repeats', () => {
    expect(masksOf(' Anna Andersson \n\nAnna Andersson\r\nBolaget AB\n')).toEqual([
      'Anna Andersson',
      'Bolaget AB',
    ]);
  });
});

describe('problem field reasons', () => {
  const i18n = {
    has: (k: string) => k === 'cases.errors.fields.acknowledgement_open',
    t: (k: string) => `«${k}»`,
  };
  it('translates known reason codes, keeps prose, drops unknown codes and transitions', () => {
    expect(
      fieldReasons(
        {
          status: 409,
          code: 'timer_event_refused',
          errors: [
            { field: 'mode', messages: ['acknowledgement_open', 'acknowledgement_open'] },
            { field: 'status', messages: ['registrerad->gallrad', 'mystery_code'] },
            { field: 'body', messages: ['body must be shorter than or equal to 10000 characters'] },
          ],
        },
        i18n,
      ),
    ).toEqual([
      '«cases.errors.fields.acknowledgement_open»',
      'body must be shorter than or equal to 10000 characters',
    ]);
  });
});

describe('download names', () => {
  it('reads the file name from Content-Disposition', () => {
    expect(fileNameOf("attachment; filename*=UTF-8''VRN-2026-00042%20maskerad.pdf", 'x')).toBe(
      'VRN-2026-00042 maskerad.pdf',
    );
    expect(fileNameOf('attachment; filename="bild.jpg"', 'x')).toBe('bild.jpg');
    expect(fileNameOf(null, 'fallback.pdf')).toBe('fallback.pdf');
  });
});
