import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { mayCall, mayDo, type RoleRule } from '../../../electron/api/access';
import type { Output, ProcedureName } from '../../../electron/api/contract';
import { type ApiError, call, onSignedOut } from './client';
import { useLang } from './use-lang';

export type SessionUser = NonNullable<Output<'auth:session'>['user']>;

interface SessionState {
  user: SessionUser | null;
  needsSetup: boolean;
  /** Why the last session ended on its own (idle timeout), shown on the sign-in screen. */
  endedBecause: ApiError | null;
  signedIn(user: SessionUser): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** The signed-in account for every screen; null until someone signs in (or after sign-out). */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/**
 * Whether the signed-in role may call a procedure, from the core's own access table: screens offer
 * only the controls that start calls the role may make (the core still refuses the rest, and still
 * checks an SKPD account's programs row by row).
 */
export function useCan(): (name: ProcedureName) => boolean {
  const role = useSession().user?.role ?? null;
  return useCallback((name: ProcedureName) => mayCall(role, name), [role]);
}

/** Whether the signed-in account may do what a finer role rule covers (`roleRules`). */
export function useMayDo(): (rule: RoleRule) => boolean {
  const role = useSession().user?.role ?? null;
  return useCallback((rule: RoleRule) => mayDo(role, rule), [role]);
}

/** Asks the host who is signed in (the session itself lives in the host, never in the page). */
export function SessionProvider({ children, fallback }: { children: (session: SessionState) => ReactNode; fallback: ReactNode }) {
  const lang = useLang();
  const [known, setKnown] = useState<{ user: SessionUser | null; needsSetup: boolean } | null>(null);
  const [endedBecause, setEndedBecause] = useState<ApiError | null>(null);

  useEffect(() => {
    // Its only error would be the host's own (shown by the sign-in screen's next call), so no language is needed.
    call('auth:session', {}, 'id').then(setKnown, () => setKnown({ user: null, needsSetup: false }));
  }, []);
  useEffect(
    () =>
      onSignedOut((error) => {
        setEndedBecause(error);
        setKnown((previous) => (previous ? { ...previous, user: null } : previous));
      }),
    [],
  );

  const signedIn = useCallback((user: SessionUser) => {
    setEndedBecause(null);
    setKnown({ user, needsSetup: false });
  }, []);
  const signOut = useCallback(async () => {
    await call('auth:logout', {}, lang).catch(() => undefined);
    setKnown((previous) => (previous ? { ...previous, user: null } : previous));
  }, [lang]);

  if (!known) return <>{fallback}</>;
  const state: SessionState = { ...known, endedBecause, signedIn, signOut };
  return <SessionContext.Provider value={state}>{children(state)}</SessionContext.Provider>;
}
