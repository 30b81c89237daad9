import { sql } from 'drizzle-orm';
import { prepareBulkInsert } from '../../../db/queries/bulk';
import { agreement, agreementProgram, distribution, fundTransfer, importBatch, importMapping, need, partner, partnerProgram, pledge } from '../../../db/schema';
import type { EntityKind } from '../../../db/schema/partners';
import { AppError } from '../../api/errors';
import type { SubmissionKind } from '../../api/procedures/imports';
import { inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CoreDeps } from '../context';
import { normalizePartnerName } from '../partners/normalize';
import { rwEnsurer } from '../regions/service';
import { type CheckedRow, duplicateOf, type RecordTable, recordTables } from './validate';

/**
 * Writing an import: in ONE transaction, the batch, the new (unverified) partners, the RWs named
 * for the first time, every accepted record with its batch, source row and natural key, one audit
 * entry per table with its count, and one outbox mutation standing for the whole batch (as the
 * demo journals its batch). Rows that became duplicates since the preview are skipped.
 */

export interface CommitRequest {
  kind: SubmissionKind;
  fileName: string;
  sha256: string;
  sheet: string;
  /** Every checked row, in sheet order; the accepted ones carry their record (completed in place when written). */
  rows: readonly CheckedRow[];
  /** How many import batches there were when the rows were checked for duplicates (`importBatchCount`). */
  batchesAtCheck: number;
  rowsSeen: number;
  /** Remembered for this submitter when given: the mapping used, by header signature. */
  mappingMemory: { submitterKey: string; headerSignature: string; mapping: Record<string, number> } | null;
}

export interface CommitOutcome {
  batchId: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  newPartners: string[];
}

/** The live batch that imported this file already, if any (a rolled-back batch does not count). */
export function importedBatchOf(deps: Pick<CoreDeps, 'db'>, sha256: string): { id: string; importedAt: string } | null {
  return (
    deps.db.$client
      .prepare<[string], { id: string; importedAt: string }>(
        "SELECT id, imported_at AS importedAt FROM import_batch WHERE file_sha256 = ? AND rolled_back_at IS NULL AND kind <> 'demo' ORDER BY imported_at LIMIT 1",
      )
      .get(sha256) ?? null
  );
}

/** Import batches ever recorded (rolled back or not): a later count means natural keys may have been added. */
export function importBatchCount(deps: Pick<CoreDeps, 'db'>): number {
  return deps.db.$client.prepare<[], number>('SELECT count(*) FROM import_batch').pluck().get() ?? 0;
}

/** A new partner's kind from the legal-form words of its name; the secretariat checks it when it verifies the partner. */
export function guessEntityKind(name: string): EntityKind {
  const words = new Set(name.toLowerCase().split(/[^a-z0-9]+/));
  if (['persero', 'perum', 'perumda', 'bumn', 'bumd'].some((w) => words.has(w))) return 'bumn_bumd';
  if (['pt', 'cv', 'tbk', 'ud'].some((w) => words.has(w))) return 'dunia_usaha';
  if (['yayasan', 'lembaga'].some((w) => words.has(w))) return 'lembaga_sosial';
  if (words.has('komunitas')) return 'komunitas';
  if (['asosiasi', 'perhimpunan', 'ikatan'].some((w) => words.has(w))) return 'asosiasi';
  return 'kelompok_masyarakat';
}

const tables = { partner, agreement, need, pledge, distribution, fund_transfer: fundTransfer } as const;

export function commitBatch(deps: CoreDeps, actor: string, request: CommitRequest): CommitOutcome {
  const { db } = deps;
  const table: RecordTable = recordTables[request.kind];
  return inTransaction(db, () => {
    const earlier = importedBatchOf(deps, request.sha256);
    if (earlier) throw new AppError('import_already_imported', { batchId: earlier.id, importedAt: earlier.importedAt });
    const batchId = newId();
    const createdAt = deps.clock.now().toISOString();
    const stamp = deps.hlc.tick();
    db.insert(importBatch)
      .values({
        id: batchId,
        kind: request.kind,
        fileName: request.fileName,
        fileSha256: request.sha256,
        sheetName: request.sheet,
        importedAt: createdAt,
        importedBy: actor,
        rowsTotal: request.rowsSeen,
        rowsImported: 0,
        rowsRejected: 0,
        rowsDuplicate: 0,
      })
      .run();

    // Another import may have written the same rows since the preview: they are duplicates now.
    // Only an import adds natural keys, so with no batch since the preview the check is not repeated.
    const recheck = importBatchCount(deps) - 1 !== request.batchesAtCheck;
    const stored =
      table === 'partner'
        ? db.$client.prepare<[string], number>('SELECT 1 FROM partner WHERE normalized_name = ? AND deleted_at IS NULL AND merged_into_id IS NULL LIMIT 1').pluck()
        : db.$client.prepare<[string], number>(`SELECT 1 FROM ${table} WHERE ${duplicateOf(table)} LIMIT 1`).pluck();
    const ensureRw = rwEnsurer(db);

    const insertPartner = prepareBulkInsert(db, partner);
    const insertRecord = table === 'partner' ? insertPartner : prepareBulkInsert(db, tables[table]);
    const insertPartnerProgram = table === 'partner' ? prepareBulkInsert(db, partnerProgram) : null;
    const insertAgreementProgram = table === 'agreement' ? prepareBulkInsert(db, agreementProgram) : null;
    const newPartnerIds = new Map<string, string>();
    const newPartners: string[] = [];
    const rws = new Set<string>();
    let accepted = 0;
    let rejected = 0;
    let duplicates = 0;

    for (const row of request.rows) {
      if (row.status === 'rejected') rejected += 1;
      if (row.status === 'duplicate') duplicates += 1;
      const record = row.record;
      if (row.status !== 'accepted' || record === null) continue;
      if (recheck && stored.get(record.naturalKey) !== undefined) {
        duplicates += 1;
        continue;
      }
      // The prepared values are this row's own: completed in place rather than copied, 100,000 times.
      const values = record.values;
      if (record.newPartner && record.newPartnerField) {
        let partnerId = newPartnerIds.get(record.newPartner.key);
        if (partnerId === undefined) {
          partnerId = newId();
          newPartnerIds.set(record.newPartner.key, partnerId);
          newPartners.push(record.newPartner.name);
          insertPartner({
            id: partnerId,
            createdAt,
            hlc: stamp,
            name: record.newPartner.name,
            normalizedName: normalizePartnerName(record.newPartner.name),
            entityKind: guessEntityKind(record.newPartner.name),
            isCollaborator: true,
            isAggregator: false,
            collectsMoney: false,
            verified: false,
            importBatchId: batchId,
            sourceRow: row.row,
            createdBy: actor,
          });
        }
        values[record.newPartnerField] = partnerId;
      }
      if (record.rw) {
        const key = `${record.rw.kelurahanCode}.${record.rw.rw}`;
        if (!rws.has(key)) {
          rws.add(key);
          ensureRw(record.rw.kelurahanCode, record.rw.rw);
        }
      }
      const id = newId();
      values.id = id;
      values.createdAt = createdAt;
      values.hlc = stamp;
      if (table !== 'partner') values.naturalKey = record.naturalKey;
      values.importBatchId = batchId;
      values.sourceRow = row.row;
      values.createdBy = actor;
      insertRecord(values as never);
      for (const programId of record.programIds) {
        insertPartnerProgram?.({ partnerId: id, programId });
        insertAgreementProgram?.({ agreementId: id, programId });
      }
      accepted += 1;
    }

    db.update(importBatch)
      .set({ rowsImported: accepted, rowsRejected: rejected, rowsDuplicate: duplicates })
      .where(sql`${importBatch.id} = ${batchId}`)
      .run();
    const counts = { [table]: accepted, ...(table !== 'partner' && newPartners.length > 0 ? { partner: newPartners.length } : {}) };
    for (const [tableName, rows] of Object.entries(counts)) {
      journalWrite(deps, { actor, action: 'import', tableName, recordId: batchId, changes: { rows }, importBatchId: batchId });
    }
    const summary = { kind: request.kind, fileName: request.fileName, sha256: request.sha256, sheet: request.sheet, rows: request.rowsSeen, accepted, rejected, duplicates };
    journalWrite(
      deps,
      { actor, action: 'import', tableName: 'import_batch', recordId: batchId, changes: summary, importBatchId: batchId },
      { tableName: 'import_batch', recordId: batchId, op: 'import_batch', payload: { ...summary, tables: counts } },
    );
    if (request.mappingMemory) {
      const memory = request.mappingMemory;
      db.insert(importMapping)
        .values({ submitterKey: memory.submitterKey, kind: request.kind, headerSignature: memory.headerSignature, mapping: JSON.stringify(memory.mapping), updatedAt: createdAt, updatedBy: actor })
        .onConflictDoUpdate({
          target: [importMapping.submitterKey, importMapping.kind, importMapping.headerSignature],
          set: { mapping: sql`excluded.mapping`, updatedAt: sql`excluded.updated_at`, updatedBy: sql`excluded.updated_by` },
        })
        .run();
    }
    return { batchId, accepted, rejected, duplicates, newPartners };
  });
}
