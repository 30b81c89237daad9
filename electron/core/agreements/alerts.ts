import { sql } from 'drizzle-orm';
import { agreementDaysLeft, agreementEffectiveStatus, agreementValidOn } from '../../../db/queries/agreements';
import type { AgreementStatus } from '../../../db/schema/agreements';
import type { Output } from '../../api/contract';
import type { Alert, AlertKind } from '../../api/procedures/agreements';
import type { CoreDeps } from '../context';
import { addDays, today } from './dates';

/**
 * The registry's alerts as of a day: PKS ending within 90 days (in 30/60/90-day buckets), expired
 * PKS with activity after their expiry, aggregators without a PKS valid that day, and
 * money-collecting aggregators whose licence is missing or no longer valid. Archived and merged
 * partners are left out; "valid" is the aggregator authority rule's definition.
 */

/** Horizon of the "ending soon" alert, in days. */
export const EXPIRING_HORIZON_DAYS = 90;

const activePartner = sql`partner.deleted_at IS NULL AND partner.archived_at IS NULL AND partner.merged_into_id IS NULL`;

/**
 * Each partner's most relevant agreement for an aggregator alert: the one that runs longest
 * (open-ended first), then the latest signed.
 */
const latestAgreement = sql`latest AS (
  SELECT agreement.partner_id AS partnerId, agreement.id AS agreementId, agreement.number AS agreementNumber,
         row_number() OVER (PARTITION BY agreement.partner_id
           ORDER BY coalesce(agreement.valid_until, '9999-12-31') DESC, coalesce(agreement.signed_on, '') DESC, agreement.id DESC) AS rn
  FROM agreement WHERE agreement.deleted_at IS NULL)`;

const bucketOf = (daysLeft: number): 30 | 60 | 90 => (daysLeft <= 30 ? 30 : daysLeft <= 60 ? 60 : 90);

const kindOrder: readonly AlertKind[] = [
  'agreement_expired_with_activity',
  'aggregator_without_agreement',
  'licence_missing',
  'licence_expired',
  'agreement_expiring',
];

export function listAlerts(deps: Pick<CoreDeps, 'db' | 'clock'>, input: { asOf?: string | undefined }): Output<'alert:list'> {
  const { db } = deps;
  const asOf = input.asOf ?? today(deps.clock);
  const alerts: Alert[] = [];

  // Ending within the horizon, unless the same partner already has an agreement valid the day after (renewed).
  const expiring = db.all<{ partnerId: string; partnerName: string; agreementId: string; agreementNumber: string; validUntil: string; daysLeft: number }>(sql`
    SELECT agreement.partner_id AS partnerId, partner.name AS partnerName, agreement.id AS agreementId,
           agreement.number AS agreementNumber, agreement.valid_until AS validUntil, ${agreementDaysLeft(asOf)} AS daysLeft
    FROM agreement JOIN partner ON partner.id = agreement.partner_id
    WHERE agreement.deleted_at IS NULL AND ${activePartner}
      AND ${agreementEffectiveStatus(asOf)} = 'signed'
      AND agreement.valid_until IS NOT NULL AND agreement.valid_until <= ${addDays(asOf, EXPIRING_HORIZON_DAYS)}
    ORDER BY agreement.valid_until, partner.name`);
  for (const row of expiring) {
    const renewed = db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM agreement
      WHERE agreement.partner_id = ${row.partnerId} AND agreement.id <> ${row.agreementId}
        AND ${agreementValidOn(addDays(row.validUntil, 1))}`).n;
    if (renewed === 0) alerts.push({ kind: 'agreement_expiring', ...row, bucket: bucketOf(row.daysLeft) });
  }

  // Per partner the expired agreement that ended last, with activity by or via the partner after
  // its end (up to the day asked about) that no other agreement of the partner covers.
  const activityAfter = (table: string, column: string, dateColumn: string, extra = '') => sql`
    SELECT e.partnerId AS partnerId, t.${sql.raw(dateColumn)} AS day
    FROM expired e JOIN ${sql.raw(table)} t ON t.${sql.raw(column)} = e.partnerId
    WHERE t.deleted_at IS NULL ${sql.raw(extra)}
      AND t.${sql.raw(dateColumn)} > e.validUntil AND t.${sql.raw(dateColumn)} <= ${asOf}
      AND NOT EXISTS (SELECT 1 FROM agreement WHERE agreement.partner_id = e.partnerId AND ${agreementValidOn(sql`t.${sql.raw(dateColumn)}`)})`;
  const notRejected = "AND t.verification_status <> 'ditolak'";
  const expired = db.all<{
    partnerId: string;
    partnerName: string;
    agreementId: string;
    agreementNumber: string;
    validUntil: string;
    activityCount: number;
    firstActivityOn: string;
    lastActivityOn: string;
  }>(sql`
    WITH ranked AS (
      SELECT agreement.id AS agreementId, agreement.number AS agreementNumber, agreement.partner_id AS partnerId,
             agreement.valid_until AS validUntil,
             row_number() OVER (PARTITION BY agreement.partner_id ORDER BY agreement.valid_until DESC, agreement.id DESC) AS rn
      FROM agreement
      WHERE agreement.deleted_at IS NULL AND agreement.valid_until IS NOT NULL AND ${agreementEffectiveStatus(asOf)} = 'expired'),
    expired AS (SELECT * FROM ranked WHERE rn = 1),
    activity AS (
      ${activityAfter('distribution', 'partner_id', 'distributed_on', notRejected)}
      UNION ALL ${activityAfter('distribution', 'aggregator_id', 'distributed_on', notRejected)}
      UNION ALL ${activityAfter('pledge', 'partner_id', 'pledged_on')}
      UNION ALL ${activityAfter('pledge', 'aggregator_id', 'pledged_on')}
      UNION ALL ${activityAfter('fund_transfer', 'donor_id', 'transferred_on')}
      UNION ALL ${activityAfter('fund_transfer', 'aggregator_id', 'transferred_on')})
    SELECT e.partnerId, partner.name AS partnerName, e.agreementId, e.agreementNumber, e.validUntil,
           count(*) AS activityCount, min(activity.day) AS firstActivityOn, max(activity.day) AS lastActivityOn
    FROM expired e JOIN activity ON activity.partnerId = e.partnerId JOIN partner ON partner.id = e.partnerId
    WHERE ${activePartner}
    GROUP BY e.partnerId
    ORDER BY e.validUntil, partner.name`);
  for (const row of expired) alerts.push({ kind: 'agreement_expired_with_activity', ...row });

  // Aggregators: no agreement valid that day; licence missing or not valid that day (money collectors).
  const aggregators = db.all<{
    partnerId: string;
    partnerName: string;
    collectsMoney: 0 | 1;
    licenceNumber: string | null;
    licenceValidUntil: string | null;
    hasValidAgreement: 0 | 1;
    agreementId: string | null;
    agreementNumber: string | null;
    agreementStatus: AgreementStatus | null;
  }>(sql`
    WITH ${latestAgreement}
    SELECT partner.id AS partnerId, partner.name AS partnerName, partner.collects_money AS collectsMoney,
           partner.licence_number AS licenceNumber, partner.licence_valid_until AS licenceValidUntil,
           EXISTS (SELECT 1 FROM agreement WHERE agreement.partner_id = partner.id AND ${agreementValidOn(asOf)}) AS hasValidAgreement,
           latest.agreementId, latest.agreementNumber,
           (SELECT ${agreementEffectiveStatus(asOf)} FROM agreement WHERE agreement.id = latest.agreementId) AS agreementStatus
    FROM partner LEFT JOIN latest ON latest.partnerId = partner.id AND latest.rn = 1
    WHERE partner.is_aggregator = 1 AND ${activePartner}
    ORDER BY partner.name, partner.id`);
  for (const row of aggregators) {
    const base = { partnerId: row.partnerId, partnerName: row.partnerName, agreementId: row.agreementId, agreementNumber: row.agreementNumber };
    if (row.hasValidAgreement === 0) alerts.push({ kind: 'aggregator_without_agreement', ...base, agreementStatus: row.agreementStatus });
    if (row.collectsMoney === 0) continue;
    if (row.licenceNumber === null || row.licenceNumber.trim() === '') alerts.push({ kind: 'licence_missing', ...base });
    else if (row.licenceValidUntil === null || row.licenceValidUntil < asOf) {
      alerts.push({ kind: 'licence_expired', ...base, licenceNumber: row.licenceNumber, licenceValidUntil: row.licenceValidUntil });
    }
  }

  alerts.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  const counts = {
    agreement_expiring: 0,
    agreement_expired_with_activity: 0,
    aggregator_without_agreement: 0,
    licence_missing: 0,
    licence_expired: 0,
  } satisfies Record<AlertKind, number>;
  for (const alert of alerts) counts[alert.kind] += 1;
  return { asOf, counts, alerts };
}
