export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
export const DEFAULT_LANG: Lang = 'sv';
export const LANG_STORAGE_KEY = 'varn.lang';

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}
