import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackBackup } from '../../electron/core/backup/archive';
import { backupTo } from '../../electron/core/backup/service';
import { createDemoData } from '../../electron/core/demo/generate';
import { openCore } from '../../electron/core/open';
import type { AppPaths } from '../../electron/core/context';
import { runKsbb } from '../fixtures/cli';
import { distributionsBytes, row, writeScenario } from '../fixtures/imports/scenarios';
import { seedPartner } from '../fixtures/registry';
import { fixedClock, migrationsDir, repoRoot, resourcesDir, TEST_ACTOR, TEST_APP_VERSION } from '../fixtures/temp-db';

/**
 * Crash safety: `ksbb import`, `ksbb backup` and `ksbb restore` are killed with SIGKILL at random
 * moments of their work, several times each. After every kill the database opens, `ksbb check`
 * passes, and the interrupted work happened entirely or not at all. The kill moments come from a
 * seeded generator: a failure names its seed, and `CRASH_SEED=<seed>` replays it.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
/** mulberry32: small, seeded, good enough to spread kill moments. */
function random(): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random();
const IMPORT_ROWS = 3000;

let dir: string;
let paths: AppPaths;
/** How long a `ksbb` process takes to start before it does any work (measured with --version). */
let startupMs: number;

function spawnKsbb(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; ms: number }> } {
  const started = Date.now();
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'ksbb.js'), '--db', paths.databasePath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; ms: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, ms: Date.now() - started })),
  );
  return { child, done };
}

/** Runs to the end; answers how long it took and what it printed. */
async function runFully(args: string[]) {
  const result = await spawnKsbb(args).done;
  expect(result.code, result.stdout).toBe(0);
  return result;
}

/** Starts the command and kills it with SIGKILL after `delayMs` (if it is still running then). */
async function killAfter(args: string[], delayMs: number): Promise<boolean> {
  const { child, done } = spawnKsbb(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  const result = await done;
  clearTimeout(timer);
  return result.signal === 'SIGKILL';
}

/** A moment within the work of a command whose full run took `fullMs`: past the start-up, up to its end. */
const killMoment = (fullMs: number) => startupMs + next() * Math.max(200, fullMs - startupMs);

/** The database opens (migrations and all) and `ksbb check` passes; answers a count. */
async function opensAndChecks(table: string, why: string): Promise<number> {
  const core = openCore(paths, { appVersion: TEST_APP_VERSION, actor: TEST_ACTOR, clock: fixedClock() });
  const n = (core.deps.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  core.close();
  const check = await runKsbb(['--db', paths.databasePath, 'check']);
  expect(check.code, `${why}: ${check.stdout}${check.stderr}`).toBe(0);
  return n;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ksbb-crash-'));
  const databasePath = join(dir, 'data', 'ksbb.sqlite');
  mkdirSync(join(dir, 'data'));
  paths = { databasePath, documentsDir: join(dir, 'data', 'documents'), migrationsDir, resourcesDir };
  const core = openCore(paths, { appVersion: TEST_APP_VERSION, actor: TEST_ACTOR, clock: fixedClock() });
  // Enough data that a backup or a restore takes a noticeable while.
  createDemoData(core.deps, TEST_ACTOR, { seed: 7, partners: 200, pledges: 3000, distributions: 12_000 });
  core.close();
  startupMs = (await runFully(['--version'])).ms;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`crash safety (seed ${seed})`, () => {
  it('an import killed at any moment leaves all of its batch or none of it', async () => {
    const workbook = (run: number) =>
      writeScenario(
        dir,
        `realisasi-${run}.xlsx`,
        distributionsBytes(Array.from({ length: IMPORT_ROWS }, (_, i) => row({ Jumlah: run * IMPORT_ROWS + i + 1, Keterangan: `kiriman ${run} baris ${i + 1}` }))),
      );
    const baseline = await opensAndChecks('distribution', 'before');
    const full = await runFully(['import', workbook(0), '--json']);
    const accepted = (JSON.parse(full.stdout) as { accepted: number }).accepted;
    expect(accepted).toBe(IMPORT_ROWS);
    let before = baseline + accepted;
    expect(await opensAndChecks('distribution', 'after a full import')).toBe(before);
    let kills = 0;
    for (let run = 1; run <= KILLS; run++) {
      const moment = killMoment(full.ms);
      const killed = await killAfter(['import', workbook(run)], moment);
      if (killed) kills++;
      const after = await opensAndChecks('distribution', `import ${run} killed at ${moment.toFixed(0)} ms (seed ${seed})`);
      expect([before, before + accepted], `import ${run} killed=${killed} at ${moment.toFixed(0)} ms (seed ${seed})`).toContain(after);
      before = after;
    }
    expect(kills, 'at least one import was killed before it ended').toBeGreaterThan(0);
  }, 180_000);

  it('a backup killed at any moment leaves no archive or a whole one, and the database untouched', async () => {
    const out = join(dir, 'cadangan.tar.gz');
    const full = await runFully(['backup', '--out', out]);
    rmSync(out);
    let kills = 0;
    for (let run = 1; run <= KILLS; run++) {
      const target = join(dir, `cadangan-${run}.tar.gz`);
      const moment = killMoment(full.ms);
      if (await killAfter(['backup', '--out', target], moment)) kills++;
      await opensAndChecks('partner', `backup ${run} killed at ${moment.toFixed(0)} ms (seed ${seed})`);
      if (existsSync(target)) {
        const staging = mkdtempSync(join(dir, 'unpack-'));
        // Any version: the archive was written by this checkout's `ksbb`.
        await expect(unpackBackup(target, staging, { knownSchemaVersion: 1000, appVersion: '999.0.0' })).resolves.toMatchObject({ format: 'ksbb-backup' });
        rmSync(staging, { recursive: true });
      }
    }
    expect(kills, 'at least one backup was killed before it ended').toBeGreaterThan(0);
  }, 180_000);

  it('a restore killed at any moment leaves the old database or the restored one, whole', async () => {
    // Two states of the database, each in its own backup (made here, not by spawning: only the
    // restores are timed and killed); each run restores the other one.
    const states = [join(dir, 'state-a.tar.gz'), join(dir, 'state-b.tar.gz')];
    const core = openCore(paths, { appVersion: TEST_APP_VERSION, actor: TEST_ACTOR, clock: fixedClock() });
    try {
      await backupTo(core.deps, states[0] as string);
      seedPartner(core, { name: 'PT Keadaan Kedua' });
      await backupTo(core.deps, states[1] as string);
    } finally {
      core.close();
    }
    const partnersB = await opensAndChecks('partner', 'state b');
    const partnersA = partnersB - 1;
    const full = await runFully(['restore', states[0] as string]);
    expect(await opensAndChecks('partner', 'after a full restore')).toBe(partnersA);
    let current = partnersA;
    let kills = 0;
    for (let run = 1; run <= KILLS; run++) {
      const other = current === partnersA ? 1 : 0;
      const moment = killMoment(full.ms);
      const killed = await killAfter(['restore', states[other] as string], moment);
      if (killed) kills++;
      current = await opensAndChecks('partner', `restore ${run} killed at ${moment.toFixed(0)} ms (seed ${seed})`);
      expect([partnersA, partnersB], `restore ${run} killed=${killed} at ${moment.toFixed(0)} ms (seed ${seed})`).toContain(current);
    }
    expect(kills, 'at least one restore was killed before it ended').toBeGreaterThan(0);
  }, 180_000);
});
