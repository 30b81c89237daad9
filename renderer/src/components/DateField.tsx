import { ActionIcon, Box, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../electron/api/format';
import { useLang } from '../api/use-lang';

/**
 * `26/02/2024`, `26-2-2024`, `26.02.2024` (day first, as on an Indonesian PKS) or ISO
 * `2024-02-26` → `2024-02-26`; '' for nothing typed; null when the text is not a real date.
 */
export function parseDateText(text: string): string | null | '' {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  let y: number;
  let m: number;
  let d: number;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (dayFirst) [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // 31/02/2024 rolls over to March in Date.UTC: not a date.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return date.toISOString().slice(0, 10);
}

/** `2024-02-26` → `26/02/2024`. */
function dayFirst(iso: string): string {
  const [y, m, d] = iso.split('-');
  return iso === '' ? '' : `${d}/${m}/${y}`;
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M16 3v4M8 3v4M3 10h18" />
    </svg>
  );
}

/**
 * A date typed day first (`hh/bb/tttt`), whatever the browser's own locale would show in a
 * native date field, with the date spelled out under the label (`26 Februari 2024`) so a
 * mistyped month is seen at once. The calendar button opens the browser's date picker.
 * `onChange` gets ISO, '' when emptied, or null while the text is not a date.
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  testId,
}: {
  label: string;
  /** ISO date, '' or null (text that is not a date). */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  required?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState(value ? dayFirst(value) : '');
  const picker = useRef<HTMLInputElement>(null);

  const change = (next: string) => {
    setText(next);
    const parsed = parseDateText(next);
    onChange(parsed);
  };

  const shown = value ? formatDate(value, lang) : '\u00a0';
  return (
    <TextInput
      label={label}
      description={shown}
      placeholder={t('agreements.form.datePlaceholder')}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={() => value && setText(dayFirst(value))}
      error={error ?? (value === null ? t('agreements.form.dateInvalid') : undefined)}
      required={required}
      inputMode="numeric"
      autoComplete="off"
      data-testid={testId}
      rightSectionPointerEvents="all"
      rightSection={
        <Box pos="relative">
          <ActionIcon variant="subtle" color="gray" tabIndex={-1} aria-label={t('agreements.form.datePick')} onClick={() => picker.current?.showPicker()}>
            <CalendarIcon />
          </ActionIcon>
          <input
            ref={picker}
            type="date"
            tabIndex={-1}
            aria-hidden="true"
            value={value ?? ''}
            onChange={(event) => {
              const iso = event.currentTarget.value;
              setText(dayFirst(iso));
              onChange(iso);
            }}
            style={{ position: 'absolute', left: 0, bottom: 0, width: 1, height: 1, opacity: 0, pointerEvents: 'none', border: 0, padding: 0 }}
          />
        </Box>
      }
    />
  );
}
