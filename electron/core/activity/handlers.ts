import { requireItemTypeScope, requireProgramScope, requireRole } from '../auth/scope';
import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { createDistribution, createFundTransfer, createPledge } from './service';

/** Typed-in pledges, distributions and fund transfers (the aggregator authority rule applies). */
export function activityHandlers(deps: CoreDeps): DomainHandlers<'pledge:create' | 'distribution:create' | 'fund-transfer:create'> {
  return {
    'pledge:create': (input, ctx) => {
      requireItemTypeScope(deps.db, ctx, [input.itemTypeId], 'pledge:create');
      return createPledge(deps, input, ctx);
    },
    'distribution:create': (input, ctx) => {
      requireItemTypeScope(deps.db, ctx, [input.itemTypeId], 'distribution:create');
      return createDistribution(deps, input, ctx);
    },
    'fund-transfer:create': (input, ctx) => {
      // A transfer for no program in particular is the Secretariat's to record.
      if (input.programId === null) requireRole(ctx, 'fund-transfer:create', 'sekretariat');
      else requireProgramScope(ctx, [input.programId], 'fund-transfer:create');
      return createFundTransfer(deps, input, ctx);
    },
  };
}
