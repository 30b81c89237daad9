import { Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportKind } from '../../../../electron/api/procedures/exports';
import { useProcedure } from '../../api/use-procedure';
import { type ExportGroup, ExportMenu, workbookAndCsv } from '../../components/ExportMenu';
import { navigate } from '../../routes';
import { FigureProvider, type FigureRequest } from './figures';
import { ProgramRecap } from './ProgramRecap';
import { RecapFilterBar } from './RecapFilterBar';
import { RecapRowsDrawer } from './RecapRowsDrawer';
import { apiFilters, type RecapTab, recapTabs, type RecapView } from './recap-view';
import { OverlapRecap, UnservedRecap } from './TargetRecaps';
import { WilayahRecap } from './WilayahRecap';

const recordKinds = ['distributions', 'pledges', 'needs', 'fund-transfers'] as const satisfies readonly ExportKind[];

/**
 * Rekap: per program, per wilayah (drilling down to RW), tumpang tindih and belum terlayani,
 * under one filter bar kept in the address. Every figure opens the rows behind it; every tab exports.
 */
export function RecapsScreen({ view }: { view: RecapView }) {
  const { t } = useTranslation();
  const programs = useProcedure('program:list', {});
  const [figure, setFigure] = useState<FigureRequest | null>(null);
  const filters = apiFilters(view.filters);
  const rupiahItems = useMemo(
    () => new Set(programs.status === 'ready' ? programs.value.flatMap((p) => p.itemTypes.filter((it) => it.measure === 'rupiah').map((it) => it.id)) : []),
    [programs],
  );

  const go = (next: Partial<RecapView>) => navigate({ screen: 'recaps', ...view, ...next });

  const recapExport: Record<RecapTab, ExportKind> = { program: 'recap-program', wilayah: 'recap-wilayah', overlap: 'overlap', unserved: 'unserved' };
  const kind = recapExport[view.tab];
  const groups: ExportGroup[] = [
    { label: t('recapScreens.export.thisRecap'), choices: workbookAndCsv({ kind, filters, parentCode: kind === 'recap-wilayah' ? view.parentCode : null }, t, 'export-recap') },
    {
      label: t('recapScreens.export.data'),
      choices: recordKinds.map((k) => ({ label: t(`recaps.source.${k}`), input: { kind: k, filters, format: 'xlsx' as const }, testId: `export-${k}` })),
    },
  ];

  return (
    <FigureProvider value={setFigure}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2}>{t('recapScreens.title')}</Title>
            <Text c="dimmed">{t('recapScreens.subtitle')}</Text>
          </div>
          <ExportMenu groups={groups} testId="recap-export" />
        </Group>
        <RecapFilterBar filters={view.filters} onChange={(next) => go({ filters: next })} />
        <Tabs value={view.tab} onChange={(tab) => tab && go({ tab: tab as RecapTab })} keepMounted={false}>
          <Tabs.List>
            {recapTabs.map((tab) => (
              <Tabs.Tab key={tab} value={tab} data-testid={`recap-tab-${tab}`}>
                {t(`recapScreens.tab.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="program" pt="md">
            <ProgramRecap filters={filters} rupiahItems={rupiahItems} />
          </Tabs.Panel>
          <Tabs.Panel value="wilayah" pt="md">
            <WilayahRecap view={view} filters={filters} />
          </Tabs.Panel>
          <Tabs.Panel value="overlap" pt="md">
            <OverlapRecap filters={filters} rupiahItems={rupiahItems} />
          </Tabs.Panel>
          <Tabs.Panel value="unserved" pt="md">
            <UnservedRecap filters={filters} rupiahItems={rupiahItems} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <RecapRowsDrawer request={figure} rupiahItems={rupiahItems} onClose={() => setFigure(null)} />
    </FigureProvider>
  );
}
