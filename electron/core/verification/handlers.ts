import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { assignPledge, openTargets, pledgeProposals, unassignedPledges, unassignPledge } from './matching';
import { rejectedDistributionsWorkbook } from './rejected-workbook';
import { correctDistribution, distributionHistory, listDistributions, rejectDistributions, storeEvidence, updateDistribution, verifyDistributions } from './service';

export type VerificationProcedureName =
  | 'distribution:list'
  | 'distribution:verify'
  | 'distribution:reject'
  | 'distribution:evidence'
  | 'distribution:history'
  | 'distribution:update'
  | 'distribution:correct'
  | 'distribution:rejected-workbook'
  | 'target:open'
  | 'pledge:list'
  | 'pledge:proposals'
  | 'pledge:assign'
  | 'pledge:unassign';

/** Layered verification of distributions and matching pledges to open needs (issue 10). */
export function verificationHandlers(deps: CoreDeps): DomainHandlers<VerificationProcedureName> {
  return {
    'distribution:list': (input) => listDistributions(deps, input),
    'distribution:verify': (input, ctx) => verifyDistributions(deps, input, ctx),
    'distribution:reject': (input, ctx) => rejectDistributions(deps, input, ctx),
    'distribution:evidence': (input) => storeEvidence(deps, input),
    'distribution:history': (input) => distributionHistory(deps, input.id),
    'distribution:update': (input, ctx) => updateDistribution(deps, input, ctx),
    'distribution:correct': (input, ctx) => correctDistribution(deps, input, ctx),
    'distribution:rejected-workbook': (input, ctx) => rejectedDistributionsWorkbook(deps, input, ctx),
    'target:open': (input) => openTargets(deps, input),
    'pledge:list': (input) => unassignedPledges(deps, input),
    'pledge:proposals': (input) => pledgeProposals(deps, input),
    'pledge:assign': (input, ctx) => assignPledge(deps, input, ctx),
    'pledge:unassign': (input, ctx) => unassignPledge(deps, input, ctx),
  };
}
