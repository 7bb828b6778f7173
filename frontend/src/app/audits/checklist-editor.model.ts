import type { ChecklistDetail, CreateChecklistRequest } from './audits.models';

/** The editor's working copy of a checklist (ids and numbers are given by the server). */
export interface EditorItem {
  text: string;
  guidance: string;
  evidence: string;
}

export interface EditorSection {
  code: string;
  title: string;
  items: EditorItem[];
}

export interface EditorState {
  key: string | null;
  title: string;
  sections: EditorSection[];
}

/**
 * Limits of the template (validateChecklistTemplate: every item needs question, guidance and
 * evidence; at most 200 items), checked here first so the editor can say where.
 */
export const CHECKLIST_LIMITS = {
  title: 200,
  sectionTitle: 200,
  text: 300,
  guidance: 2000,
  evidence: 1000,
  sections: 26,
  items: 200,
};

export function emptyItem(): EditorItem {
  return { text: '', guidance: '', evidence: '' };
}

/** A copy of a published version to revise (the next version of the same template). */
export function fromChecklist(c: ChecklistDetail): EditorState {
  return {
    key: c.key,
    title: c.title,
    sections: c.sections.map((s) => ({
      code: s.code,
      title: s.title,
      items: s.items.map((i) => ({ text: i.text, guidance: i.guidance, evidence: i.evidence })),
    })),
  };
}

export function newChecklist(): EditorState {
  return { key: null, title: '', sections: [{ code: 'A', title: '', items: [emptyItem()] }] };
}

/** Sections are lettered A, B, C … in their order. */
function relabel(sections: EditorSection[]): EditorSection[] {
  return sections.map((s, i) => ({ ...s, code: String.fromCharCode(65 + i) }));
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const copy = [...list];
  const [x] = copy.splice(from, 1);
  copy.splice(to, 0, x);
  return copy;
}

export function addSection(state: EditorState): EditorState {
  return {
    ...state,
    sections: relabel([...state.sections, { code: '', title: '', items: [emptyItem()] }]),
  };
}

export function removeSection(state: EditorState, index: number): EditorState {
  return { ...state, sections: relabel(state.sections.filter((_, i) => i !== index)) };
}

export function moveSection(state: EditorState, index: number, delta: number): EditorState {
  return { ...state, sections: relabel(move(state.sections, index, index + delta)) };
}

export function updateSection(state: EditorState, index: number, title: string): EditorState {
  return {
    ...state,
    sections: state.sections.map((s, i) => (i === index ? { ...s, title } : s)),
  };
}

function withItems(
  state: EditorState,
  section: number,
  change: (items: EditorItem[]) => EditorItem[],
): EditorState {
  return {
    ...state,
    sections: state.sections.map((s, i) => (i === section ? { ...s, items: change(s.items) } : s)),
  };
}

export function addItem(state: EditorState, section: number): EditorState {
  return withItems(state, section, (items) => [...items, emptyItem()]);
}

export function removeItem(state: EditorState, section: number, item: number): EditorState {
  return withItems(state, section, (items) => items.filter((_, i) => i !== item));
}

/**
 * Moves an item up or down; past the top or bottom of its section it goes to the end of the
 * previous (or the start of the next) section, so every item can reach every place by keyboard.
 * Returns the new state and where the item is now.
 */
export function moveItem(
  state: EditorState,
  section: number,
  item: number,
  delta: -1 | 1,
): { state: EditorState; section: number; item: number } {
  const items = state.sections[section].items;
  const to = item + delta;
  if (to >= 0 && to < items.length) {
    return { state: withItems(state, section, (list) => move(list, item, to)), section, item: to };
  }
  const target = section + delta;
  if (target < 0 || target >= state.sections.length) return { state, section, item };
  const moving = items[item];
  let next = withItems(state, section, (list) => list.filter((_, i) => i !== item));
  next = withItems(next, target, (list) => (delta < 0 ? [...list, moving] : [moving, ...list]));
  return {
    state: next,
    section: target,
    item: delta < 0 ? next.sections[target].items.length - 1 : 0,
  };
}

export function updateItem(
  state: EditorState,
  section: number,
  item: number,
  patch: Partial<EditorItem>,
): EditorState {
  return withItems(state, section, (items) =>
    items.map((x, i) => (i === item ? { ...x, ...patch } : x)),
  );
}

export type ItemField = 'text' | 'guidance' | 'evidence';

export type EditorIssue =
  | { code: 'title_missing' }
  | { code: 'no_sections' }
  | { code: 'section_title_missing'; section: string }
  | { code: 'section_empty'; section: string }
  | { code: 'item_text_missing'; section: string; number: number; field: ItemField }
  | { code: 'too_many_items'; max: number }
  | { code: 'too_long'; section: string | null; number: number | null; field: string; max: number };

/** What must be fixed before the version can be published (numbers are 1-based, running). */
export function editorIssues(state: EditorState): EditorIssue[] {
  const issues: EditorIssue[] = [];
  if (!state.title.trim()) issues.push({ code: 'title_missing' });
  if (state.title.length > CHECKLIST_LIMITS.title)
    issues.push({
      code: 'too_long',
      section: null,
      number: null,
      field: 'title',
      max: CHECKLIST_LIMITS.title,
    });
  if (!state.sections.length) issues.push({ code: 'no_sections' });
  let number = 0;
  for (const s of state.sections) {
    if (!s.title.trim()) issues.push({ code: 'section_title_missing', section: s.code });
    if (!s.items.length) issues.push({ code: 'section_empty', section: s.code });
    for (const i of s.items) {
      number++;
      for (const field of ['text', 'guidance', 'evidence'] as const) {
        if (!i[field].trim())
          issues.push({ code: 'item_text_missing', section: s.code, number, field });
        if (i[field].length > CHECKLIST_LIMITS[field])
          issues.push({
            code: 'too_long',
            section: s.code,
            number,
            field,
            max: CHECKLIST_LIMITS[field],
          });
      }
    }
  }
  if (number > CHECKLIST_LIMITS.items)
    issues.push({ code: 'too_many_items', max: CHECKLIST_LIMITS.items });
  return issues;
}

/**
 * The request body: trimmed texts, the template key when revising, and item ids and numbers given
 * in order (`A1`, `A2`, `B3` …: the number runs through the checklist, as in the default one).
 */
export function toRequest(state: EditorState): CreateChecklistRequest {
  let number = 0;
  return {
    ...(state.key ? { key: state.key } : {}),
    title: state.title.trim(),
    sections: state.sections.map((s) => ({
      code: s.code,
      title: s.title.trim(),
      items: s.items.map((i) => {
        number++;
        return {
          id: `${s.code}${number}`,
          number,
          text: i.text.trim(),
          guidance: i.guidance.trim(),
          evidence: i.evidence.trim(),
        };
      }),
    })),
  };
}
