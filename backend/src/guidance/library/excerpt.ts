import { MARK_END, MARK_START } from './guidance.repository';
import { tokens } from './swedish-text';

/**
 * A search excerpt: plain text (never HTML) and the ranges of the words that matched, so the
 * frontend can wrap them in <mark> as text nodes.
 */
export interface Excerpt {
  text: string;
  highlights: Array<{ start: number; length: number }>;
}

const WINDOW = 30;
const BEFORE = 8;

/** An excerpt from text with MARK_START/MARK_END around matches (PostgreSQL's ts_headline). */
export function excerptFromMarked(marked: string): Excerpt {
  let text = '';
  const highlights: Excerpt['highlights'] = [];
  let open = -1;
  for (const ch of marked.replace(/\s+/g, ' ').trim()) {
    if (ch === MARK_START) open = text.length;
    else if (ch === MARK_END) {
      if (open >= 0 && text.length > open)
        highlights.push({ start: open, length: text.length - open });
      open = -1;
    } else text += ch;
  }
  return { text, highlights };
}

/**
 * An excerpt of `bodyText` around the words that FTS5's highlight() marked in the stemmed body
 * (SQLite). The stemmed body has one stem per word of `bodyText`, in order, so the n-th marked
 * stem is the n-th word of the text.
 */
export function excerptFromStems(bodyText: string, markedStems: string): Excerpt {
  const words = tokens(bodyText.normalize('NFC'));
  const matched = new Set<number>();
  let index = -1;
  let inWord = false;
  let inMark = false;
  for (const ch of markedStems) {
    if (ch === MARK_START) inMark = true;
    else if (ch === MARK_END) inMark = false;
    else if (/\s/.test(ch)) inWord = false;
    else {
      if (!inWord) {
        index++;
        inWord = true;
      }
      if (inMark) matched.add(index);
    }
  }
  if (!words.length) return { text: '', highlights: [] };
  const first = matched.size ? Math.min(...matched) : 0;
  const from = Math.max(0, first - BEFORE);
  const to = Math.min(words.length - 1, from + WINDOW - 1);
  const nfc = bodyText.normalize('NFC');
  // at the end of the text, the excerpt keeps what follows the last word (a full stop)
  const base = words[from].start;
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < words.length - 1 ? ' …' : '';
  const text =
    prefix +
    nfc.slice(base, suffix ? words[to].end : nfc.trimEnd().length).replace(/\s/g, ' ') +
    suffix;
  const highlights: Excerpt['highlights'] = [];
  for (let i = from; i <= to; i++)
    if (matched.has(i))
      highlights.push({
        start: prefix.length + words[i].start - base,
        length: words[i].end - words[i].start,
      });
  return { text, highlights };
}
