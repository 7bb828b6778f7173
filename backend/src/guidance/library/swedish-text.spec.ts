import { definiteFormsQuery, ftsMatch, queryStems, stemmedText, stemSwedish } from './swedish-text';
import { excerptFromMarked, excerptFromStems } from './excerpt';

describe('Swedish word forms for search', () => {
  it('gives inflected forms the same stem, case-insensitively, keeping å/ä/ö', () => {
    expect(stemSwedish('mutor')).toBe(stemSwedish('muta'));
    expect(stemSwedish('MUTAN')).toBe(stemSwedish('muta'));
    expect(stemSwedish('jävet')).toBe(stemSwedish('jäv'));
    expect(stemSwedish('Gåvorna')).toBe(stemSwedish('gåva'));
    expect(stemSwedish('avtalet')).toBe(stemSwedish('avtal'));
    expect(stemSwedish('ärendet')).toBe(stemSwedish('ärende'));
    expect(stemSwedish('Överlåtelse')).toMatch(/^överlåt/);
    expect(stemSwedish('jäv')).not.toBe(stemSwedish('jav'));
  });

  it('builds FTS5 queries that cannot carry FTS5 syntax', () => {
    expect(ftsMatch('Mutor och "jävet" OR NEAR(x)')).toBe('"mut" "jäv" "or" "near" "x"');
    expect(ftsMatch('och det att')).toBeNull();
    expect(ftsMatch('  ---  ')).toBeNull();
    expect(queryStems('mutor muta')).toEqual(['mut']);
    expect(stemmedText('Mutor, jävet!')).toBe('mut jäv');
  });

  it('rewrites definite neuter forms for PostgreSQL and leaves other words', () => {
    expect(definiteFormsQuery('jävet "avtalet" -mutor')).toBe('jäv "avtal" -mutor');
    expect(definiteFormsQuery('mutor')).toBeNull();
  });
});

describe('search excerpts', () => {
  it('turns ts_headline markers into text and ranges', () => {
    const e = excerptFromMarked('En \uE000muta\uE001 är  en \uE000förmån\uE001.');
    expect(e.text).toBe('En muta är en förmån.');
    expect(e.highlights.map((h) => e.text.slice(h.start, h.start + h.length))).toEqual([
      'muta',
      'förmån',
    ]);
  });

  it('maps FTS5 highlights of stems back onto the original words', () => {
    const body = 'Om någon erbjuder dig en muta ska du tacka nej. Mutor är brott.';
    const marked = stemmedText(body).replace(/\bmut\b/g, '\uE000mut\uE001');
    const e = excerptFromStems(body, marked);
    expect(e.text).toBe(body);
    expect(e.highlights.map((h) => e.text.slice(h.start, h.start + h.length))).toEqual([
      'muta',
      'Mutor',
    ]);
  });

  it('cuts long texts around the first match with ellipses', () => {
    const words = Array.from({ length: 100 }, (_, i) => `ord${i}`);
    words[60] = 'muta';
    const body = words.join(' ');
    const e = excerptFromStems(body, stemmedText(body).replace(/\bmut\b/, '\uE000mut\uE001'));
    expect(e.text.startsWith('… ord52')).toBe(true);
    expect(e.text.endsWith(' …')).toBe(true);
    expect(e.highlights).toHaveLength(1);
    expect(e.text.slice(e.highlights[0].start, e.highlights[0].start + 4)).toBe('muta');
  });
});
