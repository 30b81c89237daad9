import { Alert, Anchor, Button, Code, Group, List, Modal, Pagination, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import type { ImportError, ImportPreview, ImportPreviewRow, ImportRowStatus } from '../../../../electron/api/procedures/imports';
import { downloadBase64File } from '../../api/download';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { CopyAction } from '../../components/CopyAction';
import { DetailList } from '../../components/DetailList';
import { Loadable } from '../../components/Loadable';
import { moment } from '../../components/RecordHistory';
import { StatCard } from '../../components/StatCard';
import { routeHref } from '../../routes';
import { RowStatusBadge, shortSha256 } from './import-view';

const PAGE_SIZE = 50;

type Filter = ImportRowStatus | 'all';

/** A reason as the submitter will read it: the column (as headed in the file), then the message, which already names what was found. */
function Reason({ reason }: { reason: ImportError }) {
  return (
    <>
      <Text span size="sm" fw={600}>
        {reason.column}
      </Text>
      {': '}
      {reason.message}
    </>
  );
}

function RowsTable({ jobId, preview }: { jobId: string; preview: ImportPreview }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const rows = useProcedure('import:rows', { jobId, status: filter, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const totals: Record<Filter, number> = { all: preview.rows, accepted: preview.accepted, rejected: preview.rejected, duplicate: preview.duplicates };
  const total = totals[filter];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const fields = preview.fields;

  const values = (row: ImportPreviewRow) =>
    fields
      .filter((field) => (row.values[field.key] ?? '') !== '')
      .map((field) => (
        <Text key={field.key} span size="sm" mr="md" style={{ display: 'inline-block' }}>
          <Text span size="xs" c="dimmed">
            {field.header}:
          </Text>{' '}
          {row.values[field.key]}
        </Text>
      ));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <SegmentedControl
          aria-label={t('importWizard.preview.filterLabel')}
          value={filter}
          onChange={(value) => {
            setFilter(value as Filter);
            setPage(1);
          }}
          data={[
            { value: 'all', label: t('importWizard.preview.filterAll', { n: formatNumber(totals.all) }) },
            { value: 'accepted', label: t('importWizard.preview.filterAccepted', { n: formatNumber(totals.accepted) }) },
            { value: 'rejected', label: t('importWizard.preview.filterRejected', { n: formatNumber(totals.rejected) }) },
            { value: 'duplicate', label: t('importWizard.preview.filterDuplicate', { n: formatNumber(totals.duplicate) }) },
          ]}
          data-testid="import-rows-filter"
        />
        {total > 0 && (
          <Text size="sm" c="dimmed" data-testid="import-rows-range">
            {t('importWizard.preview.pageInfo', {
              from: formatNumber((page - 1) * PAGE_SIZE + 1),
              to: formatNumber(Math.min(page * PAGE_SIZE, total)),
              total: formatNumber(total),
            })}
          </Text>
        )}
      </Group>
      <Loadable state={rows}>
        {(answer) =>
          answer.rows.length === 0 ? (
            <Text c="dimmed" p="md">
              {t('importWizard.preview.noRows')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" striped withTableBorder data-testid="import-rows">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70} ta="right">
                      {t('importWizard.preview.rowNumber')}
                    </Table.Th>
                    <Table.Th w={110}>{t('importWizard.preview.status')}</Table.Th>
                    <Table.Th w="45%">{t('importWizard.preview.values')}</Table.Th>
                    <Table.Th>{t('importWizard.preview.reasons')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {answer.rows.map((row) => (
                    <Table.Tr key={row.row} data-testid="import-row" data-row={row.row} data-status={row.status} style={{ verticalAlign: 'top' }}>
                      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {formatNumber(row.row)}
                      </Table.Td>
                      <Table.Td>
                        <RowStatusBadge status={row.status} />
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{values(row)}</Table.Td>
                      <Table.Td>
                        {row.reasons.length > 0 && (
                          <List size="sm" spacing={2} c="red.8" data-testid="import-row-reasons">
                            {row.reasons.map((reason, i) => (
                              <List.Item key={i} style={{ overflowWrap: 'anywhere' }}>
                                <Reason reason={reason} />
                              </List.Item>
                            ))}
                          </List>
                        )}
                        {row.status === 'duplicate' && (
                          <Text size="sm" c="dimmed">
                            {row.duplicateOfBatchId
                              ? t('importWizard.preview.duplicateOfBatch', { batchId: row.duplicateOfBatchId })
                              : t('importWizard.preview.duplicateInFile')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loadable>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} withEdges data-testid="import-rows-pages" />}
    </Stack>
  );
}

/** The preview's headline figures, also shown (with what was written) when the import is done. */
export function ImportCounts({ items }: { items: { id: string; label: string; value: number }[] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: items.length }} spacing="sm">
      {items.map((item) => (
        <StatCard key={item.id} id={item.id} label={item.label} value={formatNumber(item.value)} />
      ))}
    </SimpleGrid>
  );
}

/** The file, the sheet and the kind the preview is about, with the file's SHA-256. */
export function PreviewHeader({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <DetailList
        items={[
          { label: t('importWizard.preview.file'), value: preview.file.fileName },
          { label: t('importWizard.preview.sheet'), value: preview.sheet },
          { label: t('importWizard.preview.kind'), value: preview.kind ? t(`imports.kind.${preview.kind}`) : null },
          { label: t('importWizard.preview.submitter'), value: preview.submitter },
          {
            label: t('importWizard.preview.sha256'),
            value: (
              <Group gap={4} wrap="nowrap" component="span">
                <Code title={preview.sha256} data-testid="import-sha256">
                  {shortSha256(preview.sha256)}
                </Code>
                <CopyAction value={preview.sha256} label={t('importWizard.batches.copy')} copiedLabel={t('importWizard.batches.copied')} />
              </Group>
            ),
          },
        ]}
      />
    </Paper>
  );
}

export function RejectedDownload({ jobId, disabled }: { jobId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const { run, running } = useAction();
  const download = async () => {
    const workbook = await run('import:rejected-workbook', { jobId });
    if (!workbook) return;
    downloadBase64File(workbook);
    notifications.show({ color: 'teal', message: t('importWizard.preview.rejectedDownloaded', { fileName: workbook.fileName }) });
  };
  return (
    <Button variant="default" onClick={() => void download()} loading={running} disabled={disabled} data-testid="import-download-rejected">
      {t('importWizard.preview.downloadRejected')}
    </Button>
  );
}

/**
 * Step 4: what the file holds before anything is written — counts, new partners, every row with
 * every reason — and the one button that writes the accepted rows, after saying how many.
 */
export function PreviewStep({
  jobId,
  preview,
  committing,
  refused,
  onCommit,
  onEditColumns,
  onDiscard,
}: {
  jobId: string;
  preview: ImportPreview;
  committing: boolean;
  refused: boolean;
  onCommit: (allOrNothing: boolean) => void;
  onEditColumns: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const blocked = allOrNothing && preview.rejected > 0;
  const already = preview.alreadyImportedBatchId;
  const canCommit = !already && !blocked && preview.accepted > 0;

  return (
    <Stack gap="md" data-testid="import-preview">
      <PreviewHeader preview={preview} />
      {already && (
        <Alert color="yellow" title={t('importWizard.preview.alreadyImportedTitle')} data-testid="import-already">
          {t('importWizard.preview.alreadyImported', { batchId: already, at: preview.alreadyImportedAt ? moment(preview.alreadyImportedAt, lang) : '—' })}{' '}
          <Anchor href={routeHref({ screen: 'import-batches' })}>{t('importWizard.toBatches')}</Anchor>
        </Alert>
      )}
      {refused && (
        <Alert color="red" role="alert">
          {t('importWizard.preview.refused')}
        </Alert>
      )}
      <ImportCounts
        items={[
          { id: 'import-rows', label: t('importWizard.preview.rows'), value: preview.rows },
          { id: 'import-accepted', label: t('importWizard.preview.accepted'), value: preview.accepted },
          { id: 'import-rejected', label: t('importWizard.preview.rejected'), value: preview.rejected },
          { id: 'import-duplicates', label: t('importWizard.preview.duplicates'), value: preview.duplicates },
          { id: 'import-new-partners', label: t('importWizard.preview.newPartners'), value: preview.newPartners.length },
        ]}
      />
      {preview.newPartners.length > 0 && (
        <Text size="sm" data-testid="import-new-partner-names">
          {t('importWizard.preview.newPartnersList', { names: preview.newPartners.join(', ') })}
        </Text>
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-rows-title">
        <Title order={3} size="h5" mb="sm" id="import-rows-title">
          {t('importWizard.preview.rowsTitle')}
        </Title>
        <RowsTable jobId={jobId} preview={preview} />
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Switch
            label={t('importWizard.preview.allOrNothing')}
            description={t('importWizard.preview.allOrNothingHelp')}
            checked={allOrNothing}
            onChange={(event) => setAllOrNothing(event.currentTarget.checked)}
            data-testid="import-all-or-nothing"
          />
          {blocked && (
            <Text size="sm" c="red" role="status">
              {t('importWizard.preview.allOrNothingBlocks', { n: formatNumber(preview.rejected) })}
            </Text>
          )}
          {!already && !blocked && preview.accepted === 0 && (
            <Text size="sm" c="dimmed">
              {t('importWizard.preview.nothingToSave')}
            </Text>
          )}
          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              <Button variant="default" onClick={onEditColumns} disabled={committing} data-testid="import-edit-columns">
                {t('importWizard.preview.editColumns')}
              </Button>
              <RejectedDownload jobId={jobId} disabled={preview.rejected === 0 || committing} />
              <Button variant="subtle" color="red" onClick={onDiscard} disabled={committing} data-testid="import-discard">
                {t('importWizard.preview.discard')}
              </Button>
            </Group>
            <Button onClick={() => setConfirming(true)} disabled={!canCommit} loading={committing} data-testid="import-commit">
              {t('importWizard.preview.commit')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('importWizard.preview.confirmTitle')} data-testid="import-confirm">
        <Stack gap="sm">
          <Text fw={600} data-testid="import-confirm-rows">
            {t('importWizard.preview.confirmRows', { n: formatNumber(preview.accepted) })}
          </Text>
          {(preview.rejected > 0 || preview.duplicates > 0) && (
            <Text size="sm">{t('importWizard.preview.confirmSkipped', { rejected: formatNumber(preview.rejected), duplicates: formatNumber(preview.duplicates) })}</Text>
          )}
          {preview.newPartners.length > 0 && <Text size="sm">{t('importWizard.preview.confirmPartners', { n: formatNumber(preview.newPartners.length) })}</Text>}
          <Text size="sm" c="dimmed">
            {t('importWizard.preview.confirmUndo')}
          </Text>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('importWizard.preview.back')}
            </Button>
            <Button
              onClick={() => {
                setConfirming(false);
                onCommit(allOrNothing);
              }}
              data-autofocus
              data-testid="import-confirm-commit"
            >
              {t('importWizard.preview.confirm', { n: formatNumber(preview.accepted) })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
