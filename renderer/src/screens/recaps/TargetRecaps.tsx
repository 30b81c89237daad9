import { Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatRupiah, overlapPartnersText } from '../../../../electron/api/format';
import type { OverlapRow, RecapFilterInput, UnservedRow } from '../../../../electron/api/procedures/recaps';
import { call } from '../../api/client';
import { useLang } from '../../api/use-lang';
import { type Column, DataTable } from '../../components/DataTable';
import { Figure, useOpenFigure } from './figures';

/** Where an overlap row is, in words: its target, or (none named) its wilayah with the code (an RW's name is only its number). */
function placeOf(row: { targetName: string | null; regionName: string; regionCode: string }): string {
  return row.targetName ?? `${row.regionName} (${row.regionCode})`;
}

/** The figure coordinates of a row: its target, or (none named) its wilayah; its item type. */
function coordinatesOf(row: OverlapRow | UnservedRow, filters: RecapFilterInput) {
  return {
    filters: { ...filters, programId: row.programId, itemTypeId: row.itemTypeId },
    ...(row.targetId ? { targetId: row.targetId } : { regionCode: row.regionCode }),
  };
}

/**
 * Tumpang tindih: places that received one item type from several deliverers beyond their need
 * (or with no need recorded), with the partners involved. Paged by the database.
 */
export function OverlapRecap({ filters, rupiahItems }: { filters: RecapFilterInput; rupiahItems: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const open = useOpenFigure();
  const lang = useLang();
  const [counts, setCounts] = useState<{ key: string; beyondNeed: number; noNeed: number } | null>(null);
  const queryKey = JSON.stringify([filters, lang]);
  const fetchPage = useCallback(
    async ({ offset, limit }: { offset: number; limit: number }) => {
      const page = await call('recap:overlap', { filters: (JSON.parse(queryKey) as [RecapFilterInput])[0], offset, limit }, lang);
      setCounts({ key: queryKey, beyondNeed: page.beyondNeed, noNeed: page.noNeed });
      return page;
    },
    [queryKey, lang],
  );
  const formatOf = (row: OverlapRow) => (rupiahItems.has(row.itemTypeId) ? 'rupiah' : 'number');
  const amount = (row: OverlapRow, value: number) => (rupiahItems.has(row.itemTypeId) ? formatRupiah(value) : formatNumber(value));

  const columns: Column<OverlapRow, never>[] = [
    {
      key: 'place',
      label: t('recapScreens.overlap.place'),
      width: '18%',
      render: (row) => <span title={`${placeOf(row)} · ${row.regionName} (${row.regionCode})`}>{placeOf(row)}</span>,
    },
    {
      key: 'item',
      label: t('recaps.measure.itemType'),
      width: '14%',
      render: (row) => <span title={`${row.program} · ${row.itemType} (${row.unit})`}>{row.itemType}</span>,
    },
    {
      key: 'need',
      label: t('recaps.measure.need'),
      width: '10%',
      align: 'right',
      render: (row) =>
        row.need === null ? (
          '—'
        ) : (
          <Figure value={row.need} format={formatOf(row)} measure="need" where={`${placeOf(row)} · ${row.itemType}`} request={coordinatesOf(row, filters)} />
        ),
    },
    {
      key: 'realised',
      label: t('recaps.measure.realised'),
      width: '10%',
      align: 'right',
      render: (row) => (
        <Figure value={row.realised} format={formatOf(row)} measure="realised" where={`${placeOf(row)} · ${row.itemType}`} request={coordinatesOf(row, filters)} testId="overlap-realised" />
      ),
    },
    { key: 'excess', label: t('recaps.measure.excess'), width: '10%', align: 'right', render: (row) => (row.excess === null ? '—' : amount(row, row.excess)) },
    {
      key: 'reason',
      label: t('recaps.measure.reason'),
      width: '16%',
      render: (row) => (
        <Stack gap={0}>
          <Text span fz="sm" c={row.reason === 'beyond_need' ? 'orange.8' : 'dimmed'}>
            {t(`recaps.overlapReason.${row.reason}`)}
          </Text>
          <Text span fz="xs" c="dimmed" title={t(`recaps.overlapExplanation.${row.explanation}`)} data-testid="overlap-explanation">
            {t(`recaps.overlapExplanationShort.${row.explanation}`)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'partners',
      label: t('recaps.measure.partners'),
      width: '22%',
      render: (row) => {
        const text = overlapPartnersText(row.partners, (value) => amount(row, value), t);
        return <span title={text}>{text}</span>;
      },
    },
  ];

  const shown = counts?.key === queryKey ? counts : null;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('recapScreens.overlap.explain')}
      </Text>
      {shown && (
        <Text size="sm" fw={500} data-testid="overlap-summary">
          {t('recapScreens.overlap.summary', { beyondNeed: formatNumber(shown.beyondNeed), noNeed: formatNumber(shown.noNeed) })}
        </Text>
      )}
      <DataTable<OverlapRow, never>
        columns={columns}
        fetchPage={fetchPage}
        queryKey={queryKey}
        rowKey={(row) => `${row.targetId ?? row.regionCode}-${row.itemTypeId}`}
        onOpen={(row) => open({ ...coordinatesOf(row, filters), source: 'distributions', title: `${t('recaps.measure.realised')} · ${placeOf(row)} · ${row.itemType}` })}
        height="calc(100vh - 430px)"
        testId="overlap-table"
      />
    </Stack>
  );
}

/** Belum terlayani: targets with a need in the period and nothing of that item delivered. */
export function UnservedRecap({ filters, rupiahItems }: { filters: RecapFilterInput; rupiahItems: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const open = useOpenFigure();
  const lang = useLang();
  const queryKey = JSON.stringify([filters, lang]);
  const fetchPage = useCallback(
    ({ offset, limit }: { offset: number; limit: number }) => call('recap:unserved', { filters: (JSON.parse(queryKey) as [RecapFilterInput])[0], offset, limit }, lang),
    [queryKey, lang],
  );
  const columns: Column<UnservedRow, never>[] = [
    { key: 'target', label: t('recaps.export.column.target'), width: '26%', render: (row) => <span title={row.targetName}>{row.targetName}</span> },
    { key: 'kind', label: t('partners.field.target.kind'), width: '14%', render: (row) => t(`partners.targetKind.${row.targetKind}`) },
    { key: 'region', label: t('recapScreens.unserved.region'), width: '18%', render: (row) => <span title={row.regionCode}>{`${row.regionName} (${row.regionCode})`}</span> },
    { key: 'program', label: t('recaps.measure.program'), width: '12%', render: (row) => row.program },
    { key: 'item', label: t('recaps.measure.itemType'), width: '18%', render: (row) => <span title={`${row.itemType} (${row.unit})`}>{row.itemType}</span> },
    {
      key: 'need',
      label: t('recaps.measure.need'),
      width: '12%',
      align: 'right',
      render: (row) => (
        <Figure value={row.need} format={rupiahItems.has(row.itemTypeId) ? 'rupiah' : 'number'} measure="need" where={`${row.targetName} · ${row.itemType}`} request={coordinatesOf(row, filters)} testId="unserved-need" />
      ),
    },
  ];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('recapScreens.unserved.explain')}
      </Text>
      <DataTable<UnservedRow, never>
        columns={columns}
        fetchPage={fetchPage}
        queryKey={queryKey}
        rowKey={(row) => `${row.targetId}-${row.itemTypeId}`}
        onOpen={(row) => open({ ...coordinatesOf(row, filters), source: 'needs', title: `${t('recaps.measure.need')} · ${row.targetName} · ${row.itemType}` })}
        height="calc(100vh - 400px)"
        testId="unserved-table"
      />
    </Stack>
  );
}
