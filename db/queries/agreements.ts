import { type SQL, sql } from 'drizzle-orm';

/**
 * The two definitions every PKS question goes through, as SQL over the `agreement` table (written
 * unaliased, so use them in queries that name the table `agreement`). Lists, details, alerts and
 * the aggregator authority rule all use these; nothing else decides what "valid" or "expired" means.
 */

/**
 * The status of an agreement as of `today` (ISO date), derived from its dates where they can say:
 * terminated stays terminated; a draft or an agreement without `signed_on` is a draft; past
 * `valid_until` it is expired; without `valid_until` a stored `expired` stands; otherwise signed.
 */
export function agreementEffectiveStatus(today: string): SQL<'draft' | 'signed' | 'expired' | 'terminated'> {
  return sql<'draft' | 'signed' | 'expired' | 'terminated'>`(CASE
    WHEN agreement.status = 'terminated' THEN 'terminated'
    WHEN agreement.status = 'draft' OR agreement.signed_on IS NULL THEN 'draft'
    WHEN agreement.valid_until IS NOT NULL AND agreement.valid_until < ${today} THEN 'expired'
    WHEN agreement.valid_until IS NULL AND agreement.status = 'expired' THEN 'expired'
    ELSE 'signed' END)`;
}

/**
 * Whether an agreement lets its partner act on `date` (ISO): not deleted, not a draft or
 * terminated, signed, and `date` within its validity, both ends inclusive. It starts at
 * `valid_from`, or at `signed_on` when no start is written; without `valid_until` it is
 * open-ended (unless it is stored as expired, which then has no end date to go by). An addendum
 * is an agreement of the same partner and counts with its own dates.
 */
export function agreementValidOn(date: string | SQL): SQL<boolean> {
  return sql<boolean>`(agreement.deleted_at IS NULL
    AND agreement.status NOT IN ('draft', 'terminated')
    AND agreement.signed_on IS NOT NULL
    AND coalesce(agreement.valid_from, agreement.signed_on) <= ${date}
    AND (agreement.valid_until >= ${date} OR (agreement.valid_until IS NULL AND agreement.status <> 'expired')))`;
}

/** Whole days from `today` to the agreement's `valid_until` (negative once past); NULL when open-ended. */
export function agreementDaysLeft(today: string): SQL<number | null> {
  return sql<number | null>`CAST(julianday(agreement.valid_until) - julianday(${today}) AS INTEGER)`;
}
