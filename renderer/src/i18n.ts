import { createI18n, defaultLang } from '../../electron/api/i18n';

/** The same messages and i18next setup as the Node side; App provides it to React. */
export const i18n = createI18n(defaultLang);
