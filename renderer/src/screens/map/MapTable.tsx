import { Anchor, Box, ColorSwatch, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import { featureFill } from '../../../../electron/api/map-style';
import type { MapFeature, MapModel } from '../../../../electron/api/procedures/map';
import { type FigureKey, figureKeys, figureLabelKey, figureText, inItemUnit, measureFigure } from './map-figures';

type Place = 'name' | 'kecamatan' | 'kota';
type Sort = Place | FigureKey;
type Direction = 'asc' | 'desc';

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '', 'id');

/** A wilayah with no figure (null) goes last whichever way the column is sorted; ties in code order. */
function compare(sort: Sort, direction: Direction): (a: MapFeature, b: MapFeature) => number {
  const sign = direction === 'asc' ? 1 : -1;
  if (sort === 'name' || sort === 'kecamatan' || sort === 'kota') return (a, b) => sign * byText(a[sort], b[sort]) || a.code.localeCompare(b.code);
  return (a, b) => {
    const x = a.figures[sort];
    const y = b.figures[sort];
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    return sign * (x - y) || a.code.localeCompare(b.code);
  };
}

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * The map's table alternative: every wilayah of the level with the same figures and the province
 * total, sorted by any column (click a heading; again to reverse). The mapped figure comes first
 * with its class colour; a wilayah's name opens its recap.
 */
export function MapTable({ model, hrefOf }: { model: MapModel; hrefOf: (feature: MapFeature) => string }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: Sort; direction: Direction } | null>(null);
  const none = t('map.feature.none');
  const mapped = measureFigure[model.measure];
  // Each wilayah with the level above it (a kelurahan's kecamatan, a kecamatan's kota); the name's tooltip has its whole place.
  const parent = ({ kelurahan: 'kecamatan', kecamatan: 'kota', kota: null } as const)[model.level];
  const figures = [mapped, ...figureKeys.filter((key) => key !== mapped)];
  const rows = useMemo(() => (sort === null ? model.features : [...model.features].sort(compare(sort.key, sort.direction))), [model, sort]);

  const heading = (key: Sort, label: string, align: 'left' | 'right') => {
    const current = sort?.key === key ? sort.direction : null;
    return (
      <Table.Th key={key} ta={align} aria-sort={current === null ? undefined : current === 'asc' ? 'ascending' : 'descending'} style={{ verticalAlign: 'bottom' }}>
        <UnstyledButton fw={700} fz="sm" ta={align} onClick={() => setSort({ key, direction: current === 'asc' ? 'desc' : 'asc' })}>
          {label}
          {current === null ? '' : current === 'asc' ? ' ▲' : ' ▼'}
        </UnstyledButton>
      </Table.Th>
    );
  };
  const figureLabel = (key: FigureKey) =>
    inItemUnit.has(key) && model.item ? t('mapScreen.withUnit', { label: t(figureLabelKey[key]), unit: model.item.unit }) : t(figureLabelKey[key]);
  // Quantities say their unit once, in the heading; the cells hold the numbers.
  const cell = (key: FigureKey, feature: Pick<MapFeature, 'figures' | 'classIndex'>, swatch: boolean) => (
    <Table.Td key={key} ta="right" fw={key === mapped ? 700 : undefined} style={numeric}>
      {key === mapped && swatch ? (
        <Group gap={6} justify="flex-end" wrap="nowrap">
          <ColorSwatch color={featureFill(model, feature)} size={12} radius={2} />
          <span data-testid="map-table-value">{figureText(key, feature.figures, null, none)}</span>
        </Group>
      ) : (
        figureText(key, feature.figures, null, none)
      )}
    </Table.Td>
  );

  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="map-table-total">
          {t('common.rowsFound', { count: rows.length, formatted: formatNumber(rows.length) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('mapScreen.table.hint')}
        </Text>
      </Group>
      <Box style={{ overflow: 'auto', maxHeight: 'calc(100dvh - 140px)', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Table stickyHeader fz="sm" verticalSpacing={6} horizontalSpacing="xs" highlightOnHover aria-label={model.title} data-testid="map-table" data-level={model.level}>
          <Table.Thead>
            <Table.Tr>
              {heading('name', t(`level.${model.level}`), 'left')}
              {parent && heading(parent, t(`level.${parent}`), 'left')}
              {figures.map((key) => heading(key, figureLabel(key), 'right'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((feature) => (
              <Table.Tr key={feature.code} data-testid="map-table-row" data-code={feature.code}>
                <Table.Th scope="row" fw={500} miw={140}>
                  <Anchor
                    href={hrefOf(feature)}
                    fz="sm"
                    title={[feature.name, model.level === 'kelurahan' ? feature.kecamatan : null, model.level === 'kota' ? null : feature.kota].filter(Boolean).join(', ')}
                    data-testid="map-table-name"
                    data-code={feature.code}
                  >
                    {feature.name}
                  </Anchor>
                </Table.Th>
                {parent && <Table.Td miw={120}>{feature[parent]}</Table.Td>}
                {figures.map((key) => cell(key, feature, true))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', boxShadow: '0 -1px 0 var(--mantine-color-gray-3)' }}>
            <Table.Tr fw={700} data-testid="map-table-totals">
              <Table.Th scope="row" colSpan={parent ? 2 : 1}>
                {t('mapScreen.totals')}
              </Table.Th>
              {figures.map((key) => cell(key, { figures: model.totals, classIndex: null }, false))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Box>
    </Stack>
  );
}
