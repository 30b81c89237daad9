import type { Requirement } from '../api/access';
import type { CommandName } from './args';

/**
 * What each command requires of a `--user` account, as `api/access.ts` does for procedures
 * (a command without an entry does not typecheck). Without `--user` the CLI acts as the database
 * file's owner, with administrator rights. `verify FILE` opens no database and needs no account.
 */
export const commandAccess: Record<CommandName, Requirement> = {
  init: 'write',
  demo: 'write',
  serve: 'read',
  'partner list': 'read',
  'partner show': 'read',
  'agreement list': 'read',
  'document add': 'write',
  'document verify': 'read',
  'alert list': 'read',
  recap: 'read',
  map: 'read',
  export: 'read',
  verify: 'public',
  import: 'program-write',
  template: 'read',
  'batch list': 'read',
  'batch rollback': 'program-write',
  'report festival': 'write',
  'report list': 'read',
  'distribution list': 'read',
  'distribution verify': 'program-write',
  'distribution reject': 'program-write',
  'target open': 'read',
  backup: 'write',
  restore: 'write',
  check: 'read',
  'user add': 'write',
  'user list': 'read',
  'user disable': 'write',
  'user password': 'write',
  sync: 'write',
  'conflicts list': 'read',
  'conflicts resolve': 'write',
  'audit verify': 'read',
  'audit export': 'read',
  // The hub's own jobs, run by the machine's owner like init and backup; `--user` plays no part.
  server: 'write',
  'server enrol-code': 'write',
  'server devices': 'read',
  'server revoke-device': 'write',
};
