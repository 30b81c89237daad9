import { existsSync } from 'node:fs';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { distribution, verification, verificationRow } from '../../../db/schema';
import { type VerificationStatus, verificationStatuses } from '../../../db/schema/activity';
import type { VerificationAction } from '../../../db/schema/verification';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { DistributionFilter, DistributionRow, DistributionSelection } from '../../api/procedures/verification';
import { assertDate, itemIsMoney, resolvePlace, valueOf } from '../activity/service';
import { createdChanges, inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { checkDocument, storeBytes, storedPath } from '../documents/store';
import { fourEyes, levelStatus, requireVerifier, statusAfterEdit, statusKey, transitionAllowed } from './rules';

/**
 * Verification acts over distributions (rules in `./rules.ts`). An act — one row or 100,000 — is
 * one transaction: a `verification` row (who, when, to which status, why, evidence), the rows it
 * moved with their previous status (`verification_row`), the distributions' new status, one audit
 * entry and one outbox mutation standing for the act. Set-based SQL throughout, so a bulk act costs
 * about what a raw UPDATE of the same rows costs (test/bench/verify-100k.bench.ts).
 */

/** The rows a list or an act covers, as SQL over `distribution d` (live rows only). */
export function distributionFilterWhere(filter: DistributionFilter): SQL {
  const parts: SQL[] = [sql`d.deleted_at IS NULL`];
  if (filter.status !== undefined) parts.push(sql`d.verification_status = ${filter.status}`);
  if (filter.itemTypeId !== undefined) parts.push(sql`d.item_type_id = ${filter.itemTypeId}`);
  if (filter.programId !== undefined) parts.push(sql`d.item_type_id IN (SELECT id FROM item_type WHERE program_id = ${filter.programId})`);
  if (filter.batchId !== undefined) parts.push(sql`d.import_batch_id = ${filter.batchId}`);
  if (filter.regionCode !== undefined) parts.push(sql`d.region_code >= ${filter.regionCode} AND d.region_code < ${`${filter.regionCode}/`}`);
  return sql.join(parts, sql` AND `);
}

const rowColumns = sql`
  d.id, d.distributed_on AS distributedOn, d.partner_id AS partnerId, p.name AS partnerName, a.name AS aggregatorName,
  it.program_id AS programId, d.item_type_id AS itemTypeId, it.name AS itemType, it.unit AS unit,
  d.quantity, d.value_rupiah AS valueRupiah, d.target_id AS targetId, t.name AS targetName,
  d.region_code AS regionCode, r.name AS regionName, d.verification_status AS verificationStatus,
  CASE WHEN d.verification_status = 'ditolak' THEN (
    SELECT v.reason FROM verification_row vr JOIN verification v ON v.id = vr.verification_id
    WHERE vr.distribution_id = d.id AND v.action = 'reject' ORDER BY v.created_at DESC LIMIT 1) END AS rejectedReason,
  d.replaces_id AS replacesId,
  (SELECT c.id FROM distribution c WHERE c.replaces_id = d.id AND c.deleted_at IS NULL LIMIT 1) AS replacedById,
  d.import_batch_id AS importBatchId, d.source_row AS sourceRow, d.created_by AS createdBy`;

const rowJoins = sql`
  JOIN item_type it ON it.id = d.item_type_id
  JOIN partner p ON p.id = d.partner_id
  LEFT JOIN partner a ON a.id = d.aggregator_id
  LEFT JOIN target t ON t.id = d.target_id
  LEFT JOIN region r ON r.code = d.region_code`;

const sortColumn = {
  distributedOn: sql`d.distributed_on`,
  quantity: sql`d.quantity`,
  verificationStatus: sql`d.verification_status`,
  sourceRow: sql`d.import_batch_id, d.source_row`,
} as const;

function unitTotals(db: Db, from: SQL): { unit: string; quantity: number }[] {
  return db.all(sql`SELECT it.unit AS unit, sum(d.quantity) AS quantity ${from} GROUP BY it.unit ORDER BY it.unit`);
}

export function listDistributions(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'distribution:list'>): Output<'distribution:list'> {
  const { db } = deps;
  const where = distributionFilterWhere(input);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM distribution d WHERE ${where}`).n;
  // Summed once, with the first page: a table scrolling through 100,000 rows asks for many pages.
  const units = total === 0 || input.offset > 0 ? [] : unitTotals(db, sql`FROM distribution d JOIN item_type it ON it.id = d.item_type_id WHERE ${where}`);
  if (total === 0 || input.offset >= total) return { total, rows: [], units };
  const dir = sql.raw(input.direction === 'desc' ? 'DESC' : 'ASC');
  const rows = db.all<DistributionRow>(sql`
    SELECT ${rowColumns} FROM distribution d ${rowJoins}
    WHERE ${where}
    ORDER BY ${sortColumn[input.sort ?? 'sourceRow']} ${dir}, d.id ${dir}
    LIMIT ${input.limit} OFFSET ${input.offset}`);
  return { total, rows, units };
}

export function distributionRow(db: Db, id: string): DistributionRow {
  const row = db.get<DistributionRow | undefined>(sql`SELECT ${rowColumns} FROM distribution d ${rowJoins} WHERE d.id = ${id} AND d.deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', { what: 'realisasi', id });
  return row;
}

/** The statuses a row may be at for an act to move it to `to` (from the rules). */
const statusesBefore = (to: VerificationStatus): VerificationStatus[] => verificationStatuses.filter((from) => transitionAllowed(from, to));

const inStatuses = (statuses: readonly VerificationStatus[]): SQL =>
  sql`d.verification_status IN (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})`;

/**
 * The selection over `distribution d`: explicit ids (every one must exist; checked by the caller)
 * or the filter narrowed to the rows the act applies to.
 */
function selectionOf(selection: DistributionSelection, eligible: SQL): { source: SQL; where: SQL; explicit: string[] | null } {
  if ('ids' in selection) {
    const ids = [...new Set(selection.ids)];
    return { source: sql`json_each(${JSON.stringify(ids)}) j JOIN distribution d ON d.id = j.value`, where: sql`d.deleted_at IS NULL`, explicit: ids };
  }
  return { source: sql`distribution d`, where: sql`${distributionFilterWhere(selection.filter)} AND ${eligible}`, explicit: null };
}

interface ActRequest {
  action: Exclude<VerificationAction, 'reset'>;
  to: VerificationStatus;
  selection: DistributionSelection;
  reason: string | null;
  evidence: string[];
  override: boolean;
  dryRun: boolean;
}

/** Evidence names documents already in the content-addressed store. */
function assertEvidence(deps: Pick<CoreDeps, 'paths'>, evidence: readonly string[]): void {
  for (const sha256 of evidence) {
    if (!existsSync(storedPath(deps.paths.documentsDir, sha256))) throw new AppError('not_found', { what: 'dokumen', id: sha256 });
  }
}

/**
 * Puts evidence into the document store (checked as every document is: type, size, first bytes);
 * nothing is recorded until a verification act names its SHA-256 (audited with the act).
 */
export function storeEvidence(deps: Pick<CoreDeps, 'paths'>, input: ParsedInput<'distribution:evidence'>): Output<'distribution:evidence'> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const checked = checkDocument(input.fileName, bytes.length, bytes);
  const { sha256 } = storeBytes(deps.paths.documentsDir, bytes);
  return { sha256, ...checked };
}

function act(deps: CoreDeps, request: ActRequest, ctx: CallContext): Output<'distribution:verify'> {
  const { db } = deps;
  assertEvidence(deps, request.evidence);
  const eligible = inStatuses(statusesBefore(request.to));
  const { source, where, explicit } = selectionOf(request.selection, eligible);
  return inTransaction(db, () => {
    // One pass over the selection: per program and unit, how many rows, units, rows at a level the
    // act does not apply to, and rows the caller reported or imported.
    const groups = db.all<{ programId: string; unit: string; rows: number; quantity: number; wrong: number; own: number; firstWrong: string | null }>(sql`
      SELECT it.program_id AS programId, it.unit AS unit, count(*) AS rows, sum(d.quantity) AS quantity,
             sum(NOT (${eligible})) AS wrong, sum(d.created_by = ${ctx.actor}) AS own,
             min(CASE WHEN NOT (${eligible}) THEN d.id END) AS firstWrong
      FROM ${source} JOIN item_type it ON it.id = d.item_type_id
      WHERE ${where}
      GROUP BY 1, 2`);
    const rows = groups.reduce((n, g) => n + g.rows, 0);
    if (explicit !== null && rows < explicit.length) {
      const missing = db.get<{ id: string }>(sql`
        SELECT j.value AS id FROM json_each(${JSON.stringify(explicit)}) j
        WHERE NOT EXISTS (SELECT 1 FROM distribution d WHERE d.id = j.value AND d.deleted_at IS NULL) LIMIT 1`);
      throw new AppError('not_found', { what: 'realisasi', id: missing.id });
    }
    const wrong = groups.find((g) => g.wrong > 0);
    if (wrong?.firstWrong) {
      const status = db.get<{ s: string }>(sql`SELECT verification_status AS s FROM distribution WHERE id = ${wrong.firstWrong}`).s;
      throw new AppError('verification_wrong_status', { id: wrong.firstWrong, status: statusKey(status as VerificationStatus), to: statusKey(request.to) });
    }
    if (rows === 0) throw new AppError('verification_nothing_selected', { to: statusKey(request.to) });
    requireVerifier(ctx, request.to, new Set(groups.map((g) => g.programId)));
    const own = groups.reduce((n, g) => n + g.own, 0);
    const overridden = request.action === 'verify' ? fourEyes(ctx, own, request.override) : 0;
    const unitMap = new Map<string, number>();
    for (const g of groups) unitMap.set(g.unit, (unitMap.get(g.unit) ?? 0) + g.quantity);
    const units = [...unitMap].sort(([a], [b]) => a.localeCompare(b)).map(([unit, quantity]) => ({ unit, quantity }));
    if (request.dryRun) return { dryRun: true, verificationId: null, toStatus: request.to, rows, units, overridden };

    const id = newId();
    const at = deps.clock.now().toISOString();
    const stamp = deps.hlc.tick();
    const values = {
      action: request.action,
      toStatus: request.to,
      actor: ctx.actor,
      reason: request.reason,
      override: overridden > 0,
      evidence: JSON.stringify(request.evidence),
      rows,
    };
    db.insert(verification).values({ id, createdAt: at, hlc: stamp, deletedAt: null, ...values }).run();
    db.run(sql`INSERT INTO verification_row (distribution_id, verification_id, from_status) SELECT d.id, ${id}, d.verification_status FROM ${source} WHERE ${where}`);
    db.run(sql`UPDATE distribution SET verification_status = ${request.to}, hlc = ${stamp} WHERE id IN (SELECT d.id FROM ${source} WHERE ${where})`);
    const changes = { toStatus: request.to, rows, units, reason: request.reason, evidence: request.evidence, override: overridden > 0, overriddenRows: overridden };
    journalWrite(
      deps,
      { actor: ctx.actor, action: request.action, tableName: 'verification', recordId: id, changes },
      { tableName: 'verification', recordId: id, op: 'verification', payload: { ...values, evidence: request.evidence, createdAt: at } },
    );
    return { dryRun: false, verificationId: id, toStatus: request.to, rows, units, overridden };
  });
}

export function verifyDistributions(deps: CoreDeps, input: ParsedInput<'distribution:verify'>, ctx: CallContext): Output<'distribution:verify'> {
  const reason = input.reason === null || input.reason === '' ? null : input.reason;
  return act(deps, { action: 'verify', to: levelStatus[input.level], selection: input.selection, reason, evidence: input.evidence, override: input.override, dryRun: input.dryRun }, ctx);
}

export function rejectDistributions(deps: CoreDeps, input: ParsedInput<'distribution:reject'>, ctx: CallContext): Output<'distribution:reject'> {
  return act(deps, { action: 'reject', to: 'ditolak', selection: input.selection, reason: input.reason, evidence: input.evidence, override: false, dryRun: input.dryRun }, ctx);
}

export function distributionHistory(deps: Pick<CoreDeps, 'db'>, id: string): Output<'distribution:history'> {
  const { db } = deps;
  const row = distributionRow(db, id);
  const created = db.get<{ createdAt: string }>(sql`SELECT created_at AS createdAt FROM distribution WHERE id = ${id}`);
  const acts = db.all<{ at: string; actor: string; action: VerificationAction; fromStatus: VerificationStatus; toStatus: VerificationStatus; reason: string | null; override: 0 | 1; evidence: string }>(sql`
    SELECT v.created_at AS at, v.actor, v.action, vr.from_status AS fromStatus, v.to_status AS toStatus, v.reason, v.override, v.evidence
    FROM verification_row vr JOIN verification v ON v.id = vr.verification_id
    WHERE vr.distribution_id = ${id} ORDER BY v.created_at, v.id`);
  return {
    row,
    events: [
      { at: created.createdAt, actor: row.createdBy, action: row.replacesId === null ? 'report' : 'correct', fromStatus: null, toStatus: 'dilaporkan', reason: null, override: false, evidence: [] },
      ...acts.map((a) => ({ ...a, override: a.override === 1, evidence: JSON.parse(a.evidence) as string[] })),
    ],
  };
}

type EditInput = Partial<Pick<ParsedInput<'distribution:update'>, 'quantity' | 'valueRupiah' | 'distributedOn' | 'targetId' | 'regionCode' | 'notes'>>;
type StoredDistribution = typeof distribution.$inferSelect;
const editKeys = ['quantity', 'valueRupiah', 'distributedOn', 'targetId', 'regionCode', 'notes'] as const;

/** The stored row with the person's changes, checked as `distribution:create` checks a new one. */
function editedValues(deps: CoreDeps, stored: StoredDistribution, input: EditInput) {
  const { db } = deps;
  const distributedOn = input.distributedOn ?? stored.distributedOn;
  if (distributedOn !== stored.distributedOn) assertDate(deps, distributedOn);
  const placeGiven = input.targetId !== undefined || input.regionCode !== undefined;
  const place = placeGiven
    ? resolvePlace(db, input.targetId === undefined ? stored.targetId : input.targetId, input.regionCode === undefined ? null : input.regionCode)
    : { targetId: stored.targetId, regionCode: stored.regionCode };
  if (place.regionCode === null) throw new AppError('distribution_place_required', {});
  const quantity = input.quantity ?? stored.quantity;
  const money = itemIsMoney(db, stored.itemTypeId);
  // For a Rupiah item the value is the quantity: a new quantity brings its own value.
  const value = input.valueRupiah !== undefined ? input.valueRupiah : money && input.quantity !== undefined ? null : stored.valueRupiah;
  return {
    quantity,
    valueRupiah: valueOf(money, quantity, value),
    distributedOn,
    targetId: place.targetId,
    regionCode: place.regionCode,
    notes: input.notes === undefined ? stored.notes : input.notes,
  };
}

function storedDistribution(db: Db, id: string): StoredDistribution {
  const stored = db.select().from(distribution).where(sql`${distribution.id} = ${id} AND ${distribution.deletedAt} IS NULL`).get();
  if (!stored) throw new AppError('not_found', { what: 'realisasi', id });
  return stored;
}

const programOf = (db: Db, itemTypeId: string): string => db.get<{ p: string }>(sql`SELECT program_id AS p FROM item_type WHERE id = ${itemTypeId}`).p;

/**
 * Changes a reported or verified row. A verified row goes back to `dilaporkan` (recorded as a
 * `reset` act); the caller must have confirmed it (`confirmReset`), else `verification_reset_confirm`.
 */
export function updateDistribution(deps: CoreDeps, input: ParsedInput<'distribution:update'>, ctx: CallContext): Output<'distribution:update'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const stored = storedDistribution(db, input.id);
    const nextStatus = statusAfterEdit(stored.verificationStatus);
    requireVerifier(ctx, 'dilaporkan', [programOf(db, stored.itemTypeId)]);
    const after = editedValues(deps, stored, input);
    const changed = editKeys.filter((key) => after[key] !== stored[key]);
    if (changed.length === 0) return { row: distributionRow(db, input.id), reset: false };
    const reset = nextStatus !== stored.verificationStatus;
    if (reset && !input.confirmReset) throw new AppError('verification_reset_confirm', { id: input.id, status: statusKey(stored.verificationStatus) });
    const delta: Record<string, unknown> = Object.fromEntries(changed.map((key) => [key, after[key]]));
    if (reset) delta.verificationStatus = nextStatus;
    const stamp = deps.hlc.tick();
    db.update(distribution).set({ ...delta, hlc: stamp }).where(sql`${distribution.id} = ${input.id}`).run();
    const changes: Record<string, unknown> = Object.fromEntries(changed.map((key) => [key, [stored[key], after[key]]]));
    if (reset) {
      const actId = newId();
      const at = deps.clock.now().toISOString();
      db.insert(verification)
        .values({ id: actId, createdAt: at, hlc: stamp, deletedAt: null, action: 'reset', toStatus: nextStatus, actor: ctx.actor, reason: null, override: false, evidence: '[]', rows: 1 })
        .run();
      db.insert(verificationRow).values({ distributionId: input.id, verificationId: actId, fromStatus: stored.verificationStatus }).run();
      changes.verificationStatus = [stored.verificationStatus, nextStatus];
      changes.verificationId = [null, actId];
    }
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'update', tableName: 'distribution', recordId: input.id, changes },
      { tableName: 'distribution', recordId: input.id, op: 'upsert', payload: delta },
    );
    return { row: distributionRow(db, input.id), reset };
  });
}

/** A corrected version of a rejected row: a new reported row pointing at it; the old one stays rejected. */
export function correctDistribution(deps: CoreDeps, input: ParsedInput<'distribution:correct'>, ctx: CallContext): Output<'distribution:correct'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const stored = storedDistribution(db, input.id);
    if (stored.verificationStatus !== 'ditolak') throw new AppError('distribution_not_rejected', { id: input.id, status: statusKey(stored.verificationStatus) });
    const replaced = db.get<{ id: string } | undefined>(sql`SELECT id FROM distribution WHERE replaces_id = ${input.id} AND deleted_at IS NULL LIMIT 1`);
    if (replaced) throw new AppError('distribution_already_corrected', { id: input.id, by: replaced.id });
    requireVerifier(ctx, 'dilaporkan', [programOf(db, stored.itemTypeId)]);
    const fields = {
      partnerId: stored.partnerId,
      aggregatorId: stored.aggregatorId,
      itemTypeId: stored.itemTypeId,
      ...editedValues(deps, stored, input),
      verificationStatus: 'dilaporkan' as const,
      replacesId: stored.id,
    };
    const id = newId();
    const createdAt = deps.clock.now().toISOString();
    db.insert(distribution)
      .values({ id, createdAt, hlc: deps.hlc.tick(), deletedAt: null, ...fields, naturalKey: null, importBatchId: null, sourceRow: null, createdBy: ctx.actor })
      .run();
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'correct', tableName: 'distribution', recordId: id, changes: createdChanges(fields) },
      { tableName: 'distribution', recordId: id, op: 'upsert', payload: { ...fields, createdAt, createdBy: ctx.actor } },
    );
    return distributionRow(db, id);
  });
}
