import { NonNullableFormBuilder } from '@angular/forms';
import { draftKey, saveDraft } from '../reports/report-draft';
import { reportForm, syncBranches } from '../reports/report-form.model';

/**
 * Item H28: an influence attempt by the supplier becomes a report in the reporting module. The
 * audit writes the report form's own draft (the same sessionStorage draft the form restores), so
 * the controller opens `/rapportera` prefilled, reviews and sends it; the report then follows the
 * reporting rules. A marker remembers which audit and item asked, and since when, so that the
 * audit can record that a report was made once one has been sent.
 */
export interface InfluenceMarker {
  auditId: string;
  itemId: string;
  /** ISO timestamp: reports received after this count. */
  since: string;
}

const MARKER_PREFIX = 'varn.auditInfluence.';

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export interface InfluencePrefill {
  userId: string;
  unitId: string;
  description: string;
}

/** Writes the prefilled draft the report form restores on `/rapportera`. */
export function writeInfluenceDraft(fb: NonNullableFormBuilder, prefill: InfluencePrefill): void {
  const form = reportForm(fb, 'signedIn');
  form.patchValue({
    track: 'paverkan',
    category: 'korruptionsforsok',
    unitId: prefill.unitId,
    description: prefill.description,
    intake: {
      exposedFunction: 'avtalsforvaltare',
      situation: 'forrattning_tillsyn_kontroll',
      perceivedPurpose: 'forhindra_beslut_kontroll',
    },
  });
  syncBranches(form);
  saveDraft(draftKey(`user.${prefill.userId}`), form, 0);
}

export function saveMarker(marker: InfluenceMarker): void {
  try {
    storage()?.setItem(MARKER_PREFIX + marker.auditId, JSON.stringify(marker));
  } catch {
    // storage blocked: the controller records the report by hand (button on the audit)
  }
}

export function loadMarker(auditId: string): InfluenceMarker | null {
  const raw = storage()?.getItem(MARKER_PREFIX + auditId);
  if (!raw) return null;
  try {
    const m = JSON.parse(raw) as Partial<InfluenceMarker>;
    return m.auditId === auditId && typeof m.itemId === 'string' && typeof m.since === 'string'
      ? { auditId, itemId: m.itemId, since: m.since }
      : null;
  } catch {
    return null;
  }
}

export function clearMarker(auditId: string): void {
  storage()?.removeItem(MARKER_PREFIX + auditId);
}

/** True when one of the person's reports was received after the marker was set. */
export function reportSentSince(
  marker: InfluenceMarker,
  reports: readonly { receivedAt: string; track: string }[],
): boolean {
  const since = Date.parse(marker.since);
  return reports.some((r) => r.track === 'paverkan' && Date.parse(r.receivedAt) >= since);
}
