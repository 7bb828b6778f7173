import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_LANG, LANG_STORAGE_KEY, Lang, isLang } from './languages';

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/** The UI language: Swedish by default, remembered in localStorage, mirrored to `<html lang>`. */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Lang>(DEFAULT_LANG);
  readonly lang = this.current.asReadonly();

  /** Loads the remembered language before the first render. */
  async init(): Promise<void> {
    const lang = storedLang();
    await firstValueFrom(this.transloco.load(lang)).catch(() => undefined);
    this.apply(lang);
  }

  async use(lang: Lang): Promise<void> {
    await firstValueFrom(this.transloco.load(lang));
    this.apply(lang);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }

  private apply(lang: Lang): void {
    this.transloco.setActiveLang(lang);
    this.current.set(lang);
    this.document.documentElement.lang = lang;
  }
}
