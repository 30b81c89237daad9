import { Anchor, Box, Button, Drawer, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../../electron/api/i18n';
import { formatDate, formatNumber, formatRupiah } from '../../../../electron/api/format';
import { type RecapRecord, type RecapRowSource, recapRowSources } from '../../../../electron/api/procedures/recaps';
import { call } from '../../api/client';
import { useLang } from '../../api/use-lang';
import { type Column, DataTable } from '../../components/DataTable';
import { DetailList } from '../../components/DetailList';
import { routeHref } from '../../routes';
import type { FigureRequest } from './figures';


/** A quantity in its unit: Rupiah for money items and fund transfers, else `1.234 paket`. */
function quantityText(record: RecapRecord, rupiahItems: ReadonlySet<string>): string {
  if (record.source === 'fund-transfers' || (record.itemTypeId !== null && rupiahItems.has(record.itemTypeId))) return formatRupiah(record.quantity);
  return `${formatNumber(record.quantity)} ${record.unit ?? ''}`.trim();
}

function dateText(record: RecapRecord, lang: Lang): string {
  const from = formatDate(record.date, lang);
  return record.dateTo === null || record.dateTo === record.date ? from : `${from} – ${formatDate(record.dateTo, lang)}`;
}

function placeText(record: RecapRecord): string {
  return [record.targetName, record.regionName].filter(Boolean).join(', ') || '—';
}

function Origin({ record, t }: { record: RecapRecord; t: TFunction }) {
  if (record.importBatchId === null) return <Text span fz="inherit" c="dimmed">{t('recapScreens.rows.originTyped', { user: record.createdBy })}</Text>;
  return <span title={record.importBatchId}>{t('recapScreens.rows.originImport', { file: record.importFileName ?? record.importBatchId, row: record.sourceRow ?? '—' })}</span>;
}

function columnsFor(source: RecapRowSource, t: TFunction, lang: Lang, rupiahItems: ReadonlySet<string>): Column<RecapRecord, never>[] {
  const date: Column<RecapRecord, never> = { key: 'date', label: t(source === 'needs' ? 'recapScreens.rows.period' : 'recapScreens.rows.date'), width: source === 'needs' ? '19%' : '12%', render: (r) => dateText(r, lang) };
  const partner: Column<RecapRecord, never> = { key: 'partner', label: t(source === 'fund-transfers' ? 'recaps.export.column.donor' : 'recapScreens.rows.partner'), width: '19%', render: (r) => <span title={r.partnerName ?? ''}>{r.partnerName ?? '—'}</span> };
  const aggregator: Column<RecapRecord, never> = { key: 'aggregator', label: t('recapScreens.rows.aggregator'), width: '14%', render: (r) => <span title={r.aggregatorName ?? ''}>{r.aggregatorName ?? '—'}</span> };
  const item: Column<RecapRecord, never> = { key: 'item', label: t('recapScreens.rows.item'), width: '15%', render: (r) => <span title={[r.program, r.itemType].filter(Boolean).join(' · ')}>{r.itemType ?? r.program ?? '—'}</span> };
  const quantity: Column<RecapRecord, never> = { key: 'quantity', label: t('recapScreens.rows.quantity'), width: '12%', align: 'right', render: (r) => quantityText(r, rupiahItems) };
  const place: Column<RecapRecord, never> = { key: 'place', label: t('recapScreens.rows.place'), width: '18%', render: (r) => <span title={placeText(r)}>{placeText(r)}</span> };
  const origin: Column<RecapRecord, never> = { key: 'origin', label: t('recapScreens.rows.origin'), width: '16%', render: (r) => <Origin record={r} t={t} /> };
  const status: Column<RecapRecord, never> = {
    key: 'status',
    label: t('recapScreens.rows.status'),
    width: '11%',
    render: (r) => (r.verificationStatus === null ? '—' : <span title={t(`recaps.verificationStatus.${r.verificationStatus}`)}>{t(`recaps.verificationStatus.${r.verificationStatus}`)}</span>),
  };
  switch (source) {
    case 'distributions':
      return [date, partner, aggregator, item, quantity, place, status, origin];
    case 'pledges':
      return [date, partner, aggregator, item, quantity, place, origin];
    case 'needs':
      return [date, place, item, quantity, origin];
    case 'fund-transfers':
      return [date, partner, aggregator, { ...item, label: t('recaps.measure.program') }, quantity, origin];
  }
}

function RecordDetail({ record, rupiahItems, onBack }: { record: RecapRecord; rupiahItems: ReadonlySet<string>; onBack: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap="md" data-testid="recap-record">
      <Group justify="space-between">
        <Text fw={600}>
          {t(`recaps.source.${record.source}`)} · {dateText(record, lang)}
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onBack} data-testid="recap-record-back" autoFocus>
          ← {t('recapScreens.rows.back')}
        </Button>
      </Group>
      <DetailList
        items={[
          { label: t(record.source === 'needs' ? 'recapScreens.rows.period' : 'recapScreens.rows.date'), value: dateText(record, lang) },
          { label: t(record.source === 'fund-transfers' ? 'recaps.export.column.donor' : 'recapScreens.rows.partner'), value: record.partnerName },
          { label: t('recapScreens.rows.aggregator'), value: record.aggregatorName },
          { label: t('recaps.measure.program'), value: record.program },
          { label: t('recapScreens.rows.item'), value: record.itemType },
          { label: t('recapScreens.rows.quantity'), value: quantityText(record, rupiahItems) },
          { label: t('recapScreens.rows.value'), value: record.valueRupiah === null ? null : formatRupiah(record.valueRupiah) },
          { label: t('recaps.export.column.target'), value: record.targetName },
          { label: t('recaps.export.column.regionName'), value: record.regionName && `${record.regionName} (${record.regionCode})` },
          { label: t('recapScreens.rows.status'), value: record.verificationStatus && t(`recaps.verificationStatus.${record.verificationStatus}`) },
          { label: t('recapScreens.rows.id'), value: <Text span ff="monospace" fz="xs">{record.id}</Text> },
        ]}
      />
      <Stack gap="xs" p="md" bg="gray.0" style={{ borderRadius: 8 }} data-testid="recap-record-origin">
        <Text size="sm" fw={600}>
          {t('recapScreens.rows.origin')}
        </Text>
        {record.importBatchId === null ? (
          <Text size="sm">
            {t('recapScreens.rows.typedIn')} — {t('recapScreens.rows.createdBy')}: {record.createdBy}
          </Text>
        ) : (
          <>
            <DetailList
              items={[
                { label: t('recapScreens.rows.batchFile'), value: record.importFileName },
                { label: t('recapScreens.rows.sourceRow'), value: record.sourceRow === null ? null : formatNumber(record.sourceRow) },
                { label: t('recapScreens.rows.batch'), value: <Text span ff="monospace" fz="xs">{record.importBatchId}</Text> },
                { label: t('recapScreens.rows.createdBy'), value: record.createdBy },
              ]}
              testId="recap-record-batch"
            />
            <Anchor href={routeHref({ screen: 'import-batches' })} size="sm">
              {t('recapScreens.rows.openBatches')}
            </Anchor>
          </>
        )}
      </Stack>
    </Stack>
  );
}

/**
 * The records behind one figure, paged by the database (`recap:rows`) in the virtualised table;
 * a row opens to all its fields and where it came from (import batch and source row, or who typed it).
 */
export function RecapRowsDrawer({
  request,
  rupiahItems,
  onClose,
}: {
  request: FigureRequest | null;
  rupiahItems: ReadonlySet<string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // The source and the open record belong to the figure they were chosen for.
  const [chosen, setChosen] = useState<{ for: FigureRequest; source: RecapRowSource; record: RecapRecord | null } | null>(null);
  const current = chosen !== null && chosen.for === request ? chosen : null;
  const source = current?.source ?? request?.source ?? 'distributions';
  const record = current?.record ?? null;
  // Fund transfers have no place and no target: a wilayah's or a target's figure has none behind it.
  const sources = recapRowSources.filter((s) => s !== 'fund-transfers' || (request?.regionCode === undefined && request?.targetId === undefined));

  // An object, not an array: JSON leaves out the coordinates a figure does not have (an array would turn them into nulls).
  const queryKey = JSON.stringify({ filters: request?.filters, regionCode: request?.regionCode, targetId: request?.targetId, source, lang });
  const fetchPage = useCallback(
    ({ offset, limit }: { offset: number; limit: number }) => {
      const { filters, regionCode, targetId } = JSON.parse(queryKey) as Pick<FigureRequest, 'filters' | 'regionCode' | 'targetId'>;
      return call('recap:rows', { filters, source, regionCode, targetId, offset, limit }, lang);
    },
    [queryKey, source, lang],
  );

  return (
    <Drawer
      opened={request !== null}
      onClose={onClose}
      position="right"
      size="min(1200px, 94vw)"
      title={
        <div>
          <Text fw={700}>{t('recapScreens.rows.title')}</Text>
          <Text size="sm" c="dimmed" data-testid="recap-rows-figure">
            {request?.title}
          </Text>
        </div>
      }
      data-testid="recap-rows"
    >
      {request && (
        <Stack gap="sm">
          {record && <RecordDetail record={record} rupiahItems={rupiahItems} onBack={() => setChosen({ for: request, source, record: null })} />}
          {/* Hidden, not unmounted, while a record is open: back returns to the same scroll position. */}
          <Box display={record ? 'none' : undefined}>
            <Stack gap="sm">
              <Group gap="sm">
                <Text size="sm" fw={500} id="recap-rows-source">
                  {t('recapScreens.rows.source')}
                </Text>
                <SegmentedControl
                  aria-labelledby="recap-rows-source"
                  value={source}
                  onChange={(value) => setChosen({ for: request, source: value as RecapRowSource, record: null })}
                  data={sources.map((s) => ({ value: s, label: t(`recaps.source.${s}`) }))}
                  data-testid="recap-rows-source"
                />
              </Group>
              <DataTable<RecapRecord, never>
                columns={columnsFor(source, t, lang, rupiahItems)}
                fetchPage={fetchPage}
                queryKey={queryKey}
                rowKey={(r) => r.id}
                onOpen={(r) => setChosen({ for: request, source, record: r })}
                height="calc(100vh - 190px)"
                testId="recap-rows-table"
              />
            </Stack>
          </Box>
        </Stack>
      )}
    </Drawer>
  );
}
