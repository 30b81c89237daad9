import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';

/**
 * Memo of the per-(place, item type) sums a wilayah recap reads from the records (a filter with
 * a period or a partner; without, the running totals answer), for one open database (the recap
 * handlers hold one; the CLI and exports go without). Opening a recap per kota reads every
 * record once; drilling into a kota then folds the memo instead of reading that kota's records
 * again. An entry is valid while the data is unchanged: every write of this app appends to the
 * audit log in its own transaction, and `data_version` moves when another connection commits.
 */

export interface PlaceSum {
  c: string;
  i: string;
  q: number;
  r: number;
}

interface Entry {
  stamp: string;
  /** Kemendagri code the sums cover (itself and below). */
  scopeCode: string;
  sums: PlaceSum[];
}

const MAX_ENTRIES = 16;

export interface RecapCache {
  /** Sums of `query` over `scopeCode`, from an entry covering it (same filter key, same data) or by running `read`. */
  placeSums(db: Db, key: string, scopeCode: string, read: () => PlaceSum[]): PlaceSum[];
}

/** Moves whenever the data may have changed (an audited write here, or a commit by another connection). */
export function dataStamp(db: Db): string {
  const seq = db.get<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM audit_log`).seq;
  return `${seq ?? 0}:${String(db.$client.pragma('data_version', { simple: true }))}`;
}

export function createRecapCache(): RecapCache {
  const entries = new Map<string, Entry[]>();
  return {
    placeSums(db, key, scopeCode, read) {
      const stamp = dataStamp(db);
      const list = (entries.get(key) ?? []).filter((e) => e.stamp === stamp);
      const covering = list.find((e) => scopeCode === e.scopeCode || scopeCode.startsWith(`${e.scopeCode}.`));
      if (covering) {
        const inside = `${scopeCode}.`;
        return covering.scopeCode === scopeCode ? covering.sums : covering.sums.filter((s) => s.c === scopeCode || s.c.startsWith(inside));
      }
      const sums = read();
      list.push({ stamp, scopeCode, sums });
      entries.delete(key);
      entries.set(key, list.slice(-4));
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      return sums;
    },
  };
}
