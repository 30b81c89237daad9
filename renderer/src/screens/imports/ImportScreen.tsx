import { Alert, Button, Code, Group, Paper, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import type { ImportCommitResult, ImportPreview, ImportStatus } from '../../../../electron/api/procedures/imports';
import { ApiError } from '../../api/client';
import { readFileBase64 } from '../../api/read-file';
import { routeHref } from '../../routes';
import { ColumnsStep, type JobChoice } from './ColumnsStep';
import { ImportCounts, PreviewHeader, PreviewStep, RejectedDownload } from './PreviewStep';
import { type SourceChoice, SourceStep } from './SourceStep';
import { isRunning, useImportJob } from './use-import-job';

const STEP = { source: 0, reading: 1, columns: 2, preview: 3, done: 4 } as const;

function ReadingStep({
  fileName,
  status,
  failure,
  onCancel,
  onAnother,
}: {
  fileName: string;
  status: ImportStatus | null;
  failure: string | null;
  onCancel: () => void;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  if (failure !== null) {
    return (
      <Alert color="red" title={t('importWizard.reading.failedTitle')} role="alert" data-testid="import-failed">
        <Text size="sm" mb="sm" style={{ overflowWrap: 'anywhere' }}>
          {failure}
        </Text>
        <Button variant="light" color="red" onClick={onAnother} data-testid="import-another">
          {t('importWizard.reading.chooseAnother')}
        </Button>
      </Alert>
    );
  }
  const phase = status?.phase ?? 'reading';
  return (
    <Paper withBorder p="lg" radius="md" data-testid="import-reading" aria-busy="true">
      <Stack gap="sm">
        <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
          {t('importWizard.reading.title', { fileName })}
        </Title>
        <Group justify="space-between">
          <Text size="sm" fw={600} data-testid="import-phase">
            {t(`imports.phase.${phase}`)}
          </Text>
          {status && status.rowsTotal > 0 && (
            <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {t('importWizard.reading.progress', { done: formatNumber(status.rowsDone), total: formatNumber(status.rowsTotal) })}
            </Text>
          )}
        </Group>
        <Progress
          value={Math.round((status?.progress ?? 0) * 100)}
          striped
          animated
          size="lg"
          aria-label={t(`imports.phase.${phase}`)}
          data-testid="import-progress"
        />
        <Group gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} data-testid="import-cancel">
            {t('importWizard.reading.cancel')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('importWizard.reading.cancelHelp')}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

function DoneStep({ jobId, preview, result, onAnother }: { jobId: string; preview: ImportPreview; result: ImportCommitResult; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="import-done">
      {result.batchId ? (
        <Alert color="teal" title={t('importWizard.done.savedTitle')}>
          {t('importWizard.done.saved')} <Code data-testid="import-batch-id">{result.batchId}</Code>
        </Alert>
      ) : (
        <Alert color="gray" title={t('importWizard.done.nothingTitle')}>
          {t('importWizard.done.nothing')}
        </Alert>
      )}
      <PreviewHeader preview={preview} />
      <ImportCounts
        items={[
          { id: 'import-written', label: t('importWizard.done.written'), value: result.accepted },
          { id: 'import-rejected', label: t('importWizard.preview.rejected'), value: result.rejected },
          { id: 'import-duplicates', label: t('importWizard.preview.duplicates'), value: result.duplicates },
          { id: 'import-new-partners', label: t('importWizard.preview.newPartners'), value: result.newPartners.length },
        ]}
      />
      {result.newPartners.length > 0 && <Text size="sm">{t('importWizard.preview.newPartnersList', { names: result.newPartners.join(', ') })}</Text>}
      <Group gap="sm">
        <Button component="a" href={routeHref({ screen: 'import-batches' })} data-testid="import-to-batches">
          {t('importWizard.done.toBatches')}
        </Button>
        <RejectedDownload jobId={jobId} disabled={result.rejected === 0} />
        <Button variant="default" onClick={onAnother} data-testid="import-another">
          {t('importWizard.done.another')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Impor: a submitted workbook from file to batch in five steps — choose the file (and kind and
 * submitter), watch it being read and checked (cancel writes nothing), answer the core's questions
 * or fix the column mapping, look at the preview, save.
 */
export function ImportScreen() {
  const { t } = useTranslation();
  const job = useImportJob();
  const [source, setSource] = useState<SourceChoice>({ kind: 'auto', submitter: '', file: null });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [editingColumns, setEditingColumns] = useState(false);
  const [revising, setRevising] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [refused, setRefused] = useState(false);

  const status = job.status;
  const preview = status?.preview ?? null;
  const failure = job.error?.message ?? (status?.phase === 'failed' ? (status.error?.message ?? t('common.errorTitle')) : null);

  const fail = (caught: unknown) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: caught instanceof Error ? caught.message : String(caught) });

  const start = async () => {
    const file = source.file;
    if (!file) return;
    setStarting(true);
    setStartError(null);
    setEditingColumns(false);
    setRefused(false);
    try {
      const contentBase64 = await readFileBase64(file);
      await job.start({ fileName: file.name, contentBase64, kind: source.kind, submitter: source.submitter.trim() === '' ? null : source.submitter.trim() });
    } catch (caught) {
      setStartError(caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught));
    } finally {
      setStarting(false);
    }
  };

  const revise = async (choice: JobChoice) => {
    setRevising(true);
    setEditingColumns(false);
    setRefused(false);
    try {
      await job.revise(choice);
    } catch (caught) {
      fail(caught);
    } finally {
      setRevising(false);
    }
  };

  const cancel = async () => {
    try {
      await job.cancel();
      notifications.show({ color: 'blue', message: t('importWizard.reading.cancelled') });
    } catch (caught) {
      fail(caught);
    }
  };

  const commit = async (allOrNothing: boolean) => {
    setCommitting(true);
    try {
      const result = await job.commit(allOrNothing);
      setRefused(result?.refused ?? false);
    } catch (caught) {
      fail(caught);
    } finally {
      setCommitting(false);
    }
  };

  const another = () => {
    job.reset();
    setSource((previous) => ({ ...previous, file: null }));
    setEditingColumns(false);
    setRefused(false);
  };

  let step: number = STEP.source;
  if (job.jobId !== null) {
    if (failure !== null || status === null || (isRunning(status.phase) && status.phase !== 'committing')) step = STEP.reading;
    else if (status.phase === 'done') step = STEP.done;
    else if (preview && (preview.questions.length > 0 || editingColumns)) step = STEP.columns;
    else if (preview) step = STEP.preview;
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('importWizard.title')}</Title>
          <Text c="dimmed">{t('importWizard.subtitle')}</Text>
        </div>
        <Button variant="default" component="a" href={routeHref({ screen: 'import-batches' })} data-testid="import-batches-link">
          {t('importWizard.toBatches')}
        </Button>
      </Group>

      {/* Once done, every step shows as completed. */}
      <Stepper active={step === STEP.done ? STEP.done + 1 : step} allowNextStepsSelect={false} size="sm" data-testid="import-stepper" data-step={step}>
        <Stepper.Step label={t('importWizard.step.source')} description={t('importWizard.step.sourceHint')} />
        <Stepper.Step
          label={t('importWizard.step.reading')}
          description={t('importWizard.step.readingHint')}
          loading={step === STEP.reading && failure === null}
          color={failure !== null ? 'red' : undefined}
        />
        <Stepper.Step label={t('importWizard.step.columns')} description={t('importWizard.step.columnsHint')} />
        <Stepper.Step label={t('importWizard.step.preview')} description={t('importWizard.step.previewHint')} />
        <Stepper.Step label={t('importWizard.step.done')} description={t('importWizard.step.doneHint')} />
      </Stepper>

      {step === STEP.source && (
        <Stack gap="md">
          {startError && (
            <Alert color="red" title={t('importWizard.reading.failedTitle')} role="alert" withCloseButton onClose={() => setStartError(null)} data-testid="import-failed">
              {startError}
            </Alert>
          )}
          <SourceStep choice={source} onChange={setSource} onStart={() => void start()} starting={starting} />
        </Stack>
      )}
      {step === STEP.reading && (
        <ReadingStep fileName={source.file?.name ?? preview?.file.fileName ?? ''} status={status} failure={failure} onCancel={() => void cancel()} onAnother={another} />
      )}
      {step === STEP.columns && preview && job.jobId && (
        <ColumnsStep
          key={JSON.stringify([preview.sheet, preview.kind, preview.layout])}
          preview={preview}
          busy={revising}
          onRevise={(choice) => void revise(choice)}
          onBack={preview.questions.length === 0 ? () => setEditingColumns(false) : null}
          onDiscard={() => void cancel()}
        />
      )}
      {step === STEP.preview && preview && job.jobId && (
        <PreviewStep
          jobId={job.jobId}
          preview={preview}
          committing={committing}
          refused={refused}
          onCommit={(allOrNothing) => void commit(allOrNothing)}
          onEditColumns={() => setEditingColumns(true)}
          onDiscard={() => void cancel()}
        />
      )}
      {step === STEP.done && preview && status?.result && job.jobId && (
        <DoneStep jobId={job.jobId} preview={preview} result={status.result} onAnother={another} />
      )}
    </Stack>
  );
}
