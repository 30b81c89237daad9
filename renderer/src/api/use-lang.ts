import { useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../../electron/api/i18n';

/** The UI language as the API's `Lang`. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return isLang(i18n.language) ? i18n.language : 'id';
}
