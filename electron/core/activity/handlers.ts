import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { createDistribution, createFundTransfer, createPledge } from './service';

/** Typed-in pledges, distributions and fund transfers (the aggregator authority rule applies). */
export function activityHandlers(deps: CoreDeps): DomainHandlers<'pledge:create' | 'distribution:create' | 'fund-transfer:create'> {
  return {
    'pledge:create': (input, ctx) => createPledge(deps, input, ctx),
    'distribution:create': (input, ctx) => createDistribution(deps, input, ctx),
    'fund-transfer:create': (input, ctx) => createFundTransfer(deps, input, ctx),
  };
}
