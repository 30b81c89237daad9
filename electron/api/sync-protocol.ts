import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import * as schema from '../../db/schema';

/**
 * The sync protocol between a device and the hub (`server/PROTOCOL.md`): one module both sides
 * import, so a request the client builds is exactly what the hub parses.
 */
export const SYNC_PROTOCOL_VERSION = 1;
export const SYNC_PROTOCOL_HEADER = 'x-ksbb-protocol';

/** Most mutations in one push: a client sends a longer outbox in several batches. */
export const MAX_PUSH_MUTATIONS = 5000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
/** Largest blob (PKS scan) the hub takes: the app's own document limit is 50 MB. */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

/** `<15-digit ms>:<6 base-36 counter>:<device>` as `core/clock.ts` formats it; sorts in causal order. */
export const hlcStampSchema = z
  .string()
  .max(200)
  .regex(/^\d{15}:[0-9a-z]{6}:\S+$/, 'a clock stamp <15-digit milliseconds>:<6 base-36 digits>:<device id>');

/** The device part of a clock stamp. */
export function stampDevice(stamp: string): string {
  return stamp.split(':').slice(2).join(':');
}

const fieldNameSchema = z.string().min(1).max(64);

/**
 * One change of one record, as the outbox holds it: `fields` are the changed fields by their
 * schema names (`partnerId`, `deletedAt`), `hlc` the mutation's stamp, `base` the field clocks the
 * device last saw from the hub (null: never saw the field). A delete is a tombstone: `deletedAt`.
 */
export const syncMutationSchema = z
  .strictObject({
    mutationId: z.uuid(),
    table: z.string().min(1).max(64),
    recordId: z.string().min(1).max(200),
    op: z.enum(['upsert', 'delete']),
    fields: z.record(fieldNameSchema, z.json()),
    hlc: hlcStampSchema,
    base: z.record(fieldNameSchema, hlcStampSchema.nullable()).default({}),
    user: z.string().max(200).nullable(),
  })
  .refine((m) => Object.keys(m.fields).length > 0, { message: 'a mutation changes at least one field', path: ['fields'] })
  .refine((m) => m.op !== 'delete' || typeof m.fields.deletedAt === 'string', {
    message: 'a delete sets fields.deletedAt (the tombstone time)',
    path: ['fields', 'deletedAt'],
  });
export type SyncMutation = z.infer<typeof syncMutationSchema>;

export const pushRequestSchema = z.strictObject({ mutations: z.array(syncMutationSchema).min(1).max(MAX_PUSH_MUTATIONS) });
export type PushRequest = z.input<typeof pushRequestSchema>;

const sideSchema = z.object({ value: z.json().nullable(), hlc: hlcStampSchema, device: z.string(), user: z.string().nullable() });

/** A field both sides changed since their common version: the hub kept `winner`, both are here. */
export const syncConflictSchema = z.object({
  table: z.string(),
  recordId: z.string(),
  field: z.string(),
  winner: z.enum(['hub', 'incoming']),
  hub: sideSchema,
  incoming: sideSchema,
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const pushResultSchema = z.discriminatedUnion('status', [
  z.object({ mutationId: z.string(), status: z.literal('applied') }),
  z.object({ mutationId: z.string(), status: z.literal('duplicate') }),
  z.object({ mutationId: z.string(), status: z.literal('conflict'), conflicts: z.array(syncConflictSchema) }),
  z.object({ mutationId: z.string(), status: z.literal('rejected'), reason: z.string() }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });

/** One record as the hub holds it after `seq`: every field with its clock and who wrote it. */
export const syncChangeSchema = z.object({
  seq: z.number().int().positive(),
  table: z.string(),
  recordId: z.string(),
  hlc: hlcStampSchema,
  deletedAt: z.string().nullable(),
  fields: z.record(z.string(), z.json()),
  clocks: z.record(z.string(), z.object({ hlc: hlcStampSchema, user: z.string().nullable() })),
});
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const pullQuerySchema = z.strictObject({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export const pullResponseSchema = z.object({ changes: z.array(syncChangeSchema), nextCursor: z.number().int().min(0), more: z.boolean() });
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const enrolRequestSchema = z.strictObject({
  code: z.string().min(1).max(64),
  /** The device id this installation already stamps its clocks with (`sync_state.device_id`). */
  deviceId: z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'letters, digits and dashes (a UUID)'),
  name: z.string().min(1).max(200),
});
export const enrolResponseSchema = z.object({ deviceId: z.string(), token: z.string(), protocol: z.number() });

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits (SHA-256)');

/** Every refusal of the hub: a stable code, a sentence, and what else explains it. */
export const hubErrorSchema = z.object({ error: z.string(), message: z.string() }).loose();

/**
 * Tables that sync without `syncedColumns()`: an import batch is written once (and maybe rolled
 * back), and every record it produced points at it, so a device receiving those records needs it;
 * an agency (SKPD) added by the secretariat is named by partners, agreements and accounts' scope;
 * the rows of a verification act (each distribution's previous status) are its level history and
 * the reason a rejected row shows.
 */
export const SYNCED_WITHOUT_CLOCK_COLUMNS: ReadonlySet<string> = new Set(['import_batch', 'agency', 'verification_row']);

/**
 * The tables and fields that sync, read from the SQLite schema: a table syncs when it carries
 * `syncedColumns()` (id, created_at, hlc, deleted_at). Its fields are its columns by schema name
 * (`id` and `hlc` travel as the mutation's own record id and stamp) plus one list field per
 * two-column link table it owns (`partner_program` → `partner.programIds`), because the services
 * write those lists into the outbox as a field of the owning record.
 */
export function syncCatalogue(): ReadonlyMap<string, ReadonlySet<string>> {
  const catalogue = new Map<string, Set<string>>();
  for (const table of schemaTables()) {
    const config = getTableConfig(table);
    const names = new Set(config.columns.map((c) => c.name));
    if (!SYNCED_WITHOUT_CLOCK_COLUMNS.has(config.name) && !['id', 'created_at', 'hlc', 'deleted_at'].every((n) => names.has(n))) continue;
    catalogue.set(config.name, new Set(Object.keys(getTableColumns(table)).filter((key) => key !== 'id' && key !== 'hlc')));
  }
  for (const list of listTables()) catalogue.get(list.ownerTable)?.add(list.field);
  return catalogue;
}

/** Every table of the SQLite schema. */
export function schemaTables(): SQLiteTable[] {
  return (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
}

/** A two-column link table holding a list field of the record its first key column points at. */
export interface ListTable {
  table: SQLiteTable;
  /** The owning record's table (`partner`). */
  ownerTable: string;
  owner: SQLiteColumn;
  item: SQLiteColumn;
  /** The list field's name on the owner: the item column's schema name plus `s` (`programIds`). */
  field: string;
}

/** The schema's link tables that hold list fields (`partner_program` → `partner.programIds`). */
export function listTables(): ListTable[] {
  return schemaTables().flatMap((table) => {
    const config = getTableConfig(table);
    const [key] = config.primaryKeys;
    if (config.columns.length !== 2 || key?.columns.length !== 2) return [];
    const [owner, item] = key.columns;
    const ref = config.foreignKeys.map((fk) => fk.reference()).find((r) => r.columns[0] === owner);
    const itemKey = Object.entries(getTableColumns(table)).find(([, column]) => column === item)?.[0];
    if (!ref || !owner || !item || !itemKey) return [];
    return [{ table, ownerTable: getTableConfig(ref.foreignTable).name, owner, item, field: `${itemKey}s` }];
  });
}
