import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { inTransaction, journalWrite } from '../../electron/core/audit/journal';
import { verifyAudit } from '../../electron/core/audit/trail';
import { createHybridClock } from '../../electron/core/clock';
import { migrationsUpTo } from '../fixtures/migrations';
import { createTempDb, fixedClock, type TempDb } from '../fixtures/temp-db';

/**
 * Migrations 0011 (sessions) and 0012 (audit log append-only): migrate to N-1, seed an account and
 * a hash-chained audit trail, migrate to N: both are kept, the chain still verifies, sessions can
 * be stored, and from then on the audit log refuses UPDATE and DELETE.
 */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const TAGS_BEFORE = 11;

describe('migrations 0011 and 0012', () => {
  it('keep the accounts and the audit chain, add sessions, and make the audit log append-only', () => {
    const old = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE) });
    old.$client.exec(`INSERT INTO user (id, username, display_name, role, agency_id, password_hash, password_salt, created_at)
      VALUES ('u1', 'admin', 'Admin', 'sekretariat', NULL, 'scrypt$16384$8$1$00', '00', '2024-01-01')`);
    const clock = fixedClock();
    const deps = { db: old, clock, hlc: createHybridClock('test', clock) };
    inTransaction(old, () => {
      for (let i = 0; i < 3; i++) journalWrite(deps, { actor: 'user:admin', action: 'update', tableName: 'setting', recordId: `k${i}`, changes: { i: [i, i + 1] } });
    });
    old.$client.close();

    const db = openDatabase(t.paths.databasePath, { migrationsDir: migrationsUpTo(t.dir, TAGS_BEFORE + 2) });
    expect(db.$client.prepare('SELECT username FROM user').all()).toEqual([{ username: 'admin' }]);
    db.$client.prepare("INSERT INTO session (token_hash, user_id, created_at, last_seen_at) VALUES ('h', 'u1', '2024-01-01', '2024-01-01')").run();
    expect(verifyAudit({ db })).toEqual({ intact: true, entries: 3, firstBreak: null });
    expect(() => db.$client.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow('audit_log is append-only');
    expect(() => db.$client.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(db.$client.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 3 });
    db.$client.close();
  });
});
