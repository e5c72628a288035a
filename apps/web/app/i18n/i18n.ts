import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enGB from './en-GB.json';
import { PSEUDO_LANGUAGE, pseudoCatalogue } from './pseudo';
import { formatCount } from '@waymark/domain/figures';

/**
 * One message catalogue (en-GB.json) for every word the web app shows, through i18next. The
 * interface language is British English; a translation is another file beside it (Welsh next).
 * `sessionStorage['waymark:language'] = 'en-XA'` switches a tab to the pseudo-locale, which is how
 * the browser tests prove no words bypass the catalogue.
 */
export const DEFAULT_LANGUAGE = 'en-GB';
const LANGUAGE_KEY = 'waymark:language';

function chosenLanguage(): string {
  try {
    return sessionStorage.getItem(LANGUAGE_KEY) === PSEUDO_LANGUAGE ? PSEUDO_LANGUAGE : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export const language = chosenLanguage();
export const isPseudo = language === PSEUDO_LANGUAGE;

/** Where numbers in messages ({{count, number}}) are written: the organisation's locale, set by its layout. */
let numberLocale = DEFAULT_LANGUAGE;
export function setNumberLocale(locale: string): void {
  numberLocale = locale;
}

void i18next.use(initReactI18next).init({
  lng: language,
  fallbackLng: false,
  resources: {
    [DEFAULT_LANGUAGE]: { translation: enGB },
    ...(isPseudo ? { [PSEUDO_LANGUAGE]: { translation: pseudoCatalogue(enGB) } } : {}),
  },
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  react: { useSuspense: false },
});
i18next.services.formatter?.add('number', (value: unknown) => formatCount(Number(value), numberLocale));

document.documentElement.lang = language;

export { i18next };

/**
 * A message key made at run time (an enum value's words, "status.item.IN_PROGRESS"): the compiler
 * cannot check it, so the catalogue test checks every value of each such enum has its words.
 */
export const runtimeKey = (key: string) => key as 'common.dash';
