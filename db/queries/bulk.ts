import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../connection';

/**
 * A prepared INSERT for many rows of one table, for imports and the demo where the drizzle query
 * builder per row would cost more than SQLite itself. Rows are the table's insert type; a column
 * left out is bound as NULL, a boolean as 0/1. Call it inside a transaction.
 */
export function prepareBulkInsert<T extends SQLiteTable>(db: Db, table: T): (row: T['$inferInsert']) => void {
  const columns = Object.entries(getTableColumns(table));
  const statement = db.$client.prepare(
    `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) ` +
      `VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const keys = columns.map(([key]) => key);
  const isBoolean = columns.map(([, c]) => c.dataType === 'boolean');
  // One array reused for every row: run() binds synchronously, so nothing keeps a reference.
  const values: unknown[] = new Array(keys.length);
  return (row) => {
    const source = row as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const value = source[keys[i] as string] ?? null;
      values[i] = isBoolean[i] && value !== null ? (value ? 1 : 0) : value;
    }
    statement.run(values);
  };
}
