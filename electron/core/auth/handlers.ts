import { exportAudit } from '../audit/export';
import { listAudit, verifyAudit } from '../audit/trail';
import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import {
  authenticate,
  changePassword,
  createUser,
  disableUser,
  endSession,
  getPolicy,
  listUsers,
  needsSetup,
  resetPassword,
  setPolicy,
  setupAdmin,
  startSession,
} from './service';

export type AuthProcedureName =
  | 'auth:session'
  | 'auth:setup-admin'
  | 'auth:login'
  | 'auth:logout'
  | 'auth:change-password'
  | 'auth:policy'
  | 'auth:set-policy'
  | 'user:list'
  | 'user:create'
  | 'user:disable'
  | 'user:reset-password'
  | 'audit:list'
  | 'audit:export'
  | 'audit:verify';

/** Accounts, sessions and the audit trail. A session is kept by the host through `ctx.session`. */
export function authHandlers(deps: CoreDeps): DomainHandlers<AuthProcedureName> {
  return {
    'auth:session': (_input, ctx) => ({ user: ctx.user ?? null, needsSetup: needsSetup(deps) }),
    'auth:setup-admin': (input, ctx) => {
      const account = setupAdmin(deps, input, ctx);
      ctx.session?.begin(startSession(deps, account));
      return account;
    },
    'auth:login': (input, ctx) => {
      const account = authenticate(deps, input.username, input.password, ctx);
      ctx.session?.begin(startSession(deps, account));
      return account;
    },
    'auth:logout': (_input, ctx) => {
      const token = ctx.session?.token ?? null;
      const signedOut = token !== null && endSession(deps, token);
      ctx.session?.end();
      return { signedOut };
    },
    'auth:change-password': (input, ctx) => changePassword(deps, input, ctx),
    'auth:policy': () => getPolicy(deps),
    'auth:set-policy': (input, ctx) => setPolicy(deps, input, ctx),
    'user:list': () => listUsers(deps),
    'user:create': (input, ctx) => createUser(deps, input, ctx),
    'user:disable': (input, ctx) => disableUser(deps, input.id, ctx),
    'user:reset-password': (input, ctx) => resetPassword(deps, input.id, input.password, ctx),
    'audit:list': (input) => listAudit(deps, input),
    'audit:export': (input, ctx) => {
      const file = exportAudit(deps, input, ctx);
      return { fileName: file.fileName, contentBase64: file.bytes.toString('base64'), rows: file.rows, sha256: file.sha256 };
    },
    'audit:verify': () => verifyAudit(deps),
  };
}
