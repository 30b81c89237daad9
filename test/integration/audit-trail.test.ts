import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, journalWrite } from '../../electron/core/audit/journal';
import { exportAudit } from '../../electron/core/audit/export';
import { listAudit, verifyAudit } from '../../electron/core/audit/trail';
import { verifyWorkbook } from '../../electron/core/exports/verify';
import type { OpenedCore } from '../../electron/core/open';
import { tamperAuditLog } from '../fixtures/audit';
import { createTempDb, repoRoot, type TempDb } from '../fixtures/temp-db';

let t: TempDb;
let core: OpenedCore;

/** Ten entries after the reference load's: settings k0…k9 by two actors. */
function writeEntries(): number[] {
  inTransaction(core.deps.db, () => {
    for (let i = 0; i < 10; i++) {
      journalWrite(core.deps, { actor: i % 2 === 0 ? 'user:admin' : 'user:bpk', action: 'update', tableName: 'setting', recordId: `k${i}`, changes: { i: [i, i + 1] } });
    }
  });
  return (core.deps.db.$client.prepare("SELECT seq FROM audit_log WHERE table_name = 'setting' ORDER BY seq").all() as { seq: number }[]).map((r) => r.seq);
}

beforeEach(() => {
  t = createTempDb();
  core = t.open();
});
afterEach(() => t.cleanup());

describe('audit chain verification', () => {
  it('finds an untouched chain intact', () => {
    writeEntries();
    expect(verifyAudit(core.deps)).toEqual({ intact: true, entries: 11, firstBreak: null });
  });

  it('names an edited entry', () => {
    const seqs = writeEntries();
    tamperAuditLog(core, `UPDATE audit_log SET actor = 'user:siapa' WHERE seq = ${seqs[4]}`);
    expect(verifyAudit(core.deps)).toMatchObject({ intact: false, firstBreak: { seq: seqs[4], kind: 'edited' } });
  });

  it('names the entry after a deleted one', () => {
    const seqs = writeEntries();
    tamperAuditLog(core, `DELETE FROM audit_log WHERE seq = ${seqs[3]}`);
    expect(verifyAudit(core.deps)).toMatchObject({ intact: false, firstBreak: { seq: seqs[4], kind: 'deleted' } });
  });

  it('names entries swapped in order', () => {
    const seqs = writeEntries() as [number, ...number[]];
    const [a, b] = [seqs[5] as number, seqs[6] as number];
    tamperAuditLog(core, `UPDATE audit_log SET seq = -1 WHERE seq = ${a}; UPDATE audit_log SET seq = ${a} WHERE seq = ${b}; UPDATE audit_log SET seq = ${b} WHERE seq = -1;`);
    expect(verifyAudit(core.deps)).toMatchObject({ intact: false, firstBreak: { seq: a, kind: 'reordered' } });
  });

  it('notices entries cut off the end', () => {
    const seqs = writeEntries();
    const last = seqs.at(-1) as number;
    tamperAuditLog(core, `DELETE FROM audit_log WHERE seq >= ${last - 1}`);
    expect(verifyAudit(core.deps)).toMatchObject({ intact: false, firstBreak: { seq: last - 1, kind: 'deleted' } });
  });
});

describe('the audit log is append-only', () => {
  it('refuses UPDATE and DELETE in the database itself', () => {
    writeEntries();
    const client = core.deps.db.$client;
    expect(() => client.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run()).toThrow('audit_log is append-only');
    expect(() => client.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow('audit_log is append-only');
    expect(verifyAudit(core.deps).intact).toBe(true);
  });

  it('has no code that updates or deletes it', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name)) sources.push(path);
      }
    };
    walk(join(repoRoot, 'electron'));
    walk(join(repoRoot, 'db', 'queries'));
    const offending = sources.filter((path) => /update\(\s*auditLog\s*\)|delete\(\s*auditLog\s*\)|UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log/i.test(readFileSync(path, 'utf8')));
    expect(offending).toEqual([]);
  });
});

describe('the audit screen’s list and export', () => {
  it('filters by actor, table, record and Jakarta day, newest first', () => {
    writeEntries();
    const page = (filters: object, more: object = {}) => listAudit(core.deps, { filters, offset: 0, limit: 100, direction: 'asc', ...more });
    expect(page({ actor: 'bpk' }).total).toBe(5);
    expect(page({ tableName: 'setting', recordId: 'k3' }).rows.map((r) => r.recordId)).toEqual(['k3']);
    expect(page({}).rows[0]?.recordId).toBe('k9');
    expect(page({}, { sort: 'seq', direction: 'asc' }).rows[0]?.action).toBe('reference_load');
    // FIXED_NOW is 15:30 WIB on 15 March 2024.
    expect(page({ from: '2024-03-15', to: '2024-03-15' }).total).toBe(11);
    expect(page({ from: '2024-03-16' }).total).toBe(0);
    expect(page({ to: '2024-03-14' }).total).toBe(0);
  });

  it('exports the filtered trail as a workbook that verifies', () => {
    writeEntries();
    const file = exportAudit(core.deps, { filters: { actor: 'admin' } }, { actor: 'user:bpk', lang: 'id' });
    expect(file.rows).toBe(5);
    expect(file.fileName).toMatch(/^ksbb-audit-\d{8}-\d{6}\.xlsx$/);
    const verdict = verifyWorkbook(file.bytes, file.fileName);
    expect(verdict.status).toBe('intact');
    expect(verdict.sheets.find((s) => s.name === 'Jejak audit')?.rows).toBe(5);
  });
});
