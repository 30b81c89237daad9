import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { targetKindValues } from '../../../../electron/api/procedures/targets';
import { fieldErrors, useAction } from '../../api/use-action';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';
import { RegionPicker } from '../../components/RegionPicker';
import { navigate } from '../../routes';

type Kind = (typeof targetKindValues)[number];
interface Values {
  kind: Kind;
  name: string;
  regionCode: string | null;
  rw: number | null;
  vulnerableFamilies: number | null;
  picName: string;
  picPhone: string;
  picRole: string;
  notes: string;
}

const blank: Values = { kind: 'rw', name: '', regionCode: null, rw: null, vulnerableFamilies: null, picName: '', picPhone: '', picRole: '', notes: '' };

function valuesOf(target: Output<'target:get'>): Values {
  // An RW target lives in an RW region: the form edits its kelurahan and the RW number.
  const kelurahan = target.rw !== null ? target.regionCode.slice(0, 13) : target.regionCode;
  return {
    kind: target.kind,
    name: target.name,
    regionCode: kelurahan,
    rw: target.rw,
    vulnerableFamilies: target.vulnerableFamilies,
    picName: target.picName ?? '',
    picPhone: target.picPhone ?? '',
    picRole: target.picRole ?? '',
    notes: target.notes ?? '',
  };
}

function Form({ initial, id }: { initial: Values; id?: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm<Values>({ initialValues: initial });
  const values = form.values;
  const errors = fieldErrors(action.error);
  const error = (field: keyof Values): string | undefined => {
    const own = form.errors[field];
    return typeof own === 'string' ? own : errors[field];
  };
  const submit = async (all: Values) => {
    const input = { ...all, regionCode: all.regionCode ?? '' };
    if (id) {
      const changed = Object.fromEntries(
        (Object.keys(input) as (keyof Values)[]).filter((key) => input[key] !== initial[key]).map((key) => [key, input[key]]),
      );
      // The RW number only travels with its kelurahan.
      if ('rw' in changed) changed.regionCode = input.regionCode;
      const saved = await action.run('target:update', { id, ...changed }, t('partners.ui.saved'));
      if (saved) navigate({ screen: 'target', id: saved.id });
    } else {
      const saved = await action.run('target:create', input, t('partners.ui.saved'));
      if (saved) navigate({ screen: 'target', id: saved.id });
    }
  };
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('partners.field.target.kind')}
                data={targetKindValues.map((value) => ({ value, label: t(`partners.targetKind.${value}`) }))}
                {...form.getInputProps('kind')}
                error={error('kind')}
                allowDeselect={false}
                required
                data-testid="target-kind"
              />
              <TextInput label={t('partners.field.target.name')} {...form.getInputProps('name')} error={error('name')} data-testid="target-name" />
            </SimpleGrid>
            <RegionPicker value={values.regionCode} onChange={(code) => form.setFieldValue('regionCode', code)} requireKelurahan error={error('regionCode')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label={t('partners.field.target.rw')}
                value={values.rw ?? ''}
                onChange={(value) => form.setFieldValue('rw', typeof value === 'number' ? value : null)}
                min={1}
                max={999}
                allowDecimal={false}
                required={values.kind === 'rw'}
                error={error('rw')}
                data-testid="target-rw"
              />
              <NumberInput
                label={t('partners.field.target.vulnerableFamilies')}
                value={values.vulnerableFamilies ?? ''}
                onChange={(value) => form.setFieldValue('vulnerableFamilies', typeof value === 'number' ? value : null)}
                min={0}
                allowDecimal={false}
                thousandSeparator="."
                decimalSeparator=","
                required={values.kind === 'rw'}
                error={error('vulnerableFamilies')}
                data-testid="target-families"
              />
              <TextInput label={t('partners.field.target.picName')} {...form.getInputProps('picName')} error={error('picName')} />
              <TextInput label={t('partners.field.target.picPhone')} type="tel" {...form.getInputProps('picPhone')} error={error('picPhone')} />
              <TextInput label={t('partners.field.target.picRole')} {...form.getInputProps('picRole')} error={error('picRole')} />
            </SimpleGrid>
            <Textarea label={t('partners.field.target.notes')} {...form.getInputProps('notes')} autosize minRows={2} />
          </Stack>
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => window.history.back()}>
            {t('partners.ui.cancel')}
          </Button>
          <Button type="submit" loading={action.running} data-testid="target-save">
            {t('partners.ui.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditLoader({ id }: { id: string }) {
  const target = useProcedure('target:get', { id });
  return <Loadable state={target}>{(value) => <Form initial={valuesOf(value)} id={id} />}</Loadable>;
}

/** Create (no id) or edit a target; an RW target names its kelurahan and RW number. */
export function TargetForm({ id }: { id?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={960}>
      <Title order={2}>{id ? t('partners.ui.editTarget') : t('partners.ui.newTarget')}</Title>
      {id ? <EditLoader id={id} /> : <Form initial={blank} />}
    </Stack>
  );
}
