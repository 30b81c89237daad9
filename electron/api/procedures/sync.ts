import { z } from 'zod';
import { countSchema, emptyInput } from '../schemas';

/**
 * The sync client's state for the header's indicator (issue 8). Syncing itself is `ksbb sync`;
 * `online` means the hub answered the last sync, `offline` that it did not (`lastError` says why).
 */
export const syncStatusSchema = z.object({
  state: z.enum(['not_enrolled', 'never_synced', 'online', 'offline']),
  server: z.string().nullable(),
  deviceId: z.string(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  /** The error code of the last failed sync (`sync_unreachable`, `sync_refused`, `sync_update_required`, …). */
  lastError: z.string().nullable(),
  /** Outbox entries not yet pushed. */
  pending: countSchema,
  /** Outbox entries the hub refused, kept with their reason. */
  rejected: countSchema,
  /** Conflicts waiting for a person. */
  conflicts: countSchema,
});

export const syncProcedures = {
  'sync:status': {
    input: emptyInput,
    output: syncStatusSchema,
  },
} as const;
