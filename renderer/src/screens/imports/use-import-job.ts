import { useCallback, useEffect, useState } from 'react';
import type { Input } from '../../../../electron/api/contract';
import type { ImportPhase, ImportStatus } from '../../../../electron/api/procedures/imports';
import { call } from '../../api/client';
import { useLang } from '../../api/use-lang';

/** How often a running job is asked how far it got. */
const POLL_MS = 200;

const running: readonly ImportPhase[] = ['reading', 'validating', 'committing'];

export function isRunning(phase: ImportPhase): boolean {
  return running.includes(phase);
}

interface Job {
  id: string;
  /** Bumped by every (re)start, revision and commit: the poll starts over. */
  round: number;
  status: ImportStatus | null;
  /** A status call that failed (the job is gone, the host stopped): shown instead of the job. */
  error: Error | null;
}

/**
 * One import job as the wizard follows it: started, revised and committed through the API, its
 * status polled every 200 ms while the core reads, checks or saves, and once more when the
 * language changes (reasons and errors come translated).
 */
export function useImportJob() {
  const lang = useLang();
  const [job, setJob] = useState<Job | null>(null);
  const jobId = job?.id ?? null;
  const round = job?.round ?? 0;

  useEffect(() => {
    if (jobId === null) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      call('import:status', { jobId }, lang).then(
        (status) => {
          if (!current) return;
          setJob((previous) => (previous?.id === jobId ? { ...previous, status, error: null } : previous));
          if (isRunning(status.phase)) timer = setTimeout(poll, POLL_MS);
        },
        (error: Error) => {
          if (current) setJob((previous) => (previous?.id === jobId ? { ...previous, error } : previous));
        },
      );
    };
    poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [jobId, round, lang]);

  /** Polls the job again; a revision forgets the old preview at once (it no longer holds). */
  const again = useCallback(
    (id: string, keepStatus: boolean) =>
      setJob((previous) => ({ id, round: (previous?.round ?? 0) + 1, status: keepStatus && previous?.id === id ? previous.status : null, error: null })),
    [],
  );

  const start = useCallback(
    async (input: Input<'import:start'>) => {
      const { jobId: id } = await call('import:start', input, lang);
      setJob({ id, round: 1, status: null, error: null });
    },
    [lang],
  );

  const revise = useCallback(
    async (options: Omit<Input<'import:revise'>, 'jobId'>) => {
      if (jobId === null) return;
      await call('import:revise', { jobId, ...options }, lang);
      again(jobId, false);
    },
    [jobId, lang, again],
  );

  const cancel = useCallback(async () => {
    if (jobId === null) return;
    await call('import:cancel', { jobId }, lang);
    setJob(null);
  }, [jobId, lang]);

  const commit = useCallback(
    async (allOrNothing: boolean) => {
      if (jobId === null) return null;
      try {
        return await call('import:commit', { jobId, allOrNothing }, lang);
      } finally {
        again(jobId, true);
      }
    },
    [jobId, lang, again],
  );

  const reset = useCallback(() => setJob(null), []);

  return { jobId, status: job?.status ?? null, error: job?.error ?? null, start, revise, cancel, commit, reset };
}
