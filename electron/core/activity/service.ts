import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { distribution, fundTransfer, pledge } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import { EARLIEST_ACTIVITY_DATE } from '../../api/procedures/activity';
import { today } from '../agreements/dates';
import { createdChanges, inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { assertAggregatorAuthority } from '../rules/aggregator-authority';

/**
 * Pledges, distributions and fund transfers typed in by a person. Each is checked (who gives,
 * what, where, when) and, when it goes via an aggregator, must pass the aggregator authority rule
 * on its own date; then it is written with its audit entry and outbox mutation in one transaction.
 */

/** A transaction date: on or after 2020-01-01 and not after today (by the injected clock). */
export function assertDate(deps: Pick<CoreDeps, 'clock'>, date: string): void {
  const to = today(deps.clock);
  if (date < EARLIEST_ACTIVITY_DATE || date > to) throw new AppError('date_out_of_range', { date, from: EARLIEST_ACTIVITY_DATE, to });
}

/** The giver: an existing, active partner registered as a collaborator. */
function assertCollaborator(db: Db, partnerId: string): void {
  const row = db.get<{ name: string; isCollaborator: 0 | 1; inactive: 0 | 1 } | undefined>(sql`
    SELECT name, is_collaborator AS isCollaborator,
           (archived_at IS NOT NULL OR merged_into_id IS NOT NULL) AS inactive
    FROM partner WHERE id = ${partnerId} AND deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', { what: 'mitra', id: partnerId });
  if (row.inactive === 1) throw new AppError('partner_inactive', { name: row.name });
  if (row.isCollaborator === 0) throw new AppError('partner_not_collaborator', { name: row.name });
}

/** The item type, which must exist and not be archived; answers whether it is counted in Rupiah. */
export function itemIsMoney(db: Db, itemTypeId: string): boolean {
  const row = db.get<{ name: string; measure: string; archivedAt: string | null } | undefined>(sql`
    SELECT name, measure, archived_at AS archivedAt FROM item_type WHERE id = ${itemTypeId}`);
  if (!row) throw new AppError('not_found', { what: 'jenis bantuan', id: itemTypeId });
  if (row.archivedAt !== null) throw new AppError('item_type_archived', { name: row.name });
  return row.measure === 'rupiah';
}

function assertProgram(db: Db, programId: string): void {
  const found = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM program WHERE id = ${programId}`).n;
  if (found === 0) throw new AppError('not_found', { what: 'program', id: programId });
}

/**
 * Where the help goes: the target (which must exist) and the wilayah (which must exist). With a
 * target, its own wilayah is recorded; a wilayah given as well must be that one or contain it.
 */
export function resolvePlace(db: Db, targetId: string | null, regionCode: string | null): { targetId: string | null; regionCode: string | null } {
  if (regionCode !== null) {
    const found = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM region WHERE code = ${regionCode}`).n;
    if (found === 0) throw new AppError('not_found', { what: 'wilayah', id: regionCode });
  }
  if (targetId === null) return { targetId, regionCode };
  const target = db.get<{ name: string; regionCode: string } | undefined>(sql`
    SELECT name, region_code AS regionCode FROM target WHERE id = ${targetId} AND deleted_at IS NULL`);
  if (!target) throw new AppError('not_found', { what: 'sasaran', id: targetId });
  if (regionCode !== null && target.regionCode !== regionCode && !target.regionCode.startsWith(`${regionCode}.`)) {
    throw new AppError('target_region_mismatch', { target: target.name, targetRegion: target.regionCode, region: regionCode });
  }
  return { targetId, regionCode: target.regionCode };
}

/** For a Rupiah item the quantity is the amount: the value is that amount, and a different value is refused. */
export function valueOf(money: boolean, quantity: number, valueRupiah: number | null): number | null {
  if (!money) return valueRupiah;
  if (valueRupiah !== null && valueRupiah !== quantity) throw new AppError('rupiah_value_mismatch', { quantity, value: valueRupiah });
  return quantity;
}

function newRowBase(deps: CoreDeps, ctx: CallContext) {
  return { id: newId(), createdAt: deps.clock.now().toISOString(), hlc: deps.hlc.tick(), createdBy: ctx.actor };
}

/**
 * Journals a typed-in record just inserted (audit + outbox) and answers it as the contract shows
 * it. Call inside the transaction that checked and inserted it.
 */
function journalCreated<F extends Record<string, unknown>>(
  deps: CoreDeps,
  ctx: CallContext,
  tableName: 'pledge' | 'distribution' | 'fund_transfer',
  base: ReturnType<typeof newRowBase>,
  fields: F,
): F & { id: string; createdAt: string; createdBy: string } {
  journalWrite(
    deps,
    { actor: ctx.actor, action: 'create', tableName, recordId: base.id, changes: createdChanges(fields) },
    { tableName, recordId: base.id, op: 'upsert', payload: { ...fields, createdAt: base.createdAt } },
  );
  return { id: base.id, ...fields, createdAt: base.createdAt, createdBy: base.createdBy };
}

export function createPledge(deps: CoreDeps, input: ParsedInput<'pledge:create'>, ctx: CallContext): Output<'pledge:create'> {
  const { db } = deps;
  assertDate(deps, input.pledgedOn);
  return inTransaction(db, () => {
    assertCollaborator(db, input.partnerId);
    const money = itemIsMoney(db, input.itemTypeId);
    const place = resolvePlace(db, input.targetId, input.regionCode);
    if (input.aggregatorId === null && place.targetId === null && place.regionCode === null) {
      throw new AppError('pledge_destination_required', {});
    }
    if (input.aggregatorId !== null) assertAggregatorAuthority(db, { aggregatorId: input.aggregatorId, date: input.pledgedOn, money });
    const fields = {
      partnerId: input.partnerId,
      aggregatorId: input.aggregatorId,
      itemTypeId: input.itemTypeId,
      quantity: input.quantity,
      valueRupiah: valueOf(money, input.quantity, input.valueRupiah),
      ...place,
      pledgedOn: input.pledgedOn,
      notes: input.notes,
    };
    const base = newRowBase(deps, ctx);
    db.insert(pledge).values({ ...base, ...fields }).run();
    return journalCreated(deps, ctx, 'pledge', base, fields);
  });
}

export function createDistribution(deps: CoreDeps, input: ParsedInput<'distribution:create'>, ctx: CallContext): Output<'distribution:create'> {
  const { db } = deps;
  assertDate(deps, input.distributedOn);
  return inTransaction(db, () => {
    assertCollaborator(db, input.partnerId);
    const money = itemIsMoney(db, input.itemTypeId);
    const place = resolvePlace(db, input.targetId, input.regionCode);
    if (place.regionCode === null) throw new AppError('distribution_place_required', {});
    if (input.aggregatorId !== null) assertAggregatorAuthority(db, { aggregatorId: input.aggregatorId, date: input.distributedOn, money });
    const fields = {
      partnerId: input.partnerId,
      aggregatorId: input.aggregatorId,
      itemTypeId: input.itemTypeId,
      quantity: input.quantity,
      valueRupiah: valueOf(money, input.quantity, input.valueRupiah),
      targetId: place.targetId,
      regionCode: place.regionCode,
      distributedOn: input.distributedOn,
      verificationStatus: 'dilaporkan' as const,
      notes: input.notes,
    };
    const base = newRowBase(deps, ctx);
    db.insert(distribution).values({ ...base, ...fields }).run();
    return journalCreated(deps, ctx, 'distribution', base, fields);
  });
}

export function createFundTransfer(deps: CoreDeps, input: ParsedInput<'fund-transfer:create'>, ctx: CallContext): Output<'fund-transfer:create'> {
  const { db } = deps;
  assertDate(deps, input.transferredOn);
  return inTransaction(db, () => {
    assertCollaborator(db, input.donorId);
    if (input.programId !== null) assertProgram(db, input.programId);
    // Money, always: the aggregator needs its licence as well as a valid PKS.
    assertAggregatorAuthority(db, { aggregatorId: input.aggregatorId, date: input.transferredOn, money: true });
    const fields = {
      donorId: input.donorId,
      aggregatorId: input.aggregatorId,
      programId: input.programId,
      amountRupiah: input.amountRupiah,
      transferredOn: input.transferredOn,
      reference: input.reference === '' ? null : input.reference,
      notes: input.notes,
    };
    const base = newRowBase(deps, ctx);
    db.insert(fundTransfer).values({ ...base, ...fields }).run();
    return journalCreated(deps, ctx, 'fund_transfer', base, fields);
  });
}
