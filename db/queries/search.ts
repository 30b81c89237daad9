import { sql } from 'drizzle-orm';
import type { Db } from '../connection';

export type SearchIndex = 'partner_search' | 'agreement_search' | 'target_search';

/** Up to this many matches are ranked by relevance; ranking more would cost more than it tells. */
const RANK_AT_MOST = 500;

/**
 * Rowids of the best `limit` matches of an FTS5 MATCH expression: by relevance (bm25) when at most
 * 500 rows match, else newest first (rowid descending, which FTS5 reads without ranking every row:
 * a one-letter prefix over 100,000 partners matches a quarter of them, and bm25 over all of those
 * would take tens of milliseconds for an order nobody can see the point of).
 */
export function bestMatches(db: Db, index: SearchIndex, match: string, limit: number): number[] {
  const table = sql.identifier(index);
  const matching = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ${match} LIMIT ${RANK_AT_MOST + 1})`,
  ).n;
  const order = matching > RANK_AT_MOST ? sql`rowid DESC` : sql`rank`;
  return db
    .all<{ rowid: number }>(sql`SELECT rowid FROM ${table} WHERE ${table} MATCH ${match} ORDER BY ${order} LIMIT ${limit}`)
    .map((row) => row.rowid);
}

/** Keeps rows in the order of `rowids` (rows fetched with `rowid IN (…)` come back in any order). */
export function inRowidOrder<T extends { rowid: number }>(rows: T[], rowids: readonly number[]): T[] {
  const byRowid = new Map(rows.map((row) => [row.rowid, row]));
  return rowids.flatMap((rowid) => byRowid.get(rowid) ?? []);
}
