import { createInstance, type i18n, type TFunction } from 'i18next';
import { en } from './en';
import { id } from './id';

export const languages = ['id', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'id';

export const resources = {
  id: { translation: id },
  en: { translation: en },
} as const;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * A ready i18next instance over the shared messages. Synchronous (the resources are in memory),
 * so Node code can translate straight away; the renderer wraps the same instance for React.
 */
export function createI18n(lang: Lang): i18n {
  const instance = createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: defaultLang,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

const translators = new Map<Lang, TFunction>();

/** A translate function for Node-side messages (CLI output, API errors). */
export function translator(lang: Lang): TFunction {
  let t = translators.get(lang);
  if (!t) {
    t = createI18n(lang).t;
    translators.set(lang, t);
  }
  return t;
}
