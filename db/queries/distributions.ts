import { sql } from 'drizzle-orm';

/**
 * Which distributions count as delivered in every figure the app shows: not deleted and not
 * rejected at verification (a rejected report is not a delivery). One definition for the
 * dashboard, the wilayah browser and the recaps.
 */
export const countedDistribution = sql`distribution.deleted_at IS NULL AND distribution.verification_status <> 'ditolak'`;
