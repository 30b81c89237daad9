import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatNumber } from '../../../../electron/api/format';
import { targetKindValues } from '../../../../electron/api/procedures/targets';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { useLang } from '../../api/use-lang';
import { type Column, DataTable, type PageRequest } from '../../components/DataTable';
import { RegionPicker } from '../../components/RegionPicker';
import { navigate } from '../../routes';

type Row = Output<'target:list'>['rows'][number];
type Sort = 'name' | 'kind' | 'regionCode' | 'vulnerableFamilies' | 'createdAt';

/** Sasaran: RW with their keluarga rentan, pesantren, panti and the rest, by wilayah. */
export function TargetsScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const filters = { q: q.trim() === '' ? undefined : q, kind: (kind ?? undefined) as Row['kind'] | undefined, regionCode: regionCode ?? undefined };
  const queryKey = JSON.stringify(filters);
  const fetchPage = useCallback(
    (request: PageRequest<Sort>) => call('target:list', { ...(JSON.parse(queryKey) as typeof filters), ...request }, lang),
    // queryKey carries every filter.
    [queryKey, lang],
  );
  const columns: Column<Row, Sort>[] = [
    { key: 'name', label: t('partners.field.target.name'), sort: 'name', width: '30%', render: (row) => row.name },
    { key: 'kind', label: t('partners.field.target.kind'), sort: 'kind', width: '16%', render: (row) => t(`partners.targetKind.${row.kind}`) },
    {
      key: 'region',
      label: t('partners.field.target.regionCode'),
      sort: 'regionCode',
      width: '30%',
      render: (row) => [row.rw ? `RW ${String(row.rw).padStart(3, '0')}` : null, row.kelurahanName, row.kotaName].filter(Boolean).join(', '),
    },
    {
      key: 'families',
      label: t('partners.field.target.vulnerableFamilies'),
      sort: 'vulnerableFamilies',
      align: 'right',
      width: '12%',
      render: (row) => (row.vulnerableFamilies === null ? '—' : formatNumber(row.vulnerableFamilies)),
    },
    { key: 'pic', label: t('partners.field.target.picName'), width: '12%', render: (row) => row.picName ?? '—' },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('partners.target.title')}</Title>
          <Text c="dimmed">{t('partners.target.subtitle')}</Text>
        </div>
        {can('target:create') && (
          <Button onClick={() => navigate({ screen: 'target-new' })} data-testid="target-new">
            {t('partners.ui.newTarget')}
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput label={t('common.search')} value={q} onChange={(event) => setQ(event.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} data-testid="target-filter" />
        <Select
          label={t('partners.field.target.kind')}
          placeholder={t('partners.ui.any')}
          data={targetKindValues.map((value) => ({ value, label: t(`partners.targetKind.${value}`) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={200}
        />
      </Group>
      <RegionPicker value={regionCode} onChange={setRegionCode} />
      <DataTable
        columns={columns}
        fetchPage={fetchPage}
        queryKey={queryKey}
        rowKey={(row) => row.id}
        onOpen={(row) => navigate({ screen: 'target', id: row.id })}
        initialSort="name"
        testId="targets-table"
        height="calc(100vh - 360px)"
      />
    </Stack>
  );
}
