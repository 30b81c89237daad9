import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { agency, program, session, setting, user } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import { MIN_PASSWORD_LENGTH } from '../../api/procedures/auth';
import { inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps, SessionUser } from '../context';
import { hashPassword, newSalt, passwordMatches } from './password';

type UserRow = Output<'user:list'>[number];
type Policy = Output<'auth:policy'>;

/** Failed sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;
export const DEFAULT_IDLE_MINUTES = 30;
const IDLE_SETTING = 'session_idle_minutes';

/** What audit entries and `createdBy` record for a signed-in account. */
export function actorOf(account: { username: string }): string {
  return `user:${account.username}`;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function requirePasswordLength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AppError('password_too_short', { min: MIN_PASSWORD_LENGTH, field: 'password' });
}

function userRow(deps: Pick<CoreDeps, 'db'>, id: string): UserRow {
  const row = deps.db
    .select({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      agencyId: user.agencyId,
      agencyName: agency.shortName,
      createdAt: user.createdAt,
      disabledAt: user.disabledAt,
      lockedUntil: user.lockedUntil,
      failedAttempts: user.failedAttempts,
    })
    .from(user)
    .leftJoin(agency, eq(agency.id, user.agencyId))
    .where(eq(user.id, id))
    .get();
  if (!row) throw new AppError('not_found', { what: 'auth.record.user', id });
  return row;
}

/** The id of the account named `username`; `not_found` naming it when there is none. */
export function userIdOf(deps: Pick<CoreDeps, 'db'>, username: string): string {
  const row = deps.db.select({ id: user.id }).from(user).where(eq(user.username, username.trim().toLowerCase())).get();
  if (!row) throw new AppError('not_found', { what: 'auth.record.user', id: username });
  return row.id;
}

export function listUsers(deps: Pick<CoreDeps, 'db'>): UserRow[] {
  const ids = deps.db.select({ id: user.id }).from(user).orderBy(asc(user.username)).all();
  return ids.map(({ id }) => userRow(deps, id));
}

/** The account as a call context carries it: SKPD accounts with their agency's programs. */
export function sessionUserOf(deps: Pick<CoreDeps, 'db'>, id: string): SessionUser {
  const row = userRow(deps, id);
  const programIds =
    row.role === 'skpd' && row.agencyId !== null
      ? deps.db.select({ id: program.id }).from(program).where(eq(program.agencyId, row.agencyId)).orderBy(asc(program.sortOrder)).all().map((p) => p.id)
      : [];
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, agencyId: row.agencyId, programIds };
}

export function needsSetup(deps: Pick<CoreDeps, 'db'>): boolean {
  return deps.db.select({ id: user.id }).from(user).limit(1).get() === undefined;
}

function insertUser(deps: CoreDeps, input: ParsedInput<'user:create'>, ctx: CallContext): string {
  requirePasswordLength(input.password);
  if (input.role === 'skpd' && input.agencyId === null) throw new AppError('skpd_agency_required', { username: input.username, field: 'agencyId' });
  const agencyId = input.role === 'skpd' ? input.agencyId : null;
  if (agencyId !== null && !deps.db.select({ id: agency.id }).from(agency).where(eq(agency.id, agencyId)).get()) {
    throw new AppError('not_found', { what: 'partners.record.agency', id: agencyId, field: 'agencyId' });
  }
  if (deps.db.select({ id: user.id }).from(user).where(eq(user.username, input.username)).get()) {
    throw new AppError('already_exists', { what: 'auth.record.user', id: input.username, field: 'username' });
  }
  const id = newId();
  const salt = newSalt();
  const createdAt = deps.clock.now().toISOString();
  deps.db
    .insert(user)
    .values({ id, username: input.username, displayName: input.displayName, role: input.role, agencyId, passwordHash: hashPassword(input.password, salt), passwordSalt: salt, createdAt })
    .run();
  // Never the password or its hash: the audit trail is read by auditors.
  journalWrite(deps, {
    actor: ctx.actor,
    action: 'create',
    tableName: 'user',
    recordId: id,
    changes: { username: [null, input.username], displayName: [null, input.displayName], role: [null, input.role], agencyId: [null, agencyId] },
  });
  return id;
}

export function createUser(deps: CoreDeps, input: ParsedInput<'user:create'>, ctx: CallContext): UserRow {
  const id = inTransaction(deps.db, () => insertUser(deps, input, ctx));
  return userRow(deps, id);
}

/** First run: the first account, always Sekretariat. Refused once any account exists. */
export function setupAdmin(deps: CoreDeps, input: ParsedInput<'auth:setup-admin'>, ctx: CallContext): SessionUser {
  const id = inTransaction(deps.db, () => {
    if (!needsSetup(deps)) throw new AppError('admin_exists');
    return insertUser(deps, { ...input, role: 'sekretariat', agencyId: null }, { ...ctx, actor: actorOf(input) });
  });
  return sessionUserOf(deps, id);
}

function endSessionsOf(deps: Pick<CoreDeps, 'db' | 'clock'>, userId: string): void {
  deps.db
    .update(session)
    .set({ endedAt: deps.clock.now().toISOString() })
    .where(and(eq(session.userId, userId), isNull(session.endedAt)))
    .run();
}

export function disableUser(deps: CoreDeps, id: string, ctx: CallContext): UserRow {
  inTransaction(deps.db, () => {
    const before = userRow(deps, id);
    if (before.disabledAt !== null) return;
    const at = deps.clock.now().toISOString();
    deps.db.update(user).set({ disabledAt: at }).where(eq(user.id, id)).run();
    endSessionsOf(deps, id);
    journalWrite(deps, { actor: ctx.actor, action: 'disable', tableName: 'user', recordId: id, changes: { disabledAt: [null, at] } });
  });
  return userRow(deps, id);
}

function storePassword(deps: CoreDeps, id: string, password: string): void {
  requirePasswordLength(password);
  const salt = newSalt();
  deps.db.update(user).set({ passwordHash: hashPassword(password, salt), passwordSalt: salt, failedAttempts: 0, lockedUntil: null }).where(eq(user.id, id)).run();
}

/** Sets a new password for someone else (it also unlocks the account and ends its sessions). */
export function resetPassword(deps: CoreDeps, id: string, password: string, ctx: CallContext): UserRow {
  inTransaction(deps.db, () => {
    const before = userRow(deps, id);
    storePassword(deps, id, password);
    endSessionsOf(deps, id);
    journalWrite(deps, {
      actor: ctx.actor,
      action: 'reset_password',
      tableName: 'user',
      recordId: id,
      changes: { password: ['***', '***'], ...(before.lockedUntil !== null ? { lockedUntil: [before.lockedUntil, null] } : {}) },
    });
  });
  return userRow(deps, id);
}

/** The signed-in account changes its own password, proving it knows the current one. */
export function changePassword(deps: CoreDeps, input: ParsedInput<'auth:change-password'>, ctx: CallContext): Output<'auth:change-password'> {
  const signedIn = ctx.user;
  if (!signedIn) throw new AppError('sign_in_required');
  const row = deps.db.select().from(user).where(eq(user.id, signedIn.id)).get();
  if (!row || !passwordMatches(input.currentPassword, row.passwordSalt, row.passwordHash)) throw new AppError('sign_in_failed', { field: 'currentPassword' });
  inTransaction(deps.db, () => {
    storePassword(deps, row.id, input.newPassword);
    journalWrite(deps, { actor: ctx.actor, action: 'change_password', tableName: 'user', recordId: row.id, changes: { password: ['***', '***'] } });
  });
  return { changed: true };
}

/**
 * Checks a username and password. A wrong password counts towards the lock; the lock and every
 * failed attempt are audited. An unknown name costs the same scrypt work, so timing does not
 * tell which names exist.
 */
export function authenticate(deps: CoreDeps, username: string, password: string, ctx: CallContext): SessionUser {
  const now = deps.clock.now();
  const row = deps.db.select().from(user).where(eq(user.username, username.trim().toLowerCase())).get();
  if (!row) {
    passwordMatches(password, 'unknown-account', hashPassword('', 'unknown-account'));
    inTransaction(deps.db, () =>
      journalWrite(deps, { actor: ctx.actor, action: 'sign_in_failed', tableName: 'user', recordId: '', changes: { username: [null, username] } }),
    );
    throw new AppError('sign_in_failed');
  }
  if (row.lockedUntil !== null && row.lockedUntil > now.toISOString()) {
    throw new AppError('account_locked', { username: row.username, until: row.lockedUntil, attempts: row.failedAttempts });
  }
  const matches = passwordMatches(password, row.passwordSalt, row.passwordHash);
  if (!matches || row.disabledAt !== null) {
    const attempts = row.failedAttempts + 1;
    const lockedUntil = attempts >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    inTransaction(deps.db, () => {
      deps.db.update(user).set({ failedAttempts: lockedUntil ? 0 : attempts, lockedUntil }).where(eq(user.id, row.id)).run();
      journalWrite(deps, {
        actor: ctx.actor,
        action: lockedUntil ? 'lock' : 'sign_in_failed',
        tableName: 'user',
        recordId: row.id,
        changes: lockedUntil ? { failedAttempts: [row.failedAttempts, attempts], lockedUntil: [row.lockedUntil, lockedUntil] } : { failedAttempts: [row.failedAttempts, attempts] },
      });
    });
    if (lockedUntil) throw new AppError('account_locked', { username: row.username, until: lockedUntil, attempts });
    throw new AppError('sign_in_failed');
  }
  if (row.failedAttempts > 0 || row.lockedUntil !== null) {
    inTransaction(deps.db, () => {
      deps.db.update(user).set({ failedAttempts: 0, lockedUntil: null }).where(eq(user.id, row.id)).run();
      journalWrite(deps, {
        actor: ctx.actor,
        action: 'update',
        tableName: 'user',
        recordId: row.id,
        changes: { failedAttempts: [row.failedAttempts, 0], ...(row.lockedUntil !== null ? { lockedUntil: [row.lockedUntil, null] } : {}) },
      });
    });
  }
  return sessionUserOf(deps, row.id);
}

/** Records that an account signed in on the command line (`--user`), where no session is kept. */
export function recordCommandLineSignIn(deps: CoreDeps, account: SessionUser): void {
  inTransaction(deps.db, () => journalWrite(deps, { actor: actorOf(account), action: 'sign_in', tableName: 'user', recordId: account.id, changes: { channel: [null, 'cli'] } }));
}

export function getPolicy(deps: Pick<CoreDeps, 'db'>): Policy {
  const stored = deps.db.select({ value: setting.value }).from(setting).where(eq(setting.key, IDLE_SETTING)).get();
  const idle = Number(stored?.value);
  return { idleMinutes: Number.isInteger(idle) && idle > 0 ? idle : DEFAULT_IDLE_MINUTES, maxFailedAttempts: MAX_FAILED_ATTEMPTS, lockMinutes: LOCK_MINUTES };
}

export function setPolicy(deps: CoreDeps, input: ParsedInput<'auth:set-policy'>, ctx: CallContext): Policy {
  inTransaction(deps.db, () => {
    const before = getPolicy(deps).idleMinutes;
    if (before === input.idleMinutes) return;
    deps.db
      .insert(setting)
      .values({ key: IDLE_SETTING, value: String(input.idleMinutes), updatedAt: deps.clock.now().toISOString() })
      .onConflictDoUpdate({ target: setting.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
      .run();
    journalWrite(deps, { actor: ctx.actor, action: 'update', tableName: 'setting', recordId: IDLE_SETTING, changes: { idleMinutes: [before, input.idleMinutes] } });
  });
  return getPolicy(deps);
}

/** Starts a session for a signed-in account (audited) and answers its token, which only the host keeps. */
export function startSession(deps: CoreDeps, account: SessionUser): string {
  const token = randomBytes(32).toString('hex');
  const at = deps.clock.now().toISOString();
  inTransaction(deps.db, () => {
    deps.db.insert(session).values({ tokenHash: tokenHash(token), userId: account.id, createdAt: at, lastSeenAt: at }).run();
    journalWrite(deps, { actor: actorOf(account), action: 'sign_in', tableName: 'user', recordId: account.id, changes: {} });
  });
  return token;
}

/**
 * The account of a live session, marking it seen now. A session idle longer than the policy
 * allows is ended (`session_expired`); an unknown, ended or disabled one needs a new sign-in.
 */
export function resolveSession(deps: CoreDeps, token: string): SessionUser {
  const now = deps.clock.now();
  const row = deps.db
    .select({ tokenHash: session.tokenHash, userId: session.userId, lastSeenAt: session.lastSeenAt, endedAt: session.endedAt, disabledAt: user.disabledAt })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.tokenHash, tokenHash(token)))
    .get();
  if (!row || row.endedAt !== null || row.disabledAt !== null) throw new AppError('sign_in_required');
  const { idleMinutes } = getPolicy(deps);
  if (now.getTime() - Date.parse(row.lastSeenAt) > idleMinutes * 60_000) {
    deps.db.update(session).set({ endedAt: now.toISOString() }).where(eq(session.tokenHash, row.tokenHash)).run();
    throw new AppError('session_expired', { minutes: idleMinutes });
  }
  deps.db.update(session).set({ lastSeenAt: now.toISOString() }).where(eq(session.tokenHash, row.tokenHash)).run();
  return sessionUserOf(deps, row.userId);
}

/** Ends a session (sign-out, audited); an unknown or already ended one changes nothing. */
export function endSession(deps: CoreDeps, token: string): boolean {
  return inTransaction(deps.db, () => {
    const row = deps.db.select().from(session).where(eq(session.tokenHash, tokenHash(token))).get();
    if (!row || row.endedAt !== null) return false;
    deps.db.update(session).set({ endedAt: deps.clock.now().toISOString() }).where(eq(session.tokenHash, row.tokenHash)).run();
    const account = userRow(deps, row.userId);
    journalWrite(deps, { actor: actorOf(account), action: 'sign_out', tableName: 'user', recordId: account.id, changes: {} });
    return true;
  });
}
