import 'i18next';
import type enGB from './en-GB.json';

// Keys are checked against the catalogue at compile time: a t('…') with no message fails typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof enGB };
    returnNull: false;
  }
}
