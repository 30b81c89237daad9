import { isPublic } from '../../api/access';
import { AppError } from '../../api/errors';
import { isProcedureName } from '../../api/procedure-names';
import type { CallContext, SessionPort, SessionUser } from '../context';
import { actorOf } from './service';

/**
 * The call context on a host where people sign in (the app window, the web host): the session's
 * account is the caller. Every procedure but the sign-in ones needs a live session; for those, an
 * ended session is forgotten and the call goes on without one. Throws `sign_in_required` or
 * `session_expired` otherwise.
 */
export function signedInContext(
  name: string,
  base: Pick<CallContext, 'actor' | 'lang'>,
  session: SessionPort,
  resolve: (token: string) => SessionUser,
): CallContext {
  const open = isProcedureName(name) && isPublic(name);
  const ctx: CallContext = { ...base, session };
  try {
    if (session.token === null) {
      if (open) return ctx;
      throw new AppError('sign_in_required');
    }
    const user = resolve(session.token);
    return { ...ctx, user, actor: actorOf(user) };
  } catch (error) {
    session.end();
    if (open) return ctx;
    throw error;
  }
}
