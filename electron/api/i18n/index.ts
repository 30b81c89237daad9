import { createInstance, type i18n, type TFunction } from 'i18next';
import { en } from './en';
import { id } from './id';
import { formatDate } from '../format';

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
  addFormatters(instance);
  return instance;
}

/**
 * Formatters messages can use: `{{date,isoDate}}` shows an ISO date as `24 April 2020` in the
 * reader's language, `{{missing,messageList}}` turns comma-separated message keys into their
 * texts (so an error raised without knowing the language can still list reasons in words).
 */
function addFormatters(instance: i18n): void {
  const langOf = (lng: string | undefined): Lang => (isLang(lng) ? lng : defaultLang);
  instance.services.formatter?.add('isoDate', (value: unknown, lng: string | undefined) => {
    try {
      return formatDate(String(value), langOf(lng));
    } catch {
      return String(value);
    }
  });
  // The listed messages see the values of the message that lists them (a reason naming `{{sheet}}`).
  instance.services.formatter?.add('messageList', (value: unknown, lng: string | undefined, values: Record<string, unknown> = {}) =>
    String(value)
      .split(',')
      .filter((key) => key !== '')
      .map((key) => instance.t(key, { ...values, lng: langOf(lng) }))
      .join('; '),
  );
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
