import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../api/use-procedure';

/** Which version and which database file this window shows: what support asks first. */
export function AppInfo() {
  const { t } = useTranslation();
  const info = useProcedure('app:info', {});
  if (info.status !== 'ready') return null;
  return (
    <Text size="xs" c="dimmed" data-testid="app-info" style={{ overflowWrap: 'anywhere' }}>
      {t('app.version', { version: info.value.version, schema: info.value.schemaVersion })}
      <br />
      {t('app.database', { path: info.value.databasePath })}
    </Text>
  );
}
