import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { agreementValidOn } from '../../../db/queries/agreements';
import { AppError } from '../../api/errors';

/**
 * THE aggregator authority rule (issue 4): a pledge, distribution or fund transfer via an
 * aggregator is accepted only if that partner is an active aggregator with a signed PKS valid on
 * the transaction date and, when money is involved, a licence (number on record, valid until on or
 * after that date). Every transport and every import calls this one rule.
 */

/** What an aggregator lacks on a date; the keys of `agreements.missing.*` in the messages. */
export const authorityGaps = ['not_aggregator', 'inactive', 'no_valid_agreement', 'licence_missing', 'licence_expired'] as const;
export type AuthorityGap = (typeof authorityGaps)[number];

export interface AuthorityQuestion {
  aggregatorId: string;
  /** The transaction date, ISO `YYYY-MM-DD`. */
  date: string;
  /** Money changes hands (a Rupiah item type, every fund transfer): a licence is needed too. */
  money: boolean;
}

export interface AuthorityAnswer {
  /** The aggregator's name, or null when no partner has that id. */
  aggregatorName: string | null;
  /** Empty when the aggregator may act on that date. */
  missing: AuthorityGap[];
}

interface AggregatorFacts {
  name: string;
  isAggregator: number;
  inactive: number;
  licenceNumber: string | null;
  licenceValidUntil: string | null;
  hasValidAgreement: number;
}

/** Checks the rule and answers what is missing (nothing when the aggregator may act). */
export function checkAggregatorAuthority(db: Db, question: AuthorityQuestion): AuthorityAnswer {
  const facts = db.get<AggregatorFacts | undefined>(sql`
    SELECT partner.name AS name,
           partner.is_aggregator AS isAggregator,
           (partner.deleted_at IS NOT NULL OR partner.archived_at IS NOT NULL OR partner.merged_into_id IS NOT NULL) AS inactive,
           partner.licence_number AS licenceNumber,
           partner.licence_valid_until AS licenceValidUntil,
           EXISTS (SELECT 1 FROM agreement WHERE agreement.partner_id = partner.id AND ${agreementValidOn(question.date)}) AS hasValidAgreement
    FROM partner WHERE partner.id = ${question.aggregatorId}`);
  if (!facts) return { aggregatorName: null, missing: [] };
  const missing: AuthorityGap[] = [];
  if (!facts.isAggregator) missing.push('not_aggregator');
  if (facts.inactive) missing.push('inactive');
  if (!facts.hasValidAgreement) missing.push('no_valid_agreement');
  if (question.money) {
    if (facts.licenceNumber === null || facts.licenceNumber.trim() === '') missing.push('licence_missing');
    else if (facts.licenceValidUntil === null || facts.licenceValidUntil < question.date) missing.push('licence_expired');
  }
  return { aggregatorName: facts.name, missing };
}

/**
 * Throws unless the aggregator may act on the date: `not_found` for an unknown id, else
 * `aggregator_not_authorised` naming the aggregator, the date and everything that is missing.
 */
export function assertAggregatorAuthority(db: Db, question: AuthorityQuestion): void {
  const answer = checkAggregatorAuthority(db, question);
  if (answer.aggregatorName === null) throw new AppError('not_found', { what: 'agregator', id: question.aggregatorId });
  if (answer.missing.length === 0) return;
  throw new AppError('aggregator_not_authorised', {
    aggregator: answer.aggregatorName,
    aggregatorId: question.aggregatorId,
    date: question.date,
    // Message keys, turned into words in the reader's language by the `messageList` formatter.
    missing: answer.missing.map((gap) => `agreements.missing.${gap}`).join(','),
  });
}
