import { newStemmer } from 'snowball-stemmers';

/**
 * Swedish word forms for full-text search on SQLite, where FTS5 has no Swedish stemmer: the
 * application stems both the indexed text and the query with the Snowball Swedish stemmer (the
 * same algorithm as PostgreSQL's `swedish` configuration), so "mutor" and "muta" both become
 * "mut". Snowball leaves the definite endings "-et" and "-an" alone ("jävet", "avtalet",
 * "mutan", "anmälan"), so a stem still ending in one of them after Snowball loses it when at
 * least three letters remain: "jävet" → "jäv", "avtalet" → "avtal", "mutan" → "mut",
 * "anmälan" → "anmäl" (= "anmäla"). A few unrelated words meet by this ("mellan" → "mell"); in
 * search that costs a little precision, never a missed article.
 * See ADR 0015.
 */
const snowball = newStemmer('swedish');

/**
 * Swedish stop words (the Snowball list, which PostgreSQL's `swedish` configuration also uses):
 * left out of queries on SQLite too, so "mutor och jäv" asks for the same words on both engines.
 */
const STOP_WORDS = new Set([
  'och',
  'det',
  'att',
  'i',
  'en',
  'jag',
  'hon',
  'som',
  'han',
  'på',
  'den',
  'med',
  'var',
  'sig',
  'för',
  'så',
  'till',
  'är',
  'men',
  'ett',
  'om',
  'hade',
  'de',
  'av',
  'icke',
  'mig',
  'du',
  'henne',
  'då',
  'sin',
  'nu',
  'har',
  'inte',
  'hans',
  'honom',
  'skulle',
  'hennes',
  'där',
  'min',
  'man',
  'ej',
  'vid',
  'kunde',
  'något',
  'från',
  'ut',
  'när',
  'efter',
  'upp',
  'vi',
  'dem',
  'vara',
  'vad',
  'över',
  'än',
  'dig',
  'kan',
  'sina',
  'här',
  'ha',
  'mot',
  'alla',
  'under',
  'någon',
  'eller',
  'allt',
  'mycket',
  'sedan',
  'ju',
  'denna',
  'själv',
  'detta',
  'åt',
  'utan',
  'varit',
  'hur',
  'ingen',
  'mitt',
  'ni',
  'bli',
  'blev',
  'oss',
  'din',
  'dessa',
  'några',
  'deras',
  'blir',
  'mina',
  'samma',
  'vilken',
  'er',
  'sådan',
  'vår',
  'blivit',
  'dess',
  'inom',
  'mellan',
  'sådant',
  'varför',
  'varje',
  'vilka',
  'ditt',
  'vem',
  'vilket',
  'sitta',
  'sådana',
  'vart',
  'dina',
  'vars',
  'vårt',
  'våra',
  'ert',
  'era',
  'vilkas',
]);

/** A word: letters and digits (Unicode), the same characters FTS5's unicode61 keeps. */
const WORD = /[\p{L}\p{N}]+/gu;

export interface Token {
  /** The word as written. */
  word: string;
  /** Offsets in the text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

/** The words of a text with their offsets (text is NFC-normalised first by the caller). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Lower-cases (Swedish rules) and stems one word. Å, ä and ö are kept. */
export function stemSwedish(word: string): string {
  const lower = word.normalize('NFC').toLocaleLowerCase('sv');
  const s = snowball.stem(lower);
  return s.length >= 5 && (s.endsWith('et') || s.endsWith('an')) ? s.slice(0, -2) : s;
}

/** The text as its stems, one per word, separated by single spaces (what FTS5 indexes). */
export function stemmedText(text: string): string {
  return tokens(text.normalize('NFC'))
    .map((t) => stemSwedish(t.word))
    .join(' ');
}

/** The stems of a query's words (stop words left out), in order, without duplicates. */
export function queryStems(q: string): string[] {
  const words = tokens(q.normalize('NFC'))
    .map((t) => t.word.toLocaleLowerCase('sv'))
    .filter((w) => !STOP_WORDS.has(w));
  return [...new Set(words.map((w) => stemSwedish(w)))];
}

/**
 * An FTS5 MATCH expression requiring every stem of the query (AND): each stem is a quoted
 * string, so no query character can act as FTS5 syntax. Null when the query has no words.
 */
export function ftsMatch(q: string): string | null {
  const stems = queryStems(q).slice(0, 20);
  if (!stems.length) return null;
  return stems.map((s) => `"${s.replace(/"/g, '""')}"`).join(' ');
}

/**
 * The query for PostgreSQL's second `websearch_to_tsquery('swedish', …)`: every word whose
 * Snowball stem still ends in "-et" or "-an" is replaced by the stem without it, so "jävet" also
 * finds "jäv" (PostgreSQL's Snowball leaves these endings, as it does before the rule above). Words,
 * quotes, OR and "-" keep their places. Null when nothing changes.
 */
export function definiteFormsQuery(q: string): string | null {
  let changed = false;
  const out = q.normalize('NFC').replace(WORD, (w) => {
    const lower = w.toLocaleLowerCase('sv');
    const s = stemSwedish(lower);
    if (s !== snowball.stem(lower)) {
      changed = true;
      return s;
    }
    return w;
  });
  return changed ? out : null;
}
