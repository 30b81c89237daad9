import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../connection';

/**
 * A prepared INSERT for many rows of one table, for imports and the demo where the drizzle query
 * builder per row would cost more than SQLite itself. Rows are the table's insert type; every
 * column is bound by name, booleans as 0/1. Call it inside a transaction.
 */
export function prepareBulkInsert<T extends SQLiteTable>(db: Db, table: T): (row: T['$inferInsert']) => void {
  const columns = Object.entries(getTableColumns(table));
  const statement = db.$client.prepare(
    `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) ` +
      `VALUES (${columns.map(([key]) => `@${key}`).join(', ')})`,
  );
  const keys = columns.map(([key]) => key);
  const booleanKeys = columns.filter(([, c]) => c.dataType === 'boolean').map(([key]) => key);
  return (row) => {
    const values: Record<string, unknown> = {};
    const source = row as Record<string, unknown>;
    for (const key of keys) values[key] = source[key] ?? null;
    for (const key of booleanKeys) values[key] = values[key] === null ? null : values[key] ? 1 : 0;
    statement.run(values);
  };
}
