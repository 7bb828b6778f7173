import { NonNullableFormBuilder } from '@angular/forms';
import { draftKey, saveDraft } from '../reports/report-draft';
import { reportForm, syncBranches } from '../reports/report-form.model';

export interface GiftReportPrefill {
  userId: string;
  unitId: string;
  description: string;
  /** YYYY-MM-DD, or '' when not known. */
  occurredOn: string;
}

/**
 * Outcome C of the gift guide: the offer may be an influence attempt. Writes the report form's own
 * draft (the sessionStorage draft `/rapportera` restores) as an influence attempt with a gift or
 * benefit from a party; the person reviews every step and sends it, and from there the reporting
 * module's rules apply. Nothing is sent from here.
 */
export function writeGiftReportDraft(fb: NonNullableFormBuilder, prefill: GiftReportPrefill): void {
  const form = reportForm(fb, 'signedIn');
  form.patchValue({
    track: 'paverkan',
    category: 'gava_forman_fran_part',
    unitId: prefill.unitId,
    description: prefill.description,
    intake: { occurredOn: prefill.occurredOn },
  });
  syncBranches(form);
  saveDraft(draftKey(`user.${prefill.userId}`), form, 0);
}
