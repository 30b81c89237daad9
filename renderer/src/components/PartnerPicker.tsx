import { Select } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useLang } from '../api/use-lang';

interface Option {
  value: string;
  label: string;
}

/** Chooses a partner by typing part of its name; the database searches (100,000s of partners). */
export function PartnerPicker({
  label,
  value,
  onChange,
  excludeId,
  role,
  error,
  testId,
}: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  excludeId?: string;
  role?: 'collaborator' | 'aggregator';
  error?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [selected, setSelected] = useState<Option | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call('partner:list', { q: search.trim() === '' ? undefined : search, role, limit: 20, offset: 0, direction: 'asc', sort: 'name' }, lang).then(
        (page) =>
          current &&
          setOptions(
            page.rows
              .filter((row) => row.id !== excludeId)
              .map((row) => ({ value: row.id, label: row.isAggregator ? `${row.name} (${t('partners.role.aggregator')})` : row.name })),
          ),
        () => current && setOptions([]),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, role, excludeId, lang, t]);

  // A partner chosen before (editing a record) needs its name even when it is not in the results.
  useEffect(() => {
    if (!value || selected?.value === value) return;
    let current = true;
    call('partner:get', { id: value }, lang).then(
      (partner) => current && setSelected({ value: partner.id, label: partner.name }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [value, selected, lang]);

  const data = selected && !options.some((o) => o.value === selected.value) ? [selected, ...options] : options;
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(id, option) => {
        setSelected(id ? option : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={t('partners.search.none')}
      clearable
      error={error}
      data-testid={testId}
    />
  );
}
