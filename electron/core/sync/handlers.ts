import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { listConflicts, rejectedEntries, resolveConflict, runSync, syncStatus } from './service';

export function syncHandlers(deps: CoreDeps): DomainHandlers<'sync:status' | 'sync:run' | 'sync:rejected' | 'sync:conflicts' | 'sync:resolve'> {
  return {
    'sync:status': () => syncStatus(deps),
    'sync:run': async () => runSync(deps),
    'sync:rejected': () => ({ rejected: rejectedEntries(deps.db) }),
    'sync:conflicts': () => ({ conflicts: listConflicts(deps) }),
    'sync:resolve': (input, ctx) => resolveConflict(deps, input, ctx.actor),
  };
}
