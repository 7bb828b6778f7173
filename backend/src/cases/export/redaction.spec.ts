import { identityTerms, Redactor } from './redaction';

/** The plain text with ordinary spaces (the labels use non-breaking ones). */
const plain = (r: Redactor, text: string) => r.applyText(text).replace(/\u00a0/g, ' ');

const anna = { displayName: 'Anna Ek-Berg', username: 'annaeb', email: 'anna.ekberg@kommun.se' };

describe('Redactor', () => {
  it('masks the identity as masking 1, every form, whole words and genitive, any case', () => {
    const r = new Redactor(anna, []);
    expect(
      plain(r, 'Hej, jag heter ANNA EK-BERG (annaeb, anna.ekberg@kommun.se). Annas bil. Annika.'),
    ).toBe(
      'Hej, jag heter ■■■■■ [maskering 1] (■■■■■ [maskering 1], ■■■■■ [maskering 1]). ■■■■■ [maskering 1] bil. Annika.',
    );
    expect(r.maskings()).toEqual([{ number: 1, reason: 'identity', occurrences: 4 }]);
  });

  it("numbers the handler's passages after the identity, counts every occurrence, never keeps the text", () => {
    const r = new Redactor(anna, ['Storgatan 12', 'storgatan  12', 'Nils']);
    const out = plain(r, 'Bor på Storgatan 12. STORGATAN 12 igen, och Nils vet.');
    expect(out).toBe(
      'Bor på ■■■■■ [maskering 2]. ■■■■■ [maskering 2] igen, och ■■■■■ [maskering 3] vet.',
    );
    expect(r.maskings()).toEqual([
      { number: 1, reason: 'identity', occurrences: 0 },
      { number: 2, reason: 'handler', occurrences: 2 },
      { number: 3, reason: 'handler', occurrences: 1 },
    ]);
    expect(JSON.stringify(r.maskings())).not.toMatch(/Storgatan|Nils/i);
  });

  it('masks the union of overlapping passages, so no part of either survives', () => {
    const r = new Redactor(null, ['abc def', 'def ghi']);
    expect(plain(r, 'x abc def ghi y')).toBe('x ■■■■■ [maskering 1, 2] y');
    expect(r.maskings().map((m) => m.occurrences)).toEqual([1, 1]);
  });

  it('starts at 1 for an anonymous case and leaves text without masks alone', () => {
    const r = new Redactor(null, ['hemlig']);
    expect(plain(r, 'Inget att dölja.')).toBe('Inget att dölja.');
    expect(plain(r, '')).toBe('');
    expect(r.maskings()).toEqual([{ number: 1, reason: 'handler', occurrences: 0 }]);
  });

  it('matches a passage across other white space (a line break in the text)', () => {
    const r = new Redactor(null, [' Storgatan  12 ']);
    expect(plain(r, 'Storgatan\n12 och Storgatan 12')).toBe(
      '■■■■■ [maskering 1] och ■■■■■ [maskering 1]',
    );
  });

  it('treats regular-expression characters in a passage literally', () => {
    const r = new Redactor(null, ['(a+b)*']);
    expect(plain(r, 'x (a+b)* aab')).toBe('x ■■■■■ [maskering 1] aab');
  });

  it('lists the identity words longest first: full name, parts, user name, e-mail and its parts', () => {
    expect(identityTerms(anna)).toEqual([
      'anna.ekberg@kommun.se',
      'Anna Ek-Berg',
      'anna.ekberg',
      'annaeb',
      'ekberg',
      'Anna',
      'Berg',
      'anna',
      'Ek',
    ]);
  });
});
