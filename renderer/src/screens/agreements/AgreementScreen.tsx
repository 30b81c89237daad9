import { Alert, Anchor, Button, Code, Divider, FileButton, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import type { Lang } from '../../../../electron/api/i18n';
import { type AgreementDetail, MAX_DOCUMENT_BYTES } from '../../../../electron/api/procedures/agreements';
import { ApiError, call } from '../../api/client';
import { downloadBase64File } from '../../api/download';
import { readFileBase64 } from '../../api/read-file';
import { useCan } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useProcedure } from '../../api/use-procedure';
import { CopyAction } from '../../components/CopyAction';
import { DetailList } from '../../components/DetailList';
import { Loadable } from '../../components/Loadable';
import { RecordHistory } from '../../components/RecordHistory';
import { routeHref } from '../../routes';
import { coreToday, DaysLeft, dateOrNull, documentSize, documentType, jakartaDate, StatusBadge, useLang } from './agreement-view';

type Document = AgreementDetail['documents'][number];

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * Opens a document: the Electron window hands it to the system viewer; a browser on the web host
 * downloads it under its original name. The content comes checked against its SHA-256.
 */
async function openDocument(doc: Document, lang: Lang): Promise<void> {
  const desktop = window.ksbb;
  if (desktop?.openDocument) {
    const result = await desktop.openDocument(doc.id, lang);
    if (!result.ok) throw new ApiError(result.error);
    return;
  }
  const content = await call('document:content', { id: doc.id }, lang);
  downloadBase64File(content);
}

function Documents({ agreement, onChanged }: { agreement: AgreementDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { run, running, error, clearError } = useAction();
  // Dropping a file attaches it too, so a role that may not attach gets neither button nor drop target.
  const mayAttach = useCan()('document:attach');
  const [localRefusal, setRefusal] = useState<string | null>(null);
  // The core's refusal (wrong type, content not what the extension says, too big) stays on screen.
  const refusal = localRefusal ?? error?.message ?? null;
  const [reading, setReading] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // Lets the same file be picked again (after fixing it, say): the input forgets its last choice.
  const resetInput = useRef<() => void>(null);

  const attach = async (file: File | null) => {
    if (!file) return;
    setRefusal(null);
    clearError();
    if (file.size > MAX_DOCUMENT_BYTES) {
      // Refused before reading 50 MB into memory; the same words the core would use.
      setRefusal(t('errors.document_too_large', { fileName: file.name, size: formatNumber(file.size), max: formatNumber(MAX_DOCUMENT_BYTES) }));
      return;
    }
    setReading(file.name);
    try {
      const contentBase64 = await readFileBase64(file);
      const attached = await run('document:attach', { agreementId: agreement.id, fileName: file.name, contentBase64 });
      if (!attached) return;
      const message = attached.alreadyAttached
        ? t('agreements.documents.alreadyAttached')
        : `${t('agreements.documents.attached', { fileName: attached.fileName, sha256: attached.sha256 })}${attached.alreadyStored ? ` ${t('agreements.documents.alreadyStored')}` : ''}`;
      notifications.show({ color: attached.alreadyAttached ? 'blue' : 'teal', message });
      onChanged();
    } catch (caught) {
      setRefusal((caught as Error).message);
    } finally {
      setReading(null);
      resetInput.current?.();
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void attach(event.dataTransfer.files[0] ?? null);
  };

  const open = (doc: Document) =>
    openDocument(doc, lang).catch((caught: Error) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: caught.message }));

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="documents-title"
      data-testid="agreement-documents"
      onDragOver={
        mayAttach
          ? (event: DragEvent) => {
              event.preventDefault();
              setDragging(true);
            }
          : undefined
      }
      onDragLeave={mayAttach ? () => setDragging(false) : undefined}
      onDrop={mayAttach ? onDrop : undefined}
      style={dragging ? { outline: '2px dashed var(--mantine-color-teal-6)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Title order={3} size="h4" id="documents-title">
          {t('agreements.documents.title')}
        </Title>
        {mayAttach && (
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            <FileButton onChange={(file) => void attach(file)} accept={ACCEPT} resetRef={resetInput} inputProps={{ 'data-testid': 'document-input' } as object}>
              {(props) => (
                <Button {...props} loading={running || reading !== null} data-testid="document-attach">
                  {t('agreements.documents.attach')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('agreements.documents.accepted')}
            </Text>
          </Stack>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm" maw={720}>
        {t('agreements.documents.sha256Help')}
      </Text>
      {reading && (
        <Text size="sm" c="dimmed" aria-live="polite" mb="xs">
          {t('agreements.documents.attaching', { fileName: reading })}
        </Text>
      )}
      {refusal && (
        <Alert color="red" title={t('agreements.documents.refused')} role="alert" withCloseButton
          onClose={() => {
            setRefusal(null);
            clearError();
          }} mb="sm" data-testid="document-error">
          {refusal}
        </Alert>
      )}
      {agreement.documents.length === 0 ? (
        <Text c="dimmed">{t('agreements.documents.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreements.documents.fileName')}</Table.Th>
                <Table.Th>{t('agreements.documents.mediaType')}</Table.Th>
                <Table.Th ta="right">{t('agreements.documents.size')}</Table.Th>
                <Table.Th>{t('agreements.documents.sha256')}</Table.Th>
                <Table.Th>{t('agreements.documents.addedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agreement.documents.map((doc) => (
                <Table.Tr key={doc.id} data-testid="document-row" data-document-id={doc.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }} data-testid="document-file-name">
                    {doc.fileName}
                  </Table.Td>
                  <Table.Td>{documentType(t, doc.mediaType)}</Table.Td>
                  <Table.Td ta="right" title={t('agreements.documents.sizeBytes', { size: formatNumber(doc.sizeBytes) })} style={{ whiteSpace: 'nowrap' }}>
                    {documentSize(t, doc.sizeBytes)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" align="center">
                      <Code data-testid="document-sha256" style={{ overflowWrap: 'anywhere', fontSize: 12 }}>
                        {doc.sha256}
                      </Code>
                      <CopyAction
                        value={doc.sha256}
                        label={t('agreements.documents.copy')}
                        copiedLabel={t('agreements.documents.copied')}
                        testId="document-copy"
                      />
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{jakartaDate(doc.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Button variant="light" size="compact-sm" onClick={() => void open(doc)} data-testid="document-open">
                      {window.ksbb?.openDocument ? t('agreements.documents.open') : t('agreements.documents.download')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function RelatedAgreements({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="addenda-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="addenda-title">
          {t('agreements.field.addenda')}
        </Title>
        {can('agreement:create') && (
          <Button
            variant="default"
            size="compact-sm"
            component="a"
            href={routeHref({ screen: 'agreement-new', partnerId: agreement.partnerId, parentId: agreement.id })}
            data-testid="agreement-new-addendum"
          >
            {t('agreements.newAddendum')}
          </Button>
        )}
      </Group>
      {agreement.addenda.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('agreements.detail.noAddenda')}
        </Text>
      ) : (
        <Stack gap={6}>
          {agreement.addenda.map((addendum) => (
            <Group key={addendum.id} gap="sm" wrap="nowrap" data-testid="agreement-addendum">
              <Anchor href={routeHref({ screen: 'agreement', id: addendum.id })} fw={600}>
                {addendum.number}
              </Anchor>
              <StatusBadge status={addendum.effectiveStatus} />
              <Text size="sm" c="dimmed">
                {addendum.signedOn ? formatDate(addendum.signedOn, lang) : '—'}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function AgreementView({ agreement, reload, version }: { agreement: AgreementDetail; reload: () => void; version: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const today = coreToday(agreement);
  const notInForce =
    agreement.effectiveStatus === 'signed' && agreement.validFrom !== null && today !== null && agreement.validFrom > today;
  const partnerLink = (testId?: string) => (
    <Anchor href={routeHref({ screen: 'partner', id: agreement.partnerId })} data-testid={testId}>
      {agreement.partnerName}
    </Anchor>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" c="dimmed">
            <Anchor href={routeHref({ screen: 'agreements' })} size="sm">
              {t('agreements.title')}
            </Anchor>
            {agreement.parent ? (
              <>
                {' · '}
                <Anchor href={routeHref({ screen: 'agreement', id: agreement.parent.id })} size="sm" data-testid="agreement-parent-link">
                  {t('agreements.detail.addendumOf', { number: agreement.parent.number })}
                </Anchor>
              </>
            ) : null}
          </Text>
          <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="agreement-number-heading">
            {agreement.number}
          </Title>
          <Group gap="sm" wrap="wrap">
            <Text>{partnerLink('agreement-partner-link')}</Text>
            {agreement.isAggregator && (
              <Text span c="dimmed" size="sm">
                {t('agreements.form.aggregatorSuffix')}
              </Text>
            )}
            <StatusBadge status={agreement.effectiveStatus} testId="agreement-status" />
            {agreement.effectiveStatus !== 'draft' && agreement.effectiveStatus !== 'terminated' && <DaysLeft row={agreement} />}
            {notInForce && agreement.validFrom && (
              <Text span size="sm" c="orange.8">
                {t('agreements.notInForceYet', { date: agreement.validFrom })}
              </Text>
            )}
          </Group>
        </Stack>
        {can('agreement:update') && (
          <Group gap="xs">
            <Button component="a" href={routeHref({ screen: 'agreement-edit', id: agreement.id })} data-testid="agreement-edit">
              {t('agreements.edit')}
            </Button>
          </Group>
        )}
      </Group>

      <Paper withBorder p="md" radius="md" component="section" aria-label={t('agreements.detail.fields')}>
        <DetailList
          testId="agreement-details"
          items={[
            { label: t('agreements.field.number'), value: agreement.number },
            { label: t('agreements.field.partner'), value: partnerLink() },
            { label: t('agreements.field.agency'), value: agreement.agencyName },
            { label: t('agreements.field.programs'), value: agreement.programs.map((p) => p.name).join(', ') },
            { label: t('agreements.field.signedOn'), value: dateOrNull(agreement.signedOn, lang) },
            { label: t('agreements.field.validFrom'), value: dateOrNull(agreement.validFrom, lang) },
            { label: t('agreements.field.validUntil'), value: agreement.validUntil ? formatDate(agreement.validUntil, lang) : t('agreements.openEnded') },
            { label: t('agreements.field.daysLeft'), value: <DaysLeft row={agreement} /> },
            { label: t('agreements.field.status'), value: t(`agreements.status.${agreement.status}`) },
            { label: t('agreements.field.effectiveStatus'), value: <StatusBadge status={agreement.effectiveStatus} /> },
            {
              label: t('agreements.field.parent'),
              value: agreement.parent ? <Anchor href={routeHref({ screen: 'agreement', id: agreement.parent.id })}>{agreement.parent.number}</Anchor> : null,
            },
            { label: t('agreements.field.documentCount'), value: formatNumber(agreement.documentCount) },
            { label: t('agreements.field.createdAt'), value: jakartaDate(agreement.createdAt, lang) },
            { label: t('agreements.field.createdBy'), value: agreement.createdBy },
          ]}
        />
        {agreement.notes && (
          <>
            <Divider my="md" />
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('agreements.field.notes')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="agreement-notes-text">
              {agreement.notes}
            </Text>
          </>
        )}
      </Paper>

      <Documents agreement={agreement} onChanged={reload} />
      <RelatedAgreements agreement={agreement} />

      {/* The record's audit trail (who changed which field when, or which import batch and row). */}
      <Divider />
      <RecordHistory key={version} tableName="agreement" recordId={agreement.id} />
    </Stack>
  );
}

/** Halaman PKS: the header, every field, documents with their SHA-256, addenda and the history. */
export function AgreementScreen({ id }: { id: string }) {
  const detail = useProcedure('agreement:get', { id });
  // While it reloads (after a document is attached) the page stays as it was, scroll position and
  // all, instead of flashing a loader; each new answer also refreshes the history below.
  const [last, setLast] = useState<{ value: AgreementDetail; reload: () => void; version: number } | null>(null);
  if (detail.status === 'ready' && detail.value !== last?.value) {
    setLast({ value: detail.value, reload: detail.reload, version: (last?.version ?? 0) + 1 });
  }
  if (detail.status !== 'error' && last) return <AgreementView agreement={last.value} reload={last.reload} version={last.version} />;
  return <Loadable state={detail}>{(agreement) => <AgreementView agreement={agreement} reload={() => undefined} version={0} />}</Loadable>;
}
