import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../electron/api/contract';
import { formatDate, formatNumber } from '../../../electron/api/format';
import type { Lang } from '../../../electron/api/i18n';
import { useLang } from '../api/use-lang';
import { useProcedure } from '../api/use-procedure';
import { Loadable } from './Loadable';

type HistoryTable = Input<'history:list'>['tableName'];

/** Agreement columns that hold ids, by the label of what they point at. */
const agreementFieldLabels: Record<string, string> = {
  partnerId: 'partner',
  agencyId: 'agency',
  programIds: 'programs',
  documentIds: 'documents',
  parentAgreementId: 'parent',
};

/** A field of a record by its label where the screens have one; otherwise the column's own name. */
export function recordFieldLabel(t: TFunction, tableName: string, field: string): string {
  return tableName === 'agreement'
    ? t(`agreements.field.${agreementFieldLabels[field] ?? field}`, { defaultValue: field })
    : t(`partners.field.${tableName}.${field}`, { defaultValue: t(`partners.field.partner.${field}`, { defaultValue: field }) });
}

/** A changed value as a person reads it: dates and moments in words, yes/no, numbers id-ID. */
export function shownValue(value: unknown, t: TFunction, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('partners.cli.yes') : t('partners.cli.no');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return moment(value, lang);
    return value;
  }
  return JSON.stringify(value);
}

/** When a moment was, in the user's language and Jakarta's time zone (`24 April 2020 pukul 10.15`). */
export function moment(at: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(at));
}

/**
 * A record's audit trail: who did what when, which fields went from what to what, and where the
 * record came from (typed by a person, or an import batch and its source row).
 */
export function RecordHistory({ tableName, recordId }: { tableName: HistoryTable; recordId: string }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const history = useProcedure('history:list', { tableName, recordId });
  const fieldLabel = (field: string) => recordFieldLabel(t, tableName, field);
  return (
    <Paper withBorder p="md" radius="md" data-testid="record-history">
      <Title order={3} size="h4" mb="sm">
        {t('partners.history.title')}
      </Title>
      <Loadable state={history}>
        {({ entries, provenance }) => (
          <Stack gap="sm">
            {provenance && (
              <Text size="sm" data-testid="record-provenance">
                <Text span fw={600}>
                  {t('partners.history.provenance')}:{' '}
                </Text>
                {provenance.batch
                  ? t('partners.history.importedFrom', { fileName: provenance.batch.fileName, row: provenance.sourceRow ?? '—' })
                  : t('partners.history.typedBy', { actor: provenance.createdBy ?? '—' })}
                {provenance.createdAt ? ` · ${moment(provenance.createdAt, i18n.language)}` : ''}
              </Text>
            )}
            {entries.length === 0 ? (
              <Text c="dimmed">{t('common.empty')}</Text>
            ) : (
              entries.map((entry) => (
                <Paper key={entry.seq} withBorder p="sm" radius="sm" data-testid="history-entry" data-action={entry.action}>
                  <Group gap="xs" mb={entry.changes.length > 0 ? 'xs' : 0}>
                    <Badge variant="light">{t(`partners.action.${entry.action}`, { defaultValue: entry.action })}</Badge>
                    {entry.batchLevel && <Badge variant="outline">{t('partners.history.batchLevel')}</Badge>}
                    <Text size="sm">{moment(entry.at, i18n.language)}</Text>
                    <Text size="sm" c="dimmed">
                      {entry.actor}
                    </Text>
                  </Group>
                  {entry.changes.length > 0 && (
                    <Table withRowBorders={false} verticalSpacing={2}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('partners.history.field')}</Table.Th>
                          <Table.Th>{t('partners.history.from')}</Table.Th>
                          <Table.Th>{t('partners.history.to')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {entry.changes.map((change) => (
                          <Table.Tr key={change.field}>
                            <Table.Td title={change.field}>{fieldLabel(change.field)}</Table.Td>
                            <Table.Td style={{ overflowWrap: 'anywhere' }}>{shownValue(change.from, t, lang)}</Table.Td>
                            <Table.Td style={{ overflowWrap: 'anywhere' }}>{shownValue(change.to, t, lang)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  )}
                </Paper>
              ))
            )}
          </Stack>
        )}
      </Loadable>
    </Paper>
  );
}
