import { Anchor, Box, Breadcrumbs, Checkbox, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { memo, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecapFilterInput, WilayahItem, RecapWilayah } from '../../../../electron/api/procedures/recaps';
import { Loadable } from '../../components/Loadable';
import { routeHref } from '../../routes';
import { ChartPanel, NeedRealisedChart } from './charts';
import { Figure, type FigureMeasure } from './figures';
import { ItemCells, RecapHead } from './ProgramRecap';
import { RealisedByLevel } from './RealisedByLevel';
import { RecapTotals } from './RecapTotals';
import type { RecapView } from './recap-view';
import { useKeptProcedure } from './use-kept-procedure';

const rowMeasures = ['collaborators', 'aggregators', 'targets'] as const;
const moneyMeasures = ['rupiahPledged', 'rupiahRealised'] as const;

/** The item type the quantity columns and the chart show: the filter's, else the one most delivered. */
function defaultItem(recap: RecapWilayah, filterItem: string | undefined): string | null {
  const items = recap.totals.items;
  if (filterItem !== undefined && items.some((it) => it.itemTypeId === filterItem)) return filterItem;
  const ranked = [...items].sort((a, b) => Number(a.measure === 'rupiah') - Number(b.measure === 'rupiah') || b.realised - a.realised || b.need - a.need);
  return ranked[0]?.itemTypeId ?? null;
}

function WilayahTable({
  recap,
  view,
  filters,
  item,
  hideInactive,
}: {
  recap: RecapWilayah;
  view: RecapView;
  filters: RecapFilterInput;
  item: WilayahItem | undefined;
  hideInactive: boolean;
}) {
  const { t } = useTranslation();
  const levelName = t(`level.${recap.level}`);
  const childLevel = ({ kota: 'kecamatan', kecamatan: 'kelurahan', kelurahan: 'rw', rw: null } as const)[recap.level];
  const rows = hideInactive ? recap.rows.filter((row) => row.collaborators > 0 || row.items.length > 0) : recap.rows;
  // A wilayah lists only the item types it has figures for; a missing one shows zeros.
  const itemOf = (items: WilayahItem[]) => (item ? items.find((it) => it.itemTypeId === item.itemTypeId) : undefined);
  const figure = (measure: FigureMeasure, value: number, code: string | undefined, where: string) => (
    <Table.Td key={measure} ta="right">
      <Figure value={value} format={measure.startsWith('rupiah') ? 'compact' : 'number'} measure={measure} where={where} request={{ filters, regionCode: code }} testId={`fig-${code ?? 'total'}-${measure}`} />
    </Table.Td>
  );
  const totalCode = recap.parent?.code;
  return (
    // Not Table.ScrollContainer: its viewport lets the table grow to its widest content; here the columns share the width and wrap their headers.
    <Box style={{ overflowX: 'auto' }}>
      <Table miw={980} fz="sm" verticalSpacing={6} horizontalSpacing={6} highlightOnHover withTableBorder data-testid="recap-wilayah-table" data-level={recap.level} aria-label={t('recaps.byWilayah')}>
        <RecapHead first={levelName} transfers={false} />
        <Table.Tbody>
          {rows.map((row) => {
            const where = row.name;
            return (
              <Table.Tr key={row.code} data-testid="recap-wilayah-row" data-code={row.code}>
                <Table.Th scope="row" fw={500}>
                  {childLevel ? (
                    <Anchor
                      href={routeHref({ screen: 'recaps', ...view, parentCode: row.code })}
                      fz="sm"
                      aria-label={t('recapScreens.wilayah.drill', { level: t(`level.${childLevel}`), name: row.name })}
                      data-testid="recap-wilayah-drill"
                    >
                      {row.name}
                    </Anchor>
                  ) : (
                    row.name
                  )}
                  <Text size="xs" c="dimmed" ff="monospace">
                    {row.code}
                  </Text>
                </Table.Th>
                {rowMeasures.map((m) => figure(m, row[m], row.code, where))}
                <ItemCells item={itemOf(row.items)} filters={filters} where={item ? `${where} · ${item.itemType}` : where} regionCode={row.code} />
                {moneyMeasures.map((m) => figure(m, row[m], row.code, where))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} data-testid="recap-wilayah-total">
            <Table.Th scope="row">
              {t('recaps.totals')} · {recap.totals.name}
            </Table.Th>
            {rowMeasures.map((m) => figure(m, recap.totals[m], totalCode, recap.totals.name))}
            <ItemCells item={itemOf(recap.totals.items)} filters={filters} where={item ? `${recap.totals.name} · ${item.itemType}` : recap.totals.name} regionCode={totalCode} />
            {moneyMeasures.map((m) => figure(m, recap.totals[m], totalCode, recap.totals.name))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Box>
  );
}

/**
 * Realised against need of one item type per wilayah of the level. Memoised and fed deferred
 * values: after a drill the table paints first, the chart follows in a later frame.
 */
const WilayahChart = memo(function WilayahChart({ recap, itemTypeId }: { recap: RecapWilayah; itemTypeId: string | null }) {
  const { t } = useTranslation();
  const item = recap.totals.items.find((it) => it.itemTypeId === itemTypeId);
  if (!item) return null;
  const levelName = t(`level.${recap.level}`);
  const bars = recap.rows
    .map((row) => {
      const it = row.items.find((i) => i.itemTypeId === item.itemTypeId);
      return { name: row.name, need: it?.need ?? 0, realised: it?.realised ?? 0 };
    })
    .filter((bar) => bar.need > 0 || bar.realised > 0);
  return (
    <ChartPanel title={t('recapScreens.chart.wilayahTitle', { level: levelName, itemType: item.itemType, unit: item.unit })} testId="chart-wilayah">
      <NeedRealisedChart data={bars} money={item.measure === 'rupiah'} ariaLabel={t('recapScreens.chart.wilayahAria', { level: levelName, itemType: item.itemType })} />
    </ChartPanel>
  );
});

/**
 * Per wilayah: the kota, then (clicking one) its kecamatan, kelurahan and RW, with a breadcrumb
 * back up. Each level is one `recap:wilayah` call; levels already seen repaint from memory.
 */
export function WilayahRecap({ view, filters }: { view: RecapView; filters: RecapFilterInput }) {
  const { t } = useTranslation();
  const recap = useKeptProcedure('recap:wilayah', { filters, parentCode: view.parentCode });
  const [itemChoice, setItemChoice] = useState<string | null>(null);
  const [hideInactive, setHideInactive] = useState(false);
  const shown = recap.status === 'ready' ? recap.value : null;
  const itemTypeId =
    shown === null ? null : itemChoice !== null && shown.totals.items.some((it) => it.itemTypeId === itemChoice) ? itemChoice : defaultItem(shown, filters.itemTypeId);
  const chartRecap = useDeferredValue(shown);
  const chartItem = useDeferredValue(itemTypeId);

  return (
    <Loadable state={recap}>
      {(value) => {
        const stale = recap.status === 'ready' && recap.stale;
        const item = value.totals.items.find((it) => it.itemTypeId === itemTypeId);
        const trail = [{ code: null, name: t('recaps.province') }, ...[...value.ancestors, ...(value.parent ? [value.parent] : [])].map((r) => ({ code: r.code as string | null, name: r.name }))];
        return (
          <Stack gap="lg">
            <Group justify="space-between" align="center">
              <Breadcrumbs aria-label={t('recapScreens.wilayah.breadcrumb')} data-testid="recap-breadcrumbs">
                {trail.map((r, index) =>
                  index === trail.length - 1 ? (
                    <Text key={r.code ?? 'province'} fw={700} aria-current="page">
                      {r.name}
                    </Text>
                  ) : (
                    <Anchor key={r.code ?? 'province'} href={routeHref({ screen: 'recaps', ...view, parentCode: r.code })} data-testid="recap-breadcrumb">
                      {r.name}
                    </Anchor>
                  ),
                )}
              </Breadcrumbs>
              {stale && <Loader size="xs" aria-label={t('common.loading')} />}
            </Group>
            <Box style={{ opacity: stale ? 0.55 : 1, transition: 'opacity 120ms' }} aria-busy={stale} data-testid="recap-wilayah" data-parent={value.parent?.code ?? ''} data-stale={stale}>
              <Stack gap="lg">
                <RecapTotals totals={value.totals} filters={filters} regionCode={value.parent?.code} where={value.totals.name} withTransfers={false} />
                <RealisedByLevel filters={filters} parentCode={value.parent?.code ?? null} />
                <Group align="flex-end" gap="md">
                  <Select
                    label={t('recapScreens.wilayah.itemPick')}
                    placeholder={t('recapScreens.wilayah.itemPickNone')}
                    data={value.totals.items.map((it) => ({ value: it.itemTypeId, label: `${it.program} · ${it.itemType} (${it.unit})` }))}
                    value={item?.itemTypeId ?? null}
                    onChange={(v) => setItemChoice(v)}
                    allowDeselect={false}
                    w={380}
                    data-testid="recap-wilayah-item"
                  />
                  <Checkbox label={t('recapScreens.wilayah.inactive')} checked={hideInactive} onChange={(event) => setHideInactive(event.currentTarget.checked)} mb={8} />
                </Group>
                <Stack gap={4}>
                  <WilayahTable recap={value} view={view} filters={filters} item={item} hideInactive={hideInactive} />
                  <Text size="xs" c="dimmed">
                    {t('recapScreens.program.rupiahHeaderNote')}
                  </Text>
                </Stack>
                {chartRecap && <WilayahChart recap={chartRecap} itemTypeId={chartItem} />}
              </Stack>
            </Box>
          </Stack>
        );
      }}
    </Loadable>
  );
}
