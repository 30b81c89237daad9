import { Badge, Button, Group, Modal, NumberInput, Paper, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { formatDate } from '../../../../electron/api/format';
import { userRoleValues } from '../../../../electron/api/procedures/auth';
import { useCan, useSession } from '../../api/session';
import { fieldErrors, useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';

type UserRow = Output<'user:list'>[number];
type Role = (typeof userRoleValues)[number];

function AddUserDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const agencies = useProcedure('agency:list', {});
  const form = useForm({ initialValues: { username: '', displayName: '', role: 'skpd' as Role, agencyId: null as string | null, password: '' } });
  const errors = fieldErrors(action.error);
  const submit = async (values: typeof form.values) => {
    const saved = await action.run('user:create', { ...values, agencyId: values.role === 'skpd' ? values.agencyId : null }, t('auth.users.created', { username: values.username }));
    if (saved) onSaved();
  };
  return (
    <Modal opened onClose={onClose} title={t('auth.users.add')}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <TextInput label={t('auth.users.username')} required error={errors.username} {...form.getInputProps('username')} data-testid="user-username" />
          <TextInput label={t('auth.users.displayName')} required error={errors.displayName} {...form.getInputProps('displayName')} data-testid="user-display-name" />
          <Select
            label={t('auth.users.role')}
            required
            allowDeselect={false}
            data={userRoleValues.map((role) => ({ value: role, label: t(`auth.role.${role}`) }))}
            {...form.getInputProps('role')}
            data-testid="user-role"
          />
          {form.values.role === 'skpd' && (
            <Select
              label={t('auth.users.agency')}
              required
              error={errors.agencyId}
              data={agencies.status === 'ready' ? agencies.value.rows.map((a) => ({ value: a.id, label: `${a.shortName} — ${a.name}` })) : []}
              {...form.getInputProps('agencyId')}
              data-testid="user-agency"
            />
          )}
          <PasswordInput label={t('auth.users.password')} autoComplete="new-password" required error={errors.password} {...form.getInputProps('password')} data-testid="user-password" />
          <Group justify="flex-end">
            <Button type="submit" loading={action.running} data-testid="user-save">
              {t('auth.users.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, onClose, onSaved }: { user: UserRow; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm({ initialValues: { password: '' } });
  const errors = fieldErrors(action.error);
  const submit = async ({ password }: { password: string }) => {
    if (await action.run('user:reset-password', { id: user.id, password }, t('auth.users.resetDone', { username: user.username }))) onSaved();
  };
  return (
    <Modal opened onClose={onClose} title={`${t('auth.users.resetPassword')}: ${user.username}`}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <PasswordInput label={t('auth.users.newPassword')} autoComplete="new-password" required error={errors.password} {...form.getInputProps('password')} />
          <Group justify="flex-end">
            <Button type="submit" loading={action.running}>
              {t('auth.users.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SessionPolicy() {
  const { t } = useTranslation();
  const action = useAction();
  const policy = useProcedure('auth:policy', {});
  const [minutes, setMinutes] = useState<number | null>(null);
  if (policy.status !== 'ready') return null;
  const value = minutes ?? policy.value.idleMinutes;
  return (
    <Group align="flex-end">
      <NumberInput label={t('auth.users.idleMinutes')} min={1} max={1440} value={value} onChange={(v) => setMinutes(typeof v === 'number' ? v : null)} w={280} data-testid="idle-minutes" />
      <Button variant="default" loading={action.running} onClick={() => void action.run('auth:set-policy', { idleMinutes: value }, t('auth.users.policySaved')).then(() => policy.reload())}>
        {t('auth.users.save')}
      </Button>
    </Group>
  );
}

/** Accounts of this installation: the Secretariat adds them (with role and SKPD), disables them and resets passwords. */
export function UsersScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useSession();
  const users = useProcedure('user:list', {});
  const action = useAction();
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'reset'; user: UserRow } | null>(null);
  const can = useCan();
  const mayManage = can('user:reset-password') || can('user:disable');
  const reload = () => {
    setDialog(null);
    if (users.status === 'ready') users.reload();
  };
  const disable = async (user: UserRow) => {
    if (!window.confirm(t('auth.users.confirmDisable', { username: user.username }))) return;
    if (await action.run('user:disable', { id: user.id }, t('auth.users.disabledDone', { username: user.username }))) reload();
  };
  const status = (user: UserRow) => {
    if (user.disabledAt) return <Badge color="gray">{t('auth.users.disabled', { date: formatDate(user.disabledAt.slice(0, 10), lang) })}</Badge>;
    if (user.lockedUntil) return <Badge color="orange">{t('auth.users.locked', { date: user.lockedUntil.slice(0, 16).replace('T', ' ') })}</Badge>;
    return <Badge color="teal">{t('auth.users.active')}</Badge>;
  };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('auth.users.title')}</Title>
        {can('user:create') && (
          <Button onClick={() => setDialog({ kind: 'add' })} data-testid="user-new">
            {t('auth.users.add')}
          </Button>
        )}
      </Group>
      {can('auth:set-policy') && <SessionPolicy />}
      <Paper withBorder radius="md">
        <Loadable state={users}>
          {(rows) =>
            rows.length === 0 ? (
              <Text p="md">{t('auth.users.empty')}</Text>
            ) : (
              <Table highlightOnHover data-testid="users-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('auth.users.username')}</Table.Th>
                    <Table.Th>{t('auth.users.displayName')}</Table.Th>
                    <Table.Th>{t('auth.users.role')}</Table.Th>
                    <Table.Th>{t('auth.users.agency')}</Table.Th>
                    <Table.Th>{t('auth.users.status')}</Table.Th>
                    {mayManage && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((user) => (
                    <Table.Tr key={user.id} data-testid="user-row" data-username={user.username}>
                      <Table.Td fw={600}>{user.username}</Table.Td>
                      <Table.Td>{user.displayName}</Table.Td>
                      <Table.Td>{t(`auth.role.${user.role}`)}</Table.Td>
                      <Table.Td>{user.agencyName ?? '—'}</Table.Td>
                      <Table.Td>{status(user)}</Table.Td>
                      {mayManage && (
                        <Table.Td ta="right">
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            {can('user:reset-password') && (
                              <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'reset', user })} data-testid="user-reset">
                                {t('auth.users.resetPassword')}
                              </Button>
                            )}
                            {can('user:disable') && !user.disabledAt && user.id !== session.user?.id && (
                              <Button size="xs" variant="subtle" color="red" onClick={() => void disable(user)} data-testid="user-disable">
                                {t('auth.users.disable')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </Loadable>
      </Paper>
      {dialog?.kind === 'add' && <AddUserDialog onClose={() => setDialog(null)} onSaved={reload} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={reload} />}
    </Stack>
  );
}
