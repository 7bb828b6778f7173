import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import type { Translator } from '../errors/error-messages';

/** Translation helpers for TypeScript code (templates use the `transloco` pipe). */
@Injectable({ providedIn: 'root' })
export class I18n implements Translator {
  private readonly transloco = inject(TranslocoService);
  /** The active language; read it in a `computed` that translates, to follow language changes. */
  readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  t(key: string, params?: Record<string, unknown>): string {
    return this.transloco.translate<string>(key, params);
  }

  /** Whether the key exists in the active language or the fallback. */
  has(key: string): boolean {
    const active = this.transloco.getActiveLang();
    const fallback = this.transloco.config.defaultLang;
    return [active, fallback].some((lang) => {
      const translation = this.transloco.getTranslation(lang);
      return typeof translation[key] === 'string';
    });
  }
}
