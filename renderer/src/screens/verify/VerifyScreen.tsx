import { Alert, Badge, Button, Code, FileButton, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import type { Lang } from '../../../../electron/api/i18n';
import { MAX_VERIFY_BYTES, type VerifyResult } from '../../../../electron/api/procedures/exports';
import { call } from '../../api/client';
import { readFileBase64 } from '../../api/read-file';
import { useLang } from '../../api/use-lang';
import { DetailList } from '../../components/DetailList';

interface Check {
  id: number;
  fileName: string;
  outcome: { status: 'checking' } | { status: 'done'; result: VerifyResult } | { status: 'failed'; message: string };
}

/** `2024-03-15T08:30:00.000Z` → `15 Maret 2024 08:30:00 UTC` (the manifest's own clock, not the reader's). */
function utcText(timestamp: string, lang: Lang): string {
  const day = timestamp.slice(0, 10);
  try {
    return `${formatDate(day, lang)} ${timestamp.slice(11, 19)} UTC`;
  } catch {
    // A manifest typed by hand may hold anything: show it as it is.
    return timestamp;
  }
}

function Finding({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  const problem = result.problem;
  if (!problem) return null;
  const dimmed = (text: string) => (
    <Text span c="dimmed" fz="inherit">
      {text}
    </Text>
  );
  const value = (text: string | null) => (text === null ? dimmed('—') : text === '' ? dimmed(t('recapScreens.verify.blank')) : <Code>{text}</Code>);
  // The manifest keeps only fingerprints of the data cells, not their values: a changed cell's old value is not known.
  const expected = problem.expected === null && problem.kind === 'cell_changed' ? dimmed(t('recapScreens.verify.expectedUnknown')) : value(problem.expected);
  return (
    <Table withTableBorder fz="sm" data-testid="verify-problem" data-kind={problem.kind}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('recapScreens.verify.what')}</Table.Th>
          <Table.Th>{t('recapScreens.verify.sheet')}</Table.Th>
          <Table.Th>{t('recapScreens.verify.cell')}</Table.Th>
          <Table.Th>{t('recapScreens.verify.expected')}</Table.Th>
          <Table.Th>{t('recapScreens.verify.found')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td fw={600}>{t(`recapScreens.verify.problem.${problem.kind}`)}</Table.Td>
          <Table.Td data-testid="verify-problem-sheet">{problem.sheet}</Table.Td>
          <Table.Td data-testid="verify-problem-cell">{problem.cell ?? '—'}</Table.Td>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>{expected}</Table.Td>
          <Table.Td style={{ overflowWrap: 'anywhere' }}>{value(problem.found)}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Manifest({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (result.generatedAt === null && result.sheets.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={4} size="h6">
        {t('recapScreens.verify.manifest')}
      </Title>
      <DetailList
        items={[
          { label: t('recapScreens.verify.generatedAt'), value: result.generatedAt && <span title={result.generatedAt}>{utcText(result.generatedAt, lang)}</span> },
          { label: t('recapScreens.verify.appVersion'), value: result.appVersion },
          { label: t('recapScreens.verify.databaseId'), value: result.databaseId && <Code>{result.databaseId}</Code> },
        ]}
        testId="verify-manifest"
      />
      {result.sheets.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" withTableBorder aria-label={t('recapScreens.verify.sheets')} data-testid="verify-sheets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('recapScreens.verify.sheet')}</Table.Th>
                <Table.Th ta="right">{t('recapScreens.verify.rows')}</Table.Th>
                <Table.Th>{t('recapScreens.verify.sha256')}</Table.Th>
                <Table.Th>{t('recapScreens.verify.sheetStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.sheets.map((sheet) => (
                <Table.Tr key={sheet.name} data-testid="verify-sheet" data-intact={sheet.intact}>
                  <Table.Td>{sheet.name}</Table.Td>
                  <Table.Td ta="right">{formatNumber(sheet.rows)}</Table.Td>
                  <Table.Td>
                    <Code style={{ overflowWrap: 'anywhere', fontSize: 12 }}>{sheet.sha256}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={sheet.intact ? 'teal' : 'red'} variant="light">
                      {t(sheet.intact ? 'recapScreens.verify.sheetIntact' : 'recapScreens.verify.sheetChanged')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CheckResult({ check }: { check: Check }) {
  const { t } = useTranslation();
  const { outcome, fileName } = check;
  if (outcome.status === 'checking') {
    return (
      <Group gap="xs" aria-live="polite">
        <Loader size="xs" />
        <Text size="sm">{t('recapScreens.verify.checking', { fileName })}</Text>
      </Group>
    );
  }
  if (outcome.status === 'failed') {
    return (
      <Alert color="red" title={t('common.errorTitle')} role="alert" data-testid="verify-status" data-status="error">
        {outcome.message}
      </Alert>
    );
  }
  const { result } = outcome;
  const look = {
    intact: { color: 'teal', title: 'recapScreens.verify.intactTitle', text: t('recapScreens.verify.intact', { fileName: result.fileName }) },
    tampered: { color: 'red', title: 'recapScreens.verify.tamperedTitle', text: t('recapScreens.verify.tampered', { fileName: result.fileName }) },
    not_ksbb_workbook: {
      color: 'orange',
      title: 'recapScreens.verify.notKsbbTitle',
      text: t('recapScreens.verify.notKsbb', {
        fileName: result.fileName,
        reason: result.reason === null ? '—' : t(`recaps.verify.reason.${result.reason}`, { defaultValue: result.reason }),
      }),
    },
  }[result.status];
  return (
    <Stack gap="md">
      <Alert color={look.color} variant="light" title={t(look.title)} role="status" data-testid="verify-status" data-status={result.status}>
        {look.text}
      </Alert>
      <Finding result={result} />
      <Manifest result={result} />
    </Stack>
  );
}

/**
 * Verifikasi berkas: an auditor drops or chooses exported workbooks; the core recomputes each data
 * sheet's SHA-256 against the Manifest (`export:verify`, the same check as `ksbb verify`) and
 * the screen says intact, changed (which sheet, which cell, expected and found) or not a KSBB workbook.
 */
export function VerifyScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const [checks, setChecks] = useState<Check[]>([]);
  const [dragging, setDragging] = useState(false);
  // Choosing the same file again (after re-exporting it) must fire again.
  const resetInput = useRef<() => void>(null);

  const settle = (id: number, outcome: Check['outcome']) => setChecks((all) => all.map((c) => (c.id === id ? { ...c, outcome } : c)));

  const verify = async (file: File, id: number) => {
    if (file.size > MAX_VERIFY_BYTES) {
      settle(id, { status: 'failed', message: t('recapScreens.verify.tooLarge', { fileName: file.name, size: formatNumber(file.size), max: formatNumber(MAX_VERIFY_BYTES) }) });
      return;
    }
    try {
      const contentBase64 = await readFileBase64(file);
      settle(id, { status: 'done', result: await call('export:verify', { fileName: file.name, contentBase64 }, lang) });
    } catch (error) {
      settle(id, { status: 'failed', message: (error as Error).message });
    }
  };

  const start = (files: File[]) => {
    const base = Date.now();
    const added = files.map((file, index) => ({ id: base + index, fileName: file.name, outcome: { status: 'checking' as const } }));
    // Newest first: the file just dropped is the one looked at.
    setChecks((all) => [...added, ...all]);
    files.forEach((file, index) => void verify(file, base + index));
    resetInput.current?.();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start([...event.dataTransfer.files]);
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('recapScreens.verify.title')}</Title>
        <Text c="dimmed" maw={820}>
          {t('recapScreens.verify.subtitle')}
        </Text>
      </div>
      <Paper
        withBorder
        p="xl"
        radius="md"
        onDragOver={(event: DragEvent) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: dragging ? 'var(--mantine-color-teal-6)' : undefined, background: dragging ? 'var(--mantine-color-teal-0)' : undefined }}
        data-testid="verify-drop"
      >
        <Stack align="center" gap="xs">
          <Text fw={600}>{t('recapScreens.verify.drop')}</Text>
          <Text size="sm" c="dimmed">
            {t('recapScreens.verify.or')}
          </Text>
          <FileButton onChange={(files) => start(files)} multiple resetRef={resetInput} inputProps={{ 'data-testid': 'verify-input' } as object}>
            {(props) => (
              <Button {...props} data-testid="verify-choose" autoFocus>
                {t('recapScreens.verify.choose')}
              </Button>
            )}
          </FileButton>
        </Stack>
      </Paper>
      <section aria-labelledby="verify-results-title">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h5" id="verify-results-title">
            {t('recapScreens.verify.results')}
          </Title>
          {checks.length > 0 && (
            <Button variant="subtle" size="compact-sm" onClick={() => setChecks([])}>
              {t('recapScreens.verify.clear')}
            </Button>
          )}
        </Group>
        {checks.length === 0 ? (
          <Text c="dimmed">{t('recapScreens.verify.none')}</Text>
        ) : (
          <Stack gap="md">
            {checks.map((check) => (
              <Paper key={check.id} withBorder p="md" radius="md" data-testid="verify-result" data-file-name={check.fileName}>
                <Text fw={600} mb="sm" style={{ overflowWrap: 'anywhere' }}>
                  {check.fileName}
                </Text>
                <CheckResult check={check} />
              </Paper>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
