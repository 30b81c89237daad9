import { Alert, Button, Group, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureState } from '../api/use-procedure';

/** Shows a loader (or `loading`, saying what is being done), the error with a retry, or the content: one way for every screen. */
export function Loadable<T>({ state, children, loading }: { state: ProcedureState<T>; children: (value: T) => ReactNode; loading?: ReactNode }) {
  const { t } = useTranslation();
  if (state.status === 'loading' && loading !== undefined) return <>{loading}</>;
  if (state.status === 'loading') {
    return (
      <Group justify="center" p="xl" aria-busy="true">
        <Loader size="sm" />
        <span>{t('common.loading')}</span>
      </Group>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert color="red" title={t('common.errorTitle')} role="alert">
        <p>{state.error.message}</p>
        <Button variant="light" color="red" onClick={state.retry}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }
  return <>{children(state.value)}</>;
}
