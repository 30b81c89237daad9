import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userRoles } from '../../db/schema/users';
import { AppError } from '../../electron/api/errors';
import { userRoleValues } from '../../electron/api/procedures/auth';
import { hashPassword, newSalt, passwordMatches } from '../../electron/core/auth/password';
import {
  authenticate,
  changePassword,
  createUser,
  disableUser,
  endSession,
  LOCK_MINUTES,
  MAX_FAILED_ATTEMPTS,
  resetPassword,
  resolveSession,
  setPolicy,
  setupAdmin,
  startSession,
} from '../../electron/core/auth/service';
import type { CallContext, CoreDeps } from '../../electron/core/context';
import type { OpenedCore } from '../../electron/core/open';
import { contextOf, createAccount, TEST_PASSWORD } from '../fixtures/accounts';
import { createTempDb, FIXED_NOW, type TempDb } from '../fixtures/temp-db';

const owner: CallContext = { actor: 'os:owner', lang: 'id' };

/** Deps whose clock the test moves forward. */
function movable(core: OpenedCore): { deps: CoreDeps; advance(minutes: number): void } {
  let ms = Date.parse(FIXED_NOW);
  return { deps: { ...core.deps, clock: { now: () => new Date(ms) } }, advance: (minutes) => (ms += minutes * 60_000) };
}

/** The code of the AppError `work` throws. */
function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'ok';
}

const auditActions = (core: OpenedCore, table = 'user') =>
  (core.deps.db.$client.prepare('SELECT action FROM audit_log WHERE table_name = ? ORDER BY seq').all(table) as { action: string }[]).map((r) => r.action);

let t: TempDb;
let core: OpenedCore;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
});
afterEach(() => t.cleanup());

describe('passwords', () => {
  it('hashes with scrypt and a salt of its own per account', () => {
    const a = newSalt();
    const b = newSalt();
    expect(a).not.toBe(b);
    expect(hashPassword('rahasia123', a)).toMatch(/^scrypt\$16384\$8\$1\$[0-9a-f]{128}$/);
    expect(hashPassword('rahasia123', a)).not.toBe(hashPassword('rahasia123', b));
    expect(passwordMatches('rahasia123', a, hashPassword('rahasia123', a))).toBe(true);
    expect(passwordMatches('rahasia124', a, hashPassword('rahasia123', a))).toBe(false);
  });

  it('never stores or audits the password itself', () => {
    createAccount(core, 'admin', 'sekretariat');
    const dump = JSON.stringify(core.deps.db.$client.prepare('SELECT * FROM user').all()) + JSON.stringify(core.deps.db.$client.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain(TEST_PASSWORD);
  });

  it('refuses a password shorter than 8 characters', () => {
    expect(codeOf(() => createUser(core.deps, { username: 'pendek', displayName: 'P', role: 'auditor', agencyId: null, password: 'abc1234' }, owner))).toBe('password_too_short');
  });

  it('lists the same roles in the schema and the contract', () => {
    expect([...userRoleValues]).toEqual([...userRoles]);
  });
});

describe('accounts', () => {
  it('creates the administrator on first run only', () => {
    const admin = setupAdmin(core.deps, { username: 'admin', displayName: 'Admin', password: 'rahasia123' }, owner);
    expect(admin).toMatchObject({ username: 'admin', role: 'sekretariat', agencyId: null, programIds: [] });
    expect(codeOf(() => setupAdmin(core.deps, { username: 'kedua', displayName: 'Kedua', password: 'rahasia123' }, owner))).toBe('admin_exists');
  });

  it('gives an SKPD account its agency and that agency’s programs, and needs the agency', () => {
    expect(createAccount(core, 'dkpkp', 'skpd', 'dkpkp')).toMatchObject({ role: 'skpd', agencyId: 'dkpkp', programIds: ['pangan'] });
    expect(codeOf(() => createUser(core.deps, { username: 'tanpa', displayName: 'T', role: 'skpd', agencyId: null, password: 'rahasia123' }, owner))).toBe('skpd_agency_required');
    expect(codeOf(() => createUser(core.deps, { username: 'salah', displayName: 'S', role: 'skpd', agencyId: 'tidak-ada', password: 'rahasia123' }, owner))).toBe('not_found');
    expect(codeOf(() => createAccount(core, 'dkpkp', 'auditor'))).toBe('already_exists');
  });

  it('signs in with the right password only', () => {
    createAccount(core, 'admin', 'sekretariat');
    expect(authenticate(core.deps, 'ADMIN ', TEST_PASSWORD, owner).username).toBe('admin');
    expect(codeOf(() => authenticate(core.deps, 'admin', 'salah-sandi', owner))).toBe('sign_in_failed');
    expect(codeOf(() => authenticate(core.deps, 'siapa', TEST_PASSWORD, owner))).toBe('sign_in_failed');
  });

  it(`locks an account after ${MAX_FAILED_ATTEMPTS} failed sign-ins for ${LOCK_MINUTES} minutes, audited`, () => {
    const clock = movable(core);
    createAccount(core, 'admin', 'sekretariat');
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) expect(codeOf(() => authenticate(clock.deps, 'admin', 'salah', owner))).toBe('sign_in_failed');
    expect(codeOf(() => authenticate(clock.deps, 'admin', 'salah', owner))).toBe('account_locked');
    // Locked: even the right password is refused until the lock ends.
    expect(codeOf(() => authenticate(clock.deps, 'admin', TEST_PASSWORD, owner))).toBe('account_locked');
    clock.advance(LOCK_MINUTES - 1);
    expect(codeOf(() => authenticate(clock.deps, 'admin', TEST_PASSWORD, owner))).toBe('account_locked');
    clock.advance(2);
    expect(authenticate(clock.deps, 'admin', TEST_PASSWORD, owner).username).toBe('admin');
    // Signing in after the lock ended clears it, audited like every write.
    const row = core.deps.db.$client.prepare("SELECT failed_attempts AS failed, locked_until AS lockedUntil FROM user WHERE username = 'admin'").get();
    expect(row).toEqual({ failed: 0, lockedUntil: null });
    expect(auditActions(core)).toEqual(['create', ...Array<string>(MAX_FAILED_ATTEMPTS - 1).fill('sign_in_failed'), 'lock', 'update']);
  });

  it('unlocks on a password reset, and refuses a disabled account', () => {
    const user = createAccount(core, 'bpk', 'auditor');
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) codeOf(() => authenticate(core.deps, 'bpk', 'salah', owner));
    resetPassword(core.deps, user.id, 'sandi-baru-123', owner);
    expect(authenticate(core.deps, 'bpk', 'sandi-baru-123', owner).id).toBe(user.id);
    disableUser(core.deps, user.id, owner);
    expect(codeOf(() => authenticate(core.deps, 'bpk', 'sandi-baru-123', owner))).toBe('sign_in_failed');
  });

  it('changes one’s own password only with the current one', () => {
    const user = createAccount(core, 'admin', 'sekretariat');
    const ctx = contextOf(user);
    expect(codeOf(() => changePassword(core.deps, { currentPassword: 'salah', newPassword: 'sandi-baru-123' }, ctx))).toBe('sign_in_failed');
    expect(codeOf(() => changePassword(core.deps, { currentPassword: TEST_PASSWORD, newPassword: 'pendek' }, ctx))).toBe('password_too_short');
    expect(changePassword(core.deps, { currentPassword: TEST_PASSWORD, newPassword: 'sandi-baru-123' }, ctx)).toEqual({ changed: true });
    expect(authenticate(core.deps, 'admin', 'sandi-baru-123', owner).id).toBe(user.id);
    expect(codeOf(() => changePassword(core.deps, { currentPassword: 'x', newPassword: 'y' }, owner))).toBe('sign_in_required');
  });
});

describe('sessions', () => {
  it('end after the configured idle time', () => {
    const clock = movable(core);
    const user = createAccount(core, 'admin', 'sekretariat');
    const token = startSession(clock.deps, user);
    clock.advance(29);
    expect(resolveSession(clock.deps, token).id).toBe(user.id);
    // Each call counts as activity.
    clock.advance(29);
    expect(resolveSession(clock.deps, token).id).toBe(user.id);
    clock.advance(31);
    expect(codeOf(() => resolveSession(clock.deps, token))).toBe('session_expired');
    expect(codeOf(() => resolveSession(clock.deps, token))).toBe('sign_in_required');
  });

  it('follow the idle time an administrator sets', () => {
    const clock = movable(core);
    const user = createAccount(core, 'admin', 'sekretariat');
    expect(setPolicy(clock.deps, { idleMinutes: 5 }, contextOf(user)).idleMinutes).toBe(5);
    const token = startSession(clock.deps, user);
    clock.advance(6);
    expect(codeOf(() => resolveSession(clock.deps, token))).toBe('session_expired');
  });

  it('end on sign-out and when the account is disabled', () => {
    const user = createAccount(core, 'admin', 'sekretariat');
    const first = startSession(core.deps, user);
    expect(endSession(core.deps, first)).toBe(true);
    expect(endSession(core.deps, first)).toBe(false);
    expect(codeOf(() => resolveSession(core.deps, first))).toBe('sign_in_required');
    const second = startSession(core.deps, user);
    disableUser(core.deps, user.id, owner);
    expect(codeOf(() => resolveSession(core.deps, second))).toBe('sign_in_required');
    expect(codeOf(() => resolveSession(core.deps, 'f'.repeat(64)))).toBe('sign_in_required');
    expect(auditActions(core)).toEqual(['create', 'sign_in', 'sign_out', 'sign_in', 'disable']);
  });
});
