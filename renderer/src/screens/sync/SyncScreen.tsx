import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../electron/api/contract';
import { useCan } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';
import { moment, recordFieldLabel, shownValue } from '../../components/RecordHistory';
import { announceSyncChange, syncStatusLines } from '../../components/SyncIndicator';

type Conflict = Output<'sync:conflicts'>['conflicts'][number];
type Side = 'local' | 'remote';

function recordName(t: (key: string) => string, tableName: string, recordId: string, label: string | null): string {
  return `${t(`sync.table.${tableName}`)} · ${label ?? recordId}`;
}

/** One conflict: both values side by side, who wrote each on which device, and a choice for each. */
function ConflictCard({ conflict, onDecided }: { conflict: Conflict; onDecided: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const decide = useAction();
  const field = recordFieldLabel(t, conflict.tableName, conflict.field);
  const choose = async (choice: Side) => {
    const decided = await decide.run('sync:resolve', { id: conflict.id, choice });
    if (!decided) return;
    notifications.show({ color: 'teal', message: t('sync.screen.resolved', { field, value: shownValue(decided.value, t, lang) }) });
    onDecided();
  };
  const side = (which: Side) => {
    const local = which === 'local';
    return (
      <Paper withBorder p="sm" radius="sm" data-testid={`conflict-${which}`} bg={conflict.winner === which ? 'var(--mantine-color-teal-light)' : undefined}>
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={600}>
            {t(local ? 'sync.screen.here' : 'sync.screen.there')}
          </Text>
          {conflict.winner === which && (
            <Badge size="sm" variant="light" color="teal">
              {t('sync.screen.kept')}
            </Badge>
          )}
        </Group>
        <Text size="lg" style={{ overflowWrap: 'anywhere' }} data-testid="conflict-value">
          {shownValue(local ? conflict.localValue : conflict.remoteValue, t, lang)}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t('sync.screen.by', { user: (local ? conflict.localUser : conflict.remoteUser) ?? '—', device: local ? conflict.localDevice : conflict.remoteDevice })}
        </Text>
        {can('sync:resolve') && (
          <Button size="xs" variant={conflict.winner === which ? 'light' : 'filled'} onClick={() => void choose(which)} loading={decide.running} data-testid={`conflict-use-${which}`}>
            {t('sync.screen.use')}
          </Button>
        )}
      </Paper>
    );
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="conflict" data-field={conflict.field}>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>
          {recordName(t, conflict.tableName, conflict.recordId, conflict.recordLabel)} — {field}
        </Text>
        <Text size="xs" c="dimmed">
          {t('sync.screen.detected', { at: moment(conflict.detectedAt, i18n.language) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {side('local')}
        {side('remote')}
      </SimpleGrid>
    </Paper>
  );
}

/**
 * Sinkronisasi: where this device stands with the central server, a Sync button, the changes the
 * hub refused (kept with the reason), and the conflicts for a person to decide (issue 8).
 */
export function SyncScreen() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const status = useProcedure('sync:status', {});
  const rejected = useProcedure('sync:rejected', {});
  const conflicts = useProcedure('sync:conflicts', {});
  const sync = useAction();
  const reloadAll = () => {
    for (const state of [status, rejected, conflicts]) if (state.status === 'ready') state.reload();
    announceSyncChange();
  };
  const run = async () => {
    const report = await sync.run('sync:run', {});
    if (report) notifications.show({ color: 'teal', message: t('sync.screen.done', { ...report }) });
    reloadAll();
  };

  // Not enrolled: nothing syncs and nothing can conflict yet, so the screen only says how to enrol.
  if (status.status === 'ready' && status.value.state === 'not_enrolled') {
    return (
      <Stack gap="md">
        <Title order={2}>{t('sync.screen.title')}</Title>
        <Alert color="gray" data-testid="sync-not-enrolled" maw={820}>
          {t('sync.screen.notEnrolled')}
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={2}>{t('sync.screen.title')}</Title>
      <Text size="sm" maw={820}>
        {t('sync.screen.intro')}
      </Text>
      <Loadable state={status}>
        {(s) => (
          <Paper withBorder p="md" radius="md" data-testid="sync-status-card" data-state={s.state}>
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Badge variant="light" color={s.state === 'online' ? 'teal' : s.state === 'offline' ? 'red' : 'gray'}>
                  {t(`sync.status.${s.state}`)}
                </Badge>
                {syncStatusLines(s, t, i18n.language).map((line) => (
                  <Text key={line} size="sm">
                    {line}
                  </Text>
                ))}
                <Text size="xs" c="dimmed">
                  {t('sync.screen.device', { deviceId: s.deviceId })}
                </Text>
                {s.nextAttemptAt !== null && (
                  <Text size="xs" c="dimmed">
                    {t('sync.screen.nextAttempt', { at: moment(s.nextAttemptAt, i18n.language) })}
                  </Text>
                )}
              </Stack>
              {can('sync:run') && (
                <Button onClick={() => void run()} loading={sync.running} data-testid="sync-run">
                  {t('sync.screen.run')}
                </Button>
              )}
            </Group>
          </Paper>
        )}
      </Loadable>
      <Loadable state={rejected}>
        {({ rejected: entries }) =>
          entries.length === 0 ? null : (
            <Paper withBorder p="md" radius="md">
              <Title order={3} size="h4">
                {t('sync.screen.rejectedTitle')}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t('sync.screen.rejectedIntro')}
              </Text>
              <Table striped data-testid="sync-rejected">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sync.screen.columns.seq')}</Table.Th>
                    <Table.Th>{t('sync.screen.columns.record')}</Table.Th>
                    <Table.Th>{t('sync.screen.columns.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((entry) => (
                    <Table.Tr key={entry.seq}>
                      <Table.Td>{entry.seq}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{recordName(t, entry.tableName, entry.recordId, null)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{entry.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )
        }
      </Loadable>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('sync.screen.conflictsTitle')}
        </Title>
        <Text size="sm" maw={820}>
          {t('sync.screen.conflictsIntro')}
        </Text>
        <Loadable state={conflicts}>
          {({ conflicts: waiting }) =>
            waiting.length === 0 ? (
              <Text c="dimmed" data-testid="no-conflicts">
                {t('sync.screen.noConflicts')}
              </Text>
            ) : (
              <Stack gap="sm" data-testid="conflict-list">
                {waiting.map((conflict) => (
                  <ConflictCard key={conflict.id} conflict={conflict} onDecided={reloadAll} />
                ))}
              </Stack>
            )
          }
        </Loadable>
      </Stack>
    </Stack>
  );
}
