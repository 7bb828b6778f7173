import type { SealedIdentity } from '../case-content';

/** Why a passage is masked, as the export lists it. */
export type MaskReason = 'identity' | 'handler';

/** A piece of text after masking: clear text, or a masked passage with its masking numbers. */
export type Segment = { text: string } | { masked: number[] };

export interface MaskingSummary {
  number: number;
  reason: MaskReason;
  /** How many times it was found and masked (never the masked text itself). */
  occurrences: number;
}

interface Pattern {
  number: number;
  regex: RegExp;
}

/** A letter or digit: identity terms are masked as whole words, not inside other words. */
const WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
/** …optionally with a genitive s ("Anna Svenssons"). */
const WORD_AFTER = 's?(?![\\p{L}\\p{N}_])';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normal = (s: string): string => s.normalize('NFC');

/**
 * Masks a case's text for a redacted copy (begäran om allmän handling, OSL 17:3 b, 32:3 b):
 *
 * - masking 1 is always the reporter's identity when the case has one: the full name, each part
 *   of it, the user name, the e-mail address and its local part, as whole words (with a genitive
 *   s), in any letter case — wherever they occur, messages included;
 * - then each passage the handler marked, every occurrence, in any letter case and with any
 *   white space between its words.
 *
 * Every occurrence of every mask is found on its own (overlapping masks included) and the union
 * is masked, so no part of a marked passage survives because another mask overlapped it. The
 * summary counts, per masking, the masked passages it took part in — never the masked text.
 */
export class Redactor {
  private readonly patterns: Pattern[] = [];
  private readonly summary = new Map<number, MaskingSummary>();

  constructor(
    identity: Pick<SealedIdentity, 'displayName' | 'username' | 'email'> | null,
    masks: readonly string[],
  ) {
    let next = 1;
    if (identity) {
      const number = next++;
      this.summary.set(number, { number, reason: 'identity', occurrences: 0 });
      for (const term of identityTerms(identity))
        this.patterns.push({
          number,
          regex: new RegExp(`${WORD_BEFORE}${escape(term)}${WORD_AFTER}`, 'giu'),
        });
    }
    const seen = new Set<string>();
    for (const raw of masks) {
      const mask = normal(raw);
      const folded = mask.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('sv');
      if (!mask.trim() || seen.has(folded)) continue;
      seen.add(folded);
      const number = next++;
      this.summary.set(number, { number, reason: 'handler', occurrences: 0 });
      // white space matches any white space: a passage copied across a line break still matches
      const source = mask.trim().split(/\s+/u).map(escape).join('\\s+');
      this.patterns.push({ number, regex: new RegExp(source, 'giu') });
    }
  }

  /** The maskings in number order, with their occurrence counts so far. */
  maskings(): MaskingSummary[] {
    return [...this.summary.values()].sort((a, b) => a.number - b.number);
  }

  /** The text with every occurrence of every mask replaced by a masked segment. */
  apply(input: string | null | undefined): Segment[] {
    if (!input) return [];
    const text = normal(input);
    const hits: Array<{ start: number; end: number; number: number }> = [];
    for (const p of this.patterns) {
      p.regex.lastIndex = 0;
      for (const m of text.matchAll(p.regex)) {
        if (!m[0]) continue;
        hits.push({ start: m.index, end: m.index + m[0].length, number: p.number });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Segment[] = [];
    let at = 0;
    let i = 0;
    while (i < hits.length) {
      const start = hits[i].start;
      let end = hits[i].end;
      const numbers = new Set<number>();
      while (i < hits.length && hits[i].start <= end) {
        end = Math.max(end, hits[i].end);
        numbers.add(hits[i].number);
        i++;
      }
      if (start > at) out.push({ text: text.slice(at, start) });
      // an occurrence is a masked passage: the full name counts once, not once per name part
      for (const n of numbers) this.summary.get(n)!.occurrences++;
      out.push({ masked: [...numbers].sort((a, b) => a - b) });
      at = end;
    }
    if (at < text.length) out.push({ text: text.slice(at) });
    return out;
  }

  /** `apply` as plain text, a masked passage written `■■■■■ [maskering N]`. */
  applyText(input: string | null | undefined): string {
    return this.apply(input)
      .map((s) => ('text' in s ? s.text : `${MASK_MARK}\u00a0${maskLabel(s.masked)}`))
      .join('');
  }
}

/**
 * What stands for a masked passage: black squares (U+25A0; the bundled Roboto has no █, and the
 * export also paints them on a black background, so they read as one bar).
 */
export const MASK_MARK = '■■■■■';

/** `[maskering 2]`, or `[maskering 1, 3]` where overlapping masks met (non-breaking spaces). */
export function maskLabel(numbers: readonly number[]): string {
  return `[maskering\u00a0${numbers.join(',\u00a0')}]`;
}

/** The words that identify the reporter, longest first. */
export function identityTerms(
  identity: Pick<SealedIdentity, 'displayName' | 'username' | 'email'>,
): string[] {
  const terms = new Set<string>();
  const add = (s: string | null | undefined) => {
    const t = normal(s ?? '').trim();
    if (t.length >= 2) terms.add(t);
  };
  add(identity.displayName);
  for (const part of normal(identity.displayName).split(/[\s\-–]+/u)) add(part);
  add(identity.username);
  add(identity.email);
  if (identity.email) {
    const local = identity.email.split('@')[0];
    add(local);
    for (const part of local.split(/[._+-]+/)) add(part);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}
