import { Badge, Button, Code, Group, Modal, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import { type ImportBatchRow, type SubmissionKind, submissionKindValues } from '../../../../electron/api/procedures/imports';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { CopyAction } from '../../components/CopyAction';
import { type Column, DataTable, type PageRequest } from '../../components/DataTable';
import { moment } from '../../components/RecordHistory';
import { routeHref } from '../../routes';
import { shortSha256 } from './import-view';

/** Riwayat impor: every batch, newest first, with its file's SHA-256; a batch can be rolled back whole. */
export function ImportBatchesScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const { run, running } = useAction();
  const can = useCan();
  const [kind, setKind] = useState<SubmissionKind | null>(null);
  // Bumped after a rollback: the table reads its rows again.
  const [version, setVersion] = useState(0);
  const [target, setTarget] = useState<ImportBatchRow | null>(null);

  const queryKey = JSON.stringify({ kind, version });
  const fetchPage = useCallback(
    (request: PageRequest<never>) => call('import:batches', { offset: request.offset, limit: request.limit, kind: kind ?? undefined }, lang),
    [kind, lang],
  );

  const rollback = async () => {
    if (!target) return;
    const done = await run('import:rollback', { batchId: target.id });
    if (!done) return;
    setTarget(null);
    setVersion((n) => n + 1);
    // The confirmation names the answer's figures, so it is shown here rather than by useAction.
    notifications.show({ color: 'teal', message: t('importWizard.batches.rolledBackDone', { fileName: target.fileName, records: formatNumber(done.records) }) });
  };

  const columns: Column<ImportBatchRow, never>[] = [
    {
      key: 'importedAt',
      label: t('importWizard.batches.importedAt'),
      width: '21%',
      render: (row) => <span title={moment(row.importedAt, lang)}>{moment(row.importedAt, lang)}</span>,
    },
    {
      key: 'kind',
      label: t('importWizard.batches.kind'),
      width: '11%',
      render: (row) => <span title={t(`imports.kind.${row.kind}`, { defaultValue: row.kind })}>{t(`imports.kind.${row.kind}`, { defaultValue: row.kind })}</span>,
    },
    {
      key: 'file',
      label: t('importWizard.batches.file'),
      width: '22%',
      render: (row) => (
        <Text
          span
          size="sm"
          title={row.sheetName ? `${row.fileName} — ${row.sheetName}` : row.fileName}
          td={row.rolledBackAt ? 'line-through' : undefined}
          c={row.rolledBackAt ? 'dimmed' : undefined}
          data-testid="batch-file"
        >
          {row.fileName}
        </Text>
      ),
    },
    {
      key: 'sha256',
      label: t('importWizard.batches.sha256'),
      width: '13%',
      render: (row) => (
        <Group gap={2} wrap="nowrap">
          <Code title={row.sha256} data-testid="batch-sha256">
            {shortSha256(row.sha256)}
          </Code>
          <CopyAction value={row.sha256} label={t('importWizard.batches.copy')} copiedLabel={t('importWizard.batches.copied')} />
        </Group>
      ),
    },
    { key: 'importedBy', label: t('importWizard.batches.importedBy'), width: '8%', render: (row) => <span title={row.importedBy}>{row.importedBy}</span> },
    {
      key: 'counts',
      label: t('importWizard.batches.counts'),
      width: '11%',
      align: 'right',
      render: (row) => (
        <span
          title={t('importWizard.batches.countsTitle', {
            rows: formatNumber(row.rowsTotal),
            imported: formatNumber(row.rowsImported),
            rejected: formatNumber(row.rowsRejected),
            duplicates: formatNumber(row.rowsDuplicate),
          })}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          <Text span size="sm" fw={600} data-testid="batch-imported">
            {formatNumber(row.rowsImported)}
          </Text>
          {' / '}
          <Text span size="sm" c={row.rowsRejected > 0 ? 'red.8' : undefined}>
            {formatNumber(row.rowsRejected)}
          </Text>
          {' / '}
          <Text span size="sm" c="dimmed">
            {formatNumber(row.rowsDuplicate)}
          </Text>
        </span>
      ),
    },
    {
      key: 'status',
      label: t('importWizard.batches.status'),
      width: '14%',
      render: (row) =>
        row.rolledBackAt ? (
          <Tooltip label={t('importWizard.batches.rolledBackAt', { at: moment(row.rolledBackAt, lang), by: row.rolledBackBy ?? '—' })} withArrow>
            <Badge size="sm" color="gray" variant="filled" tt="none" data-testid="batch-status" data-status="rolled-back">
              {t('importWizard.batches.rolledBack')}
            </Badge>
          </Tooltip>
        ) : row.kind === 'demo' || !can('import:rollback') ? (
          <Badge size="sm" color="teal" variant="light" tt="none" data-testid="batch-status" data-status="active">
            {t('importWizard.batches.active')}
          </Badge>
        ) : (
          // An active batch is marked by what can be done with it.
          <span data-testid="batch-status" data-status="active">
            <Button size="compact-xs" variant="light" color="red" onClick={() => setTarget(row)} data-testid="batch-rollback">
              {t('importWizard.batches.rollback')}
            </Button>
          </span>
        ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('importWizard.batches.title')}</Title>
          <Text c="dimmed">{t('importWizard.batches.subtitle')}</Text>
        </div>
        {can('import:start') && (
          <Button component="a" href={routeHref({ screen: 'imports' })} data-testid="batches-new-import">
            {t('importWizard.batches.newImport')}
          </Button>
        )}
      </Group>
      <Group>
        <Select
          label={t('importWizard.batches.kind')}
          placeholder={t('importWizard.batches.anyKind')}
          data={submissionKindValues.map((value) => ({ value, label: t(`imports.kind.${value}`) }))}
          value={kind}
          onChange={(value) => setKind(value as SubmissionKind | null)}
          clearable
          w={240}
          data-testid="batches-kind"
        />
      </Group>
      <DataTable columns={columns} fetchPage={fetchPage} queryKey={queryKey} rowKey={(row) => row.id} height="calc(100vh - 300px)" testId="batches-table" />

      <Modal opened={target !== null} onClose={() => setTarget(null)} title={t('importWizard.batches.rollbackTitle')} data-testid="batch-rollback-confirm">
        {target && (
          <Stack gap="sm">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="batch-rollback-text">
              {t('importWizard.batches.rollbackText', { fileName: target.fileName, n: formatNumber(target.rowsImported) })}
            </Text>
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={() => setTarget(null)}>
                {t('importWizard.preview.back')}
              </Button>
              <Button color="red" onClick={() => void rollback()} loading={running} data-autofocus data-testid="batch-rollback-yes">
                {t('importWizard.batches.rollbackConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
