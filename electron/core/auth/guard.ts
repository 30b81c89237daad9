import { access, mayCall as roleMayCall, type Requirement, rolesFor } from '../../api/access';
import { AppError } from '../../api/errors';
import { type ProcedureName, procedureNames } from '../../api/procedure-names';
import { inTransaction, journalWrite } from '../audit/journal';
import type { CallContext, CoreDeps } from '../context';
import type { Handlers } from '../handlers';
import { roleKeys, roleOf } from './scope';

/**
 * Refuses a call whose role `requirement` does not admit, naming the roles that may make it, and
 * records the attempt in the audit trail (an auditor's refused write is worth knowing about).
 * `what` names the procedure or CLI command.
 */
export function requireRequirement(deps: CoreDeps, what: string, requirement: Requirement, ctx: CallContext): void {
  const roles = rolesFor[requirement];
  const role = roleOf(ctx);
  if (roles.includes(role)) return;
  inTransaction(deps.db, () =>
    journalWrite(deps, {
      actor: ctx.actor,
      action: 'denied',
      tableName: 'procedure',
      recordId: what,
      changes: { role: [null, role], required: [null, roles.join(',')] },
    }),
  );
  throw new AppError('role_required', { action: what, roles: roleKeys(roles), role: roleKeys([role]) });
}

/** Whether the caller's role may call `name` at all (the service may still refuse by program). */
export function mayCall(name: ProcedureName, ctx: CallContext): boolean {
  return roleMayCall(roleOf(ctx), name);
}

export function requireAccess(deps: CoreDeps, name: ProcedureName, ctx: CallContext): void {
  requireRequirement(deps, name, access[name], ctx);
}

/**
 * The handler table every transport gets: each handler checks access first, so IPC, the web
 * host, the CLI and sync obey the same roles whichever way they reach a handler.
 */
export function guardHandlers(deps: CoreDeps, handlers: Handlers): Handlers {
  const guarded: Partial<Record<ProcedureName, (input: unknown, ctx: CallContext) => unknown>> = {};
  for (const name of procedureNames) {
    const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    guarded[name] = (input, ctx) => {
      requireAccess(deps, name, ctx);
      return handler(input, ctx);
    };
  }
  return guarded as Handlers;
}
