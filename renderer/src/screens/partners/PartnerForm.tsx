import { Alert, Anchor, Button, Checkbox, Divider, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../../electron/api/contract';
import { entityKindValues, licenceKindValues } from '../../../../electron/api/procedures/partners';
import { call } from '../../api/client';
import { fieldErrors, useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';
import { RegionPicker } from '../../components/RegionPicker';
import { navigate, routeHref } from '../../routes';

type PartnerRecord = Output<'partner:get'>;
type Values = Omit<Input<'partner:create'>, 'licenceKind'> & { licenceKind: string | null };

const blank: Values = {
  name: '',
  entityKind: 'dunia_usaha',
  isCollaborator: true,
  isAggregator: false,
  legalEntityNumber: '',
  collectsMoney: false,
  licenceKind: null,
  licenceNumber: '',
  licenceIssuer: '',
  licenceValidUntil: null,
  npwp: '',
  contactName: '',
  phone: '',
  email: '',
  address: '',
  regionCode: null,
  verified: false,
  notes: '',
  programIds: [],
};

function valuesOf(partner: PartnerRecord): Values {
  const values = { ...blank };
  for (const key of Object.keys(blank) as (keyof Values)[]) {
    const value = partner[key as keyof PartnerRecord];
    (values as Record<string, unknown>)[key] = value ?? (typeof blank[key] === 'string' ? '' : blank[key]);
  }
  return values;
}

/** Possible duplicates of the name being typed, asked of the core a moment after typing stops. */
function useDuplicates(name: string, excludeId: string | undefined) {
  const lang = useLang();
  const [candidates, setCandidates] = useState<Output<'partner:duplicates'>['candidates']>([]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      if (name.trim().length < 3) {
        setCandidates([]);
        return;
      }
      call('partner:duplicates', { name, excludeId }, lang).then(
        (result) => current && setCandidates(result.candidates),
        () => current && setCandidates([]),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [name, excludeId, lang]);
  return candidates;
}

function Form({ initial, id }: { initial: Values; id?: string }) {
  const { t } = useTranslation();
  const programs = useProcedure('program:list', {});
  const action = useAction();
  const form = useForm<Values>({ initialValues: initial });
  const values = form.values;
  const candidates = useDuplicates(values.name, id);
  const errors = fieldErrors(action.error);
  const error = (field: keyof Values): string | undefined => {
    const own = form.errors[field];
    return typeof own === 'string' ? own : errors[field];
  };

  const submit = async (all: Values) => {
    // Licence data belongs to an aggregator that collects money; anything else sends none.
    const licensed = all.isAggregator && all.collectsMoney;
    const input = {
      ...all,
      collectsMoney: licensed,
      licenceKind: (licensed ? all.licenceKind : null) as Input<'partner:create'>['licenceKind'],
      licenceNumber: licensed ? all.licenceNumber : null,
      licenceIssuer: licensed ? all.licenceIssuer : null,
      licenceValidUntil: licensed ? all.licenceValidUntil : null,
    };
    if (id) {
      const changed = Object.fromEntries(
        (Object.keys(input) as (keyof Values)[])
          .filter((key) => JSON.stringify(input[key]) !== JSON.stringify(initial[key]))
          .map((key) => [key, input[key]]),
      );
      const saved = await action.run('partner:update', { id, ...changed }, t('partners.ui.saved'));
      if (saved) navigate({ screen: 'partner', id: saved.id });
    } else {
      const saved = await action.run('partner:create', input, t('partners.ui.saved'));
      if (saved) navigate({ screen: 'partner', id: saved.id });
    }
  };

  const text = (field: keyof Values, label: string, testId: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={label} {...form.getInputProps(field)} error={error(field)} data-testid={testId} {...extra} />
  );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            {text('name', t('partners.field.partner.name'), 'partner-name', { required: true, autoFocus: true })}
            {candidates.length > 0 && (
              <Alert color="yellow" title={t('partners.duplicate.title')} data-testid="duplicate-warning">
                <Stack gap={4}>
                  {candidates.map((c) => (
                    <Text size="sm" key={c.id}>
                      <Anchor href={routeHref({ screen: 'partner', id: c.id })} target="_blank">
                        {c.name}
                      </Anchor>{' '}
                      — {t(`partners.duplicate.${c.reason}`)}
                      {c.regionName ? ` · ${c.regionName}` : ''}
                      {c.archivedAt ? ` · ${t('partners.duplicate.archived')}` : ''}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('partners.field.partner.entityKind')}
                data={entityKindValues.map((kind) => ({ value: kind, label: t(`partners.entityKind.${kind}`) }))}
                {...form.getInputProps('entityKind')}
                error={error('entityKind')}
                allowDeselect={false}
                required
                data-testid="partner-entity-kind"
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('partners.field.partner.roles')}
                </Text>
                <Group>
                  <Checkbox label={t('partners.role.collaborator')} {...form.getInputProps('isCollaborator', { type: 'checkbox' })} data-testid="partner-is-collaborator" />
                  <Checkbox label={t('partners.role.aggregator')} {...form.getInputProps('isAggregator', { type: 'checkbox' })} data-testid="partner-is-aggregator" />
                </Group>
                {error('isCollaborator') && (
                  <Text size="xs" c="red">
                    {error('isCollaborator')}
                  </Text>
                )}
              </Stack>
            </SimpleGrid>
          </Stack>
        </Paper>

        {values.isAggregator && (
          <Paper withBorder p="md" radius="md" data-testid="aggregator-section">
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('partners.role.aggregator')}
              </Title>
              {text('legalEntityNumber', t('partners.field.partner.legalEntityNumber'), 'partner-legal-entity', { required: true })}
              <Switch label={t('partners.field.partner.collectsMoney')} {...form.getInputProps('collectsMoney', { type: 'checkbox' })} data-testid="partner-collects-money" />
              {values.collectsMoney && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('partners.field.partner.licenceKind')}
                    data={licenceKindValues.map((kind) => ({ value: kind, label: t(`partners.licenceKind.${kind}`) }))}
                    {...form.getInputProps('licenceKind')}
                    error={error('licenceKind')}
                    required
                    data-testid="partner-licence-kind"
                  />
                  {text('licenceNumber', t('partners.field.partner.licenceNumber'), 'partner-licence-number', { required: true })}
                  {text('licenceIssuer', t('partners.field.partner.licenceIssuer'), 'partner-licence-issuer', { required: true })}
                  <TextInput
                    type="date"
                    label={t('partners.field.partner.licenceValidUntil')}
                    value={values.licenceValidUntil ?? ''}
                    onChange={(event) => form.setFieldValue('licenceValidUntil', event.currentTarget.value || null)}
                    error={error('licenceValidUntil')}
                    required
                    data-testid="partner-licence-valid-until"
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Paper>
        )}

        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('contactName', t('partners.field.partner.contactName'), 'partner-contact')}
              {text('phone', t('partners.field.partner.phone'), 'partner-phone', { type: 'tel', placeholder: '0812-3456-7890' })}
              {text('email', t('partners.field.partner.email'), 'partner-email', { type: 'email' })}
              {text('npwp', t('partners.field.partner.npwp'), 'partner-npwp')}
            </SimpleGrid>
            {text('address', t('partners.field.partner.address'), 'partner-address')}
            <RegionPicker value={values.regionCode ?? null} onChange={(code) => form.setFieldValue('regionCode', code)} error={error('regionCode')} />
            <MultiSelect
              label={t('partners.field.partner.programIds')}
              data={programs.status === 'ready' ? programs.value.map((p) => ({ value: p.id, label: p.name })) : []}
              {...form.getInputProps('programIds')}
              error={error('programIds')}
              data-testid="partner-programs"
            />
            <Checkbox label={t('partners.field.partner.verified')} {...form.getInputProps('verified', { type: 'checkbox' })} />
            <Textarea label={t('partners.field.partner.notes')} {...form.getInputProps('notes')} error={error('notes')} autosize minRows={2} />
          </Stack>
        </Paper>
        <Divider />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => window.history.back()}>
            {t('partners.ui.cancel')}
          </Button>
          <Button type="submit" loading={action.running} data-testid="partner-save">
            {t('partners.ui.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Create (no id) or edit a partner. */
export function PartnerForm({ id }: { id?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={960}>
      <Title order={2}>{id ? t('partners.ui.editPartner') : t('partners.ui.newPartner')}</Title>
      {id ? <EditLoader id={id} /> : <Form initial={blank} />}
    </Stack>
  );
}

function EditLoader({ id }: { id: string }) {
  const partner = useProcedure('partner:get', { id });
  return <Loadable state={partner}>{(p) => <Form initial={valuesOf(p)} id={id} />}</Loadable>;
}
