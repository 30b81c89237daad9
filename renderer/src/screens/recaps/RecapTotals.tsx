import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecapFilterInput, RecapTotals as Totals } from '../../../../electron/api/procedures/recaps';
import { Figure, type FigureMeasure } from './figures';

/**
 * The totals of a recap as headline figures — partners and targets, the distinct kota,
 * kecamatan, kelurahan and RW reached, and the money — each opening to its rows like any other figure.
 */
export function RecapTotals({
  totals,
  filters,
  regionCode,
  where,
  withTransfers,
}: {
  /** The program recap's totals, or a wilayah recap's (both carry these figures). */
  totals: Omit<Totals, 'items'>;
  filters: RecapFilterInput;
  regionCode?: string;
  where: string;
  withTransfers: boolean;
}) {
  const { t } = useTranslation();
  const figure = (measure: FigureMeasure, value: number, money = false) => (
    <Stack key={measure} gap={0}>
      <Text size="xs" c="dimmed" fw={600}>
        {t(`recaps.measure.${measure}`)}
      </Text>
      <Text fz={money ? 'lg' : 'xl'} fw={700}>
        <Figure value={value} format={money ? 'rupiah' : 'number'} measure={measure} where={where} request={{ filters, regionCode }} testId={`total-${measure}`} />
      </Text>
    </Stack>
  );
  const group = (title: string, cols: number, children: ReactNode) => (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb={6}>
        {title}
      </Text>
      <SimpleGrid cols={cols} spacing="xs">
        {children}
      </SimpleGrid>
    </Paper>
  );
  return (
    <Stack gap="xs" component="section" aria-label={t('recapScreens.totals.title')} data-testid="recap-totals">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        {group(t('recapScreens.totals.partners'), 3, [figure('collaborators', totals.collaborators), figure('aggregators', totals.aggregators), figure('targets', totals.targets)])}
        {group(t('recapScreens.totals.reached'), 4, [figure('kota', totals.kota), figure('kecamatan', totals.kecamatan), figure('kelurahan', totals.kelurahan), figure('rw', totals.rw)])}
      </SimpleGrid>
      {group(t('recapScreens.totals.money'), withTransfers ? 3 : 2, [
        figure('rupiahPledged', totals.rupiahPledged, true),
        figure('rupiahRealised', totals.rupiahRealised, true),
        ...(withTransfers ? [figure('rupiahTransferred', totals.rupiahTransferred ?? 0, true)] : []),
      ])}
    </Stack>
  );
}
