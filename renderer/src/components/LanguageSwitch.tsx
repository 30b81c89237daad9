import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLang, languages } from '../../../electron/api/i18n';
import { call } from '../api/client';

/** Switches the UI language and keeps the choice in this installation's settings. */
export function LanguageSwitch({ onError }: { onError: (error: Error) => void }) {
  const { t, i18n } = useTranslation();
  const change = (value: string) => {
    if (!isLang(value)) return;
    call('settings:set', { language: value }, value).then(
      (saved) => i18n.changeLanguage(saved.language),
      (error: Error) => onError(error),
    );
  };
  return (
    <SegmentedControl
      aria-label={t('nav.language')}
      data-testid="language-switch"
      size="xs"
      value={i18n.language}
      onChange={change}
      data={languages.map((lang) => ({ value: lang, label: lang.toUpperCase() }))}
    />
  );
}
