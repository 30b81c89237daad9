import { Alert, Badge, Button, Group, Input, List, Loader, MultiSelect, NumberInput, Paper, Progress, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatDate, formatNumber, formatPercent } from '../../../../electron/api/format';
import type { Lang } from '../../../../electron/api/i18n';
import type { FigureChange, IssuedReport, ReportBasis } from '../../../../electron/api/procedures/reports';
import { downloadBase64File } from '../../api/download';
import { useCan } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { DateField } from '../../components/DateField';
import { Loadable } from '../../components/Loadable';
import { readableFigurePath } from './figure-path';

/**
 * Laporan Festival: issue the yearly Festival Kolaborasi report (figures, PDF and workbook, frozen
 * when issued), list the issued ones, open one — the stored snapshot in a sandboxed frame with no
 * script, the "data changed since issued" banner — and download its files.
 */

type Opened = Output<'report:get'>;

const periodOf = (report: IssuedReport, lang: Lang) =>
  report.params.year !== null ? String(report.params.year) : `${formatDate(report.params.from, lang)} – ${formatDate(report.params.to, lang)}`;

const mediaTypes = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** A changed figure as the report shows it: coverage as a percentage, counts and Rupiah in id-ID. */
function changeValue(path: string, value: FigureChange['issued']): string {
  if (typeof value !== 'number') return value === null ? '–' : value;
  return path.endsWith('.coverage') ? formatPercent(value) : formatNumber(value);
}

type Changes = Output<'report:changes'>;

/**
 * "Data changed since issued": the figures computed again now against the snapshot. Asked for
 * apart from the snapshot, which shows at once; over a million rows this takes most of a minute.
 */
function DataChanges({ id }: { id: string }) {
  const { t } = useTranslation();
  const changes = useProcedure('report:changes', { id });
  return (
    <Loadable
      state={changes}
      loading={
        <Group gap="xs" data-testid="report-changes-loading">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('reports.screen.comparing')}
          </Text>
        </Group>
      }
    >
      {(found: Changes) =>
        found.changes.length > 0 ? (
          <Alert color="orange" title={t('reports.screen.changedTitle')} data-testid="report-changed">
            <Text size="sm" mb="xs">
              {t('reports.screen.changedBody')}
            </Text>
            <List size="sm" spacing={2}>
              {found.changes.slice(0, 12).map((c) => (
                <List.Item key={c.path}>{t('reports.screen.changeLine', { path: readableFigurePath(c.path, t), issued: changeValue(c.path, c.issued), now: changeValue(c.path, c.now) })}</List.Item>
              ))}
            </List>
            {found.changes.length > 12 || found.moreChanges > 0 ? (
              <Text size="sm" mt="xs">
                {t('reports.screen.changedMore', { n: formatNumber(found.changes.length - Math.min(12, found.changes.length) + found.moreChanges) })}
              </Text>
            ) : null}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed" data-testid="report-unchanged">
            {t('reports.screen.unchanged')}
          </Text>
        )
      }
    </Loadable>
  );
}

function OpenedReport({ opened, onClose }: { opened: Opened; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { run, running } = useAction();
  const download = async (format: 'pdf' | 'xlsx') => {
    const file = await run('report:file', { id: opened.report.id, format });
    if (file) downloadBase64File({ fileName: file.fileName, contentBase64: file.contentBase64, mediaType: mediaTypes[format] });
  };
  return (
    <Paper withBorder p="md" data-testid="report-opened">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            {`${t('reports.screen.previewTitle')} · ${periodOf(opened.report, lang)}`}
          </Title>
          <Group gap="xs">
            <Button variant="light" loading={running} onClick={() => void download('pdf')} data-testid="report-download-pdf">
              {t('reports.screen.downloadPdf')}
            </Button>
            <Button variant="light" loading={running} onClick={() => void download('xlsx')} data-testid="report-download-xlsx">
              {t('reports.screen.downloadXlsx')}
            </Button>
            <Button variant="subtle" onClick={onClose}>
              {t('reports.screen.close')}
            </Button>
          </Group>
        </Group>
        <DataChanges id={opened.report.id} />
        <iframe
          title={t('reports.screen.previewTitle')}
          srcDoc={opened.html}
          sandbox=""
          data-testid="report-preview"
          style={{ width: '100%', height: '75vh', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, background: 'white' }}
        />
      </Stack>
    </Paper>
  );
}

function IssueForm({ onIssued }: { onIssued: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const programs = useProcedure('program:list', {});
  const settings = useProcedure('settings:get', {});
  const issue = useAction();
  const save = useAction();
  const can = useCan();
  const [kind, setKind] = useState<'year' | 'range'>('year');
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [programIds, setProgramIds] = useState<string[]>([]);
  const [reportLang, setReportLang] = useState<Lang>(lang);
  const [basis, setBasis] = useState<ReportBasis>('terverifikasi');
  const [secretariat, setSecretariat] = useState<string | null>(null);
  const shownSecretariat = secretariat ?? (settings.status === 'ready' ? settings.value.secretariatName : '');
  const rangeReady = kind === 'year' || (from !== null && from !== '' && to !== null && to !== '' && from <= to);

  const submit = async () => {
    const period = kind === 'year' ? { year } : { from: from as string, to: to as string };
    const result = await issue.run('report:festival', { ...period, programIds, lang: reportLang, basis }, t('reports.screen.issued'));
    if (result) onIssued(result.report.id);
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Input.Label>{t('reports.screen.periodKind')}</Input.Label>
            <SegmentedControl
              value={kind}
              onChange={(value) => setKind(value === 'range' ? 'range' : 'year')}
              data={[
                { value: 'year', label: t('reports.screen.byYear') },
                { value: 'range', label: t('reports.screen.byRange') },
              ]}
              data-testid="report-period-kind"
            />
          </Stack>
          {kind === 'year' ? (
            <NumberInput label={t('reports.screen.year')} value={year} onChange={(v) => setYear(typeof v === 'number' ? v : Number(v))} min={2000} max={2100} w={120} data-testid="report-year" />
          ) : (
            <>
              <DateField label={t('reports.screen.from')} value={from} onChange={setFrom} />
              <DateField label={t('reports.screen.to')} value={to} onChange={setTo} />
            </>
          )}
          <Stack gap={4}>
            <Input.Label>{t('reports.screen.basis')}</Input.Label>
            <SegmentedControl
              value={basis}
              onChange={(value) => setBasis(value === 'dilaporkan' ? 'dilaporkan' : 'terverifikasi')}
              data={[
                { value: 'terverifikasi', label: t('reports.screen.basisVerified') },
                { value: 'dilaporkan', label: t('reports.screen.basisReported') },
              ]}
              data-testid="report-basis"
            />
          </Stack>
          <Stack gap={4}>
            <Input.Label>{t('reports.screen.language')}</Input.Label>
            <SegmentedControl value={reportLang} onChange={(value) => setReportLang(value === 'en' ? 'en' : 'id')} data={[{ value: 'id', label: 'Bahasa Indonesia' }, { value: 'en', label: 'English' }]} />
          </Stack>
        </Group>
        <MultiSelect
          label={t('reports.screen.programs')}
          data={programs.status === 'ready' ? programs.value.map((p) => ({ value: p.id, label: p.name })) : []}
          value={programIds}
          onChange={setProgramIds}
          clearable
          data-testid="report-programs"
        />
        {can('settings:set-secretariat') && (
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t('reports.screen.secretariat')} value={shownSecretariat} onChange={(e) => setSecretariat(e.currentTarget.value)} style={{ flex: 1, minWidth: 280 }} data-testid="report-secretariat" />
            <Button
              variant="default"
              loading={save.running}
              disabled={secretariat === null || secretariat.trim() === ''}
              onClick={() => void save.run('settings:set-secretariat', { secretariatName: shownSecretariat }, t('reports.screen.secretariatSaved'))}
              data-testid="report-secretariat-save"
            >
              {t('reports.screen.saveSecretariat')}
            </Button>
          </Group>
        )}
        <Group>
          <Button onClick={() => void submit()} loading={issue.running} disabled={!rangeReady} data-testid="report-generate">
            {t('reports.screen.generate')}
          </Button>
        </Group>
        {issue.running ? (
          <Stack gap={4} data-testid="report-progress" aria-live="polite">
            <Text size="sm">{t('reports.screen.generating')}</Text>
            <Progress value={100} animated striped />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function ReportsScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const list = useProcedure('report:list', {});
  const open = useAction();
  // Each opening is new: reopening the same report compares its figures with the data again.
  const [opened, setOpened] = useState<{ value: Opened; openedAt: number } | null>(null);

  const show = async (id: string) => {
    const result = await open.run('report:get', { id });
    if (result) setOpened({ value: result, openedAt: Date.now() });
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('reports.screen.title')}</Title>
        <Text c="dimmed">{t('reports.screen.subtitle')}</Text>
      </div>
      {can('report:festival') && (
        <IssueForm
          onIssued={(id) => {
            if (list.status === 'ready') list.reload();
            void show(id);
          }}
        />
      )}
      <Title order={3} size="h4">
        {t('reports.screen.listTitle')}
      </Title>
      <Loadable state={list}>
        {({ reports }) =>
          reports.length === 0 ? (
            <Text c="dimmed">{t('reports.screen.noneIssued')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped withTableBorder data-testid="report-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports.screen.period')}</Table.Th>
                    <Table.Th>{t('reports.cover.programs')}</Table.Th>
                    <Table.Th>{t('reports.screen.issuedAt')}</Table.Th>
                    <Table.Th>{t('reports.screen.issuedBy')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {reports.map((report) => (
                    <Table.Tr key={report.id} data-testid="report-row">
                      <Table.Td>
                        {periodOf(report, lang)} <Badge variant="light">{report.params.lang.toUpperCase()}</Badge>
                      </Table.Td>
                      <Table.Td>{report.params.programIds.length === 0 ? t('reports.allPrograms') : report.params.programIds.join(', ')}</Table.Td>
                      <Table.Td>{`${formatDate(report.issuedAt.slice(0, 10), lang)} ${report.issuedAt.slice(11, 16)} UTC`}</Table.Td>
                      <Table.Td>{report.issuedBy}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="light" loading={open.running} onClick={() => void show(report.id)} data-testid="report-open">
                          {t('reports.screen.open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loadable>
      {opened ? <OpenedReport key={`${opened.value.report.id}-${opened.openedAt}`} opened={opened.value} onClose={() => setOpened(null)} /> : null}
    </Stack>
  );
}
