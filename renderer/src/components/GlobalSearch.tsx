import { Autocomplete, type ComboboxItemGroup } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract';
import { call } from '../api/client';
import { useLang } from '../api/use-lang';
import { navigate, type Route } from '../routes';

type Hits = Output<'search:global'>;

/** One search box over partners, agreements and targets (FTS5 in the core); Enter opens a hit. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hits | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      if (q.trim().length < 2) {
        setHits(null);
        return;
      }
      call('search:global', { q, limit: 5 }, lang).then(
        (result) => current && setHits(result),
        () => current && setHits(null),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, lang]);

  const routes = new Map<string, Route>();
  const group = (label: string, list: Hits['partners'], route: (id: string) => Route): ComboboxItemGroup<{ value: string; label: string }> => ({
    group: label,
    items: list.map((hit) => {
      const value = `${label}:${hit.id}`;
      routes.set(value, route(hit.id));
      return { value, label: hit.subtitle ? `${hit.title} — ${hit.subtitle}` : hit.title };
    }),
  });
  const data = hits
    ? [
        group(t('partners.search.partners'), hits.partners, (id) => ({ screen: 'partner', id })),
        group(t('partners.search.agreements'), hits.agreements, (id) => ({ screen: 'agreement', id })),
        group(t('partners.search.targets'), hits.targets, (id) => ({ screen: 'target', id })),
      ].filter((g) => g.items.length > 0)
    : [];

  return (
    <Autocomplete
      aria-label={t('partners.search.placeholder')}
      placeholder={t('partners.search.placeholder')}
      value={q}
      onChange={setQ}
      data={data}
      filter={({ options }) => options}
      onOptionSubmit={(value) => {
        const route = routes.get(value);
        if (route) navigate(route);
        setQ('');
        setHits(null);
      }}
      w={{ base: 180, md: 360 }}
      data-testid="global-search"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
