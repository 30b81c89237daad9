import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { listHistory } from '../history/service';
import { globalSearch } from '../search/service';
import { findDuplicates } from './duplicates';
import { mergePartners, unmergePartner } from './merge';
import { archivePartner, createPartner, getPartner, listPartners, updatePartner } from './service';

export type PartnerProcedureName =
  | 'partner:list'
  | 'partner:get'
  | 'partner:create'
  | 'partner:update'
  | 'partner:archive'
  | 'partner:duplicates'
  | 'partner:merge'
  | 'partner:unmerge'
  | 'search:global'
  | 'history:list';

/** Partners, their duplicates and merges, the global search box and every record's history. */
export function partnerHandlers(deps: CoreDeps): DomainHandlers<PartnerProcedureName> {
  return {
    'partner:list': (input) => listPartners(deps, input),
    'partner:get': (input) => getPartner(deps, input.id),
    'partner:create': (input, ctx) => createPartner(deps, input, ctx),
    'partner:update': (input, ctx) => updatePartner(deps, input, ctx),
    'partner:archive': (input, ctx) => archivePartner(deps, input, ctx),
    'partner:duplicates': (input) => findDuplicates(deps, input),
    'partner:merge': (input, ctx) => mergePartners(deps, input, ctx),
    'partner:unmerge': (input, ctx) => unmergePartner(deps, input, ctx),
    'search:global': (input) => globalSearch(deps, input),
    'history:list': (input) => listHistory(deps, input),
  };
}
