import { useEffect, useState } from 'react';
import type { Input, Output, ProcedureName } from '../../../../electron/api/contract';
import { call } from '../../api/client';
import { useLang } from '../../api/use-lang';
import type { ProcedureState } from '../../api/use-procedure';

/** A `ProcedureState` (so `Loadable` shows it) whose answer may be `stale`: the previous request's, shown until this one's arrives. */
export type KeptState<T> = Exclude<ProcedureState<T>, { status: 'ready' }> | (Extract<ProcedureState<T>, { status: 'ready' }> & { stale: boolean });

const KEEP = 40;

/**
 * `useProcedure` for drilling back and forth: every answer is kept while the screen is open, so
 * going back up the breadcrumb repaints at once, and going down keeps the last table on screen
 * (marked stale) instead of a loader until the new level arrives.
 */
export function useKeptProcedure<K extends ProcedureName>(name: K, input: Input<K>): KeptState<Output<K>> {
  const lang = useLang();
  const [attempt, setAttempt] = useState(0);
  const request = JSON.stringify([name, input, lang]);
  const [kept, setKept] = useState<{ answers: Map<string, Output<K>>; last: Output<K> | null }>({ answers: new Map(), last: null });
  const [failed, setFailed] = useState<{ request: string; error: Error } | null>(null);
  const answer = kept.answers.get(request);

  useEffect(() => {
    if (answer !== undefined) return;
    let current = true;
    const [procedure, args, language] = JSON.parse(request) as [K, Input<K>, typeof lang];
    call(procedure, args, language).then(
      (value) =>
        current &&
        setKept((previous) => {
          const answers = new Map(previous.answers);
          answers.set(request, value);
          // Oldest first in a Map: forget the oldest beyond KEEP.
          for (const key of answers.keys()) if (answers.size > KEEP) answers.delete(key);
          return { answers, last: value };
        }),
      (error: Error) => current && setFailed({ request, error }),
    );
    return () => {
      current = false;
    };
  }, [request, answer, attempt]);

  const retry = () => {
    setFailed(null);
    setAttempt((n) => n + 1);
  };
  // Reading again forgets every kept answer (the data may have changed) but keeps the table on screen.
  const reload = () => setKept((previous) => ({ answers: new Map(), last: previous.last }));
  if (answer !== undefined) return { status: 'ready', value: answer, reload, stale: false };
  if (failed?.request === request) return { status: 'error', error: failed.error, retry };
  if (kept.last !== null) return { status: 'ready', value: kept.last, reload, stale: true };
  return { status: 'loading' };
}
