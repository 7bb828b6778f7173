import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import {
  parseAmount,
  pastDate,
  publicRequest,
  reportForm,
  signedInRequest,
  syncBranches,
  type ReportForm,
} from './report-form.model';

function form(mode: 'anonymous' | 'signedIn'): ReportForm {
  return reportForm(TestBed.inject(NonNullableFormBuilder), mode);
}

function fillIncident(f: ReportForm): void {
  f.patchValue({
    acuteDanger: 'no',
    track: 'paverkan',
    category: 'hot',
    unitId: 'unit-1',
    description: '  Hotad vid kontroll  ',
  });
  syncBranches(f);
}

describe('report form model', () => {
  it('sends an incident report without the welfare branch and without empty answers', () => {
    const f = form('anonymous');
    fillIncident(f);
    f.controls.intake.patchValue({ situation: 'forrattning_tillsyn_kontroll', repeated: 'yes' });
    expect(f.valid).toBe(true);
    expect(publicRequest(f)).toEqual({
      track: 'paverkan',
      category: 'hot',
      description: 'Hotad vid kontroll',
      unitId: 'unit-1',
      intake: {
        situation: 'forrattning_tillsyn_kontroll',
        repeated: true,
        wantsContact: true,
        acuteDanger: false,
      },
    });
  });

  it('requires the irregularity kind and the contract only for välfärdsbrott, and sends them', () => {
    const f = form('anonymous');
    fillIncident(f);
    expect(f.controls.welfare.disabled).toBe(true);
    f.controls.category.setValue('valfardsbrott');
    syncBranches(f);
    expect(f.valid).toBe(false);
    expect(f.controls.irregularityKind.hasError('required')).toBe(true);
    expect(f.controls.welfare.controls.contractOrSupplier.hasError('required')).toBe(true);
    f.patchValue({
      irregularityKind: 'felaktig_fakturering',
      welfare: {
        contractOrSupplier: 'Städbolaget AB',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
        amountSek: '1 250 000',
        noticedHow: 'Fakturan',
      },
    });
    expect(f.valid).toBe(true);
    const request = publicRequest(f);
    expect(request.irregularityKind).toBe('felaktig_fakturering');
    expect(request.welfare).toEqual({
      contractOrSupplier: 'Städbolaget AB',
      periodFrom: '2026-01-01',
      periodTo: '2026-03-31',
      amountSek: 1250000,
      noticedHow: 'Fakturan',
    });
    // changing back drops the branch from the request but keeps what was typed
    f.controls.category.setValue('hot');
    syncBranches(f);
    expect(publicRequest(f).welfare).toBeUndefined();
    expect(publicRequest(f).irregularityKind).toBeUndefined();
    expect(f.controls.welfare.controls.contractOrSupplier.value).toBe('Städbolaget AB');
  });

  it('rejects a period that ends before it starts and a non-numeric amount', () => {
    const f = form('anonymous');
    fillIncident(f);
    f.controls.category.setValue('valfardsbrott');
    syncBranches(f);
    f.controls.welfare.patchValue({
      periodFrom: '2026-03-01',
      periodTo: '2026-02-01',
      amountSek: '12 kr',
    });
    expect(f.controls.welfare.hasError('periodOrder')).toBe(true);
    expect(f.controls.welfare.controls.amountSek.hasError('amount')).toBe(true);
  });

  it('asks a signed-in reporter how they want to be known; anonymous never sends it', () => {
    const anonymous = form('anonymous');
    fillIncident(anonymous);
    expect(anonymous.valid).toBe(true);
    expect('confidentiality' in publicRequest(anonymous)).toBe(false);

    const signedIn = form('signedIn');
    fillIncident(signedIn);
    expect(signedIn.controls.confidentiality.hasError('required')).toBe(true);
    signedIn.controls.confidentiality.setValue('confidential');
    expect(signedIn.valid).toBe(true);
    expect(signedInRequest(signedIn).confidentiality).toBe('confidential');
    expect('concernsHandlerId' in signedInRequest(signedIn)).toBe(false);
  });

  it('sends the handler the report concerns only when that box is ticked and a handler chosen', () => {
    const f = form('signedIn');
    fillIncident(f);
    f.patchValue({ confidentiality: 'identified', concernsHandler: true });
    syncBranches(f);
    expect(f.controls.concernsHandlerId.hasError('required')).toBe(true);
    f.controls.concernsHandlerId.setValue('user-h');
    expect(signedInRequest(f).concernsHandlerId).toBe('user-h');
    f.controls.concernsHandler.setValue(false);
    syncBranches(f);
    expect(f.valid).toBe(true);
    expect(signedInRequest(f).concernsHandlerId).toBeUndefined();
  });

  it('rejects a blank description and one over 20 000 characters', () => {
    const f = form('anonymous');
    fillIncident(f);
    f.controls.description.setValue('   ');
    expect(f.controls.description.valid).toBe(false);
    f.controls.description.setValue('x'.repeat(20_001));
    expect(f.controls.description.hasError('maxlength')).toBe(true);
    f.controls.description.setValue('x'.repeat(20_000));
    expect(f.controls.description.valid).toBe(true);
  });

  it('checks dates: real, and not in the future', () => {
    const control = (value: string) => ({ value }) as never;
    expect(pastDate(control(''))).toBeNull();
    expect(pastDate(control('2026-01-15'))).toBeNull();
    expect(pastDate(control('15/1/2026'))).toEqual({ date: true });
    expect(pastDate(control('2999-01-01'))).toEqual({ futureDate: true });
  });

  it('reads amounts in whole kronor with spaces', () => {
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('1 250 000')).toBe(1250000);
    expect(parseAmount('12,50')).toBeNaN();
    expect(parseAmount('-5')).toBeNaN();
  });
});
