import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { draftKey, loadDraft } from '../reports/report-draft';
import { writeGiftReportDraft } from './gift-report-draft';

describe('the gift guide’s influence report draft', () => {
  beforeEach(() => sessionStorage.clear());

  it('prefills the report form as a gift or benefit from a party, for this person only', () => {
    writeGiftReportDraft(TestBed.inject(NonNullableFormBuilder), {
      userId: 'u1',
      unitId: 'unit-1',
      description: 'Byggbolaget AB erbjöd mig en konsertbiljett.',
      occurredOn: '2026-11-28',
    });
    const draft = loadDraft(draftKey('user.u1'));
    expect(draft?.step).toBe(0);
    expect(draft?.value).toMatchObject({
      acuteDanger: '',
      track: 'paverkan',
      category: 'gava_forman_fran_part',
      unitId: 'unit-1',
      description: 'Byggbolaget AB erbjöd mig en konsertbiljett.',
      intake: { occurredOn: '2026-11-28' },
    });
    expect(loadDraft(draftKey('user.u2'))).toBeNull();
  });
});
