import { eq, getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { listTables, schemaTables, syncCatalogue } from '../../api/sync-protocol';
import type { Db } from '../../../db/connection';

/** A list field of a record kept in a two-column link table (`partner.programIds` in `partner_program`). */
export interface LinkField {
  table: SQLiteTable;
  owner: SQLiteColumn;
  item: SQLiteColumn;
}

/** A synced table of this database: its drizzle table, its plain fields and its list fields. */
export interface SyncedTable {
  name: string;
  table: SQLiteTable;
  id: SQLiteColumn;
  columns: Record<string, SQLiteColumn>;
  /** Fields stored as columns, by schema name (`partnerId`), without `id` and `hlc`. */
  fields: ReadonlySet<string>;
  lists: ReadonlyMap<string, LinkField>;
  /** Import batch tables have no `hlc` column. */
  hasHlc: boolean;
  /** The id is computed by SQLite from the other columns (`verification_row`): never written. */
  idGenerated: boolean;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type FieldValues = Record<string, Json>;

/**
 * The synced tables as the protocol's catalogue names them, bound to this schema's drizzle tables:
 * a pulled change is applied only to a table and the fields this database has.
 */
export function syncedTables(): ReadonlyMap<string, SyncedTable> {
  const catalogue = syncCatalogue();
  const byName = new Map(schemaTables().map((table) => [getTableConfig(table).name, table]));
  const out = new Map<string, SyncedTable>();
  for (const [name, fields] of catalogue) {
    const table = byName.get(name);
    if (!table) continue;
    const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
    const id = columns.id;
    if (!id) continue;
    const plain = new Set([...fields].filter((field) => field in columns));
    out.set(name, { name, table, id, columns, fields: plain, lists: new Map(), hasHlc: 'hlc' in columns, idGenerated: id.generated !== undefined });
  }
  for (const list of listTables()) {
    const owner = out.get(list.ownerTable);
    if (!owner || !catalogue.get(owner.name)?.has(list.field)) continue;
    (owner.lists as Map<string, LinkField>).set(list.field, { table: list.table, owner: list.owner, item: list.item });
  }
  return out;
}

/** A list field's items in one order, so two devices compare equal lists as equal. */
export function readList(db: Db, link: LinkField, recordId: string): string[] {
  const rows = db.select({ item: link.item }).from(link.table).where(eq(link.owner, recordId)).all();
  return rows.map((row) => String(row.item)).sort();
}

/** Replaces the list field's items of a record. */
export function writeList(db: Db, link: LinkField, recordId: string, items: readonly string[]): void {
  db.delete(link.table).where(eq(link.owner, recordId)).run();
  if (items.length === 0) return;
  const ownerKey = keyOf(link.table, link.owner);
  const itemKey = keyOf(link.table, link.item);
  db.insert(link.table)
    .values(items.map((item) => ({ [ownerKey]: recordId, [itemKey]: item })))
    .run();
}

function keyOf(table: SQLiteTable, column: SQLiteColumn): string {
  const found = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
  if (!found) throw new Error(`column ${column.name} is not in ${getTableConfig(table).name}`);
  return found[0];
}

/** The record's fields as this device holds them (JSON values), or null when it has no such record. */
export function readRecord(db: Db, synced: SyncedTable, recordId: string, only?: readonly string[]): FieldValues | null {
  const row = db.select().from(synced.table).where(eq(synced.id, recordId)).get() as Record<string, unknown> | undefined;
  if (!row) return null;
  const out: FieldValues = {};
  for (const field of only ?? [...synced.fields, ...synced.lists.keys()]) {
    const link = synced.lists.get(field);
    if (link) out[field] = readList(db, link, recordId);
    else if (synced.fields.has(field)) out[field] = (row[field] ?? null) as Json;
  }
  return out;
}

/** The ids of a table's records that came from one import batch. */
export function recordsOfBatch(db: Db, synced: SyncedTable, batchId: string): string[] {
  const column = synced.columns.importBatchId;
  if (!column) return [];
  return db
    .select({ id: synced.id })
    .from(synced.table)
    .where(eq(column, batchId))
    .all()
    .map((row) => String(row.id));
}

/** A record as drizzle reads it: field name → value (booleans as booleans). */
export type RecordRow = Record<string, unknown>;

/**
 * Reading and writing records by id with statements prepared once (per page of a pull): drizzle
 * builds its SQL and SQLite compiles it on every call otherwise, which was most of a
 * 1,000,000-record first pull's time. Values are mapped to and from the database as drizzle maps them.
 */
export interface RecordStatements {
  read(synced: SyncedTable, recordId: string): RecordRow | undefined;
  /** Inserts the given fields (with `id`, and `hlc` where the table has it). */
  insert(synced: SyncedTable, values: RecordRow): void;
  update(synced: SyncedTable, recordId: string, values: RecordRow): void;
}

export function recordStatements(db: Db): RecordStatements {
  const client = db.$client;
  const prepared = new Map<string, ReturnType<typeof client.prepare>>();
  const statement = (key: string, text: () => string) => {
    let found = prepared.get(key);
    if (!found) {
      found = client.prepare(text());
      prepared.set(key, found);
    }
    return found;
  };
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columnOf = (synced: SyncedTable, field: string) => {
    const column = synced.columns[field];
    if (!column) throw new Error(`${synced.name} has no column for ${field}`);
    return column;
  };
  const toDriver = (synced: SyncedTable, fields: readonly string[], values: RecordRow) =>
    fields.map((field) => {
      const value = values[field];
      return value === null || value === undefined ? null : columnOf(synced, field).mapToDriverValue(value);
    });
  const idColumn = (synced: SyncedTable) => quoted(synced.id.name);
  return {
    read(synced, recordId) {
      const raw = statement(`read ${synced.name}`, () => `SELECT * FROM ${quoted(synced.name)} WHERE ${idColumn(synced)} = ?`).get(recordId) as Record<string, unknown> | undefined;
      if (raw === undefined) return undefined;
      const row: RecordRow = {};
      for (const [field, column] of Object.entries(synced.columns)) {
        const value = raw[column.name];
        row[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return row;
    },
    insert(synced, values) {
      const fields = Object.keys(values);
      const sql = () => `INSERT INTO ${quoted(synced.name)} (${fields.map((f) => quoted(columnOf(synced, f).name)).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`;
      statement(`insert ${synced.name} ${fields.join(',')}`, sql).run(toDriver(synced, fields, values));
    },
    update(synced, recordId, values) {
      const fields = Object.keys(values);
      if (fields.length === 0) return;
      const sql = () => `UPDATE ${quoted(synced.name)} SET ${fields.map((f) => `${quoted(columnOf(synced, f).name)} = ?`).join(', ')} WHERE ${idColumn(synced)} = ?`;
      statement(`update ${synced.name} ${fields.join(',')}`, sql).run([...toDriver(synced, fields, values), recordId]);
    },
  };
}
