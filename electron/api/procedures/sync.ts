import { z } from 'zod';
import { countSchema, emptyInput, idSchema } from '../schemas';

/**
 * The sync client's state for the header's indicator and the Sinkronisasi screen (issue 8):
 * `online` means the hub answered the last sync, `offline` that it did not (`lastError` says why).
 */
export const syncStatusSchema = z.object({
  state: z.enum(['not_enrolled', 'never_synced', 'online', 'offline']),
  server: z.string().nullable(),
  deviceId: z.string(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  /** When the background sync tries next (it backs off while the hub does not answer). */
  nextAttemptAt: z.iso.datetime().nullable(),
  /** The error code of the last failed sync (`sync_unreachable`, `sync_refused`, `sync_update_required`, …). */
  lastError: z.string().nullable(),
  /** Outbox entries not yet pushed. */
  pending: countSchema,
  /** Outbox entries the hub refused, kept with their reason. */
  rejected: countSchema,
  /** Conflicts waiting for a person. */
  conflicts: countSchema,
});

/** An outbox entry the hub refused: kept with the reason, shown to a person, never sent again. */
const rejectedEntrySchema = z.object({ seq: countSchema, tableName: z.string(), recordId: z.string(), reason: z.string() });

/** What one sync did (the same figures `ksbb sync --json` prints). */
export const syncReportSchema = z.object({
  server: z.string(),
  pushed: countSchema,
  pulled: countSchema,
  conflicts: countSchema,
  newConflicts: countSchema,
  rejected: z.array(rejectedEntrySchema),
  missingFiles: z.array(z.string()),
  pending: countSchema,
  lastSyncAt: z.iso.datetime(),
});

/** A field both this device and another changed since their common version, waiting for a person. */
export const syncConflictSchema = z.object({
  id: idSchema,
  tableName: z.string(),
  recordId: z.string(),
  /** What the record is called where it has a name or number (the partner's name, the PKS number). */
  recordLabel: z.string().nullable(),
  field: z.string(),
  localValue: z.unknown(),
  remoteValue: z.unknown(),
  localDevice: z.string(),
  remoteDevice: z.string(),
  localUser: z.string().nullable(),
  remoteUser: z.string().nullable(),
  localHlc: z.string(),
  remoteHlc: z.string(),
  /** Which value the record holds now, until a person decides. */
  winner: z.enum(['local', 'remote']),
  detectedAt: z.iso.datetime(),
});

export const syncProcedures = {
  'sync:status': {
    input: emptyInput,
    output: syncStatusSchema,
  },
  /** Push and pull now (the button); a sync already under way (the background one) is joined, not repeated. */
  'sync:run': {
    input: emptyInput,
    output: syncReportSchema,
  },
  'sync:rejected': {
    input: emptyInput,
    output: z.object({ rejected: z.array(rejectedEntrySchema) }),
  },
  'sync:conflicts': {
    input: emptyInput,
    output: z.object({ conflicts: z.array(syncConflictSchema) }),
  },
  /**
   * A person's decision on a conflict: the chosen value is written again with a new clock, so it
   * wins on the hub and every device (synced), and both the change and the decision are audited.
   */
  'sync:resolve': {
    input: z.object({ id: idSchema, choice: z.enum(['local', 'remote']) }).strict(),
    output: z.object({ id: idSchema, tableName: z.string(), recordId: z.string(), field: z.string(), value: z.unknown() }),
  },
} as const;
