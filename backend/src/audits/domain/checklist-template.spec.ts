import {
  checklistItems,
  DEFAULT_CHECKLIST_TEMPLATE,
  validateChecklistTemplate,
  type ChecklistTemplate,
} from './checklist-template';

const clone = (t: ChecklistTemplate): ChecklistTemplate => structuredClone(t);

describe('default checklist template', () => {
  const items = checklistItems(DEFAULT_CHECKLIST_TEMPLATE);
  it('has 28 items numbered 1–28 in sections A–H', () => {
    expect(DEFAULT_CHECKLIST_TEMPLATE.sections.map((s) => [s.code, s.items.length])).toEqual([
      ['A', 6],
      ['B', 4],
      ['C', 3],
      ['D', 5],
      ['E', 3],
      ['F', 4],
      ['G', 2],
      ['H', 1],
    ]);
    expect(items.map((i) => i.number)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    expect(items[0].id).toBe('A1');
    expect(items[27].id).toBe('H28');
    expect(DEFAULT_CHECKLIST_TEMPLATE.version).toBe(1);
  });
  it('gives every item Swedish text, guidance and expected evidence', () => {
    for (const i of items) {
      expect(i.text.length).toBeGreaterThan(5);
      expect(i.guidance.length).toBeGreaterThan(40);
      expect(i.evidence.length).toBeGreaterThan(10);
      expect(i.guidance).not.toBe(i.text);
    }
  });
  it('names the key §5 controls in the right places', () => {
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('A2')!.text).toMatch(/verklig huvudman/i);
    expect(byId.get('B8')!.text).toMatch(/Kronofogden/);
    expect(byId.get('C12')!.text).toMatch(/led/);
    expect(byId.get('F23')!.text).toMatch(/annan kanal/);
    expect(byId.get('G27')!.guidance).toMatch(
      /vite.*hävning.*Ekobrottsmyndigheten.*polisen.*Skatteverket/,
    );
    expect(byId.get('H28')!.text).toMatch(/Jävsdeklarationer/);
  });
  it('is valid', () => {
    expect(validateChecklistTemplate(DEFAULT_CHECKLIST_TEMPLATE)).toEqual([]);
  });
});

describe('validateChecklistTemplate', () => {
  it('refuses duplicates, empty sections, missing texts and bad ids', () => {
    const t = clone(DEFAULT_CHECKLIST_TEMPLATE);
    t.sections[1].items[0].id = 'A1';
    t.sections[2].items = [];
    t.sections[3].items[0].evidence = ' ';
    t.sections[4].code = 'A';
    t.sections[5].items[0].id = 'F 22';
    t.title = '';
    expect(validateChecklistTemplate(t)).toEqual([
      { code: 'title_missing' },
      { code: 'duplicate_item', item: 'A1' },
      { code: 'section_empty', section: 'C' },
      { code: 'text_missing', item: 'D14', field: 'evidence' },
      { code: 'duplicate_section', section: 'A' },
      { code: 'invalid_id', id: 'F 22' },
    ]);
  });
  it('refuses an empty or oversized template', () => {
    expect(validateChecklistTemplate({ ...DEFAULT_CHECKLIST_TEMPLATE, sections: [] })).toEqual([
      { code: 'checklist_empty' },
    ]);
    const big = clone(DEFAULT_CHECKLIST_TEMPLATE);
    big.sections[0].items = Array.from({ length: 201 }, (_, n) => ({
      id: `X${n}`,
      number: n,
      text: 'Fråga',
      guidance: 'Vägledning',
      evidence: 'Underlag',
    }));
    expect(validateChecklistTemplate(big)).toContainEqual({
      code: 'checklist_too_large',
      max: 200,
    });
  });
});
