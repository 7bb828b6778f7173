import type { ChecklistDetail } from './audits.models';
import {
  addItem,
  addSection,
  editorIssues,
  fromChecklist,
  moveItem,
  moveSection,
  newChecklist,
  removeItem,
  removeSection,
  toRequest,
  updateItem,
  updateSection,
  type EditorState,
} from './checklist-editor.model';

const item = (text: string) => ({ text, guidance: `g ${text}`, evidence: `e ${text}` });

function state(): EditorState {
  return {
    key: 'k',
    title: 'Lista',
    sections: [
      { code: 'A', title: 'Första', items: [item('a1'), item('a2')] },
      { code: 'B', title: 'Andra', items: [item('b1')] },
    ],
  };
}

const texts = (s: EditorState) =>
  s.sections.map((x) => `${x.code}:${x.items.map((i) => i.text).join(',')}`);

describe('checklist editor model', () => {
  it('copies a published version to revise, keeping its key', () => {
    const detail: ChecklistDetail = {
      id: 'x',
      key: 'avtalsuppfoljning-standard',
      version: 3,
      title: 'T',
      status: 'published',
      createdAt: '2026-01-01T00:00:00Z',
      sections: [{ code: 'A', title: 'S', items: [{ id: 'A1', number: 1, ...item('q') }] }],
    };
    const s = fromChecklist(detail);
    expect(s.key).toBe('avtalsuppfoljning-standard');
    expect(toRequest(s)).toEqual({
      key: 'avtalsuppfoljning-standard',
      title: 'T',
      sections: [{ code: 'A', title: 'S', items: [{ id: 'A1', number: 1, ...item('q') }] }],
    });
  });

  it('moves items within a section and across section borders', () => {
    let r = moveItem(state(), 0, 1, -1);
    expect(texts(r.state)).toEqual(['A:a2,a1', 'B:b1']);
    expect([r.section, r.item]).toEqual([0, 0]);
    r = moveItem(state(), 0, 1, 1); // last of A goes first in B
    expect(texts(r.state)).toEqual(['A:a1', 'B:a2,b1']);
    expect([r.section, r.item]).toEqual([1, 0]);
    r = moveItem(state(), 1, 0, -1); // first of B goes last in A
    expect(texts(r.state)).toEqual(['A:a1,a2,b1', 'B:']);
    expect([r.section, r.item]).toEqual([0, 2]);
    r = moveItem(state(), 0, 0, -1); // nowhere to go
    expect(texts(r.state)).toEqual(texts(state()));
  });

  it('reletters sections when they are added, moved or removed', () => {
    let s = addSection(state());
    expect(s.sections.map((x) => x.code)).toEqual(['A', 'B', 'C']);
    s = moveSection(s, 0, 1);
    expect(s.sections.map((x) => `${x.code}:${x.title}`)).toEqual(['A:Andra', 'B:Första', 'C:']);
    s = removeSection(s, 0);
    expect(s.sections.map((x) => `${x.code}:${x.title}`)).toEqual(['A:Första', 'B:']);
  });

  it('adds, edits and removes items', () => {
    let s = addItem(state(), 1);
    s = updateItem(s, 1, 1, { text: 'b2' });
    s = updateSection(s, 1, 'Ny titel');
    expect(texts(s)).toEqual(['A:a1,a2', 'B:b1,b2']);
    expect(s.sections[1].title).toBe('Ny titel');
    s = removeItem(s, 0, 0);
    expect(texts(s)).toEqual(['A:a2', 'B:b1,b2']);
  });

  it('lists what must be fixed, with running item numbers', () => {
    expect(editorIssues(state())).toEqual([]);
    const fresh = newChecklist();
    expect(editorIssues(fresh)).toEqual([
      { code: 'title_missing' },
      { code: 'section_title_missing', section: 'A' },
      { code: 'item_text_missing', section: 'A', number: 1, field: 'text' },
      { code: 'item_text_missing', section: 'A', number: 1, field: 'guidance' },
      { code: 'item_text_missing', section: 'A', number: 1, field: 'evidence' },
    ]);
    let s = updateItem(state(), 1, 0, { text: ' ', guidance: 'x'.repeat(2001) });
    s = removeItem(s, 0, 0);
    s = removeItem(s, 0, 0);
    expect(editorIssues(s)).toEqual([
      { code: 'section_empty', section: 'A' },
      { code: 'item_text_missing', section: 'B', number: 1, field: 'text' },
      { code: 'too_long', section: 'B', number: 1, field: 'guidance', max: 2000 },
    ]);
  });

  it('numbers items through the checklist and gives them ids by section', () => {
    const body = toRequest(moveItem(state(), 0, 1, 1).state);
    expect(body.sections.map((s) => s.items.map((i) => `${i.id}/${i.number}/${i.text}`))).toEqual([
      ['A1/1/a1'],
      ['B2/2/a2', 'B3/3/b1'],
    ]);
  });

  it('trims texts and leaves out the key of a new template', () => {
    const s = newChecklist();
    const body = toRequest({
      ...s,
      title: '  Min lista ',
      sections: [{ code: 'A', title: ' S ', items: [{ text: ' q ', guidance: '', evidence: '' }] }],
    });
    expect(body).toEqual({
      title: 'Min lista',
      sections: [
        {
          code: 'A',
          title: 'S',
          items: [{ id: 'A1', number: 1, text: 'q', guidance: '', evidence: '' }],
        },
      ],
    });
  });
});
