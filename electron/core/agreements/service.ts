import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { agreementDaysLeft, agreementEffectiveStatus } from '../../../db/queries/agreements';
import { agreement, agreementProgram } from '../../../db/schema';
import type { AgreementStatus } from '../../../db/schema/agreements';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { AgreementDetail, AgreementListQuery, AgreementRow } from '../../api/procedures/agreements';
import { inTransaction, journalWrite, sameValue, updatedChanges } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { partnerSearchWords, prefixMatch } from '../search/fts';
import { addDays, today as todayOf } from './dates';

/** PKS agreements: list, detail, create and update, with the rules of issue 4. */

type Flag = 0 | 1;

interface AgreementDbRow {
  id: string;
  number: string;
  partnerId: string;
  partnerName: string;
  isAggregator: Flag;
  agencyId: string | null;
  agencyName: string | null;
  programIds: string;
  signedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  status: AgreementStatus;
  effectiveStatus: AgreementStatus;
  daysLeft: number | null;
  documentCount: number;
  parentAgreementId: string | null;
}

function rowColumns(today: string): SQL {
  return sql`agreement.id AS id, agreement.number AS number, agreement.partner_id AS partnerId,
    partner.name AS partnerName, partner.is_aggregator AS isAggregator,
    agreement.agency_id AS agencyId, agency.short_name AS agencyName,
    (SELECT json_group_array(program_id) FROM (
       SELECT ap.program_id FROM agreement_program ap JOIN program g ON g.id = ap.program_id
       WHERE ap.agreement_id = agreement.id ORDER BY g.sort_order)) AS programIds,
    agreement.signed_on AS signedOn, agreement.valid_from AS validFrom, agreement.valid_until AS validUntil,
    agreement.status AS status, ${agreementEffectiveStatus(today)} AS effectiveStatus,
    ${agreementDaysLeft(today)} AS daysLeft,
    (SELECT count(*) FROM agreement_document ad JOIN document d ON d.id = ad.document_id
       WHERE ad.agreement_id = agreement.id AND d.deleted_at IS NULL) AS documentCount,
    agreement.parent_agreement_id AS parentAgreementId`;
}

const fromClause = sql`FROM agreement
  JOIN partner ON partner.id = agreement.partner_id
  LEFT JOIN agency ON agency.id = agreement.agency_id`;

function toRow(row: AgreementDbRow): AgreementRow {
  return { ...row, isAggregator: row.isAggregator === 1, programIds: JSON.parse(row.programIds) as string[] };
}

function selectRows(db: Db, today: string, where: SQL, tail: SQL = sql``): AgreementRow[] {
  return db.all<AgreementDbRow>(sql`SELECT ${rowColumns(today)} ${fromClause} WHERE ${where} ${tail}`).map(toRow);
}

/** The WHERE clause of the PKS list (statuses as of `today`): one reading for the list and its export. */
export function agreementListWhere(input: AgreementListQuery, today: string): SQL {
  const parts: SQL[] = [sql`agreement.deleted_at IS NULL`];
  const match = input.q === undefined ? null : prefixMatch(partnerSearchWords(input.q));
  if (match !== null) parts.push(sql`agreement.rowid IN (SELECT rowid FROM agreement_search WHERE agreement_search MATCH ${match})`);
  if (input.partnerId !== undefined) parts.push(sql`agreement.partner_id = ${input.partnerId}`);
  if (input.status !== undefined) parts.push(sql`${agreementEffectiveStatus(today)} = ${input.status}`);
  if (input.agencyId !== undefined) parts.push(sql`agreement.agency_id = ${input.agencyId}`);
  if (input.programId !== undefined) {
    parts.push(sql`agreement.id IN (SELECT agreement_id FROM agreement_program WHERE program_id = ${input.programId})`);
  }
  if (input.expiringWithinDays !== undefined) {
    // Signed and in force today, and its last day within the window (today counts as day 0).
    parts.push(sql`${agreementEffectiveStatus(today)} = 'signed'`);
    parts.push(sql`agreement.valid_until IS NOT NULL AND agreement.valid_until <= ${addDays(today, input.expiringWithinDays)}`);
  }
  return sql.join(parts, sql` AND `);
}

/** The PKS list's order: by number, or by end date when the list shows agreements ending soon. */
export function agreementListOrder(query: AgreementListQuery): SQL {
  const sort = query.sort ?? (query.expiringWithinDays !== undefined ? 'validUntil' : 'number');
  const dir = sql.raw(query.direction === 'desc' ? 'DESC' : 'ASC');
  // Agreements without the date sort after those with one, whichever the direction.
  switch (sort) {
    case 'validUntil':
      return sql`agreement.valid_until IS NULL, agreement.valid_until ${dir}, agreement.number COLLATE NOCASE ${dir}, agreement.id ${dir}`;
    case 'signedOn':
      return sql`agreement.signed_on IS NULL, agreement.signed_on ${dir}, agreement.number COLLATE NOCASE ${dir}, agreement.id ${dir}`;
    default:
      return sql`agreement.number COLLATE NOCASE ${dir}, agreement.id ${dir}`;
  }
}

/** One page of agreements, filtered and sorted in SQL; statuses and days left as of today (the clock). */
export function listAgreements(deps: Pick<CoreDeps, 'db' | 'clock'>, input: ParsedInput<'agreement:list'>): Output<'agreement:list'> {
  const today = todayOf(deps.clock);
  const where = agreementListWhere(input, today);
  const total = deps.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM agreement WHERE ${where}`).n;
  const rows = selectRows(deps.db, today, where, sql`ORDER BY ${agreementListOrder(input)} LIMIT ${input.limit} OFFSET ${input.offset}`);
  return { total, rows };
}

interface AgreementExtraDbRow {
  notes: string | null;
  createdAt: string;
  createdBy: string;
  importBatchId: string | null;
}

/** An agreement with its programs, documents, addenda and parent; `not_found` when there is none. */
export function getAgreement(deps: Pick<CoreDeps, 'db' | 'clock'>, id: string): AgreementDetail {
  const { db } = deps;
  const today = todayOf(deps.clock);
  const [row] = selectRows(db, today, sql`agreement.id = ${id} AND agreement.deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', { what: 'PKS', id });
  const extra = db.get<AgreementExtraDbRow>(sql`
    SELECT notes, created_at AS createdAt, created_by AS createdBy, import_batch_id AS importBatchId
    FROM agreement WHERE id = ${id}`);
  const programs = db.all<{ id: string; name: string }>(sql`
    SELECT g.id, g.name FROM agreement_program ap JOIN program g ON g.id = ap.program_id
    WHERE ap.agreement_id = ${id} ORDER BY g.sort_order`);
  const documents = db.all<AgreementDetail['documents'][number]>(sql`
    SELECT d.id, d.sha256, d.file_name AS fileName, d.media_type AS mediaType, d.size_bytes AS sizeBytes,
           d.created_at AS createdAt, d.created_by AS createdBy
    FROM agreement_document ad JOIN document d ON d.id = ad.document_id
    WHERE ad.agreement_id = ${id} AND d.deleted_at IS NULL ORDER BY d.created_at, d.id`);
  const addenda = selectRows(
    db,
    today,
    sql`agreement.parent_agreement_id = ${id} AND agreement.deleted_at IS NULL`,
    sql`ORDER BY agreement.signed_on IS NULL, agreement.signed_on, agreement.number`,
  );
  const [parent] =
    row.parentAgreementId === null ? [] : selectRows(db, today, sql`agreement.id = ${row.parentAgreementId} AND agreement.deleted_at IS NULL`);
  return { ...row, ...extra, programs, documents, addenda, parent: parent ?? null };
}

/** The stored fields of an agreement a person edits, in the shape the audit trail compares. */
interface AgreementFields {
  number: string;
  partnerId: string;
  agencyId: string | null;
  programIds: string[];
  signedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  status: AgreementStatus;
  parentAgreementId: string | null;
  notes: string | null;
}

const fieldNames = [
  'number',
  'partnerId',
  'agencyId',
  'programIds',
  'signedOn',
  'validFrom',
  'validUntil',
  'status',
  'parentAgreementId',
  'notes',
] as const satisfies readonly (keyof AgreementFields)[];

function storedFields(db: Db, id: string): AgreementFields | null {
  const row = db.get<Omit<AgreementFields, 'programIds'> & { programIds: string } | undefined>(sql`
    SELECT number, partner_id AS partnerId, agency_id AS agencyId, signed_on AS signedOn,
           valid_from AS validFrom, valid_until AS validUntil, status,
           parent_agreement_id AS parentAgreementId, notes,
           (SELECT json_group_array(program_id) FROM (
              SELECT program_id FROM agreement_program WHERE agreement_id = agreement.id ORDER BY program_id)) AS programIds
    FROM agreement WHERE id = ${id} AND deleted_at IS NULL`);
  return row ? { ...row, programIds: JSON.parse(row.programIds) as string[] } : null;
}


/**
 * Checks an agreement as it would be stored: the partner exists (and is active when it is new
 * to this agreement), the number is unique for the partner, the SKPD and programs exist, the
 * dates are in order, a signed PKS has its signing date, and the parent is an agreement of the
 * same partner that is not this one or one of its addenda.
 */
function validate(db: Db, next: AgreementFields, id: string | null, partnerIsNew: boolean): void {
  const partner = db.get<{ name: string; inactive: Flag } | undefined>(sql`
    SELECT name, (archived_at IS NOT NULL OR merged_into_id IS NOT NULL) AS inactive
    FROM partner WHERE id = ${next.partnerId} AND deleted_at IS NULL`);
  if (!partner) throw new AppError('not_found', { what: 'mitra', id: next.partnerId });
  if (partnerIsNew && partner.inactive === 1) throw new AppError('partner_inactive', { name: partner.name });
  const taken = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM agreement
    WHERE partner_id = ${next.partnerId} AND lower(number) = lower(${next.number}) AND deleted_at IS NULL
      AND id IS NOT ${id}`).n;
  if (taken > 0) throw new AppError('agreement_number_taken', { number: next.number, partner: partner.name });
  if (next.agencyId !== null) {
    const found = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM agency WHERE id = ${next.agencyId}`).n;
    if (found === 0) throw new AppError('not_found', { what: 'SKPD', id: next.agencyId });
  }
  for (const programId of next.programIds) {
    const found = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM program WHERE id = ${programId}`).n;
    if (found === 0) throw new AppError('not_found', { what: 'program', id: programId });
  }
  if (next.validFrom !== null && next.validUntil !== null && next.validFrom > next.validUntil) {
    throw new AppError('agreement_dates_invalid', { validFrom: next.validFrom, validUntil: next.validUntil });
  }
  if (next.status === 'signed' && next.signedOn === null) throw new AppError('agreement_signed_on_required', { number: next.number });
  if (next.parentAgreementId !== null) {
    const parent = db.get<{ number: string; partnerId: string } | undefined>(sql`
      SELECT number, partner_id AS partnerId FROM agreement WHERE id = ${next.parentAgreementId} AND deleted_at IS NULL`);
    if (!parent) throw new AppError('not_found', { what: 'PKS induk', id: next.parentAgreementId });
    if (parent.partnerId !== next.partnerId) throw new AppError('agreement_parent_other_partner', { parent: parent.number });
    if (id !== null) {
      // Walking up from the new parent must never reach this agreement.
      const cycle = db.get<{ n: number }>(sql`
        WITH RECURSIVE up(id, depth) AS (
          SELECT ${next.parentAgreementId}, 0
          UNION SELECT a.parent_agreement_id, up.depth + 1 FROM agreement a JOIN up ON a.id = up.id
          WHERE a.parent_agreement_id IS NOT NULL AND up.depth < 1000)
        SELECT count(*) AS n FROM up WHERE id = ${id}`).n;
      if (cycle > 0) throw new AppError('agreement_parent_cycle', { number: next.number });
    }
  }
  if (id !== null) {
    const child = db.get<{ number: string } | undefined>(sql`
      SELECT number FROM agreement WHERE parent_agreement_id = ${id} AND deleted_at IS NULL AND partner_id <> ${next.partnerId} LIMIT 1`);
    if (child) throw new AppError('agreement_parent_other_partner', { parent: next.number });
  }
}

function replacePrograms(db: Db, agreementId: string, programIds: readonly string[]): void {
  db.delete(agreementProgram).where(sql`${agreementProgram.agreementId} = ${agreementId}`).run();
  for (const programId of programIds) db.insert(agreementProgram).values({ agreementId, programId }).run();
}

const uniqueSorted = (ids: readonly string[]) => [...new Set(ids)].sort();

/** Records a new PKS (or addendum) with its programs, audited and queued for sync. */
export function createAgreement(deps: CoreDeps, input: ParsedInput<'agreement:create'>, ctx: CallContext): AgreementDetail {
  const { db } = deps;
  const fields: AgreementFields = {
    number: input.number,
    partnerId: input.partnerId,
    agencyId: input.agencyId,
    programIds: uniqueSorted(input.programIds),
    signedOn: input.signedOn,
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    status: input.status ?? (input.signedOn !== null ? 'signed' : 'draft'),
    parentAgreementId: input.parentAgreementId,
    notes: input.notes === null || input.notes.trim() === '' ? null : input.notes,
  };
  const id = newId();
  inTransaction(db, () => {
    validate(db, fields, null, true);
    const { programIds, ...columns } = fields;
    db.insert(agreement)
      .values({ ...columns, id, createdAt: deps.clock.now().toISOString(), hlc: deps.hlc.tick(), createdBy: ctx.actor })
      .run();
    replacePrograms(db, id, programIds);
    const changes = Object.fromEntries(
      fieldNames.filter((name) => !sameValue(fields[name], null) && !sameValue(fields[name], [])).map((name) => [name, [null, fields[name]]]),
    );
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'create', tableName: 'agreement', recordId: id, changes },
      { tableName: 'agreement', recordId: id, op: 'upsert', payload: { ...fields } },
    );
  });
  return getAgreement(deps, id);
}

/** Changes the given fields of an agreement; only fields that really change are written and audited. */
export function updateAgreement(deps: CoreDeps, input: ParsedInput<'agreement:update'>, ctx: CallContext): AgreementDetail {
  const { db } = deps;
  inTransaction(db, () => {
    const before = storedFields(db, input.id);
    if (!before) throw new AppError('not_found', { what: 'PKS', id: input.id });
    const next: AgreementFields = { ...before };
    if (input.number !== undefined) next.number = input.number;
    if (input.partnerId !== undefined) next.partnerId = input.partnerId;
    if (input.agencyId !== undefined) next.agencyId = input.agencyId;
    if (input.programIds !== undefined) next.programIds = uniqueSorted(input.programIds);
    if (input.signedOn !== undefined) next.signedOn = input.signedOn;
    if (input.validFrom !== undefined) next.validFrom = input.validFrom;
    if (input.validUntil !== undefined) next.validUntil = input.validUntil;
    if (input.status !== undefined) next.status = input.status;
    if (input.parentAgreementId !== undefined) next.parentAgreementId = input.parentAgreementId;
    if (input.notes !== undefined) next.notes = input.notes === null || input.notes.trim() === '' ? null : input.notes;
    const changed = fieldNames.filter((name) => !sameValue(before[name], next[name]));
    if (changed.length === 0) return;
    validate(db, next, input.id, next.partnerId !== before.partnerId);
    const { programIds: _programs, ...columns } = next;
    const set = Object.fromEntries(changed.filter((name) => name !== 'programIds').map((name) => [name, columns[name as keyof typeof columns]]));
    db.update(agreement)
      .set({ ...set, hlc: deps.hlc.tick() })
      .where(sql`${agreement.id} = ${input.id}`)
      .run();
    if (changed.includes('programIds')) replacePrograms(db, input.id, next.programIds);
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: 'update',
        tableName: 'agreement',
        recordId: input.id,
        changes: updatedChanges(before, next, changed),
      },
      { tableName: 'agreement', recordId: input.id, op: 'upsert', payload: Object.fromEntries(changed.map((name) => [name, next[name]])) },
    );
  });
  return getAgreement(deps, input.id);
}
