import { Badge, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { entityKindValues } from '../../../../electron/api/procedures/partners';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { type Column, DataTable, type PageRequest } from '../../components/DataTable';
import { ExportMenu, workbookAndCsv } from '../../components/ExportMenu';
import { navigate } from '../../routes';

type Row = Output<'partner:list'>['rows'][number];
type Sort = 'name' | 'entityKind' | 'createdAt';

/** Mitra: every partner, searched, filtered and sorted by the database, 100,000 rows or more. */
export function PartnersScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const programs = useProcedure('program:list', {});
  const [q, setQ] = useState('');
  const [role, setRole] = useState<'all' | 'collaborator' | 'aggregator'>('all');
  const [entityKind, setEntityKind] = useState<string | null>(null);
  const [programId, setProgramId] = useState<string | null>(null);
  const [includeArchived, setIncludeArchived] = useState(false);
  // The table's order, so that "Ekspor" writes the rows as listed.
  const [order, setOrder] = useState<{ column?: Sort; direction: 'asc' | 'desc' }>({ column: 'name', direction: 'asc' });

  const filters = {
    q: q.trim() === '' ? undefined : q,
    role: role === 'all' ? undefined : role,
    entityKind: (entityKind ?? undefined) as Row['entityKind'] | undefined,
    programId: programId ?? undefined,
    includeArchived,
  };
  const queryKey = JSON.stringify(filters);
  const fetchPage = useCallback(
    (request: PageRequest<Sort>) => call('partner:list', { ...(JSON.parse(queryKey) as typeof filters), ...request }, lang),
    // queryKey carries every filter.
    [queryKey, lang],
  );

  const columns: Column<Row, Sort>[] = [
    {
      key: 'name',
      label: t('partners.field.partner.name'),
      sort: 'name',
      width: '32%',
      render: (row) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate>
            {row.name}
          </Text>
          {row.archivedAt && (
            <Badge size="xs" color="gray">
              {t('partners.list.archived')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'kind', label: t('partners.field.partner.entityKind'), sort: 'entityKind', width: '18%', render: (row) => t(`partners.entityKind.${row.entityKind}`) },
    {
      key: 'roles',
      label: t('partners.field.partner.roles'),
      width: '18%',
      render: (row) => (
        <Group gap={4} wrap="nowrap">
          {row.isCollaborator && (
            <Badge size="sm" variant="light">
              {t('partners.role.collaborator')}
            </Badge>
          )}
          {row.isAggregator && (
            <Badge size="sm" variant="light" color="grape">
              {t('partners.role.aggregator')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'region', label: t('partners.list.region'), width: '18%', render: (row) => [row.regionName, row.kotaName].filter(Boolean).join(', ') || '—' },
    {
      key: 'verified',
      label: t('partners.list.verified'),
      width: '14%',
      render: (row) => (
        <Badge size="sm" color={row.verified ? 'teal' : 'orange'} variant="dot">
          {row.verified ? t('partners.list.verified') : t('partners.list.notVerified')}
        </Badge>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('partners.title')}</Title>
          <Text c="dimmed">{t('partners.subtitle')}</Text>
        </div>
        <Group gap="sm">
          <ExportMenu
            groups={[{ choices: workbookAndCsv({ kind: 'partners', partnerList: { ...(JSON.parse(queryKey) as typeof filters), sort: order.column, direction: order.direction } }, t, 'partners-export') }]}
            testId="partners-export"
          />
          {can('partner:create') && (
            <Button onClick={() => navigate({ screen: 'partner-new' })} data-testid="partner-new">
              {t('partners.ui.newPartner')}
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('common.search')}
          placeholder={t('partners.list.search')}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          data-testid="partner-filter"
          autoFocus
          style={{ flex: 1, minWidth: 240 }}
        />
        <SegmentedControl
          value={role}
          onChange={(value) => setRole(value as typeof role)}
          data={[
            { value: 'all', label: t('partners.ui.allRoles') },
            { value: 'collaborator', label: t('partners.role.collaborator') },
            { value: 'aggregator', label: t('partners.role.aggregator') },
          ]}
          data-testid="partner-filter-role"
        />
        <Select
          label={t('partners.field.partner.entityKind')}
          placeholder={t('partners.ui.any')}
          data={entityKindValues.map((kind) => ({ value: kind, label: t(`partners.entityKind.${kind}`) }))}
          value={entityKind}
          onChange={setEntityKind}
          clearable
          w={200}
        />
        <Select
          label={t('partners.list.programs')}
          placeholder={t('partners.ui.any')}
          data={programs.status === 'ready' ? programs.value.map((p) => ({ value: p.id, label: p.name })) : []}
          value={programId}
          onChange={setProgramId}
          clearable
          w={170}
        />
        <Checkbox label={t('partners.list.includeArchived')} checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} mb={8} />
      </Group>
      <DataTable
        columns={columns}
        fetchPage={fetchPage}
        queryKey={queryKey}
        rowKey={(row) => row.id}
        onOpen={(row) => navigate({ screen: 'partner', id: row.id })}
        initialSort="name"
        onSortChange={setOrder}
        testId="partners-table"
      />
    </Stack>
  );
}
