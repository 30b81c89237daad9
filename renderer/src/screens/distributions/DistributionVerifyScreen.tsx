import { Alert, Badge, Button, Checkbox, CloseButton, Drawer, FileInput, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../../electron/api/contract';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import { type DistributionSelection, type VerificationLevel, verificationStatusValues } from '../../../../electron/api/procedures/verification';
import { idSchema } from '../../../../electron/api/schemas';
import { call } from '../../api/client';
import { downloadBase64File } from '../../api/download';
import { readFileBase64 } from '../../api/read-file';
import { useCan, useMayDo } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { type Column, DataTable, type PageRequest } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { Loadable } from '../../components/Loadable';

type Row = Output<'distribution:list'>['rows'][number];
type Sort = 'distributedOn' | 'quantity' | 'verificationStatus' | 'sourceRow';
type Status = (typeof verificationStatusValues)[number];
type Units = { unit: string; quantity: number }[];

/** What the confirmation asks about: the act, and its dry run's rows and units. */
type Pending = { kind: 'verify'; level: VerificationLevel; rows: number; units: Units } | { kind: 'reject'; rows: number; units: Units };

const statusColor: Record<Status, string> = { dilaporkan: 'gray', diverifikasi_wilayah: 'blue', diverifikasi_sekretariat: 'teal', ditolak: 'red' };

/**
 * Verifikasi realisasi (issue 10): distributions filtered by status, program and import batch;
 * rows picked one by one or every filtered row at once; verified one level up or rejected with a
 * reason after a confirmation stating how many rows and units. Enter on a row opens its level history.
 */
export function DistributionVerifyScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const programs = useProcedure('program:list', {});
  const action = useAction();
  const can = useCan();
  const mayDo = useMayDo();
  // Picking rows, the reason and the evidence only serve verifying or rejecting them.
  const mayDecide = can('distribution:verify') || can('distribution:reject');
  const [status, setStatus] = useState<Status | null>('dilaporkan');
  const [programId, setProgramId] = useState<string | null>(null);
  const [batch, setBatch] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [allFiltered, setAllFiltered] = useState(false);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState(false);
  const [evidence, setEvidence] = useState<{ sha256: string; fileName: string }[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [total, setTotal] = useState(0);
  const [refresh, setRefresh] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);

  const batchId = idSchema.safeParse(batch.trim()).success ? batch.trim() : undefined;
  const filter = { status: status ?? undefined, programId: programId ?? undefined, batchId };
  const queryKey = JSON.stringify([filter, refresh]);
  const fetchPage = useCallback(
    async (request: PageRequest<Sort>) => {
      const page = await call('distribution:list', { ...(JSON.parse(queryKey) as [typeof filter])[0], ...request }, lang);
      setTotal(page.total);
      return page;
    },
    // queryKey carries every filter.
    [queryKey, lang],
  );
  const resetSelection = () => {
    setPicked(new Set());
    setAllFiltered(false);
  };
  const selection = (): DistributionSelection | null => (allFiltered ? { filter } : picked.size > 0 ? { ids: [...picked] } : null);
  const selectedRows = allFiltered ? total : picked.size;
  const unitsText = (units: Units) => units.map((u) => `${formatNumber(u.quantity)} ${u.unit}`).join(', ');

  const ask = async (kind: 'verify' | 'reject', level: VerificationLevel = 'wilayah') => {
    const chosen = selection();
    if (chosen === null) return;
    const dry =
      kind === 'verify'
        ? await action.run('distribution:verify', { level, selection: chosen, reason: reason.trim() || null, evidence: evidenceIds, override, dryRun: true })
        : await action.run('distribution:reject', { selection: chosen, reason, evidence: evidenceIds, dryRun: true });
    if (dry) setPending(kind === 'verify' ? { kind, level, rows: dry.rows, units: dry.units } : { kind, rows: dry.rows, units: dry.units });
  };
  const confirm = async () => {
    const chosen = selection();
    if (pending === null || chosen === null) return;
    const done =
      pending.kind === 'verify'
        ? await action.run('distribution:verify', { level: pending.level, selection: chosen, reason: reason.trim() || null, evidence: evidenceIds, override } satisfies Input<'distribution:verify'>)
        : await action.run('distribution:reject', { selection: chosen, reason, evidence: evidenceIds } satisfies Input<'distribution:reject'>);
    setPending(null);
    if (done) {
      resetSelection();
      setRefresh((n) => n + 1);
      setReason('');
      setOverride(false);
      setEvidence([]);
      notifications.show({ color: 'teal', message: t('verification.screen.done', { rows: formatNumber(done.rows), status: t(`recaps.verificationStatus.${done.toStatus}`) }) });
    }
  };
  const evidenceIds = evidence.map((e) => e.sha256);
  const addEvidence = async (files: File[]) => {
    for (const file of files) {
      const stored = await action.run('distribution:evidence', { fileName: file.name, contentBase64: await readFileBase64(file) });
      if (stored) setEvidence((list) => (list.some((e) => e.sha256 === stored.sha256) ? list : [...list, { sha256: stored.sha256, fileName: stored.fileName }]));
    }
  };
  const downloadRejected = async () => {
    const file = await action.run('distribution:rejected-workbook', { batchId });
    if (file) downloadBase64File(file);
  };

  const pickColumn: Column<Row, Sort> = {
    key: 'pick',
    label: '',
    width: 44,
    render: (row) => (
      <Checkbox
        aria-label={row.id}
        checked={allFiltered || picked.has(row.id)}
        disabled={allFiltered}
        onClick={(event) => event.stopPropagation()}
        onChange={(event) => {
          const next = new Set(picked);
          if (event.currentTarget.checked) next.add(row.id);
          else next.delete(row.id);
          setPicked(next);
        }}
        data-testid="distribution-pick"
      />
    ),
  };
  const columns: Column<Row, Sort>[] = [
    ...(mayDecide ? [pickColumn] : []),
    { key: 'date', label: t('verification.screen.columns.date'), sort: 'distributedOn', width: 120, render: (row) => formatDate(row.distributedOn, lang) },
    { key: 'partner', label: t('verification.screen.columns.partner'), width: '18%', render: (row) => row.partnerName },
    { key: 'item', label: t('verification.screen.columns.item'), width: '16%', render: (row) => row.itemType },
    { key: 'quantity', label: t('verification.screen.columns.quantity'), sort: 'quantity', align: 'right', width: 120, render: (row) => `${formatNumber(row.quantity)} ${row.unit}` },
    { key: 'place', label: t('verification.screen.columns.place'), width: '18%', render: (row) => row.targetName ?? row.regionName ?? row.regionCode },
    {
      key: 'status',
      label: t('verification.screen.columns.status'),
      sort: 'verificationStatus',
      width: 190,
      render: (row) => (
        <Badge color={statusColor[row.verificationStatus]} variant="light" tt="none">
          {t(`recaps.verificationStatus.${row.verificationStatus}`)}
        </Badge>
      ),
    },
    { key: 'reason', label: t('verification.screen.columns.reason'), width: '14%', render: (row) => row.rejectedReason ?? '' },
    { key: 'source', label: t('verification.screen.columns.source'), sort: 'sourceRow', align: 'right', width: 90, render: (row) => (row.sourceRow === null ? '—' : formatNumber(row.sourceRow)) },
  ];

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('verification.screen.title')}</Title>
        <Text c="dimmed">{t('verification.screen.intro')}</Text>
      </div>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('verification.screen.status')}
          data={[{ value: '', label: t('verification.screen.allStatuses') }, ...verificationStatusValues.map((value) => ({ value, label: t(`recaps.verificationStatus.${value}`) }))]}
          value={status ?? ''}
          onChange={(value) => {
            setStatus(value === '' || value === null ? null : (value as Status));
            resetSelection();
          }}
          allowDeselect={false}
          w={230}
          data-testid="verify-filter-status"
        />
        <Loadable state={programs}>
          {(list) => (
            <Select
              label={t('verification.screen.program')}
              placeholder={t('verification.screen.allPrograms')}
              data={list.map((p) => ({ value: p.id, label: p.name }))}
              value={programId}
              onChange={(value) => {
                setProgramId(value);
                resetSelection();
              }}
              clearable
              w={200}
              data-testid="verify-filter-program"
            />
          )}
        </Loadable>
        <TextInput
          label={t('verification.screen.batch')}
          value={batch}
          onChange={(event) => {
            setBatch(event.currentTarget.value);
            resetSelection();
          }}
          w={340}
          data-testid="verify-filter-batch"
        />
      </Group>
      {mayDecide && (
        <>
          <Group gap="sm" aria-live="polite">
            <Text size="sm" fw={600} data-testid="verify-selected">
              {t('verification.screen.selected', { rows: formatNumber(selectedRows) })}
            </Text>
            <Button variant="light" size="compact-sm" onClick={() => setAllFiltered(true)} disabled={total === 0} data-testid="verify-select-all">
              {t('verification.screen.selectAllFiltered', { rows: formatNumber(total) })}
            </Button>
            <Button variant="subtle" size="compact-sm" onClick={resetSelection} disabled={selectedRows === 0}>
              {t('verification.screen.clearSelection')}
            </Button>
          </Group>
          <Group align="flex-end" gap="sm">
            <Textarea
              label={t('verification.screen.reason')}
              description={t('verification.screen.reasonHelp')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              autosize
              minRows={1}
              style={{ flex: 1, minWidth: 260 }}
              data-testid="verify-reason"
            />
            <FileInput
              label={t('verification.screen.evidence')}
              description={t('verification.screen.evidenceHelp')}
              accept="application/pdf,image/jpeg,image/png"
              multiple
              value={[]}
              onChange={(files) => void addEvidence(files)}
              w={260}
              data-testid="verify-evidence"
            />
            {mayDo('override-four-eyes') && (
              <Checkbox label={t('verification.screen.override')} checked={override} onChange={(event) => setOverride(event.currentTarget.checked)} mb={8} data-testid="verify-override" />
            )}
          </Group>
          {evidence.length > 0 && (
            <Group gap="xs" data-testid="verify-evidence-list">
              {evidence.map((e) => (
                <Badge key={e.sha256} variant="outline" tt="none" rightSection={<CloseButton size="xs" aria-label={e.fileName} onClick={() => setEvidence((list) => list.filter((x) => x.sha256 !== e.sha256))} />}>
                  {e.fileName} · {e.sha256.slice(0, 12)}
                </Badge>
              ))}
            </Group>
          )}
        </>
      )}
      <Group gap="sm">
        {mayDecide && (
          <>
            <Button onClick={() => void ask('verify', 'wilayah')} disabled={selectedRows === 0} loading={action.running} data-testid="verify-wilayah">
              {t('verification.screen.verifyWilayah')}
            </Button>
            {mayDo('verify-sekretariat') && (
              <Button onClick={() => void ask('verify', 'sekretariat')} disabled={selectedRows === 0} loading={action.running} data-testid="verify-sekretariat">
                {t('verification.screen.verifySekretariat')}
              </Button>
            )}
            <Button color="red" variant="light" onClick={() => void ask('reject')} disabled={selectedRows === 0 || reason.trim().length < 3} loading={action.running} data-testid="verify-reject">
              {t('verification.screen.reject')}
            </Button>
          </>
        )}
        <Button variant="default" ml="auto" onClick={() => void downloadRejected()} data-testid="verify-download-rejected">
          {t('verification.screen.downloadRejected')}
        </Button>
      </Group>
      <DataTable
        columns={columns}
        fetchPage={fetchPage}
        queryKey={queryKey}
        rowKey={(row) => row.id}
        onOpen={(row) => setOpened(row.id)}
        initialSort="sourceRow"
        testId="distributions-table"
        height={mayDecide ? 'calc(100vh - 470px)' : 'calc(100vh - 300px)'}
      />
      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('verification.screen.confirmTitle')} data-testid="verify-confirm">
        {pending && (
          <Stack>
            <Text data-testid="verify-confirm-text">
              {pending.kind === 'verify'
                ? t('verification.screen.confirmVerify', {
                    rows: formatNumber(pending.rows),
                    units: unitsText(pending.units),
                    status: t(`recaps.verificationStatus.${pending.level === 'wilayah' ? 'diverifikasi_wilayah' : 'diverifikasi_sekretariat'}`),
                  })
                : t('verification.screen.confirmReject', { rows: formatNumber(pending.rows), units: unitsText(pending.units), reason: reason.trim() })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('verification.screen.cancel')}
              </Button>
              <Button color={pending.kind === 'reject' ? 'red' : undefined} onClick={() => void confirm()} loading={action.running} data-autofocus data-testid="verify-confirm-yes">
                {t('verification.screen.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Drawer opened={opened !== null} onClose={() => setOpened(null)} position="right" size="xl" title={t('verification.screen.history')}>
        {opened && (
          <History
            key={`${opened}-${refresh}`}
            id={opened}
            onSaved={(id) => {
              setOpened(id);
              setRefresh((n) => n + 1);
            }}
          />
        )}
      </Drawer>
    </Stack>
  );
}

/** The level history of one row: reported, each verification act, rejection, reset or correction. */
function History({ id, onSaved }: { id: string; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const history = useProcedure('distribution:history', { id });
  return (
    <Loadable state={history}>
      {({ row, events }) => (
        <Stack gap="sm" data-testid="distribution-history">
          <Text fw={600}>
            {row.partnerName} · {row.itemType} · {formatNumber(row.quantity)} {row.unit} · {formatDate(row.distributedOn, lang)}
          </Text>
          <Table layout="fixed">
            <Table.Tbody>
              {events.map((event, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{event.at.slice(0, 16).replace('T', ' ')}</Table.Td>
                  <Table.Td>{t(`verification.action.${event.action}`)}</Table.Td>
                  <Table.Td>{t(`recaps.verificationStatus.${event.toStatus}`)}</Table.Td>
                  <Table.Td>{event.actor}</Table.Td>
                  <Table.Td>{[event.reason, event.override ? t('verification.screen.override') : null, ...event.evidence.map((e) => e.slice(0, 12))].filter(Boolean).join(' · ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {row.replacedById === null && can(row.verificationStatus === 'ditolak' ? 'distribution:correct' : 'distribution:update') && <EditForm row={row} onSaved={onSaved} />}
        </Stack>
      )}
    </Loadable>
  );
}

/**
 * Changing a row: a reported or verified one is edited (a verified one goes back to dilaporkan, and
 * the form says so before saving); a rejected one gets its correction, a new row linked to it.
 */
function EditForm({ row, onSaved }: { row: Row; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [quantity, setQuantity] = useState<number>(row.quantity);
  const [date, setDate] = useState<string | null>(row.distributedOn);
  const [notes, setNotes] = useState('');
  const rejected = row.verificationStatus === 'ditolak';
  const verified = row.verificationStatus === 'diverifikasi_wilayah' || row.verificationStatus === 'diverifikasi_sekretariat';
  const changes = {
    ...(quantity !== row.quantity ? { quantity } : {}),
    ...(date !== null && date !== '' && date !== row.distributedOn ? { distributedOn: date } : {}),
    ...(notes.trim() !== '' ? { notes: notes.trim() } : {}),
  };
  const save = async () => {
    if (rejected) {
      const made = await action.run('distribution:correct', { id: row.id, ...changes }, t('partners.ui.saved'));
      if (made) onSaved(made.id);
      return;
    }
    const edited = await action.run('distribution:update', { id: row.id, ...changes, confirmReset: verified }, t('partners.ui.saved'));
    if (edited) onSaved(edited.row.id);
  };
  return (
    <Stack gap="xs" mt="md" data-testid="distribution-edit">
      <Text fw={600}>{t(rejected ? 'verification.edit.correctTitle' : 'verification.edit.title')}</Text>
      <SimpleGrid cols={2}>
        <NumberInput
          label={t('verification.screen.columns.quantity')}
          value={quantity}
          onChange={(v) => setQuantity(typeof v === 'number' ? v : row.quantity)}
          min={1}
          allowDecimal={false}
          thousandSeparator="."
          decimalSeparator=","
        />
        <DateField label={t('verification.screen.columns.date')} value={date ?? ''} onChange={setDate} />
      </SimpleGrid>
      <Textarea label={t('verification.edit.notes')} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} autosize minRows={1} />
      {verified && (
        <Alert color="orange" data-testid="distribution-edit-reset">
          {t('verification.edit.resetWarning', { status: t(`recaps.verificationStatus.${row.verificationStatus}`) })}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void save()} disabled={Object.keys(changes).length === 0} loading={action.running} data-testid="distribution-edit-save">
          {t(rejected ? 'verification.edit.saveCorrection' : verified ? 'verification.edit.saveAndReset' : 'verification.edit.save')}
        </Button>
      </Group>
    </Stack>
  );
}
