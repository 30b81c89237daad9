import { Box, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../../electron/api/format';
import type { RecapFilterInput, RecapItem, RecapProgram, RecapRow, WilayahItem } from '../../../../electron/api/procedures/recaps';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';
import { NeedRealisedChart, ChartPanel, TimelineChart } from './charts';
import { Figure, type FigureMeasure } from './figures';
import { RealisedByLevel } from './RealisedByLevel';
import { RecapTotals } from './RecapTotals';

const rowMeasures = ['collaborators', 'aggregators', 'targets'] as const;
const quantityMeasures = ['need', 'pledged', 'realised'] as const;
const moneyMeasures = ['rupiahPledged', 'rupiahRealised'] as const;

/** Column headers, the core's measure names (the export writes the same ones). */
export function RecapHead({ first, transfers }: { first: string; transfers: boolean }) {
  const { t } = useTranslation();
  const head = (key: string) => (
    <Table.Th key={key} ta="right" fz="xs" style={{ verticalAlign: 'bottom' }}>
      {t(`recaps.measure.${key}`)}
    </Table.Th>
  );
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th fz="xs" style={{ verticalAlign: 'bottom' }}>
          {first}
        </Table.Th>
        {rowMeasures.map(head)}
        {quantityMeasures.map(head)}
        {head('coverage')}
        {moneyMeasures.map(head)}
        {transfers && head('rupiahTransferred')}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * One item type's quantity measures as table cells, in the item's unit (Rupiah for a money item;
 * the unit is named beside the item). Tables leave "Rp" out of cells: the header says it.
 */
export function ItemCells({
  item,
  filters,
  where,
  regionCode,
}: {
  /** Undefined: the place has no figures for the item type (all zero). */
  item: RecapItem | WilayahItem | undefined;
  filters: RecapFilterInput;
  where: string;
  regionCode?: string;
}) {
  const cell = (measure: FigureMeasure, value: number) => (
    <Table.Td key={measure} ta="right">
      <Figure
        value={value}
        format={item?.measure === 'rupiah' ? 'compact' : 'number'}
        measure={measure}
        where={where}
        request={{ filters: item ? { ...filters, programId: item.programId, itemTypeId: item.itemTypeId } : filters, regionCode }}
        testId={item ? `fig-${regionCode ?? item.programId}-${item.itemTypeId}-${measure}` : undefined}
      />
    </Table.Td>
  );
  return (
    <>
      {quantityMeasures.map((m) => cell(m, item?.[m] ?? 0))}
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {item?.coverage === null || item === undefined ? '—' : formatPercent(item.coverage)}
      </Table.Td>
    </>
  );
}

function ProgramRows({ row, filters }: { row: RecapRow; filters: RecapFilterInput }) {
  const { t } = useTranslation();
  const programFilters = { ...filters, programId: row.code };
  const figure = (measure: FigureMeasure, value: number | null, f: RecapFilterInput, where: string, testId: string) => (
    <Table.Td key={measure} ta="right">
      <Figure value={value} format={measure.startsWith('rupiah') ? 'compact' : 'number'} measure={measure} where={where} request={{ filters: f }} testId={testId} />
    </Table.Td>
  );
  const programWhere = t('recapScreens.program.programTotal', { program: row.name });
  return (
    <>
      <Table.Tr bg="gray.0" data-testid="recap-program-row" data-program={row.code}>
        <Table.Th scope="rowgroup" fw={700}>
          {row.name}
        </Table.Th>
        {rowMeasures.map((m) => figure(m, row[m], programFilters, programWhere, `fig-${row.code}-${m}`))}
        <Table.Td colSpan={4} />
        {moneyMeasures.map((m) => figure(m, row[m], programFilters, programWhere, `fig-${row.code}-${m}`))}
        {figure('rupiahTransferred', row.rupiahTransferred ?? 0, programFilters, programWhere, `fig-${row.code}-rupiahTransferred`)}
      </Table.Tr>
      {row.items.map((item) => {
        const where = `${row.name} · ${item.itemType}`;
        const itemFilters = { ...filters, programId: item.programId, itemTypeId: item.itemTypeId };
        return (
          <Table.Tr key={item.itemTypeId} data-testid="recap-item-row" data-item-type={item.itemTypeId}>
            <Table.Th scope="row" fw={400} pl="xl">
              {item.itemType}{' '}
              <Text span size="xs" c="dimmed">
                ({item.unit})
              </Text>
            </Table.Th>
            {rowMeasures.map((m) => figure(m, item[m], itemFilters, where, `fig-${row.code}-${item.itemTypeId}-${m}`))}
            <ItemCells item={item} filters={filters} where={where} />
            {moneyMeasures.map((m) => figure(m, item[m], itemFilters, where, `fig-${row.code}-${item.itemTypeId}-${m}`))}
            <Table.Td ta="right" c="dimmed">
              —
            </Table.Td>
          </Table.Tr>
        );
      })}
    </>
  );
}

function ProgramTable({ recap, filters }: { recap: RecapProgram; filters: RecapFilterInput }) {
  const { t } = useTranslation();
  const total = recap.totals;
  const where = t('recaps.totals');
  return (
    // Not Table.ScrollContainer: its viewport lets the table grow to its widest content; here the columns share the width and wrap their headers.
    <Box style={{ overflowX: 'auto' }}>
      <Table miw={980} fz="sm" verticalSpacing={6} horizontalSpacing={6} highlightOnHover withTableBorder data-testid="recap-program-table" aria-label={t('recaps.byProgram')}>
        <RecapHead first={t('recapScreens.program.itemHeader')} transfers />
        <Table.Tbody>
          {recap.rows.map((row) => (
            <ProgramRows key={row.code} row={row} filters={filters} />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} data-testid="recap-program-total">
            <Table.Th scope="row">{where}</Table.Th>
            {rowMeasures.map((m) => (
              <Table.Td key={m} ta="right">
                <Figure value={total[m]} measure={m} where={where} request={{ filters }} testId={`fig-total-${m}`} />
              </Table.Td>
            ))}
            <Table.Td colSpan={4} />
            {moneyMeasures.map((m) => (
              <Table.Td key={m} ta="right">
                <Figure value={total[m]} format="compact" measure={m} where={where} request={{ filters }} testId={`fig-total-${m}`} />
              </Table.Td>
            ))}
            <Table.Td ta="right">
              <Figure value={total.rupiahTransferred ?? 0} format="compact" measure="rupiahTransferred" where={where} request={{ filters }} testId="fig-total-rupiahTransferred" />
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Box>
  );
}

/** Per program: program → item type with every measure, the totals, and the charts. */
export function ProgramRecap({ filters, rupiahItems }: { filters: RecapFilterInput; rupiahItems: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const recap = useProcedure('recap:program', { filters });
  return (
    <Loadable state={recap}>
      {(value) => {
        const bars = value.rows.flatMap((row) =>
          row.items
            .filter((item) => item.measure === 'quantity' && (item.need > 0 || item.realised > 0))
            .map((item) => ({ name: `${row.name} · ${item.itemType}`, need: item.need, realised: item.realised })),
        );
        const moneyLeftOut = value.rows.some((row) => row.items.some((item) => item.measure === 'rupiah' && (item.need > 0 || item.realised > 0)));
        return (
          <Stack gap="lg">
            <RecapTotals totals={value.totals} filters={filters} where={t('recaps.totals')} withTransfers />
            <RealisedByLevel filters={filters} parentCode={null} />
            {value.rows.length === 0 ? (
              <Text c="dimmed">{t('recapScreens.program.empty')}</Text>
            ) : (
              <Stack gap={4}>
                <ProgramTable recap={value} filters={filters} />
                <Text size="xs" c="dimmed">
                  {t('recapScreens.program.rupiahHeaderNote')}
                </Text>
              </Stack>
            )}
            <ChartPanel title={t('recapScreens.chart.programTitle')} testId="chart-program">
              <NeedRealisedChart data={bars} ariaLabel={t('recapScreens.chart.programAria')} />
              {moneyLeftOut && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('recapScreens.chart.programRupiahLeftOut')}
                </Text>
              )}
            </ChartPanel>
            <TimelineChart filters={filters} rupiahItems={rupiahItems} />
          </Stack>
        );
      }}
    </Loadable>
  );
}
