import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { createDemoData, type DemoOptions } from '../../electron/core/demo/generate';
import type { OpenedCore } from '../../electron/core/open';
import { createTempDb, FIXED_NOW, TEST_ACTOR, type TempDb } from '../fixtures/temp-db';

const SMALL: DemoOptions = { seed: 20200422, partners: 50, pledges: 300, distributions: 1000 };

const syncedTables = ['partner', 'agreement', 'target', 'need', 'pledge', 'distribution', 'fund_transfer'] as const;

const all = <T>(core: OpenedCore, sql: string, ...params: unknown[]) => core.deps.db.$client.prepare(sql).all(...params) as T[];
const countOf = (core: OpenedCore, table: string) => all<{ n: number }>(core, `SELECT count(*) AS n FROM ${table}`)[0]?.n;

/** Every table's row count, to show that a refused call changed nothing. */
function tableCounts(core: OpenedCore): Record<string, number> {
  const tables = all<{ name: string }>(core, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'");
  return Object.fromEntries(tables.map(({ name }) => [name, countOf(core, `"${name}"`) ?? -1]));
}

/** SHA-256 of a table's rows in id order, leaving out the hlc column (it carries the random device id). */
function tableHash(core: OpenedCore, table: string): string {
  const rows = all<Record<string, unknown>>(core, `SELECT * FROM ${table} ORDER BY id`).map(({ hlc: _hlc, ...rest }) => rest);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

let t: TempDb;
let core: OpenedCore;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
});
afterEach(() => t.cleanup());

describe('createDemoData', () => {
  it('writes exactly the asked-for numbers of rows and reports what it wrote', () => {
    const counts = createDemoData(core.deps, TEST_ACTOR, SMALL);
    expect(countOf(core, 'partner')).toBe(50);
    expect(countOf(core, 'pledge')).toBe(300);
    expect(countOf(core, 'distribution')).toBe(1000);
    expect(counts).toMatchObject({ seed: SMALL.seed, partners: 50, pledges: 300, distributions: 1000 });
    expect(countOf(core, 'agreement')).toBe(counts.agreements);
    expect(countOf(core, 'target')).toBe(counts.targets);
    expect(countOf(core, 'need')).toBe(counts.needs);
    expect(countOf(core, 'fund_transfer')).toBe(counts.fundTransfers);
    expect(all<{ n: number }>(core, 'SELECT count(*) AS n FROM partner WHERE is_aggregator = 1')[0]?.n).toBe(counts.aggregators);
    expect(counts.aggregators).toBeGreaterThan(0);
    expect(counts.targets).toBeGreaterThanOrEqual(30);
    expect(counts.needs).toBeGreaterThan(0);
    // Partner names are unique once normalised, so the registry has no duplicates to start with.
    expect(all<{ n: number }>(core, 'SELECT count(DISTINCT normalized_name) AS n FROM partner')[0]?.n).toBe(50);
  });

  it('records everything as one import batch with one outbox mutation and a chained audit entry per table', () => {
    const counts = createDemoData(core.deps, TEST_ACTOR, SMALL);
    const batches = all<{ id: string; kind: string; rows_total: number; rows_imported: number; imported_at: string }>(core, 'SELECT * FROM import_batch');
    expect(batches).toHaveLength(1);
    const batch = batches[0]!;
    expect(batch.id).toBe(counts.batchId);
    expect(batch.kind).toBe('demo');
    expect(batch.imported_at).toBe(FIXED_NOW);
    const totalRows = syncedTables.reduce((n, table) => n + (countOf(core, table) ?? 0), 0);
    expect(batch.rows_total).toBe(totalRows);
    expect(batch.rows_imported).toBe(totalRows);
    for (const table of syncedTables) {
      const rows = all<{ batch: string | null; n: number }>(core, `SELECT import_batch_id AS batch, count(*) AS n FROM ${table} GROUP BY 1`);
      expect(rows, table).toEqual([{ batch: counts.batchId, n: countOf(core, table) }]);
      const sourceRows = all<{ missing: number }>(core, `SELECT count(*) AS missing FROM ${table} WHERE source_row IS NULL OR created_by <> ?`, TEST_ACTOR);
      expect(sourceRows[0]?.missing, table).toBe(0);
    }
    const outbox = all<{ op: string; table_name: string; record_id: string; payload: string }>(core, 'SELECT * FROM sync_outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'import_batch', table_name: 'import_batch', record_id: counts.batchId });
    expect(JSON.parse(outbox[0]?.payload ?? '')).toEqual({ kind: 'demo', rows: totalRows });
    const audit = all<{ table_name: string; import_batch_id: string | null; changes: string }>(core, "SELECT * FROM audit_log WHERE action = 'import' ORDER BY seq");
    expect(audit.map((a) => a.table_name)).toEqual([...syncedTables, 'import_batch']);
    expect(new Set(audit.map((a) => a.import_batch_id))).toEqual(new Set([counts.batchId]));
    expect(JSON.parse(audit.find((a) => a.table_name === 'distribution')?.changes ?? '')).toEqual({ rows: 1000 });
  });

  it('routes help via aggregators only through licensed aggregators with a PKS valid on the day', () => {
    createDemoData(core.deps, TEST_ACTOR, SMALL);
    for (const [table, dateColumn] of [['distribution', 'distributed_on'], ['pledge', 'pledged_on']] as const) {
      const via = all<{ n: number }>(core, `SELECT count(*) AS n FROM ${table} WHERE aggregator_id IS NOT NULL`)[0]?.n ?? 0;
      expect(via, `${table} via aggregators`).toBeGreaterThan(0);
      const bad = all<{ id: string }>(
        core,
        `SELECT x.id FROM ${table} x JOIN partner a ON a.id = x.aggregator_id
         WHERE a.is_aggregator <> 1
            OR a.licence_number IS NULL
            OR a.licence_valid_until IS NULL OR a.licence_valid_until < x.${dateColumn}
            OR NOT EXISTS (
              SELECT 1 FROM agreement g
              WHERE g.partner_id = a.id AND g.status = 'signed' AND g.deleted_at IS NULL
                AND g.valid_from <= x.${dateColumn} AND x.${dateColumn} <= g.valid_until)`,
      );
      expect(bad, table).toEqual([]);
      // Nothing is delivered by an aggregator in its own name, and the giver is never an aggregator.
      const giverIsAggregator = all<{ n: number }>(core, `SELECT count(*) AS n FROM ${table} x JOIN partner p ON p.id = x.partner_id WHERE p.is_aggregator = 1`);
      expect(giverIsAggregator[0]?.n, table).toBe(0);
    }
    const transfers = all<{ n: number }>(
      core,
      `SELECT count(*) AS n FROM fund_transfer f JOIN partner a ON a.id = f.aggregator_id
       WHERE a.is_aggregator <> 1 OR a.licence_valid_until < f.transferred_on`,
    );
    expect(transfers[0]?.n).toBe(0);
  });

  it('places every distribution in an existing RW or kelurahan, the same as its target', () => {
    createDemoData(core.deps, TEST_ACTOR, SMALL);
    const levels = all<{ level: string | null; n: number }>(
      core,
      'SELECT r.level AS level, count(*) AS n FROM distribution d LEFT JOIN region r ON r.code = d.region_code GROUP BY r.level ORDER BY r.level',
    );
    expect(levels.map((l) => l.level)).toEqual(['kelurahan', 'rw']);
    expect(levels.reduce((n, l) => n + l.n, 0)).toBe(1000);
    const mismatched = all<{ n: number }>(core, 'SELECT count(*) AS n FROM distribution d JOIN target t ON t.id = d.target_id WHERE t.region_code <> d.region_code');
    expect(mismatched[0]?.n).toBe(0);
    // Every RW the demo made hangs under an existing kelurahan and has a code built from it.
    const badRw = all<{ code: string }>(
      core,
      `SELECT r.code FROM region r LEFT JOIN region k ON k.code = r.parent_code
       WHERE r.level = 'rw' AND (k.level IS NOT 'kelurahan' OR substr(r.code, 1, 14) <> k.code || '.' OR length(r.code) <> 17)`,
    );
    expect(badRw).toEqual([]);
    expect(all<{ n: number }>(core, "SELECT count(*) AS n FROM region WHERE level = 'rw'")[0]?.n).toBeGreaterThan(0);
  });

  it('keeps dates inside the demo period and money in whole Rupiah', () => {
    createDemoData(core.deps, TEST_ACTOR, SMALL);
    const range = all<{ first: string; last: string; negative: number }>(
      core,
      "SELECT min(distributed_on) AS first, max(distributed_on) AS last, sum(quantity <= 0) AS negative FROM distribution",
    )[0];
    expect(range?.first).toMatch(/^2020-04-2[2-9]$/);
    expect((range?.first ?? '') >= '2020-04-22').toBe(true);
    expect((range?.last ?? '9999') <= '2021-12-31').toBe(true);
    expect(range?.negative).toBe(0);
    const nonInteger = all<{ n: number }>(core, "SELECT count(*) AS n FROM distribution WHERE typeof(value_rupiah) NOT IN ('integer', 'null')");
    expect(nonInteger[0]?.n).toBe(0);
  });

  it('makes identical rows, ids included, from the same seed in two fresh databases', () => {
    const other = createTempDb();
    try {
      const second = other.open();
      const a = createDemoData(core.deps, TEST_ACTOR, SMALL);
      const b = createDemoData(second.deps, TEST_ACTOR, SMALL);
      expect(b).toEqual(a);
      for (const table of [...syncedTables, 'import_batch', 'region', 'agreement_program']) {
        const hash = table === 'import_batch' || table === 'region' || table === 'agreement_program'
          ? (c: OpenedCore) => createHash('sha256').update(JSON.stringify(all(c, `SELECT * FROM ${table} ORDER BY 1, 2`))).digest('hex')
          : (c: OpenedCore) => tableHash(c, table);
        expect(hash(second), table).toBe(hash(core));
      }
      const firstIds = all<{ id: string }>(core, 'SELECT id FROM distribution ORDER BY id LIMIT 3');
      expect(all<{ id: string }>(second, 'SELECT id FROM distribution ORDER BY id LIMIT 3')).toEqual(firstIds);
    } finally {
      other.cleanup();
    }
  });

  it('makes different data from a different seed', () => {
    const other = createTempDb();
    try {
      const second = other.open();
      createDemoData(core.deps, TEST_ACTOR, SMALL);
      createDemoData(second.deps, TEST_ACTOR, { ...SMALL, seed: SMALL.seed + 1 });
      expect(tableHash(second, 'distribution')).not.toBe(tableHash(core, 'distribution'));
      expect(countOf(second, 'distribution')).toBe(1000);
    } finally {
      other.cleanup();
    }
  });

  it('refuses a database that already holds data and changes nothing', () => {
    createDemoData(core.deps, TEST_ACTOR, { seed: 1, partners: 5, pledges: 0, distributions: 0 });
    const before = tableCounts(core);
    const hashes = syncedTables.map((table) => tableHash(core, table));
    let caught: unknown;
    try {
      createDemoData(core.deps, TEST_ACTOR, SMALL);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('database_not_empty');
    expect((caught as AppError).params).toEqual({ path: t.paths.databasePath, partners: 5, targets: 30, distributions: 0 });
    expect(tableCounts(core)).toEqual(before);
    expect(syncedTables.map((table) => tableHash(core, table))).toEqual(hashes);
  });

  it('works with a single partner and no activity', () => {
    const counts = createDemoData(core.deps, TEST_ACTOR, { seed: 9, partners: 1, pledges: 0, distributions: 0 });
    expect(counts).toMatchObject({ partners: 1, aggregators: 0, pledges: 0, distributions: 0, fundTransfers: 0 });
    expect(countOf(core, 'partner')).toBe(1);
  });
});
