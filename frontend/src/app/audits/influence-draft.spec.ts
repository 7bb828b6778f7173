import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { draftKey, loadDraft } from '../reports/report-draft';
import {
  clearMarker,
  loadMarker,
  reportSentSince,
  saveMarker,
  writeInfluenceDraft,
} from './influence-draft';
import { declarationState } from './influence-panel';

describe('H28: the influence report draft', () => {
  beforeEach(() => sessionStorage.clear());

  it("writes the report form's own draft, prefilled as an influence attempt on the contract", () => {
    const fb = TestBed.inject(NonNullableFormBuilder);
    writeInfluenceDraft(fb, {
      userId: 'u1',
      unitId: 'unit-upph',
      description: 'Påverkansförsök från leverantören X',
    });
    const draft = loadDraft(draftKey('user.u1'));
    expect(draft?.step).toBe(0);
    expect(draft?.value).toMatchObject({
      acuteDanger: '',
      track: 'paverkan',
      category: 'korruptionsforsok',
      unitId: 'unit-upph',
      description: 'Påverkansförsök från leverantören X',
      intake: { exposedFunction: 'avtalsforvaltare', situation: 'forrattning_tillsyn_kontroll' },
    });
    // the draft belongs to this person only
    expect(loadDraft(draftKey('user.u2'))).toBeNull();
  });

  it('remembers which audit asked, and counts only reports received since', () => {
    saveMarker({ auditId: 'a1', itemId: 'H28', since: '2026-11-30T10:00:00.000Z' });
    const marker = loadMarker('a1')!;
    expect(marker.itemId).toBe('H28');
    expect(loadMarker('a2')).toBeNull();
    expect(
      reportSentSince(marker, [{ receivedAt: '2026-11-30T09:59:00.000Z', track: 'paverkan' }]),
    ).toBe(false);
    expect(
      reportSentSince(marker, [
        { receivedAt: '2026-11-30T10:01:00.000Z', track: 'visselblasning' },
      ]),
    ).toBe(false);
    expect(
      reportSentSince(marker, [{ receivedAt: '2026-11-30T10:01:00.000Z', track: 'paverkan' }]),
    ).toBe(true);
    clearMarker('a1');
    expect(loadMarker('a1')).toBeNull();
  });

  it('says whether a declaration is valid, expired or missing', () => {
    const d = (until: string | null) => ({
      userId: 'u',
      name: 'n',
      role: 'avtalscontroller' as const,
      declarationValidUntil: until,
      declaredInterestInSupplier: false,
    });
    expect(declarationState(d('2026-12-31'), '2026-11-30')).toBe('valid');
    expect(declarationState(d('2026-11-30'), '2026-11-30')).toBe('valid');
    expect(declarationState(d('2026-11-29'), '2026-11-30')).toBe('expired');
    expect(declarationState(d(null), '2026-11-30')).toBe('missing');
  });
});
