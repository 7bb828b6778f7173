import { localDateOf } from '../core/domain/local-date';

/** `2026-Q3`: a calendar quarter, the finest time grain of the de-identified facts. */
export type Quarter = string & { readonly __brand: 'Quarter' };

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function isQuarter(value: unknown): value is Quarter {
  return typeof value === 'string' && QUARTER_PATTERN.test(value);
}

/** The quarter a moment falls in, in Swedish time. */
export function quarterOf(at: Date): Quarter {
  const [y, m] = localDateOf(at).split('-').map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}` as Quarter;
}

function index(q: Quarter): number {
  const m = QUARTER_PATTERN.exec(q)!;
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

function fromIndex(i: number): Quarter {
  return `${Math.floor(i / 4)}-Q${(i % 4) + 1}` as Quarter;
}

/** `q` moved by `n` quarters. */
export function addQuarters(q: Quarter, n: number): Quarter {
  return fromIndex(index(q) + n);
}

/** Every quarter from `from` to `to`, both included (empty when from is after to). */
export function quartersBetween(from: Quarter, to: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let i = index(from); i <= index(to); i++) out.push(fromIndex(i));
  return out;
}
