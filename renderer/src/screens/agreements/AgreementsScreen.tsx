import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../electron/api/contract';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import { agreementStatusValues, type AgreementRow } from '../../../../electron/api/procedures/agreements';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { useProcedure } from '../../api/use-procedure';
import { type Column, DataTable, type PageRequest } from '../../components/DataTable';
import { ExportMenu, workbookAndCsv } from '../../components/ExportMenu';
import { navigate, routeHref } from '../../routes';
import { type AgreementStatus, DaysLeft, StatusBadge, useLang } from './agreement-view';

type Sort = NonNullable<Input<'agreement:list'>['sort']>;

interface Filters {
  q: string;
  status: AgreementStatus | null;
  expiring: '30' | '60' | '90' | null;
  agencyId: string | null;
  programId: string | null;
}

const emptyFilters: Filters = { q: '', status: null, expiring: null, agencyId: null, programId: null };
const FILTERS_KEY = 'ksbb-agreement-filters';

/** The filters survive going to a PKS and back (for this tab only). */
function savedFilters(): Filters {
  try {
    const saved = JSON.parse(sessionStorage.getItem(FILTERS_KEY) ?? 'null') as Partial<Filters> | null;
    return { ...emptyFilters, ...saved };
  } catch {
    return emptyFilters;
  }
}

/** Daftar PKS: search, filters (status as of today, ending within 30/60/90 days, SKPD, program) and a big SQL-paged table. */
export function AgreementsScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const [filters, setFiltersState] = useState<Filters>(savedFilters);
  const [q] = useDebouncedValue(filters.q.trim(), 250);
  const programs = useProcedure('program:list', {});
  const agencies = useProcedure('agency:list', {});
  // The table's order (none picked: the list's own default), so that "Ekspor" writes the rows as listed.
  const [order, setOrder] = useState<{ column?: Sort; direction: 'asc' | 'desc' }>({ direction: 'asc' });

  const setFilters = (change: Partial<Filters>) =>
    setFiltersState((previous) => {
      const next = { ...previous, ...change };
      sessionStorage.setItem(FILTERS_KEY, JSON.stringify(next));
      return next;
    });

  const query = useMemo(
    () => ({
      q: q === '' ? undefined : q,
      status: filters.status ?? undefined,
      expiringWithinDays: filters.expiring === null ? undefined : Number(filters.expiring),
      agencyId: filters.agencyId ?? undefined,
      programId: filters.programId ?? undefined,
    }),
    [q, filters.status, filters.expiring, filters.agencyId, filters.programId],
  );

  const fetchPage = useCallback(
    (request: PageRequest<Sort>) => call('agreement:list', { ...query, ...request }, lang),
    [query, lang],
  );

  const columns: Column<AgreementRow, Sort>[] = [
    {
      key: 'number',
      label: t('agreements.field.number'),
      sort: 'number',
      width: '21%',
      render: (row) => (
        <Anchor href={routeHref({ screen: 'agreement', id: row.id })} fz="sm" fw={600} tabIndex={-1} title={row.number} onClick={(event) => event.stopPropagation()}>
          {row.number}
        </Anchor>
      ),
    },
    {
      key: 'partner',
      label: t('agreements.field.partner'),
      width: '19%',
      render: (row) => (
        <span title={row.partnerName}>
          {row.partnerName}
          {row.isAggregator ? (
            <Text span size="xs" c="dimmed">
              {' '}
              {t('agreements.form.aggregatorSuffix')}
            </Text>
          ) : null}
        </span>
      ),
    },
    { key: 'agency', label: t('agreements.filter.agency'), width: '8%', render: (row) => row.agencyName ?? '—' },
    { key: 'status', label: t('agreements.field.effectiveStatus'), width: '14%', render: (row) => <StatusBadge status={row.effectiveStatus} /> },
    {
      key: 'validUntil',
      label: t('agreements.field.validUntil'),
      sort: 'validUntil',
      width: '12%',
      render: (row) => (row.validUntil === null ? '—' : formatDate(row.validUntil, lang)),
    },
    { key: 'daysLeft', label: t('agreements.field.daysLeft'), width: '17%', render: (row) => <DaysLeft row={row} /> },
    { key: 'documents', label: t('agreements.field.documents'), width: '9%', align: 'right', render: (row) => formatNumber(row.documentCount) },
  ];

  const statusOptions = agreementStatusValues.map((status) => ({ value: status, label: t(`agreements.status.${status}`) }));
  const expiringOptions = (['30', '60', '90'] as const).map((days) => ({ value: days, label: t('agreements.filter.expiringDays', { days }) }));
  const programOptions = programs.status === 'ready' ? programs.value.map((p) => ({ value: p.id, label: p.name })) : [];
  const agencyOptions = agencies.status === 'ready' ? agencies.value.rows.map((a) => ({ value: a.id, label: a.shortName })) : [];
  const filtered = filters.q !== '' || filters.status !== null || filters.expiring !== null || filters.agencyId !== null || filters.programId !== null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2}>{t('agreements.title')}</Title>
          <Text c="dimmed">{t('agreements.subtitle')}</Text>
        </div>
        <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
          <ExportMenu
            groups={[{ choices: workbookAndCsv({ kind: 'agreements', agreementList: { ...query, sort: order.column, direction: order.direction } }, t, 'agreements-export') }]}
            testId="agreements-export"
          />
          {can('agreement:create') && (
            <Button component="a" href={routeHref({ screen: 'agreement-new', partnerId: null })} data-testid="agreement-new">
              {t('agreements.newAgreement')}
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="xs" role="search" aria-label={t('agreements.filter.q')}>
        <TextInput
          label={t('agreements.filter.q')}
          value={filters.q}
          onChange={(event) => setFilters({ q: event.currentTarget.value })}
          onKeyDown={(event) => {
            // Down from the search box goes into the table, as in a spreadsheet.
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="agreements-table-row"]')?.focus();
            }
          }}
          type="search"
          data-testid="agreement-filter-q"
          autoFocus
        />
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Select
            label={t('agreements.filter.status')}
            placeholder={t('agreements.filter.anyStatus')}
            data={statusOptions}
            value={filters.status}
            onChange={(value) => setFilters({ status: value as AgreementStatus | null })}
            clearable
            data-testid="agreement-filter-status"
          />
          <Select
            label={t('agreements.filter.expiring')}
            placeholder={t('agreements.filter.anyTime')}
            data={expiringOptions}
            value={filters.expiring}
            onChange={(value) => setFilters({ expiring: value as Filters['expiring'] })}
            clearable
            data-testid="agreement-filter-expiring"
          />
          <Select
            label={t('agreements.filter.agency')}
            placeholder={t('agreements.filter.anyAgency')}
            data={agencyOptions}
            value={filters.agencyId}
            onChange={(value) => setFilters({ agencyId: value })}
            clearable
            searchable
            data-testid="agreement-filter-agency"
          />
          <Select
            label={t('agreements.filter.program')}
            placeholder={t('agreements.filter.anyProgram')}
            data={programOptions}
            value={filters.programId}
            onChange={(value) => setFilters({ programId: value })}
            clearable
            searchable
            data-testid="agreement-filter-program"
          />
        </SimpleGrid>
        {filtered && (
          <Group justify="flex-end">
            <Button variant="subtle" size="compact-sm" onClick={() => setFilters(emptyFilters)} data-testid="agreement-filter-clear">
              {t('agreements.filter.clear')}
            </Button>
          </Group>
        )}
      </Stack>
      <DataTable<AgreementRow, Sort>
        columns={columns}
        fetchPage={fetchPage}
        queryKey={JSON.stringify([query, lang])}
        rowKey={(row) => row.id}
        onOpen={(row) => navigate({ screen: 'agreement', id: row.id })}
        onSortChange={setOrder}
        height="calc(100vh - 400px)"
        testId="agreements-table"
      />
    </Stack>
  );
}
