import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcedureName, procedureNames } from '../../electron/api/contract';
import type { Result } from '../../electron/api/errors';
import { translator } from '../../electron/api/i18n';
import { access, rolesFor } from '../../electron/api/access';
import type { SessionUser } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { contextOf, createAccount } from '../fixtures/accounts';
import { seedPartner, silentLog } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * The whole contract against the roles: every procedure declares what it requires, and a real
 * dispatch call by each role is refused (naming the role needed, and audited) exactly when the
 * declaration says so. The inputs are empty: an admitted call then fails on its input or runs,
 * a refused one never gets that far.
 */

let t: TempDb;
let core: OpenedCore;
let handlers: Handlers;
const accounts = {} as Record<'sekretariat' | 'skpd' | 'auditor', SessionUser>;

beforeAll(() => {
  t = createTempDb();
  core = t.open();
  handlers = createHandlers(core.deps);
  accounts.sekretariat = createAccount(core, 'admin', 'sekretariat');
  // DKPKP accompanies the pangan program.
  accounts.skpd = createAccount(core, 'dkpkp', 'skpd', 'dkpkp');
  accounts.auditor = createAccount(core, 'bpk', 'auditor');
});
afterAll(() => t.cleanup());

const lastAudit = () =>
  core.deps.db.$client.prepare('SELECT actor, action, table_name AS tableName, record_id AS recordId FROM audit_log ORDER BY seq DESC LIMIT 1').get();

describe('the access table', () => {
  it('declares a requirement for exactly the procedures of the contract', () => {
    expect(Object.keys(access).sort()).toEqual([...procedureNames].sort());
    for (const name of procedureNames) expect(Object.keys(rolesFor)).toContain(access[name]);
  });

  it('lets auditors read every list, recap, export and verification, and write nothing', () => {
    for (const name of procedureNames) {
      const reads = /:(list|get|rows|status|batches|template|model|image|verify|summary|children|history|duplicates|content|locate|info|open|proposals|session|policy)$|^recap:|^export:|^audit:/.test(name);
      // Verifying distributions is a write; a backup's place lets one take every password hash out.
      if (reads && name !== 'distribution:verify' && name !== 'backup:locate') expect.soft(rolesFor[access[name]], name).toContain('auditor');
    }
    const auditorWrites = procedureNames.filter((name) => ['program-write', 'write'].includes(access[name]) && rolesFor[access[name]].includes('auditor'));
    expect(auditorWrites).toEqual([]);
  });
});

describe.each(['sekretariat', 'skpd', 'auditor'] as const)('as %s', (role) => {
  it.each([...procedureNames])('%s is admitted or refused as declared', async (name: ProcedureName) => {
    const user = accounts[role];
    const result = (await dispatch(handlers, name, {}, contextOf(user, 'en'), silentLog)) as Result<unknown>;
    const admitted = rolesFor[access[name]].includes(role);
    if (admitted) {
      expect(result.ok ? 'ok' : result.error.code).not.toBe('role_required');
      return;
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'role_required' } });
    const t = translator('en');
    const needed = rolesFor[access[name]].map((r) => t(`auth.role.${r}`));
    if (!result.ok) {
      expect(result.error.message).toContain(name);
      for (const label of needed) expect(result.error.message).toContain(label);
    }
    expect(lastAudit()).toEqual({ actor: `user:${user.username}`, action: 'denied', tableName: 'procedure', recordId: name });
  });
});

describe('SKPD scope', () => {
  const activity = (itemTypeId: string) => ({ partnerId: '', itemTypeId, quantity: 10, regionCode: '31.71' });

  it('records pledges and distributions of its own programs only', async () => {
    const partnerId = seedPartner(core, { name: 'PT Pangan Jaya' });
    const skpd = contextOf(accounts.skpd, 'en');
    const own = await dispatch(handlers, 'pledge:create', { ...activity('pangan.paket-sembako'), partnerId, pledgedOn: '2024-02-01' }, skpd, silentLog);
    expect(own.ok).toBe(true);
    const other = await dispatch(handlers, 'distribution:create', { ...activity('umkm.pelatihan'), partnerId, distributedOn: '2024-02-01' }, skpd, silentLog);
    expect(other).toMatchObject({ ok: false, error: { code: 'program_out_of_scope', details: { program: 'umkm', agency: 'dkpkp' } } });
    if (!other.ok) expect(other.error.message).toContain('Secretariat');
  });

  it('records a fund transfer for its program, not one for no program', async () => {
    const donorId = seedPartner(core, { name: 'PT Donatur' });
    const aggregatorId = seedPartner(core, { name: 'Yayasan Agregator', aggregator: true });
    const skpd = contextOf(accounts.skpd, 'en');
    const transfer = { donorId, aggregatorId, amountRupiah: 1_000_000, transferredOn: '2024-02-01' };
    const general = await dispatch(handlers, 'fund-transfer:create', { ...transfer, programId: null }, skpd, silentLog);
    expect(general).toMatchObject({ ok: false, error: { code: 'role_required' } });
    const foreign = await dispatch(handlers, 'fund-transfer:create', { ...transfer, programId: 'umkm' }, skpd, silentLog);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'program_out_of_scope' } });
  });

  it('exports its own programs only', async () => {
    const skpd = contextOf(accounts.skpd, 'en');
    const exportOf = (programId?: string) =>
      dispatch(handlers, 'export:table', { kind: 'distributions', filters: { channel: 'all', ...(programId ? { programId } : {}) } }, skpd, silentLog);
    expect((await exportOf('pangan')).ok).toBe(true);
    expect(await exportOf('umkm')).toMatchObject({ ok: false, error: { code: 'program_out_of_scope' } });
    expect(await exportOf()).toMatchObject({ ok: false, error: { code: 'role_required' } });
    const auditor = await dispatch(handlers, 'export:table', { kind: 'distributions' }, contextOf(accounts.auditor), silentLog);
    expect(auditor.ok).toBe(true);
  });

  it('reads recaps of every program', async () => {
    const recap = await dispatch(handlers, 'recap:program', { filters: { channel: 'all' } }, contextOf(accounts.skpd), silentLog);
    expect(recap.ok).toBe(true);
  });
});

describe('the database owner on the CLI (no account)', () => {
  it('has administrator rights, as before accounts existed', async () => {
    const result = await dispatch(handlers, 'agency:create', { id: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos' }, { actor: 'os:owner', lang: 'id' }, silentLog);
    expect(result.ok).toBe(true);
  });
});
