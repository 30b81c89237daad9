import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../electron/api/format';
import { type ImportMapping, type ImportPreview, importQuestionKey, noKindFits, type SubmissionKind, submissionKindValues } from '../../../../electron/api/procedures/imports';
import { columnLetter } from './import-view';

export interface JobChoice {
  kind: SubmissionKind | 'auto';
  sheet: string | null;
  mapping: ImportMapping | null;
}

const NONE = 'none';

/**
 * Step 3, when the core asks (which kind, which sheet, a required column it did not find) or the
 * person wants to fix the mapping: choosing another sheet or kind reads the file again with the
 * mapping recognised anew; a fixed mapping reads it again with exactly that mapping.
 */
export function ColumnsStep({
  preview,
  busy,
  onRevise,
  onBack,
  onDiscard,
}: {
  preview: ImportPreview;
  busy: boolean;
  onRevise: (choice: JobChoice) => void;
  /** Set when the preview needs no answer: the person only looked at the mapping. */
  onBack: (() => void) | null;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const layout = preview.layout;
  const [draft, setDraft] = useState<Record<string, number | null>>(() => ({ ...(layout?.mapping ?? {}) }));

  const headerOf = new Map<string, string>(preview.fields.map((field) => [field.key, field.header]));
  const columnOptions = [
    { value: NONE, label: t('importWizard.columns.none') },
    ...(layout?.columns ?? []).map((column) => ({
      value: String(column.index),
      label: t('importWizard.columns.columnOption', { letter: columnLetter(column.index), header: column.header }),
    })),
  ];
  const missing = preview.fields.filter((field) => field.required && (draft[field.key] ?? null) === null);
  const usedBy = new Map<number, string[]>();
  for (const field of preview.fields) {
    const column = draft[field.key];
    if (column !== null && column !== undefined) usedBy.set(column, [...(usedBy.get(column) ?? []), field.key]);
  }

  const sheetKind = (name: string) => preview.sheets.find((sheet) => sheet.name === name)?.kind ?? preview.kind ?? 'auto';
  const apply = () => {
    if (preview.kind === null) return;
    const mapping = Object.fromEntries(preview.fields.map((field) => [field.key, draft[field.key] ?? null])) as ImportMapping;
    onRevise({ kind: preview.kind, sheet: preview.sheet, mapping });
  };

  return (
    <Stack gap="md" data-testid="import-columns">
      <Title order={3} size="h4">
        {t('importWizard.columns.title')}
      </Title>
      {preview.questions.length > 0 && (
        <Alert color="orange" data-testid="import-questions">
          {preview.kind === null && preview.candidates.length === 0
            ? t('importWizard.columns.noKind')
            : t('importWizard.columns.questions', { questions: preview.questions.map((q) => t(importQuestionKey(q, preview.candidates))).join('; ') })}
        </Alert>
      )}

      {preview.candidates.length > 0 && (
        <Paper withBorder p="md" radius="md">
          <Text fw={600} size="sm" mb="xs">
            {t(noKindFits(preview.candidates) ? 'importWizard.columns.candidatesClosest' : 'importWizard.columns.candidates')}
          </Text>
          <Group gap="xs">
            {preview.candidates.map((candidate) => (
              <Button
                key={`${candidate.sheet}-${candidate.kind}`}
                variant="light"
                onClick={() => onRevise({ kind: candidate.kind, sheet: candidate.sheet, mapping: null })}
                disabled={busy}
                data-testid="import-candidate"
              >
                {t('importWizard.columns.candidate', { sheet: candidate.sheet, kind: t(`imports.kind.${candidate.kind}`) })}
              </Button>
            ))}
          </Group>
        </Paper>
      )}

      <Group align="flex-end" gap="md">
        <Select
          label={t('importWizard.columns.sheet')}
          data={preview.sheets.map((sheet) => ({
            value: sheet.name,
            // No header found: its count of rows says nothing yet.
            label: sheet.rowCount > 0 ? t('importWizard.columns.sheetOption', { name: sheet.name, rows: formatNumber(sheet.rowCount) }) : sheet.name,
          }))}
          placeholder={t('importWizard.columns.pickSheet')}
          value={preview.sheet}
          onChange={(sheet) => sheet && onRevise({ kind: sheetKind(sheet), sheet, mapping: null })}
          allowDeselect={false}
          disabled={busy}
          w={280}
          data-testid="import-sheet"
        />
        <Select
          label={t('importWizard.columns.kind')}
          placeholder={t('importWizard.columns.pickKind')}
          data={submissionKindValues.map((kind) => ({ value: kind, label: t(`imports.kind.${kind}`) }))}
          value={preview.kind}
          onChange={(kind) => kind && onRevise({ kind: kind as SubmissionKind, sheet: preview.sheet, mapping: null })}
          allowDeselect={false}
          disabled={busy}
          w={240}
          data-testid="import-columns-kind"
        />
      </Group>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('importWizard.columns.reread')}
      </Text>

      {layout === null ? (
        preview.kind !== null && (
          <Alert color="orange" title={t('importWizard.columns.noHeader')}>
            <Button variant="light" color="orange" onClick={() => onRevise({ kind: preview.kind ?? 'auto', sheet: preview.sheet, mapping: {} })} disabled={busy}>
              {t('importWizard.columns.useFirstRow')}
            </Button>
          </Alert>
        )
      ) : (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" mb="sm" data-testid="import-mapping-source" data-source={layout.source}>
            {t('importWizard.columns.headerRow', { row: formatNumber(layout.headerRow) })}{' '}
            {t(`importWizard.columns.source.${layout.source}`, { submitter: preview.submitter ?? '' })}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} data-testid="import-mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="34%">{t('importWizard.columns.field')}</Table.Th>
                  <Table.Th w="36%">{t('importWizard.columns.column')}</Table.Th>
                  <Table.Th>{t('importWizard.columns.example')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.fields.map((field) => {
                  const column = draft[field.key] ?? null;
                  const others = column === null ? [] : (usedBy.get(column) ?? []).filter((key) => key !== field.key);
                  const unmapped = field.required && column === null;
                  return (
                    <Table.Tr key={field.key} data-testid="import-mapping-row" data-field={field.key}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={field.required ? 600 : undefined}>
                            {field.header}
                            {field.required && (
                              <Text span c="red" aria-hidden="true">
                                {' *'}
                              </Text>
                            )}
                          </Text>
                          {field.required && (
                            <Badge size="xs" variant={unmapped ? 'filled' : 'light'} color={unmapped ? 'red' : 'gray'} tt="none">
                              {t('importWizard.columns.required')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={field.header}
                          data={
                            column === null || columnOptions.some((o) => o.value === String(column))
                              ? columnOptions
                              : [...columnOptions, { value: String(column), label: columnLetter(column) }]
                          }
                          value={column === null ? NONE : String(column)}
                          onChange={(value) => setDraft((previous) => ({ ...previous, [field.key]: value === null || value === NONE ? null : Number(value) }))}
                          allowDeselect={false}
                          searchable
                          error={unmapped ? true : undefined}
                          disabled={busy}
                          data-testid={`import-map-${field.key}`}
                        />
                        {others.length > 0 && (
                          <Text size="xs" c="orange.8" mt={2}>
                            {t('importWizard.columns.usedTwice', { field: others.map((key) => headerOf.get(key) ?? key).join(', ') })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {field.example}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {missing.length > 0 && (
            <Text size="sm" c="red" mt="sm" role="status" data-testid="import-missing">
              {t('importWizard.columns.missingRequired', { fields: missing.map((field) => field.header).join(', ') })}
            </Text>
          )}
          <Text size="sm" c="dimmed" mt="sm">
            {preview.submitter ? t('importWizard.columns.remember', { submitter: preview.submitter }) : t('importWizard.columns.rememberNoSubmitter')}
          </Text>
        </Paper>
      )}

      <Group justify="space-between">
        <Group gap="sm">
          {layout !== null && (
            <Button onClick={apply} loading={busy} disabled={preview.kind === null} data-testid="import-apply-mapping">
              {t('importWizard.columns.apply')}
            </Button>
          )}
          {onBack && (
            <Button variant="default" onClick={onBack} disabled={busy} data-testid="import-back-to-preview">
              {t('importWizard.columns.backToPreview')}
            </Button>
          )}
        </Group>
        <Button variant="subtle" color="red" onClick={onDiscard} disabled={busy} data-testid="import-discard">
          {t('importWizard.preview.discard')}
        </Button>
      </Group>
    </Stack>
  );
}
