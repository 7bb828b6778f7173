import type { ReportForm, ReportFormValue } from './report-form.model';

/**
 * The unsent report, kept in this tab's sessionStorage (never localStorage: it goes when the tab
 * is closed) so that a reload, a lost connection or a server error never loses what was typed.
 * Cleared when the report is sent. Files cannot be kept; the receipt code is never stored.
 */
export interface ReportDraft {
  version: 1;
  step: number;
  value: ReportFormValue;
}

const PREFIX = 'varn.reportDraft.';

/** One key per channel and person, so a signed-in draft is never offered to someone else. */
export function draftKey(owner: string): string {
  return PREFIX + owner;
}

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage blocked by the browser: the draft lives in memory only
  }
}

export function saveDraft(key: string, form: ReportForm, step: number): void {
  const draft: ReportDraft = { version: 1, step, value: form.getRawValue() };
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // quota exceeded or blocked: the form still holds everything in memory
  }
}

export function loadDraft(key: string): ReportDraft | null {
  const raw = storage()?.getItem(key);
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as Partial<ReportDraft>;
    if (draft.version !== 1 || typeof draft.value !== 'object' || draft.value === null) {
      return null;
    }
    return { version: 1, step: Number(draft.step) || 0, value: draft.value };
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}

/** True when the person has answered anything beyond the defaults. */
export function hasContent(value: Partial<ReportFormValue>): boolean {
  return Boolean(
    value.track || value.category || value.unitId || value.description?.trim() || value.acuteDanger,
  );
}
