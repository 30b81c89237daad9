import { and, desc, eq, getTableName, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Db } from '../../../db/connection';
import { partnerProgramIds, type PartnerRecordRow } from '../../../db/queries/partners';
import { agreement, auditLog, distribution, fundTransfer, partner, partnerProgram, pledge } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import { appendOutbox, inTransaction, journalWrite } from '../audit/journal';
import type { CallContext, CoreDeps } from '../context';
import { partnerRow } from './service';

/**
 * Merging two partners: every record that names the partner merged away (as giver, via-aggregator,
 * donor, PKS party) is moved to the partner kept, its programs join the kept one's, and it stays
 * as a tombstone (`merged_into_id`, `deleted_at`). The audit entry lists exactly which record ids
 * moved, per table and column, so that `unmergePartner` moves exactly those back.
 */

interface Reference {
  key: MoveKey;
  table: SQLiteTable;
  /** The column's name in the database. */
  column: string;
  tableName: string;
  /** The column's name in outbox payloads. */
  field: string;
}

const moveKeys = [
  'pledgePartner',
  'pledgeAggregator',
  'distributionPartner',
  'distributionAggregator',
  'agreement',
  'fundTransferDonor',
  'fundTransferAggregator',
] as const;
type MoveKey = (typeof moveKeys)[number];

const reference = (key: MoveKey, table: SQLiteTable, column: SQLiteColumn, field: string): Reference => ({
  key,
  table,
  column: column.name,
  tableName: getTableName(table),
  field,
});

/** Every column that names a partner (each has an index, migration 0003). */
const references: readonly Reference[] = [
  reference('pledgePartner', pledge, pledge.partnerId, 'partnerId'),
  reference('pledgeAggregator', pledge, pledge.aggregatorId, 'aggregatorId'),
  reference('distributionPartner', distribution, distribution.partnerId, 'partnerId'),
  reference('distributionAggregator', distribution, distribution.aggregatorId, 'aggregatorId'),
  reference('agreement', agreement, agreement.partnerId, 'partnerId'),
  reference('fundTransferDonor', fundTransfer, fundTransfer.donorId, 'donorId'),
  reference('fundTransferAggregator', fundTransfer, fundTransfer.aggregatorId, 'aggregatorId'),
];

/** What a merge's audit entry keeps under `moved`: enough to undo it exactly. */
const movedSchema = z.object({
  ...Object.fromEntries(moveKeys.map((key) => [key, z.array(z.string())])) as Record<MoveKey, z.ZodArray<z.ZodString>>,
  /** Every program the merged partner had (its `partner_program` rows were removed). */
  programs: z.array(z.string()),
  /** The programs among them that the kept partner did not have (added to it). */
  programsAdded: z.array(z.string()),
  /** Whether the kept partner became a collaborator because the merged one was. */
  keepBecameCollaborator: z.boolean(),
});
type Moved = z.infer<typeof movedSchema>;

const mergeEntrySchema = z.object({
  mergedIntoId: z.tuple([z.null(), z.string()]),
  deletedAt: z.tuple([z.string().nullable(), z.string()]),
  moved: movedSchema,
});

type MoveCounts = Output<'partner:merge'>['moved'];

function counts(ids: Record<MoveKey, readonly string[]>, programsAdded: number): MoveCounts {
  return { ...(Object.fromEntries(moveKeys.map((key) => [key, ids[key].length])) as Record<MoveKey, number>), programsAdded };
}

const refuseMerge = (keep: PartnerRecordRow, merge: PartnerRecordRow, reason: string) =>
  new AppError('merge_refused', { keep: keep.name, merge: merge.name, keepId: keep.id, mergeId: merge.id, reason: `partners.mergeRefused.${reason}` });

/** Points one record's reference at another partner, with its own clock stamp and outbox mutation. */
function repoint(deps: CoreDeps, ref: Reference, recordId: string, from: string, to: string, at: string): boolean {
  const stamp = deps.hlc.tick();
  const column = sql.identifier(ref.column);
  const result = deps.db.run(sql`UPDATE ${ref.table} SET ${column} = ${to}, hlc = ${stamp} WHERE id = ${recordId} AND ${column} = ${from}`);
  if (result.changes === 0) return false;
  appendOutbox(deps, { tableName: ref.tableName, recordId, op: 'upsert', payload: { [ref.field]: to } }, at, stamp);
  return true;
}

export function mergePartners(deps: CoreDeps, input: ParsedInput<'partner:merge'>, ctx: CallContext): Output<'partner:merge'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const keep = partnerRow(db, input.keepId);
    const merge = partnerRow(db, input.mergeId);
    if (keep.id === merge.id) throw refuseMerge(keep, merge, 'same');
    if (merge.mergedIntoId !== null || merge.deletedAt !== null) throw refuseMerge(keep, merge, 'mergeMerged');
    if (keep.mergedIntoId !== null || keep.deletedAt !== null) throw refuseMerge(keep, merge, 'keepMerged');
    if (keep.archivedAt !== null) throw refuseMerge(keep, merge, 'keepArchived');
    if (merge.isAggregator && !keep.isAggregator) throw refuseMerge(keep, merge, 'aggregatorIntoNonAggregator');

    const at = deps.clock.now().toISOString();
    const ids = Object.fromEntries(
      references.map((ref) => [
        ref.key,
        db.all<{ id: string }>(sql`SELECT id FROM ${ref.table} WHERE ${sql.identifier(ref.column)} = ${merge.id} ORDER BY id`).map((row) => row.id),
      ]),
    ) as Record<MoveKey, string[]>;
    for (const ref of references) for (const id of ids[ref.key]) repoint(deps, ref, id, merge.id, keep.id, at);

    const keepProgramsBefore = partnerProgramIds(db, keep.id);
    const programs = partnerProgramIds(db, merge.id);
    const programsAdded = programs.filter((id) => !keepProgramsBefore.includes(id));
    for (const programId of programsAdded) db.insert(partnerProgram).values({ partnerId: keep.id, programId }).run();
    db.delete(partnerProgram).where(eq(partnerProgram.partnerId, merge.id)).run();
    const keepBecameCollaborator = merge.isCollaborator && !keep.isCollaborator;

    const moved: Moved = { ...ids, programs, programsAdded, keepBecameCollaborator };
    db.update(partner).set({ mergedIntoId: keep.id, deletedAt: at, hlc: deps.hlc.tick() }).where(eq(partner.id, merge.id)).run();
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: 'merge',
        tableName: 'partner',
        recordId: merge.id,
        changes: { mergedIntoId: [null, keep.id], deletedAt: [merge.deletedAt, at], moved },
      },
      { tableName: 'partner', recordId: merge.id, op: 'upsert', payload: { mergedIntoId: keep.id, deletedAt: at } },
    );

    const keepChanges: Record<string, unknown> = { absorbedPartnerId: [null, merge.id] };
    const keepPayload: Record<string, unknown> = {};
    if (programsAdded.length > 0) {
      const after = partnerProgramIds(db, keep.id);
      keepChanges.programIds = [keepProgramsBefore, after];
      keepPayload.programIds = after;
    }
    if (keepBecameCollaborator) {
      keepChanges.isCollaborator = [false, true];
      keepPayload.isCollaborator = true;
    }
    db.update(partner)
      .set({ ...(keepBecameCollaborator ? { isCollaborator: true } : {}), hlc: deps.hlc.tick() })
      .where(eq(partner.id, keep.id))
      .run();
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'absorb', tableName: 'partner', recordId: keep.id, changes: keepChanges },
      Object.keys(keepPayload).length > 0 ? { tableName: 'partner', recordId: keep.id, op: 'upsert', payload: keepPayload } : undefined,
    );
    return { keepId: keep.id, mergeId: merge.id, moved: counts(ids, programsAdded.length) };
  });
}

const refuseUnmerge = (merged: PartnerRecordRow, reason: string) =>
  new AppError('unmerge_refused', { name: merged.name, id: merged.id, reason: `partners.unmergeRefused.${reason}` });

/** The `moved` list of the partner's latest merge, from the audit trail. */
function lastMerge(db: Db, mergeId: string): z.infer<typeof mergeEntrySchema> | null {
  const entry = db
    .select({ changes: auditLog.changes })
    .from(auditLog)
    .where(and(eq(auditLog.tableName, 'partner'), eq(auditLog.recordId, mergeId), eq(auditLog.action, 'merge')))
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  if (!entry) return null;
  const parsed = mergeEntrySchema.safeParse(JSON.parse(entry.changes));
  return parsed.success ? parsed.data : null;
}

/**
 * Undoes a merge from its audit entry: the records it moved that still point at the kept partner
 * go back, the programs come back, the tombstone is lifted. Records changed since the merge (now
 * pointing elsewhere) are left alone and counted as skipped.
 */
export function unmergePartner(deps: CoreDeps, input: ParsedInput<'partner:unmerge'>, ctx: CallContext): Output<'partner:unmerge'> {
  const { db } = deps;
  return inTransaction(db, () => {
    const merged = partnerRow(db, input.mergeId);
    if (merged.mergedIntoId === null) throw refuseUnmerge(merged, 'notMerged');
    const keep = partnerRow(db, merged.mergedIntoId);
    if (keep.mergedIntoId !== null) throw refuseUnmerge(merged, 'keeperMerged');
    const entry = lastMerge(db, merged.id);
    if (entry === null || entry.mergedIntoId[1] !== keep.id) throw refuseUnmerge(merged, 'noJournal');
    const { moved } = entry;

    const at = deps.clock.now().toISOString();
    const restored = Object.fromEntries(moveKeys.map((key) => [key, [] as string[]])) as Record<MoveKey, string[]>;
    let skipped = 0;
    for (const ref of references) {
      for (const id of moved[ref.key]) {
        if (repoint(deps, ref, id, keep.id, merged.id, at)) restored[ref.key].push(id);
        else skipped += 1;
      }
    }

    const keepProgramsBefore = partnerProgramIds(db, keep.id);
    for (const programId of moved.programs) db.insert(partnerProgram).values({ partnerId: merged.id, programId }).onConflictDoNothing().run();
    const programsRemoved = moved.programsAdded.filter((id) => keepProgramsBefore.includes(id));
    if (programsRemoved.length > 0) {
      db.delete(partnerProgram).where(and(eq(partnerProgram.partnerId, keep.id), inArray(partnerProgram.programId, programsRemoved))).run();
    }
    // The kept partner stops being a collaborator only if the merge made it one and nothing it still holds needs it.
    const keepStillGives =
      db.get<{ n: number }>(sql`
        SELECT (SELECT count(*) FROM pledge WHERE partner_id = ${keep.id})
             + (SELECT count(*) FROM distribution WHERE partner_id = ${keep.id})
             + (SELECT count(*) FROM fund_transfer WHERE donor_id = ${keep.id}) AS n`).n > 0;
    const keepStopsCollaborating = moved.keepBecameCollaborator && keep.isCollaborator && !keepStillGives;

    const deletedAt = entry.deletedAt[0];
    db.update(partner).set({ mergedIntoId: null, deletedAt, hlc: deps.hlc.tick() }).where(eq(partner.id, merged.id)).run();
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: 'unmerge',
        tableName: 'partner',
        recordId: merged.id,
        changes: { mergedIntoId: [keep.id, null], deletedAt: [merged.deletedAt, deletedAt], restored: { ...restored, programs: moved.programs }, skipped },
      },
      { tableName: 'partner', recordId: merged.id, op: 'upsert', payload: { mergedIntoId: null, deletedAt, programIds: partnerProgramIds(db, merged.id) } },
    );

    const keepChanges: Record<string, unknown> = { absorbedPartnerId: [merged.id, null] };
    const keepPayload: Record<string, unknown> = {};
    if (programsRemoved.length > 0) {
      const after = partnerProgramIds(db, keep.id);
      keepChanges.programIds = [keepProgramsBefore, after];
      keepPayload.programIds = after;
    }
    if (keepStopsCollaborating) {
      keepChanges.isCollaborator = [true, false];
      keepPayload.isCollaborator = false;
    }
    db.update(partner)
      .set({ ...(keepStopsCollaborating ? { isCollaborator: false } : {}), hlc: deps.hlc.tick() })
      .where(eq(partner.id, keep.id))
      .run();
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'release', tableName: 'partner', recordId: keep.id, changes: keepChanges },
      Object.keys(keepPayload).length > 0 ? { tableName: 'partner', recordId: keep.id, op: 'upsert', payload: keepPayload } : undefined,
    );
    return { keepId: keep.id, mergeId: merged.id, restored: counts(restored, programsRemoved.length), skipped };
  });
}
