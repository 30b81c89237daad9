// The recaps over 1,000,000 pledges + 1,000,000 distributions from the demo generator: by program and
// by kota, against hand-written SQL GROUP BY queries that compute the same figures from the same
// tables (and indexes) — the results are compared, then timed, best of three. Target: ratio ≤ 1.5.
// Also the drill-down from a kota to its kelurahan as the recap screen does it (the handlers' memo
// warm from the kota view) and cold; target: under 300 ms. BENCH_ROWS overrides the row counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDemoData } from '../../electron/core/demo/generate';
import { openCore } from '../../electron/core/open';
import { createRecapCache } from '../../electron/core/recaps/cache';
import { recapByProgram, recapByWilayah } from '../../electron/core/recaps/service';
import { best } from './timing';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ksbb-bench-'));
const ctx = { actor: 'bench', lang: 'id' as const };
const filters = { channel: 'all' as const };


const counted = `deleted_at IS NULL AND verification_status <> 'ditolak'`;

// Every pledge, distribution and (for programs) fund transfer as one stream of (who, what, how much).
const activity = (key: string, pledgeKey: string, withTransfers: boolean) => `
  WITH activity AS (
    SELECT ${pledgeKey} AS k, item_type_id AS i, partner_id AS p, aggregator_id AS a, NULL AS t, NULL AS c,
           quantity AS pq, coalesce(value_rupiah, 0) AS pv, 0 AS dq, 0 AS dv, 0 AS fv
    FROM pledge WHERE deleted_at IS NULL ${withTransfers ? '' : 'AND region_code IS NOT NULL'}
    UNION ALL
    SELECT ${key}, item_type_id, partner_id, aggregator_id, target_id, region_code, 0, 0, quantity, coalesce(value_rupiah, 0), 0
    FROM distribution WHERE ${counted}
    ${withTransfers ? `UNION ALL SELECT program_id, NULL, donor_id, aggregator_id, NULL, NULL, 0, 0, 0, 0, amount_rupiah FROM fund_transfer WHERE deleted_at IS NULL` : ''}
  )`;

interface Figures {
  rows: Map<string, { collaborators: number; aggregators: number; targets: number; rupiahPledged: number; rupiahRealised: number }>;
  items: Map<string, { pledged: number; realised: number; need: number }>;
}

/** The hand-written baseline: plain GROUP BY over the tables, no application code. */
function handWritten(client: ReturnType<typeof openCore>['deps']['db']['$client'], by: 'program' | 'kota'): Figures {
  const key = by === 'program' ? '(SELECT program_id FROM item_type WHERE id = item_type_id)' : 'substr(region_code, 1, 5)';
  const stream = activity(key, key, by === 'program');
  const perRow = client
    .prepare(`${stream}
      SELECT k, count(DISTINCT p) AS collaborators, count(DISTINCT a) AS aggregators, count(DISTINCT t) AS targets,
             sum(pv) AS rupiahPledged, sum(dv) AS rupiahRealised
      FROM activity WHERE k IS NOT NULL GROUP BY k`)
    .all() as { k: string; collaborators: number; aggregators: number; targets: number; rupiahPledged: number; rupiahRealised: number }[];
  const perItem = client
    .prepare(`${stream} SELECT k, i, sum(pq) AS pledged, sum(dq) AS realised FROM activity WHERE i IS NOT NULL GROUP BY k, i`)
    .all() as { k: string; i: string; pledged: number; realised: number }[];
  const needs = client
    .prepare(`SELECT ${by === 'program' ? '(SELECT program_id FROM item_type WHERE id = need.item_type_id)' : 'substr(target.region_code, 1, 5)'} AS k,
                     need.item_type_id AS i, sum(need.quantity) AS q
              FROM need JOIN target ON target.id = need.target_id WHERE need.deleted_at IS NULL AND target.deleted_at IS NULL GROUP BY 1, 2`)
    .all() as { k: string; i: string; q: number }[];
  const items = new Map(perItem.map((r) => [`${r.k} ${r.i}`, { pledged: r.pledged, realised: r.realised, need: 0 }]));
  for (const n of needs) {
    const item = items.get(`${n.k} ${n.i}`) ?? { pledged: 0, realised: 0, need: 0 };
    item.need = n.q;
    items.set(`${n.k} ${n.i}`, item);
  }
  return { rows: new Map(perRow.map(({ k, ...rest }) => [k, rest])), items };
}

function figuresOf(recap: ReturnType<typeof recapByProgram> | ReturnType<typeof recapByWilayah>): Figures {
  const out: Figures = { rows: new Map(), items: new Map() };
  for (const row of recap.rows) {
    if (row.items.every((i) => i.pledged === 0 && i.realised === 0 && i.need === 0) && row.collaborators === 0) continue;
    const { collaborators, aggregators, targets, rupiahPledged, rupiahRealised } = row;
    out.rows.set(row.code, { collaborators, aggregators, targets, rupiahPledged, rupiahRealised });
    for (const item of row.items) {
      if (item.pledged === 0 && item.realised === 0 && item.need === 0) continue;
      out.items.set(`${row.code} ${item.itemTypeId}`, { pledged: item.pledged, realised: item.realised, need: item.need });
    }
  }
  return out;
}

function sameFigures(name: string, mine: Figures, raw: Figures): void {
  const show = (f: Figures) => JSON.stringify({ rows: [...f.rows].sort(), items: [...f.items].sort() });
  if (show(mine) !== show(raw)) throw new Error(`${name}: the recap and the hand-written SQL disagree`);
}

try {
  const opened = openCore(
    { databasePath: join(dir, 'recap.sqlite'), documentsDir: join(dir, 'documents'), migrationsDir: join(root, 'db', 'migrations'), resourcesDir: join(root, 'resources') },
    { appVersion: 'bench', actor: 'bench' },
  );
  const made = Date.now();
  createDemoData(opened.deps, 'bench', { seed: 1, partners: 200, pledges: rows, distributions: rows });
  console.error(`demo data: ${((Date.now() - made) / 1000).toFixed(0)} s for ${rows.toLocaleString('id-ID')} pledges + distributions`);
  const { db } = opened.deps;
  const client = db.$client;

  sameFigures('program', figuresOf(recapByProgram(db, filters, ctx)), handWritten(client, 'program'));
  sameFigures('kota', figuresOf(recapByWilayah(db, { filters, parentCode: null }, ctx)), handWritten(client, 'kota'));

  const programMs = best(3, () => recapByProgram(db, filters, ctx));
  const programRawMs = best(3, () => handWritten(client, 'program'));
  const kotaMs = best(3, () => recapByWilayah(db, { filters, parentCode: null }, ctx));
  const kotaRawMs = best(3, () => handWritten(client, 'kota'));

  // The largest kota by records, drilled into as the screen does: kota view first (fills the memo), then its kelurahan.
  const largest = client.prepare(`SELECT substr(region_code, 1, 5) AS k FROM distribution GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).pluck().get() as string;
  const cache = createRecapCache();
  recapByWilayah(db, { filters, parentCode: null }, ctx, cache);
  const drillMs = best(3, () => recapByWilayah(db, { filters, parentCode: largest, level: 'kelurahan' }, ctx, cache));
  const drillColdMs = best(3, () => recapByWilayah(db, { filters, parentCode: largest, level: 'kelurahan' }, ctx));
  opened.close();

  console.error(`by program ${programMs.toFixed(0)} ms vs hand-written ${programRawMs.toFixed(0)} ms`);
  console.error(`by kota ${kotaMs.toFixed(0)} ms vs hand-written ${kotaRawMs.toFixed(0)} ms`);
  console.error(`drill-down ${largest} → kelurahan: ${drillMs.toFixed(0)} ms from the kota view, ${drillColdMs.toFixed(0)} ms opened directly (target < 300 ms)`);
  console.log(`recap-1m-program: ${(programMs / programRawMs).toFixed(2)}`);
  console.log(`recap-1m-kota: ${(kotaMs / kotaRawMs).toFixed(2)}`);
  console.log(`recap-1m-drilldown-ms: ${drillMs.toFixed(0)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
