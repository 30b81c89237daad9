import { Button, Group, Menu, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/session';
import { fieldErrors, useAction } from '../api/use-action';

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '' } });
  const errors = fieldErrors(action.error);
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    if (await action.run('auth:change-password', values, t('auth.password.changed'))) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('auth.password.title')}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <PasswordInput label={t('auth.password.current')} autoComplete="current-password" required error={errors.currentPassword} {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('auth.password.next')} autoComplete="new-password" required error={errors.password} {...form.getInputProps('newPassword')} />
          <Group justify="flex-end">
            <Button type="submit" loading={action.running}>
              {t('auth.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Who is signed in (name, role, SKPD), changing one's password, and signing out. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const user = session.user;
  if (!user) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" data-testid="user-menu">
            {user.displayName}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="xs" data-testid="user-menu-who">
              {t('auth.menu.signedInAs', { name: user.username, role: t(`auth.role.${user.role}`) })}
            </Text>
            {user.agencyId && <Text size="xs">{t('auth.menu.agency', { agency: user.agencyId })}</Text>}
          </Menu.Label>
          <Menu.Item onClick={() => setChanging(true)}>{t('auth.menu.changePassword')}</Menu.Item>
          <Menu.Item color="red" onClick={() => void session.signOut()} data-testid="user-menu-logout">
            {t('auth.menu.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </>
  );
}
