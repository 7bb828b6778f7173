import { TestBed } from '@angular/core/testing';
import { NonNullableFormBuilder } from '@angular/forms';
import { clearDraft, draftKey, hasContent, loadDraft, saveDraft } from './report-draft';
import { reportForm } from './report-form.model';

describe('report draft', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('keeps the answers and the step in sessionStorage only, per owner', () => {
    const f = reportForm(TestBed.inject(NonNullableFormBuilder), 'signedIn');
    f.patchValue({ track: 'visselblasning', description: 'Mutor vid upphandling' });
    saveDraft(draftKey('user.a'), f, 3);

    expect(localStorage.length).toBe(0);
    const draft = loadDraft(draftKey('user.a'));
    expect(draft?.step).toBe(3);
    expect(draft?.value.description).toBe('Mutor vid upphandling');
    expect(draft && hasContent(draft.value)).toBe(true);
    expect(loadDraft(draftKey('user.b'))).toBeNull();

    clearDraft(draftKey('user.a'));
    expect(loadDraft(draftKey('user.a'))).toBeNull();
  });

  it('ignores a damaged or foreign entry', () => {
    sessionStorage.setItem(draftKey('anonymous'), '{not json');
    expect(loadDraft(draftKey('anonymous'))).toBeNull();
    sessionStorage.setItem(draftKey('anonymous'), JSON.stringify({ version: 9, value: {} }));
    expect(loadDraft(draftKey('anonymous'))).toBeNull();
  });
});
