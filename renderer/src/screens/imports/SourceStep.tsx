import { Button, FileButton, Grid, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import { MAX_SUBMISSION_BYTES, type SubmissionKind, submissionKindValues } from '../../../../electron/api/procedures/imports';
import { downloadBase64File } from '../../api/download';
import { useAction } from '../../api/use-action';
import { documentSize } from '../agreements/agreement-view';

export const ACCEPT = '.xlsx,.xls,.ods,.csv';

export interface SourceChoice {
  kind: SubmissionKind | 'auto';
  submitter: string;
  file: File | null;
}

/** One button per kind that hands out its template workbook. */
function Templates() {
  const { t } = useTranslation();
  const { run } = useAction();
  const [busy, setBusy] = useState<SubmissionKind | null>(null);
  const download = async (kind: SubmissionKind) => {
    setBusy(kind);
    const template = await run('import:template', { kind });
    setBusy(null);
    if (!template) return;
    downloadBase64File(template);
    notifications.show({ color: 'teal', message: t('importWizard.source.templateDownloaded', { fileName: template.fileName }) });
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-templates-title">
      <Title order={3} size="h5" id="import-templates-title">
        {t('importWizard.source.templates')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('importWizard.source.templatesHelp')}
      </Text>
      <Stack gap={6}>
        {submissionKindValues.map((kind) => (
          <Group key={kind} justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{t(`imports.kind.${kind}`)}</Text>
            <Button
              variant="light"
              size="compact-sm"
              loading={busy === kind}
              onClick={() => void download(kind)}
              aria-label={`${t('importWizard.source.download')}: ${t(`imports.kind.${kind}`)}`}
              data-testid={`import-template-${kind}`}
            >
              {t('importWizard.source.download')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

/** Step 1: the kind (or automatic), who sent the file, and the file itself; the templates beside. */
export function SourceStep({
  choice,
  onChange,
  onStart,
  starting,
}: {
  choice: SourceChoice;
  onChange: (choice: SourceChoice) => void;
  onStart: () => void;
  starting: boolean;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  // Refused before reading: a file over the limit would be read into memory only for the core to refuse it.
  const pick = (file: File | null | undefined) => {
    if (!file) return;
    if (file.size > MAX_SUBMISSION_BYTES) {
      setRefusal(t('importWizard.source.tooLarge', { fileName: file.name, size: formatNumber(file.size), max: formatNumber(MAX_SUBMISSION_BYTES) }));
      onChange({ ...choice, file: null });
      return;
    }
    setRefusal(null);
    onChange({ ...choice, file });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files[0]);
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md">
          <Select
            label={t('importWizard.source.kind')}
            data={[
              { value: 'auto', label: t('importWizard.source.auto') },
              ...submissionKindValues.map((kind) => ({ value: kind, label: t(`imports.kind.${kind}`) })),
            ]}
            value={choice.kind}
            onChange={(value) => onChange({ ...choice, kind: (value ?? 'auto') as SourceChoice['kind'] })}
            allowDeselect={false}
            data-testid="import-kind"
          />
          <TextInput
            label={t('importWizard.source.submitter')}
            placeholder={t('importWizard.source.submitterPlaceholder')}
            description={t('importWizard.source.submitterHelp')}
            value={choice.submitter}
            maxLength={200}
            onChange={(event) => onChange({ ...choice, submitter: event.currentTarget.value })}
            data-testid="import-submitter"
          />
          <Paper
            withBorder
            p="lg"
            radius="md"
            aria-label={t('importWizard.source.file')}
            onDragOver={(event: DragEvent) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            style={{
              borderStyle: 'dashed',
              borderWidth: 2,
              borderColor: dragging ? 'var(--mantine-color-teal-6)' : undefined,
              background: dragging ? 'var(--mantine-color-teal-0)' : undefined,
            }}
            data-testid="import-drop"
          >
            <Stack align="center" gap="xs">
              <Text fw={600}>{t('importWizard.source.file')}</Text>
              <Group gap="xs" justify="center">
                <Text size="sm">{t('importWizard.source.drop')}</Text>
                <FileButton
                  onChange={pick}
                  accept={ACCEPT}
                  inputProps={{ 'data-testid': 'import-file-input' } as object}
                >
                  {(props) => (
                    <Button {...props} variant="default" size="compact-sm" data-testid="import-choose">
                      {t('importWizard.source.choose')}
                    </Button>
                  )}
                </FileButton>
              </Group>
              <Text size="xs" c="dimmed">
                {t('importWizard.source.accepted', { maxMb: formatNumber(MAX_SUBMISSION_BYTES / (1024 * 1024)) })}
              </Text>
              {refusal && (
                <Text size="sm" c="red.8" role="alert" ta="center" data-testid="import-file-refused">
                  {refusal}
                </Text>
              )}
              <Text size="sm" fw={choice.file ? 600 : undefined} c={choice.file ? undefined : 'dimmed'} data-testid="import-file-name" style={{ overflowWrap: 'anywhere' }}>
                {choice.file ? t('importWizard.source.chosen', { fileName: choice.file.name, size: documentSize(t, choice.file.size) }) : t('importWizard.source.noFile')}
              </Text>
            </Stack>
          </Paper>
          <Group>
            <Button onClick={onStart} disabled={!choice.file} loading={starting} data-testid="import-start">
              {t('importWizard.source.start')}
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Templates />
      </Grid.Col>
    </Grid>
  );
}
