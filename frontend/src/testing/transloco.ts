import { EnvironmentProviders, importProvidersFrom } from '@angular/core';
import { TranslocoTestingModule } from '@jsverse/transloco';
import en from '../../public/i18n/en.json';
import sv from '../../public/i18n/sv.json';

/** Transloco with the real translation files, Swedish active, loaded synchronously. */
export function provideTranslocoTesting(): EnvironmentProviders {
  return importProvidersFrom(
    TranslocoTestingModule.forRoot({
      langs: { sv, en },
      translocoConfig: {
        availableLangs: ['sv', 'en'],
        defaultLang: 'sv',
        fallbackLang: 'sv',
        missingHandler: { useFallbackTranslation: true, logMissingKey: false },
      },
      preloadLangs: true,
    }),
  );
}

export const translations = { sv, en };
