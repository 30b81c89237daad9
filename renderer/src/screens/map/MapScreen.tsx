import { Box, Button, Flex, Group, Input, Loader, Menu, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { type MapFeature, mapImageFormats, type MapLevel, mapLevels, type MapMeasure, mapMeasures, type MapModel } from '../../../../electron/api/procedures/map';
import { downloadBase64File } from '../../api/download';
import { useAction } from '../../api/use-action';
import { Loadable } from '../../components/Loadable';
import { navigate, routeHref } from '../../routes';
import { RecapFilterBar } from '../recaps/RecapFilterBar';
import { apiFilters, type RecapViewFilters } from '../recaps/recap-view';
import { useKeptProcedure } from '../recaps/use-kept-procedure';
import { ChoroplethMap } from './ChoroplethMap';
import { figureKeys, figureLabelKey, figureText } from './map-figures';
import type { MapDisplay, MapView } from './map-view';
import { MapTable } from './MapTable';

/** The province's figures, beside the map (the table has them in its last row). */
function MapTotals({ model }: { model: MapModel }) {
  const { t } = useTranslation();
  const none = t('map.feature.none');
  return (
    <Paper withBorder p="sm" radius="md" data-testid="map-totals">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
        {t('mapScreen.totals')}
      </Text>
      <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: '1fr auto', columnGap: 12, rowGap: 4 }}>
        {figureKeys.map((key) => (
          <Fragment key={key}>
            <Text component="dt" size="sm" c="dimmed">
              {t(figureLabelKey[key])}
            </Text>
            <Text component="dd" m={0} size="sm" ta="right" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`map-total-${key}`}>
              {figureText(key, model.totals, model.item, none)}
            </Text>
          </Fragment>
        ))}
      </Box>
    </Paper>
  );
}

/** The map on screen as a file (`map:image`: the same drawing as `ksbb map` and the reports). */
function MapDownload({ view }: { view: MapView }) {
  const { t } = useTranslation();
  const { run, running } = useAction();
  const download = async (format: (typeof mapImageFormats)[number]) => {
    const file = await run('map:image', { measure: view.measure, level: view.level, filters: apiFilters(view.filters), format });
    if (!file) return;
    downloadBase64File({ fileName: file.fileName, contentBase64: file.contentBase64, mediaType: format === 'svg' ? 'image/svg+xml' : 'image/png' });
    notifications.show({ color: 'teal', message: t('mapScreen.download.done', { fileName: file.fileName }) });
  };
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={running} data-testid="map-download" rightSection={<span aria-hidden="true">▾</span>}>
          {t('mapScreen.download.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {mapImageFormats.map((format) => (
          <Menu.Item key={format} onClick={() => void download(format)} data-testid={`map-download-${format}`}>
            {t(`mapScreen.download.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Peta sasaran: one recap measure per kelurahan, kecamatan or kota as a choropleth (or the same
 * figures as a table), under the Rekap's filter bar. Everything shown is kept in the address; a
 * wilayah opens its Rekap per wilayah, down to its RW.
 */
export function MapScreen({ view }: { view: MapView }) {
  const { t } = useTranslation();
  const model = useKeptProcedure('map:model', { measure: view.measure, level: view.level, filters: apiFilters(view.filters) });

  const go = (next: Partial<MapView>) => navigate({ screen: 'map', ...view, ...next });
  // A wilayah opens its Rekap per wilayah with the map's filters. Keyed by the filters' text, so the
  // map's links stay the same function while the filters do (the 267 paths are not drawn again).
  const filtersKey = JSON.stringify(view.filters);
  const recapHref = useCallback(
    (feature: MapFeature) => routeHref({ screen: 'recaps', tab: 'wilayah', parentCode: feature.code, filters: JSON.parse(filtersKey) as RecapViewFilters }),
    [filtersKey],
  );

  const itemNote = (value: MapModel) =>
    view.filters.itemTypeId === undefined && (
      <Text size="sm" c="dimmed" data-testid="map-item-note">
        {value.item ? t('mapScreen.itemChosen', { itemType: value.item.itemType, program: value.item.program, unit: value.item.unit }) : t('mapScreen.noItem')}
      </Text>
    );

  return (
    <Stack gap="md" data-testid="map-screen">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2}>{t('mapScreen.title')}</Title>
          <Text c="dimmed">{t('mapScreen.subtitle')}</Text>
        </div>
        <Group gap="sm" wrap="nowrap">
          <MapDownload view={view} />
          <SegmentedControl
            aria-label={t('mapScreen.display.label')}
            value={view.display}
            onChange={(value) => go({ display: value as MapDisplay })}
            data={(['map', 'table'] as const).map((d) => ({ value: d, label: t(`mapScreen.display.${d}`) }))}
            data-testid="map-display"
          />
        </Group>
      </Group>
      <Group align="flex-end" gap="md">
        <Select
          label={t('mapScreen.measure')}
          data={mapMeasures.map((m) => ({ value: m, label: t(`map.measure.${m}`) }))}
          value={view.measure}
          onChange={(value) => value && go({ measure: value as MapMeasure })}
          allowDeselect={false}
          w={300}
          data-testid="map-measure"
        />
        <Stack gap={4}>
          <Input.Label id="map-level-label">{t('mapScreen.level')}</Input.Label>
          <SegmentedControl
            aria-labelledby="map-level-label"
            value={view.level}
            onChange={(value) => go({ level: value as MapLevel })}
            data={mapLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            data-testid="map-level"
          />
        </Stack>
      </Group>
      <RecapFilterBar filters={view.filters} onChange={(next) => go({ filters: next })} />
      <Loadable state={model}>
        {(value) => {
          const stale = model.status === 'ready' && model.stale;
          return (
            <Stack gap="xs">
              <Group gap="sm" wrap="nowrap">
                <Title order={3} size="h4" data-testid="map-title">
                  {value.title}
                </Title>
                {stale && <Loader size="xs" aria-label={t('common.loading')} />}
              </Group>
              {view.display === 'map' ? (
                <Flex gap="md" align="flex-start" direction={{ base: 'column', md: 'row' }}>
                  <Box style={{ flex: 1, minWidth: 0 }} w="100%">
                    <ChoroplethMap model={value} hrefOf={recapHref} stale={stale} />
                  </Box>
                  <Stack gap="sm" w={{ base: '100%', md: 260 }} style={{ flexShrink: 0 }}>
                    <MapTotals model={value} />
                    {itemNote(value)}
                  </Stack>
                </Flex>
              ) : (
                <>
                  {itemNote(value)}
                  <Box style={{ opacity: stale ? 0.55 : 1 }} aria-busy={stale}>
                    <MapTable model={value} hrefOf={recapHref} />
                  </Box>
                </>
              )}
            </Stack>
          );
        }}
      </Loadable>
    </Stack>
  );
}
