import type { ReactNode } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../electron/api/procedures/auth';
import { useSession } from '../../api/session';
import { fieldErrors, useAction } from '../../api/use-action';

function Frame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder radius="md" p="xl" w={420} maw="100%">
        <Stack gap="md">
          <div>
            <Text size="sm" c="dimmed">
              {t('app.name')}
            </Text>
            <Title order={2}>{title}</Title>
          </div>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** Sign-in with a local account; shown whenever no session is live (also after an idle timeout). */
export function SignInScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const action = useAction();
  const form = useForm({ initialValues: { username: '', password: '' } });
  const submit = async (values: { username: string; password: string }) => {
    const user = await action.run('auth:login', values);
    if (user) session.signedIn(user);
    else form.setFieldValue('password', '');
  };
  return (
    <Frame title={t('auth.login.title')}>
      {session.endedBecause && (
        <Alert color="yellow" data-testid="session-ended">
          {session.endedBecause.message}
        </Alert>
      )}
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="sign-in-form">
        <Stack gap="sm">
          <TextInput label={t('auth.login.username')} autoComplete="username" required autoFocus {...form.getInputProps('username')} data-testid="sign-in-username" />
          <PasswordInput label={t('auth.login.password')} autoComplete="current-password" required {...form.getInputProps('password')} data-testid="sign-in-password" />
          {action.error && (
            <Text c="red" size="sm" role="alert" data-testid="sign-in-error">
              {action.error.message}
            </Text>
          )}
          <Button type="submit" loading={action.running} data-testid="sign-in-submit">
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

/** First run: the database has no account yet, so the person at hand creates the administrator. */
export function SetupAdminScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const action = useAction();
  const form = useForm({
    initialValues: { username: '', displayName: '', password: '', again: '' },
    validate: { again: (value, values) => (value === values.password ? null : t('auth.setup.mismatch')) },
  });
  const errors = fieldErrors(action.error);
  const submit = async (values: { username: string; displayName: string; password: string }) => {
    const user = await action.run('auth:setup-admin', { username: values.username, displayName: values.displayName, password: values.password });
    if (user) session.signedIn(user);
  };
  return (
    <Frame title={t('auth.setup.title')}>
      <Text size="sm">{t('auth.setup.intro')}</Text>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="setup-form">
        <Stack gap="sm">
          <TextInput label={t('auth.login.username')} required autoFocus error={errors.username} {...form.getInputProps('username')} data-testid="setup-username" />
          <TextInput label={t('auth.setup.displayName')} required error={errors.displayName} {...form.getInputProps('displayName')} data-testid="setup-display-name" />
          <PasswordInput
            label={t('auth.login.password')}
            description={t('auth.setup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            error={errors.password}
            {...form.getInputProps('password')}
            data-testid="setup-password"
          />
          <PasswordInput label={t('auth.setup.passwordAgain')} autoComplete="new-password" required {...form.getInputProps('again')} data-testid="setup-password-again" />
          <Button type="submit" loading={action.running} data-testid="setup-submit">
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}
