import { Alert, Box, Button, Code, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../../electron/api/contract';
import { formatNumber } from '../../../../electron/api/format';
import { call } from '../../api/client';
import { downloadBase64File } from '../../api/download';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { type Column, DataTable } from '../../components/DataTable';
import { DateField } from '../../components/DateField';

type AuditEntry = Output<'audit:list'>['rows'][number];
type Filters = NonNullable<Input<'audit:list'>['filters']>;

/** Empty fields are no filter; a date still being typed is none yet. */
function cleaned(filters: Filters): Filters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as Filters;
}

/**
 * The audit trail: every write, sign-in and refused call, newest first, filterable by actor,
 * table, record and date; a button checks the hash chain and names its first broken link; the
 * filtered trail exports to a verifiable workbook.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const action = useAction();
  const [filters, setFilters] = useState<Filters>({});
  const [verdict, setVerdict] = useState<Output<'audit:verify'> | null>(null);
  const active = cleaned(filters);
  const set = (key: keyof Filters) => (value: string | null) => setFilters((previous) => ({ ...previous, [key]: value ?? '' }));

  const columns: Column<AuditEntry, 'seq'>[] = [
    { key: 'seq', label: t('auth.audit.column.seq'), sort: 'seq', width: 90, align: 'right', render: (r) => formatNumber(r.seq) },
    { key: 'at', label: t('auth.audit.column.at'), width: 190, render: (r) => r.at.replace('T', ' ').slice(0, 19) },
    { key: 'actor', label: t('auth.audit.column.actor'), width: 170, render: (r) => r.actor },
    { key: 'action', label: t('auth.audit.column.action'), width: 130, render: (r) => r.action },
    { key: 'table', label: t('auth.audit.column.tableName'), width: 130, render: (r) => r.tableName },
    { key: 'record', label: t('auth.audit.column.recordId'), width: 200, render: (r) => <Code>{r.recordId}</Code> },
    { key: 'changes', label: t('auth.audit.column.changes'), render: (r) => <Code>{r.changes.length > 160 ? `${r.changes.slice(0, 159)}…` : r.changes}</Code> },
  ];

  const verify = async () => setVerdict(await action.run('audit:verify', {}));
  const exportXlsx = async () => {
    const file = await action.run('audit:export', { filters: active });
    if (file) {
      downloadBase64File({ fileName: file.fileName, contentBase64: file.contentBase64 });
      action.clearError();
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('auth.audit.title')}</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => void exportXlsx()} loading={action.running} data-testid="audit-export">
            {t('auth.audit.export')}
          </Button>
          <Button onClick={() => void verify()} loading={action.running} data-testid="audit-verify">
            {t('auth.audit.verify')}
          </Button>
        </Group>
      </Group>
      {verdict && (
        <Alert color={verdict.intact ? 'teal' : 'red'} data-testid="audit-verdict" data-intact={String(verdict.intact)} withCloseButton onClose={() => setVerdict(null)}>
          {verdict.firstBreak
            ? t('auth.audit.broken', { seq: formatNumber(verdict.firstBreak.seq), kind: t(`auth.audit.kind.${verdict.firstBreak.kind}`) })
            : t('auth.audit.intact', { entries: formatNumber(verdict.entries) })}
        </Alert>
      )}
      <Paper withBorder radius="md" p="sm">
        <Group align="flex-end" gap="sm">
          <TextInput label={t('auth.audit.column.actor')} value={filters.actor ?? ''} onChange={(e) => set('actor')(e.currentTarget.value)} w={180} data-testid="audit-filter-actor" />
          <TextInput label={t('auth.audit.column.tableName')} value={filters.tableName ?? ''} onChange={(e) => set('tableName')(e.currentTarget.value)} w={180} data-testid="audit-filter-table" />
          <TextInput label={t('auth.audit.column.recordId')} value={filters.recordId ?? ''} onChange={(e) => set('recordId')(e.currentTarget.value)} w={180} data-testid="audit-filter-record" />
          <Box w={180}>
            <DateField label={t('auth.audit.from')} value={filters.from ?? ''} onChange={set('from')} testId="audit-filter-from" />
          </Box>
          <Box w={180}>
            <DateField label={t('auth.audit.to')} value={filters.to ?? ''} onChange={set('to')} testId="audit-filter-to" />
          </Box>
        </Group>
      </Paper>
      <DataTable<AuditEntry, 'seq'>
        columns={columns}
        queryKey={JSON.stringify([active, lang])}
        fetchPage={(page) => call('audit:list', { filters: active, ...page }, lang)}
        rowKey={(r) => String(r.seq)}
        testId="audit-table"
      />
    </Stack>
  );
}
