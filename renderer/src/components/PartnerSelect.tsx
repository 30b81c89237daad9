import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useLang } from '../api/use-lang';

export interface PartnerOption {
  id: string;
  name: string;
  isAggregator: boolean;
}

/**
 * Picks a partner by typing part of its name: the database searches (every word begins a word
 * of the name, legal forms ignored), 20 at a time. The chosen partner always stays in the list,
 * so its name shows even when the search no longer finds it.
 */
export function PartnerSelect({
  value,
  onChange,
  label,
  error,
  required,
  testId,
  excludeId,
  clearable,
  placeholder,
}: {
  /** A partner that may not be chosen (e.g. the one a duplicate is merged into). */
  excludeId?: string;
  value: PartnerOption | null;
  onChange: (partner: PartnerOption | null) => void;
  label: string;
  error?: string;
  required?: boolean;
  testId?: string;
  /** Offer an × that chooses no partner (a filter); a form field keeps its partner. */
  clearable?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labelOf = (p: PartnerOption) => (p.isAggregator ? `${p.name} ${t('agreements.form.aggregatorSuffix')}` : p.name);
  const [search, setSearch] = useState(value ? labelOf(value) : '');
  const [debounced] = useDebouncedValue(search, 200);
  const [found, setFound] = useState<PartnerOption[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  // Typing the chosen partner's own label is not a search: show the first partners instead.
  const q = value && debounced === labelOf(value) ? '' : debounced.trim();

  useEffect(() => {
    let current = true;
    call('partner:list', { q: q === '' ? undefined : q, limit: 20, sort: 'name' }, lang).then(
      (page) => {
        if (!current) return;
        setFound(page.rows.map((row) => ({ id: row.id, name: row.name, isAggregator: row.isAggregator })));
        setLoadError(null);
      },
      (caught: Error) => current && setLoadError(caught.message),
    );
    return () => {
      current = false;
    };
  }, [q, lang]);

  const options = [...(value ? [value] : []), ...found.filter((p) => p.id !== value?.id && p.id !== excludeId)];
  return (
    <Select
      label={label}
      placeholder={placeholder ?? t('agreements.form.partnerPlaceholder')}
      data={options.map((p) => ({ value: p.id, label: labelOf(p) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((p) => p.id === id) ?? null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The database already filtered; the list shows what it answered.
      filter={({ options: all }) => all}
      nothingFoundMessage={t('agreements.form.partnerNothingFound')}
      error={error ?? loadError ?? undefined}
      required={required}
      clearable={clearable}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={320}
    />
  );
}
