import type { ProcedureName } from './procedure-names';
import type { userRoleValues } from './procedures/auth';

/** An account's role (the values of `userRoleValues`). */
export type Role = (typeof userRoleValues)[number];

/**
 * What each procedure requires, in one table (a procedure without an entry does not typecheck):
 * - `public`: callable before signing in (the sign-in screens);
 * - `signed-in`: any signed-in account, for its own account or this installation's display language;
 * - `read`: every role — each list, recap, export and verification, auditors included;
 * - `program-write`: Sekretariat, and SKPD for rows of its own agency's programs (the service
 *   checks the rows' programs with `requireProgramScope` in core/auth/scope.ts);
 * - `write`: Sekretariat only (the administrator).
 * Auditors never write. Checked for every call by the core (`guardHandlers`, core/auth/guard.ts)
 * before the handler runs; the renderer reads the same table to offer each role only the controls
 * it may use (`mayCall`), so a button never promises what the core will refuse.
 */
export type Requirement = 'public' | 'signed-in' | 'read' | 'program-write' | 'write';

export const access: Record<ProcedureName, Requirement> = {
  'app:info': 'read',
  'dashboard:summary': 'read',
  'region:children': 'read',
  'settings:get': 'public',
  'settings:set': 'signed-in',
  'settings:set-secretariat': 'write',
  'program:list': 'read',
  'partner:list': 'read',
  'partner:get': 'read',
  'partner:create': 'write',
  'partner:update': 'write',
  'partner:archive': 'write',
  'partner:duplicates': 'read',
  'partner:merge': 'write',
  'partner:unmerge': 'write',
  'search:global': 'read',
  'history:list': 'read',
  'target:list': 'read',
  'target:get': 'read',
  'target:create': 'write',
  'target:update': 'write',
  'target:open': 'read',
  'agency:list': 'read',
  'agency:create': 'write',
  'agency:update': 'write',
  'agreement:list': 'read',
  'agreement:get': 'read',
  'agreement:create': 'write',
  'agreement:update': 'write',
  'document:attach': 'write',
  'document:content': 'read',
  'document:locate': 'read',
  'document:verify': 'read',
  'alert:list': 'read',
  'pledge:create': 'program-write',
  'pledge:list': 'read',
  'pledge:proposals': 'read',
  'pledge:assign': 'program-write',
  'pledge:unassign': 'program-write',
  'distribution:create': 'program-write',
  'distribution:list': 'read',
  'distribution:history': 'read',
  'distribution:evidence': 'program-write',
  'distribution:verify': 'program-write',
  'distribution:reject': 'program-write',
  'distribution:update': 'program-write',
  'distribution:correct': 'program-write',
  'distribution:rejected-workbook': 'read',
  'fund-transfer:create': 'program-write',
  'import:template': 'read',
  'import:start': 'program-write',
  'import:revise': 'program-write',
  'import:status': 'read',
  'import:rows': 'read',
  'import:cancel': 'program-write',
  'import:commit': 'program-write',
  'import:rejected-workbook': 'read',
  'import:batches': 'read',
  'import:rollback': 'program-write',
  'recap:program': 'read',
  'recap:wilayah': 'read',
  'recap:overlap': 'read',
  'recap:unserved': 'read',
  'recap:timeline': 'read',
  'recap:rows': 'read',
  'map:model': 'read',
  'map:image': 'read',
  'export:table': 'read',
  'export:verify': 'read',
  'report:festival': 'write',
  'report:list': 'read',
  'report:get': 'read',
  'report:changes': 'read',
  'report:file': 'read',
  'backup:create': 'write',
  'backup:list': 'read',
  'backup:locate': 'write',
  'check:run': 'read',
  'sync:status': 'read',
  // Sends this device's changes and writes everyone else's here: offices that write may press it (no
  // rows of their own to scope); auditors' copies keep current through the background sync.
  'sync:run': 'program-write',
  'sync:rejected': 'read',
  'sync:conflicts': 'read',
  'sync:resolve': 'write',
  'auth:session': 'public',
  'auth:setup-admin': 'public',
  'auth:login': 'public',
  'auth:logout': 'public',
  'auth:change-password': 'signed-in',
  'auth:policy': 'read',
  'auth:set-policy': 'write',
  'user:list': 'read',
  'user:create': 'write',
  'user:disable': 'write',
  'user:reset-password': 'write',
  'audit:list': 'read',
  'audit:export': 'read',
  'audit:verify': 'read',
};

/** The roles each requirement admits (`public` also admits nobody signed in). */
export const rolesFor: Record<Requirement, readonly Role[]> = {
  public: ['sekretariat', 'skpd', 'auditor'],
  'signed-in': ['sekretariat', 'skpd', 'auditor'],
  read: ['sekretariat', 'skpd', 'auditor'],
  'program-write': ['sekretariat', 'skpd'],
  write: ['sekretariat'],
};

/** Whether a host that signs its users in may answer `name` before anyone has. */
export function isPublic(name: ProcedureName): boolean {
  return access[name] === 'public';
}

/**
 * Whether `role` may call `name` at all; `null` is nobody signed in, admitted to the public
 * procedures only. For `program-write` the core still checks each row's program against an SKPD
 * account's agency, so `true` there means "may, for its own programs".
 */
export function mayCall(role: Role | null, name: ProcedureName): boolean {
  const requirement = access[name];
  if (role === null) return requirement === 'public';
  return rolesFor[requirement].includes(role);
}

/**
 * Rules finer than a procedure's requirement, decided by the role alone: the secretariat level of
 * verification and the audited four-eyes override are the Sekretariat's. The core enforces them
 * (core/verification/rules.ts) and the screens read them, like the table above.
 */
export const roleRules = {
  'verify-sekretariat': ['sekretariat'],
  'override-four-eyes': ['sekretariat'],
} as const satisfies Record<string, readonly Role[]>;

export type RoleRule = keyof typeof roleRules;

/** Whether `role` (null: nobody signed in) may do what `rule` covers. */
export function mayDo(role: Role | null, rule: RoleRule): boolean {
  return role !== null && (roleRules[rule] as readonly Role[]).includes(role);
}
