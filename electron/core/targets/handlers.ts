import { createAgency, listAgencies, updateAgency } from '../agencies/service';
import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { createTarget, getTarget, listTargets, updateTarget } from './service';

export type TargetProcedureName =
  | 'target:list'
  | 'target:get'
  | 'target:create'
  | 'target:update'
  | 'agency:list'
  | 'agency:create'
  | 'agency:update';

/** Targets (sasaran) and SKPD. */
export function targetHandlers(deps: CoreDeps): DomainHandlers<TargetProcedureName> {
  return {
    'target:list': (input) => listTargets(deps, input),
    'target:get': (input) => getTarget(deps, input.id),
    'target:create': (input, ctx) => createTarget(deps, input, ctx),
    'target:update': (input, ctx) => updateTarget(deps, input, ctx),
    'agency:list': () => listAgencies(deps),
    'agency:create': (input, ctx) => createAgency(deps, input, ctx),
    'agency:update': (input, ctx) => updateAgency(deps, input, ctx),
  };
}
