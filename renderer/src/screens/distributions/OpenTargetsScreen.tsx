import { Button, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatNumber } from '../../../../electron/api/format';
import { recapLevels, type RecapLevel } from '../../../../electron/api/procedures/recaps';
import { useCan } from '../../api/session';
import { useProcedure } from '../../api/use-procedure';
import { ExportMenu, workbookAndCsv } from '../../components/ExportMenu';
import { Loadable } from '../../components/Loadable';
import { RegionPicker } from '../../components/RegionPicker';
import { PledgeMatchDialog } from './PledgeMatchDialog';

type OpenRow = Output<'target:open'>['rows'][number];

/**
 * Sasaran terbuka (issue 10): per target (or summed per kota, kecamatan, kelurahan, RW) and item
 * type, need − realised − pledges assigned but not yet delivered; filtered by program, item type
 * and wilayah, exported as a workbook. From here a pledge is matched to targets.
 */
export function OpenTargetsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const programs = useProcedure('program:list', {});
  const [programId, setProgramId] = useState<string | null>(null);
  const [itemTypeId, setItemTypeId] = useState<string | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [level, setLevel] = useState<RecapLevel | null>('kelurahan');
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [matching, setMatching] = useState(false);
  const input = {
    programId: programId ?? undefined,
    itemTypeId: itemTypeId ?? undefined,
    regionCode: regionCode ?? undefined,
    level: level ?? undefined,
    onlyOpen,
  };
  const open = useProcedure('target:open', input);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('verification.open.title')}</Title>
          <Text c="dimmed">{t('verification.open.intro')}</Text>
        </div>
        <Group gap="sm">
          {can('pledge:assign') && (
            <Button onClick={() => setMatching(true)} data-testid="open-match">
              {t('verification.open.match')}
            </Button>
          )}
          <ExportMenu
            groups={[
              {
                choices: workbookAndCsv(
                  { kind: 'open-targets', filters: { channel: 'all', programId: input.programId, itemTypeId: input.itemTypeId }, level: input.level, parentCode: regionCode },
                  t,
                  'open-export',
                ),
              },
            ]}
            testId="open-export"
          />
        </Group>
      </Group>
      <Loadable state={programs}>
        {(list) => {
          const program = list.find((p) => p.id === programId);
          return (
            <Group align="flex-end" gap="sm">
              <Select
                label={t('verification.screen.program')}
                placeholder={t('verification.screen.allPrograms')}
                data={list.map((p) => ({ value: p.id, label: p.name }))}
                value={programId}
                onChange={(value) => {
                  setProgramId(value);
                  setItemTypeId(null);
                }}
                clearable
                w={200}
                data-testid="open-filter-program"
              />
              <Select
                label={t('verification.open.item')}
                placeholder={t('verification.open.allItems')}
                data={(program ? [program] : list).map((p) => ({ group: p.name, items: p.itemTypes.map((it) => ({ value: it.id, label: `${it.name} (${it.unit})` })) }))}
                value={itemTypeId}
                onChange={setItemTypeId}
                clearable
                searchable
                w={260}
              />
              <Select
                label={t('verification.open.level')}
                data={[{ value: '', label: t('verification.open.perTarget') }, ...recapLevels.map((value) => ({ value, label: t(`level.${value}`) }))]}
                value={level ?? ''}
                onChange={(value) => setLevel(value === '' || value === null ? null : (value as RecapLevel))}
                allowDeselect={false}
                w={180}
                data-testid="open-filter-level"
              />
              <Checkbox label={t('verification.open.onlyOpen')} checked={onlyOpen} onChange={(event) => setOnlyOpen(event.currentTarget.checked)} mb={8} />
            </Group>
          );
        }}
      </Loadable>
      <RegionPicker value={regionCode} onChange={setRegionCode} />
      <Loadable state={open}>{({ rows }) => <OpenTable rows={rows} />}</Loadable>
      {matching && (
        <PledgeMatchDialog
          programId={programId}
          itemTypeId={itemTypeId}
          onClose={(changed) => {
            setMatching(false);
            if (changed && open.status === 'ready') open.reload();
          }}
        />
      )}
    </Stack>
  );
}

function OpenTable({ rows }: { rows: OpenRow[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('common.noRows')}</Text>;
  const number = (value: number) => formatNumber(value);
  return (
    <Table.ScrollContainer minWidth={900} mah="calc(100vh - 380px)">
      <Table stickyHeader striped data-testid="open-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('verification.open.columns.place')}</Table.Th>
            <Table.Th>{t('verification.open.columns.pic')}</Table.Th>
            <Table.Th>{t('verification.open.columns.item')}</Table.Th>
            <Table.Th ta="right">{t('verification.open.columns.need')}</Table.Th>
            <Table.Th ta="right">{t('verification.open.columns.realised')}</Table.Th>
            <Table.Th ta="right">{t('verification.open.columns.assigned')}</Table.Th>
            <Table.Th ta="right">{t('verification.open.columns.open')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.targetId ?? row.regionCode} ${row.itemTypeId}`} data-testid="open-row">
              <Table.Td>
                {row.targetName ?? row.regionName ?? row.regionCode}
                <Text size="xs" c="dimmed">
                  {row.regionCode}
                </Text>
              </Table.Td>
              <Table.Td>{[row.picName, row.picRole, row.picPhone].filter(Boolean).join(' · ')}</Table.Td>
              <Table.Td>{row.itemType}</Table.Td>
              <Table.Td ta="right">{number(row.need)}</Table.Td>
              <Table.Td ta="right">{number(row.realised)}</Table.Td>
              <Table.Td ta="right">{number(row.assignedOpen)}</Table.Td>
              <Table.Td ta="right" fw={700} c={row.open < 0 ? 'red' : undefined}>
                {number(row.open)} {row.unit}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
