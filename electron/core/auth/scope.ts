import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { itemType } from '../../../db/schema/programs';
import type { UserRole } from '../../../db/schema/users';
import { AppError } from '../../api/errors';
import type { CallContext } from '../context';

/**
 * The checks services call before they write. A call without `ctx.user` comes from the
 * database file's owner on the CLI and has administrator rights, like a Sekretariat account.
 */

/** Role names as message keys, for the `messageList` formatter of `role_required`. */
export const roleKeys = (roles: readonly UserRole[]): string => roles.map((role) => `auth.role.${role}`).join(',');

/** The caller's role; the database owner on the CLI counts as Sekretariat. */
export function roleOf(ctx: CallContext): UserRole {
  return ctx.user?.role ?? 'sekretariat';
}

/** Throws `role_required`, naming the roles that may do `action`, unless the caller has one of them. */
export function requireRole(ctx: CallContext, action: string, ...roles: UserRole[]): void {
  const role = roleOf(ctx);
  if (!roles.includes(role)) {
    throw new AppError('role_required', { action, roles: roleKeys(roles), role: roleKeys([role]) });
  }
}

/** Whether the caller may write rows of `programId`: Sekretariat any, SKPD its agency's, auditors none. */
export function mayWriteProgram(ctx: CallContext, programId: string): boolean {
  const role = roleOf(ctx);
  if (role === 'sekretariat') return true;
  return role === 'skpd' && (ctx.user?.programIds ?? []).includes(programId);
}

/**
 * Throws unless the caller may write rows of every program in `programIds`: an auditor gets
 * `role_required`, an SKPD account `program_out_of_scope` for the first program of another agency.
 */
export function requireProgramScope(ctx: CallContext, programIds: Iterable<string>, action = 'write'): void {
  const role = roleOf(ctx);
  if (role === 'sekretariat') return;
  if (role !== 'skpd') requireRole(ctx, action, 'sekretariat', 'skpd');
  for (const programId of programIds) {
    if (!mayWriteProgram(ctx, programId)) {
      throw new AppError('program_out_of_scope', { program: programId, agency: ctx.user?.agencyId ?? '' });
    }
  }
}

/**
 * `requireProgramScope` for rows that name item types (pledges, distributions, import rows): the
 * programs are those of the item types. An unknown item type is left to the service to report.
 */
export function requireItemTypeScope(db: Db, ctx: CallContext, itemTypeIds: Iterable<string>, action = 'write'): void {
  if (roleOf(ctx) === 'sekretariat') return;
  const ids = [...new Set(itemTypeIds)];
  const programIds = ids.length === 0 ? [] : db.select({ programId: itemType.programId }).from(itemType).where(inArray(itemType.id, ids)).all().map((row) => row.programId);
  requireProgramScope(ctx, programIds, action);
}
