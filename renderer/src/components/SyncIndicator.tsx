import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/api/contract';
import { useProcedure } from '../api/use-procedure';
import { routeHref } from '../routes';
import { moment } from './RecordHistory';

/** How often the indicator reads the state again: a sync (`ksbb sync`) may run beside the window. */
const REFRESH_MS = 30_000;

const colours = { online: 'teal', offline: 'red', never_synced: 'gray', not_enrolled: 'gray' } as const;

type SyncStatus = Output<'sync:status'>;

/** Fired after this window changed what the indicator shows (a sync run, a conflict decided). */
const SYNC_CHANGED = 'ksbb:sync-changed';

export function announceSyncChange(): void {
  window.dispatchEvent(new Event(SYNC_CHANGED));
}

/** Where sync stands, line by line: the server, the last sync or failure, what waits. */
export function syncStatusLines(s: SyncStatus, t: TFunction, lang: string): string[] {
  return [
    s.server === null ? null : t('sync.status.server', { server: s.server }),
    s.lastSyncAt === null ? t('sync.status.neverSynced') : t('sync.status.lastSync', { at: moment(s.lastSyncAt, lang) }),
    s.lastError !== null && s.lastAttemptAt !== null ? t('sync.status.lastError', { at: moment(s.lastAttemptAt, lang), code: s.lastError }) : null,
    t('sync.status.pending', { count: s.pending }),
    s.rejected > 0 ? t('sync.status.rejected', { count: s.rejected }) : null,
    t('sync.status.conflicts', { count: s.conflicts }),
  ].filter((line): line is string => line !== null);
}

/**
 * Sync with the central server at a glance, in the header: online or offline (whether the hub
 * answered the last sync), the last sync, changes waiting, refused changes and conflicts; a click
 * opens the Sinkronisasi screen. Shown only once this database is enrolled as a device.
 */
export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const status = useProcedure('sync:status', {});
  const reload = status.status === 'ready' ? status.reload : status.status === 'error' ? status.retry : null;
  useEffect(() => {
    if (reload === null) return;
    const timer = window.setInterval(reload, REFRESH_MS);
    window.addEventListener(SYNC_CHANGED, reload);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(SYNC_CHANGED, reload);
    };
  }, [reload]);
  if (status.status !== 'ready' || status.value.state === 'not_enrolled') return null;
  const s = status.value;
  const { state } = s;
  const attention = s.conflicts > 0 || s.rejected > 0;
  const details = syncStatusLines(s, t, i18n.language);
  const label = `${t(`sync.status.${state}`)}${s.pending > 0 ? ` · ${s.pending}` : ''}${attention ? ` · ⚠ ${s.conflicts + s.rejected}` : ''}`;
  return (
    <Tooltip
      multiline
      w={320}
      label={
        <Stack gap={2}>
          {details.map((line) => (
            <Text key={line} size="xs">
              {line}
            </Text>
          ))}
        </Stack>
      }
    >
      <Badge
        component="a"
        href={routeHref({ screen: 'sync' })}
        style={{ cursor: 'pointer' }}
        color={attention ? 'orange' : colours[state]}
        variant="light"
        role="status"
        aria-label={`${t('sync.status.label')}: ${details.join('; ')}`}
        data-testid="sync-status"
        data-state={state}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
