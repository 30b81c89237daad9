import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OutboxEntry, auditHash, GENESIS_HASH, inTransaction, journalWrite } from '../../electron/core/audit/journal';
import type { CallContext } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { DEFAULT_SECRETARIAT_NAME } from '../../electron/core/settings/service';
import { tamperAuditLog } from '../fixtures/audit';
import { createTempDb, FIXED_NOW, type TempDb } from '../fixtures/temp-db';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  tableName: string;
  recordId: string;
  changes: string;
  importBatchId: string | null;
  prevHash: string;
  hash: string;
}

const auditRows = (core: OpenedCore) =>
  core.deps.db.$client
    .prepare(
      `SELECT seq, at, actor, action, table_name AS tableName, record_id AS recordId, changes,
              import_batch_id AS importBatchId, prev_hash AS prevHash, hash
       FROM audit_log ORDER BY seq`,
    )
    .all() as AuditRow[];

const count = (core: OpenedCore, table: string) =>
  (core.deps.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Checks the hash chain; answers the seq of the first broken entry, or null when it holds. */
function firstBreak(rows: AuditRow[]): number | null {
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const entry = { ...row, changes: JSON.parse(row.changes) as Record<string, unknown> };
    const recomputed = auditHash(row.prevHash, row.at, entry, row.changes);
    if (row.prevHash !== prev || row.hash !== recomputed) return row.seq;
    prev = row.hash;
  }
  return null;
}

const silentLog = { error: () => undefined };
const ctx: CallContext = { actor: 'user:sekretariat', lang: 'id' };

let t: TempDb;
let core: OpenedCore;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
});
afterEach(() => t.cleanup());

describe('audit journal', () => {
  it('chains every entry to the one before it', () => {
    const outbox: OutboxEntry = { tableName: 'partner', recordId: 'p-1', op: 'upsert', payload: { name: 'PT Sinar Jaya' } };
    inTransaction(core.deps.db, () => {
      journalWrite(core.deps, { actor: 'a', action: 'create', tableName: 'partner', recordId: 'p-1', changes: { name: [null, 'PT Sinar Jaya'] } }, outbox);
      journalWrite(core.deps, { actor: 'b', action: 'update', tableName: 'partner', recordId: 'p-1', changes: { phone: ['1', '2'] }, importBatchId: null });
    });
    const rows = auditRows(core);
    expect(rows).toHaveLength(3); // reference load + two writes
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows.map((r) => r.action)).toEqual(['reference_load', 'create', 'update']);
    expect(rows[1]).toMatchObject({ at: FIXED_NOW, actor: 'a', recordId: 'p-1', changes: '{"name":[null,"PT Sinar Jaya"]}' });
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
    expect(firstBreak(rows)).toBeNull();
    // The outbox got exactly the one mutation, stamped by the hybrid clock.
    const mutation = core.deps.db.$client.prepare('SELECT table_name, record_id, op, payload, hlc FROM sync_outbox').all() as Record<string, string>[];
    expect(mutation).toHaveLength(1);
    expect(mutation[0]).toMatchObject({ table_name: 'partner', record_id: 'p-1', op: 'upsert', payload: '{"name":"PT Sinar Jaya"}' });
    const stored = core.deps.db.$client.prepare("SELECT value FROM sync_state WHERE key = 'hlc'").get() as { value: string };
    expect(stored.value).toBe(mutation[0]?.hlc);
  });

  it('names the entry where an edited entry breaks the chain', () => {
    inTransaction(core.deps.db, () => {
      for (let i = 0; i < 4; i++) journalWrite(core.deps, { actor: 'a', action: 'update', tableName: 'setting', recordId: `k${i}`, changes: { i } });
    });
    expect(firstBreak(auditRows(core))).toBeNull();
    tamperAuditLog(core, "UPDATE audit_log SET changes = '{\"i\":99}' WHERE record_id = 'k2'");
    const broken = auditRows(core);
    expect(firstBreak(broken)).toBe(broken.find((r) => r.recordId === 'k2')?.seq);
  });

  it('rolls back the row and its audit entry together when the transaction fails', () => {
    const before = { audit: count(core, 'audit_log'), setting: count(core, 'setting'), outbox: count(core, 'sync_outbox') };
    expect(() =>
      inTransaction(core.deps.db, () => {
        core.deps.db.$client.prepare("INSERT INTO setting (key, value, updated_at) VALUES ('language', 'en', ?)").run(FIXED_NOW);
        journalWrite(
          core.deps,
          { actor: 'a', action: 'update', tableName: 'setting', recordId: 'language', changes: { language: ['id', 'en'] } },
          { tableName: 'setting', recordId: 'language', op: 'upsert', payload: { value: 'en' } },
        );
        expect(count(core, 'audit_log')).toBe(before.audit + 1);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect({ audit: count(core, 'audit_log'), setting: count(core, 'setting'), outbox: count(core, 'sync_outbox') }).toEqual(before);
    expect(core.deps.db.$client.prepare("SELECT count(*) AS n FROM sync_state WHERE key = 'hlc'").get()).toEqual({ n: 0 });
    expect(firstBreak(auditRows(core))).toBeNull();
  });
});

describe('settings through dispatch', () => {
  it('persists the language with one audit entry old → new, and none when nothing changes', async () => {
    const handlers = createHandlers(core.deps);
    expect(await dispatch(handlers, 'settings:get', {}, ctx, silentLog)).toEqual({ ok: true, value: { language: 'id', secretariatName: DEFAULT_SECRETARIAT_NAME } });
    const auditBefore = count(core, 'audit_log');

    expect(await dispatch(handlers, 'settings:set', { language: 'en' }, ctx, silentLog)).toEqual({ ok: true, value: { language: 'en' } });
    expect(await dispatch(handlers, 'settings:get', {}, ctx, silentLog)).toEqual({ ok: true, value: { language: 'en', secretariatName: DEFAULT_SECRETARIAT_NAME } });
    expect(core.deps.db.$client.prepare("SELECT value, updated_at AS updatedAt FROM setting WHERE key = 'language'").get()).toEqual({
      value: 'en',
      updatedAt: FIXED_NOW,
    });
    const rows = auditRows(core);
    expect(rows).toHaveLength(auditBefore + 1);
    expect(rows.at(-1)).toMatchObject({ actor: 'user:sekretariat', action: 'update', tableName: 'setting', recordId: 'language' });
    expect(JSON.parse(rows.at(-1)?.changes ?? '')).toEqual({ language: ['id', 'en'] });

    expect(await dispatch(handlers, 'settings:set', { language: 'en' }, ctx, silentLog)).toEqual({ ok: true, value: { language: 'en' } });
    expect(count(core, 'audit_log')).toBe(auditBefore + 1);

    await dispatch(handlers, 'settings:set', { language: 'id' }, ctx, silentLog);
    const last = auditRows(core);
    expect(last).toHaveLength(auditBefore + 2);
    expect(JSON.parse(last.at(-1)?.changes ?? '')).toEqual({ language: ['en', 'id'] });
    expect(firstBreak(last)).toBeNull();
  });

  it('keeps the language after the database is closed and opened again', async () => {
    await dispatch(createHandlers(core.deps), 'settings:set', { language: 'en' }, ctx, silentLog);
    core.close();
    const again = t.open();
    expect(await dispatch(createHandlers(again.deps), 'settings:get', {}, ctx, silentLog)).toEqual({ ok: true, value: { language: 'en', secretariatName: DEFAULT_SECRETARIAT_NAME } });
  });

  it('answers invalid_input naming the field, in the caller’s language, and changes nothing', async () => {
    const handlers = createHandlers(core.deps);
    const auditBefore = count(core, 'audit_log');
    const result = await dispatch(handlers, 'settings:set', { language: 'fr' }, ctx, silentLog);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^Masukan tidak valid: /);
    expect(result.error.message).toContain('language');
    expect(result.error.details).toEqual([expect.objectContaining({ path: ['language'] })]);

    const english = await dispatch(handlers, 'settings:set', { language: 'en', extra: true }, { ...ctx, lang: 'en' }, silentLog);
    expect(english.ok).toBe(false);
    if (english.ok) return;
    expect(english.error.code).toBe('invalid_input');
    expect(english.error.message).toMatch(/^Invalid input: /);
    expect(english.error.message).toContain('extra');

    const missing = await dispatch(handlers, 'settings:set', {}, ctx, silentLog);
    expect(missing.ok ? null : missing.error.code).toBe('invalid_input');
    expect(count(core, 'audit_log')).toBe(auditBefore);
    expect(count(core, 'setting')).toBe(0);
  });

  it('answers unknown_procedure for a name the contract does not have', async () => {
    const handlers = createHandlers(core.deps);
    for (const name of ['partner:delete-all', 'toString', '__proto__', 42, undefined]) {
      const result = await dispatch(handlers, name, {}, ctx, silentLog);
      expect(result, String(name)).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
    }
    const result = await dispatch(handlers, 'partner:delete-all', {}, { ...ctx, lang: 'en' }, silentLog);
    expect(result).toEqual({ ok: false, error: { code: 'unknown_procedure', message: 'Unknown procedure: partner:delete-all' } });
  });

  it('turns an unexpected service error into internal, and logs it', async () => {
    const handlers = { ...createHandlers(core.deps), 'settings:get': () => { throw new Error('boom'); } };
    const logged: string[] = [];
    const result = await dispatch(handlers, 'settings:get', {}, { ...ctx, lang: 'en' }, { error: (message) => logged.push(message) });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error: boom' } });
    expect(logged).toHaveLength(1);
  });
});
