import { Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatNumber } from '../../../../electron/api/format';
import { useCan } from '../../api/session';
import { fieldErrors, useAction } from '../../api/use-action';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';

type Agency = Output<'agency:list'>['rows'][number];

function AgencyDialog({ agency, onClose, onSaved }: { agency: Agency | 'new'; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const isNew = agency === 'new';
  const form = useForm({ initialValues: isNew ? { id: '', name: '', shortName: '' } : { id: agency.id, name: agency.name, shortName: agency.shortName } });
  const errors = fieldErrors(action.error);
  const submit = async (values: { id: string; name: string; shortName: string }) => {
    const saved = isNew ? await action.run('agency:create', values, t('partners.ui.saved')) : await action.run('agency:update', values, t('partners.ui.saved'));
    if (saved) onSaved();
  };
  return (
    <Modal opened onClose={onClose} title={isNew ? t('partners.ui.newAgency') : t('partners.ui.editAgency')}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <TextInput label={t('partners.field.agency.id')} {...form.getInputProps('id')} disabled={!isNew} required error={errors.id} data-testid="agency-id" />
          <TextInput label={t('partners.field.agency.name')} {...form.getInputProps('name')} required error={errors.name} data-testid="agency-name" />
          <TextInput label={t('partners.field.agency.shortName')} {...form.getInputProps('shortName')} required error={errors.shortName} data-testid="agency-short-name" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('partners.ui.cancel')}
            </Button>
            <Button type="submit" loading={action.running} data-testid="agency-save">
              {t('partners.ui.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** SKPD pengampu: the provincial offices that accompany the programs. */
export function AgenciesScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const mayEdit = can('agency:update');
  const agencies = useProcedure('agency:list', {});
  const programs = useProcedure('program:list', {});
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const programName = (id: string) => (programs.status === 'ready' ? (programs.value.find((p) => p.id === id)?.name ?? id) : id);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('partners.agency.title')}</Title>
          <Text c="dimmed">{t('partners.agency.subtitle')}</Text>
        </div>
        {can('agency:create') && (
          <Button onClick={() => setEditing('new')} data-testid="agency-new">
            {t('partners.ui.newAgency')}
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md">
        <Loadable state={agencies}>
          {({ rows }) => (
            <Table highlightOnHover data-testid="agencies-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.field.agency.shortName')}</Table.Th>
                  <Table.Th>{t('partners.field.agency.name')}</Table.Th>
                  <Table.Th>{t('partners.list.programs')}</Table.Th>
                  <Table.Th ta="right">{t('agreements.title')}</Table.Th>
                  {mayEdit && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((agency) => (
                  <Table.Tr key={agency.id}>
                    <Table.Td fw={600}>{agency.shortName}</Table.Td>
                    <Table.Td>{agency.name}</Table.Td>
                    <Table.Td>{agency.programIds.map(programName).join(', ') || '—'}</Table.Td>
                    <Table.Td ta="right">{formatNumber(agency.agreementCount)}</Table.Td>
                    {mayEdit && (
                      <Table.Td ta="right">
                        <Button size="xs" variant="subtle" onClick={() => setEditing(agency)} data-testid="agency-edit">
                          {t('partners.ui.edit')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Loadable>
      </Paper>
      {editing && (
        <AgencyDialog
          agency={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            if (agencies.status === 'ready') agencies.reload();
          }}
        />
      )}
    </Stack>
  );
}
