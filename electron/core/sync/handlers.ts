import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { syncStatus } from './service';

export function syncHandlers(deps: CoreDeps): DomainHandlers<'sync:status'> {
  return {
    'sync:status': () => syncStatus(deps),
  };
}
