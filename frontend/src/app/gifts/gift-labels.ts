/** Codes of the gift register (backend guidance-taxonomy.ts); labels live in `gifts.*`. */
export const GIFT_RELATIONS = [
  'arende',
  'tillstand',
  'tillsyn',
  'upphandling',
  'avtal',
  'faktura',
  'ingen',
] as const;
export type GiftRelation = (typeof GIFT_RELATIONS)[number];

export const GIFT_DECISIONS = ['godkand', 'avbojd', 'aterlamnas'] as const;
export type GiftDecision = (typeof GIFT_DECISIONS)[number];

/** What the person told the guide about the offer; prefills the register and the report. */
export interface GiftOffer {
  giverName: string;
  description: string;
  estimatedValue: string;
  receivedOn: string;
}

export const EMPTY_OFFER: GiftOffer = {
  giverName: '',
  description: '',
  estimatedValue: '',
  receivedOn: '',
};

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayLocal(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(
    now.getDate(),
  ).padStart(2, '0')}`;
}

/** Whole kronor from "1 250" or "1250"; null when not a whole non-negative number. */
export function parseKronor(value: string): number | null {
  const digits = value.replace(/[\s\u00a0]/g, '');
  if (!/^\d{1,9}$/.test(digits)) return null;
  return Number(digits);
}
