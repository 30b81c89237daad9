import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { createRecapCache } from './cache';
import { listOverlap, listUnserved } from './overlap';
import { listRecords } from './records';
import { recapByProgram, recapByWilayah } from './service';
import { recapTimeline } from './timeline';

/** Recaps per program and wilayah, overlap, unserved targets, the timeline and the rows behind a figure. */
export function recapHandlers(
  deps: CoreDeps,
): DomainHandlers<'recap:program' | 'recap:wilayah' | 'recap:overlap' | 'recap:unserved' | 'recap:timeline' | 'recap:rows'> {
  const cache = createRecapCache();
  return {
    'recap:program': (input, ctx) => recapByProgram(deps.db, input.filters, ctx),
    'recap:wilayah': (input, ctx) => recapByWilayah(deps.db, input, ctx, cache),
    'recap:overlap': (input) => listOverlap(deps.db, input.filters, input),
    'recap:unserved': (input) => listUnserved(deps.db, input.filters, input),
    'recap:timeline': (input) => recapTimeline(deps.db, input.filters, input.interval),
    'recap:rows': (input) => listRecords(deps.db, input),
  };
}
