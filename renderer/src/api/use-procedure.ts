import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output, ProcedureName } from '../../../electron/api/contract';
import { isLang } from '../../../electron/api/i18n';
import { call } from './client';

export type ProcedureState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: Error; retry: () => void }
  | { status: 'ready'; value: T; reload: () => void };

/** Reads a procedure's answer for a screen, again whenever its input or the language changes. */
export function useProcedure<K extends ProcedureName>(name: K, input: Input<K>): ProcedureState<Output<K>> {
  const { i18n } = useTranslation();
  const lang = isLang(i18n.language) ? i18n.language : 'id';
  const [attempt, setAttempt] = useState(0);
  const again = useCallback(() => setAttempt((n) => n + 1), []);
  const request = JSON.stringify([name, input, lang, attempt]);
  // The answer remembers which request it belongs to; any other request is still loading.
  const [answer, setAnswer] = useState<{ request: string; state: ProcedureState<Output<K>> } | null>(null);

  useEffect(() => {
    let current = true;
    const [procedure, args, language] = JSON.parse(request) as [K, Input<K>, typeof lang];
    call(procedure, args, language).then(
      (value) => current && setAnswer({ request, state: { status: 'ready', value, reload: again } }),
      (error: Error) => current && setAnswer({ request, state: { status: 'error', error, retry: again } }),
    );
    return () => {
      current = false;
    };
  }, [request, again]);

  return answer?.request === request ? answer.state : { status: 'loading' };
}
