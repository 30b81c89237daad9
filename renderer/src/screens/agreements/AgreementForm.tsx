import { Alert, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../electron/api/contract';
import type { AgreementDetail } from '../../../../electron/api/procedures/agreements';
import type { ApiError } from '../../api/client';
import { fieldErrors, useAction } from '../../api/use-action';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';
import { navigate } from '../../routes';
import { DateField } from '../../components/DateField';
import { type PartnerOption, PartnerSelect } from '../../components/PartnerSelect';

type SettableStatus = 'draft' | 'signed' | 'terminated';
const settableStatuses: readonly SettableStatus[] = ['draft', 'signed', 'terminated'];

interface FormValues {
  partner: PartnerOption | null;
  number: string;
  agencyId: string | null;
  programIds: string[];
  /** ISO, '' when empty, null while the typed text is not a date. */
  signedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** Null: follow the dates (signed when there is a signing date, else draft). */
  status: SettableStatus | null;
  parentAgreementId: string | null;
  notes: string;
}

type FieldName = keyof FormValues;

const blank: FormValues = {
  partner: null,
  number: '',
  agencyId: null,
  programIds: [],
  signedOn: '',
  validFrom: '',
  validUntil: '',
  status: null,
  parentAgreementId: null,
  notes: '',
};

function valuesOf(detail: AgreementDetail): FormValues {
  return {
    partner: { id: detail.partnerId, name: detail.partnerName, isAggregator: detail.isAggregator },
    number: detail.number,
    agencyId: detail.agencyId,
    programIds: detail.programIds,
    signedOn: detail.signedOn ?? '',
    validFrom: detail.validFrom ?? '',
    validUntil: detail.validUntil ?? '',
    status: detail.status === 'expired' ? null : detail.status,
    parentAgreementId: detail.parentAgreementId,
    notes: detail.notes ?? '',
  };
}

/** The status the PKS will be saved with. */
function statusOf(values: FormValues): SettableStatus {
  return values.status ?? (values.signedOn ? 'signed' : 'draft');
}

const orNull = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
const sameIds = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** The API's field names → the form's. */
const apiFields: Record<string, FieldName> = {
  partnerId: 'partner',
  number: 'number',
  agencyId: 'agencyId',
  programIds: 'programIds',
  signedOn: 'signedOn',
  validFrom: 'validFrom',
  validUntil: 'validUntil',
  status: 'status',
  parentAgreementId: 'parentAgreementId',
  notes: 'notes',
};

/**
 * Which field a refusal is about. Shape errors name their path (their wording is zod's, so the
 * field shows a plain "not valid" and the notification has the detail); the PKS rules in the core
 * are known by their code.
 */
function errorsOnFields(error: ApiError | null, invalid: string): Partial<Record<FieldName, string>> {
  if (!error) return {};
  const out: Partial<Record<FieldName, string>> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const name = apiFields[field];
    if (name) out[name] = error.code === 'invalid_input' ? invalid : message;
  }
  const byCode: Partial<Record<string, FieldName>> = {
    agreement_number_taken: 'number',
    agreement_dates_invalid: 'validUntil',
    agreement_signed_on_required: 'signedOn',
    agreement_parent_other_partner: 'parentAgreementId',
    agreement_parent_cycle: 'parentAgreementId',
    partner_inactive: 'partner',
  };
  const field = byCode[error.code];
  if (field) out[field] = error.message;
  if (error.code === 'not_found' && error.details && typeof error.details === 'object' && 'what' in error.details) {
    const what = (error.details as { what: unknown }).what;
    if (what === 'mitra') out.partner = error.message;
    if (what === 'SKPD') out.agencyId = error.message;
    if (what === 'program') out.programIds = error.message;
    if (what === 'PKS induk') out.parentAgreementId = error.message;
  }
  return out;
}

/** PKS baru (`#/pks/baru`, optionally for a partner or as an addendum) and Ubah PKS (`#/pks/<id>/ubah`). */
export function AgreementForm(props: { id: string } | { partnerId: string | null; parentId?: string | null }) {
  if ('id' in props) return <EditAgreement id={props.id} />;
  if (props.parentId) return <NewAddendum parentId={props.parentId} />;
  if (props.partnerId) return <NewForPartner partnerId={props.partnerId} />;
  return <AgreementFormBody initial={blank} original={null} addendum={false} />;
}

function EditAgreement({ id }: { id: string }) {
  const detail = useProcedure('agreement:get', { id });
  return <Loadable state={detail}>{(value) => <AgreementFormBody initial={valuesOf(value)} original={value} addendum={false} />}</Loadable>;
}

function NewForPartner({ partnerId }: { partnerId: string }) {
  const partner = useProcedure('partner:get', { id: partnerId });
  return (
    <Loadable state={partner}>
      {(p) => <AgreementFormBody initial={{ ...blank, partner: { id: p.id, name: p.name, isAggregator: p.isAggregator } }} original={null} addendum={false} />}
    </Loadable>
  );
}

/** An addendum starts from its parent: same partner, SKPD and programs. */
function NewAddendum({ parentId }: { parentId: string }) {
  const parent = useProcedure('agreement:get', { id: parentId });
  return (
    <Loadable state={parent}>
      {(p) => (
        <AgreementFormBody
          initial={{
            ...blank,
            partner: { id: p.partnerId, name: p.partnerName, isAggregator: p.isAggregator },
            agencyId: p.agencyId,
            programIds: p.programIds,
            parentAgreementId: p.id,
          }}
          original={null}
          addendum
        />
      )}
    </Loadable>
  );
}

function ParentSelect({
  partnerId,
  selfId,
  value,
  onChange,
  error,
}: {
  partnerId: string;
  selfId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const list = useProcedure('agreement:list', { partnerId, limit: 500, sort: 'signedOn' });
  const data = list.status === 'ready' ? list.value.rows.filter((row) => row.id !== selfId).map((row) => ({ value: row.id, label: row.number })) : [];
  return (
    <Select
      label={t('agreements.field.parent')}
      description={t('agreements.form.parentHelp')}
      placeholder={t('agreements.form.parentNone')}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      searchable
      disabled={list.status !== 'ready'}
      error={error ?? (list.status === 'error' ? list.error.message : undefined)}
      data-testid="agreement-parent"
    />
  );
}

function AgreementFormBody({ initial, original, addendum }: { initial: FormValues; original: AgreementDetail | null; addendum: boolean }) {
  const { t } = useTranslation();
  const { run, running, error } = useAction();
  const [values, setValues] = useState<FormValues>(initial);
  const [localErrors, setLocalErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const programs = useProcedure('program:list', {});
  const agencies = useProcedure('agency:list', {});

  const set = <K extends FieldName>(field: K, value: FormValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setLocalErrors((previous) => ({ ...previous, [field]: undefined }));
    setNotice(null);
  };

  const serverErrors = errorsOnFields(error, t('agreements.form.invalid'));
  const errorOf = (field: FieldName) => localErrors[field] ?? serverErrors[field];

  const programOptions = programs.status === 'ready' ? programs.value.map((p) => ({ value: p.id, label: p.name })) : [];
  const agencyOptions =
    agencies.status === 'ready' ? agencies.value.rows.map((a) => ({ value: a.id, label: `${a.shortName} — ${a.name}` })) : [];

  /** Choosing programs suggests their SKPD while none is chosen. */
  const setPrograms = (ids: string[]) => {
    set('programIds', ids);
    if (values.agencyId === null && programs.status === 'ready') {
      const owners = new Set(programs.value.filter((p) => ids.includes(p.id)).map((p) => p.agencyId));
      const [only] = [...owners];
      if (owners.size === 1 && only && agencies.status === 'ready' && agencies.value.rows.some((a) => a.id === only)) set('agencyId', only);
    }
  };

  const dateField = (field: 'signedOn' | 'validFrom' | 'validUntil', testId: string) => (
    <DateField label={t(`agreements.field.${field}`)} value={values[field]} onChange={(value) => set(field, value)} error={errorOf(field)} testId={testId} />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<FieldName, string>> = {};
    if (!values.partner) missing.partner = t('agreements.form.required');
    if (values.number.trim() === '') missing.number = t('agreements.form.required');
    for (const field of ['signedOn', 'validFrom', 'validUntil'] as const) {
      if (values[field] === null) missing[field] = t('agreements.form.dateInvalid');
    }
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0 || !values.partner) return;

    const fields = {
      partnerId: values.partner.id,
      number: values.number.trim(),
      agencyId: values.agencyId,
      programIds: values.programIds,
      signedOn: orNull(values.signedOn),
      validFrom: orNull(values.validFrom),
      validUntil: orNull(values.validUntil),
      parentAgreementId: values.parentAgreementId,
      notes: orNull(values.notes),
    };
    if (original === null) {
      const input: Input<'agreement:create'> = { ...fields, ...(values.status === null ? {} : { status: values.status }) };
      const saved = await run('agreement:create', input, t('agreements.form.created', { number: fields.number }));
      if (saved) navigate({ screen: 'agreement', id: saved.id });
      return;
    }
    // Only what changed goes to the core, so the audit trail lists exactly the fields edited.
    const changes: Input<'agreement:update'> = { id: original.id };
    if (fields.partnerId !== original.partnerId) changes.partnerId = fields.partnerId;
    if (fields.number !== original.number) changes.number = fields.number;
    if (fields.agencyId !== original.agencyId) changes.agencyId = fields.agencyId;
    if (!sameIds(fields.programIds, original.programIds)) changes.programIds = fields.programIds;
    if (fields.signedOn !== original.signedOn) changes.signedOn = fields.signedOn;
    if (fields.validFrom !== original.validFrom) changes.validFrom = fields.validFrom;
    if (fields.validUntil !== original.validUntil) changes.validUntil = fields.validUntil;
    const status = statusOf(values);
    if (status !== original.status && !(values.status === null && original.status === 'expired')) changes.status = status;
    if (fields.parentAgreementId !== original.parentAgreementId) changes.parentAgreementId = fields.parentAgreementId;
    if (fields.notes !== original.notes) changes.notes = fields.notes;
    if (Object.keys(changes).length === 1) {
      setNotice(t('agreements.form.unchanged'));
      return;
    }
    const saved = await run('agreement:update', changes, t('agreements.form.updated', { number: fields.number }));
    if (saved) navigate({ screen: 'agreement', id: saved.id });
  };

  const cancel = () => {
    if (original) navigate({ screen: 'agreement', id: original.id });
    else if (window.history.length > 1) window.history.back();
    else navigate({ screen: 'agreements' });
  };

  const title = original ? t('agreements.form.editTitle', { number: original.number }) : addendum ? t('agreements.form.newAddendumTitle') : t('agreements.form.newTitle');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={960}>
        <div>
          <Title order={2}>{title}</Title>
          <Text c="dimmed">{t('agreements.form.subtitle')}</Text>
        </div>
        {error && !Object.keys(serverErrors).length && (
          <Alert color="red" title={t('common.errorTitle')} role="alert" data-testid="agreement-form-error">
            {error.message}
          </Alert>
        )}
        {notice && (
          <Alert color="blue" role="status">
            {notice}
          </Alert>
        )}
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <PartnerSelect
              label={t('agreements.field.partner')}
              value={values.partner}
              onChange={(partner) => {
                set('partner', partner);
                if (partner?.id !== values.partner?.id) set('parentAgreementId', null);
              }}
              error={errorOf('partner')}
              required
              testId="agreement-partner"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('agreements.field.number')}
                value={values.number}
                onChange={(event) => set('number', event.currentTarget.value)}
                error={errorOf('number')}
                required
                maxLength={120}
                data-testid="agreement-number"
              />
              <Select
                label={t('agreements.field.agency')}
                placeholder={t('agreements.form.agencyPlaceholder')}
                data={agencyOptions}
                value={values.agencyId}
                onChange={(value) => set('agencyId', value)}
                clearable
                searchable
                error={errorOf('agencyId')}
                data-testid="agreement-agency"
              />
            </SimpleGrid>
            <MultiSelect
              label={t('agreements.field.programs')}
              placeholder={values.programIds.length === 0 ? t('agreements.form.programsPlaceholder') : undefined}
              data={programOptions}
              value={values.programIds}
              onChange={setPrograms}
              clearable
              searchable
              error={errorOf('programIds')}
              data-testid="agreement-programs"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {dateField('signedOn', 'agreement-signed-on')}
              {dateField('validFrom', 'agreement-valid-from')}
              {dateField('validUntil', 'agreement-valid-until')}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('agreements.field.status')}
                description={t('agreements.statusHelp')}
                data={settableStatuses.map((status) => ({ value: status, label: t(`agreements.status.${status}`) }))}
                value={statusOf(values)}
                onChange={(value) => value && set('status', value as SettableStatus)}
                allowDeselect={false}
                error={errorOf('status')}
                data-testid="agreement-status-input"
              />
              {values.partner ? (
                <ParentSelect
                  key={values.partner.id}
                  partnerId={values.partner.id}
                  selfId={original?.id ?? null}
                  value={values.parentAgreementId}
                  onChange={(id) => set('parentAgreementId', id)}
                  error={errorOf('parentAgreementId')}
                />
              ) : (
                <Select
                  label={t('agreements.field.parent')}
                  description={t('agreements.form.parentHelp')}
                  placeholder={t('agreements.form.parentNeedsPartner')}
                  data={[]}
                  disabled
                />
              )}
            </SimpleGrid>
            <Textarea
              label={t('agreements.field.notes')}
              value={values.notes}
              onChange={(event) => set('notes', event.currentTarget.value)}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={4000}
              error={errorOf('notes')}
              data-testid="agreement-notes"
            />
          </Stack>
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={cancel} disabled={running} data-testid="agreement-cancel">
            {t('agreements.cancel')}
          </Button>
          <Button type="submit" loading={running} data-testid="agreement-save">
            {t('agreements.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
