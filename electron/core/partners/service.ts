import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import {
  countPartners,
  pagePartnerIds,
  partnerActivityCounts,
  type PartnerFilter,
  partnerListRows,
  partnerProgramIds,
  type PartnerRecordRow,
} from '../../../db/queries/partners';
import { partner, partnerProgram, program, region } from '../../../db/schema';
import type { EntityKind, LicenceKind } from '../../../db/schema/partners';
import { normalizeEmail, normalizeNpwp, normalizePhone } from '../../api/contact-fields';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { entityKindValues, licenceKindValues, PartnerListQuery } from '../../api/procedures/partners';
import { createdChanges, inTransaction, journalWrite, sameValue, updatedChanges } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { fieldInvalid, fieldRequired, type RecordRef } from '../fields';
import { partnerSearchWords, prefixMatch } from '../search/fts';
import { normalizePartnerName } from './normalize';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The contract keeps its own copies of the enums (the renderer bundles no db code): they must agree.
const _entityKindsAgree: Same<EntityKind, (typeof entityKindValues)[number]> = true;
const _licenceKindsAgree: Same<LicenceKind, (typeof licenceKindValues)[number]> = true;

export type PartnerRecord = Output<'partner:create'>;

/** What a person edits on a partner, after the rules have normalised it. */
export interface PartnerValues {
  name: string;
  entityKind: EntityKind;
  isCollaborator: boolean;
  isAggregator: boolean;
  legalEntityNumber: string | null;
  collectsMoney: boolean;
  licenceKind: LicenceKind | null;
  licenceNumber: string | null;
  licenceIssuer: string | null;
  licenceValidUntil: string | null;
  npwp: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  regionCode: string | null;
  verified: boolean;
  notes: string | null;
  programIds: string[];
}

export const partnerValueKeys = [
  'name',
  'entityKind',
  'isCollaborator',
  'isAggregator',
  'legalEntityNumber',
  'collectsMoney',
  'licenceKind',
  'licenceNumber',
  'licenceIssuer',
  'licenceValidUntil',
  'npwp',
  'contactName',
  'phone',
  'email',
  'address',
  'regionCode',
  'verified',
  'notes',
  'programIds',
] as const satisfies readonly (keyof PartnerValues)[];
type PartnerValueKey = (typeof partnerValueKeys)[number];
const _keysComplete: Same<PartnerValueKey, keyof PartnerValues> = true;

const partnerNotFound = (id: string) => new AppError('not_found', { what: 'partners.record.partner', id });

/** The partner row, or a not_found error naming the id. */
export function partnerRow(db: Db, id: string): PartnerRecordRow {
  const row = db.select().from(partner).where(eq(partner.id, id)).get();
  if (!row) throw partnerNotFound(id);
  return row;
}

function valuesOf(row: PartnerRecordRow, programIds: string[]): PartnerValues {
  return {
    name: row.name,
    entityKind: row.entityKind,
    isCollaborator: row.isCollaborator,
    isAggregator: row.isAggregator,
    legalEntityNumber: row.legalEntityNumber,
    collectsMoney: row.collectsMoney,
    licenceKind: row.licenceKind,
    licenceNumber: row.licenceNumber,
    licenceIssuer: row.licenceIssuer,
    licenceValidUntil: row.licenceValidUntil,
    npwp: row.npwp,
    contactName: row.contactName,
    phone: row.phone,
    email: row.email,
    address: row.address,
    regionCode: row.regionCode,
    verified: row.verified,
    notes: row.notes,
    programIds,
  };
}

/** The full record of a partner as every procedure answers it. */
export function partnerRecord(db: Db, id: string): PartnerRecord {
  const row = partnerRow(db, id);
  const names = db.get<{ regionName: string | null; kotaName: string | null }>(sql`
    SELECT (SELECT name FROM region WHERE code = ${row.regionCode}) AS regionName,
           (SELECT name FROM region WHERE code = substr(${row.regionCode}, 1, 5)) AS kotaName`);
  const { hlc: _hlc, ...rest } = row;
  return { ...rest, ...names, programIds: partnerProgramIds(db, id) };
}

export function getPartner(deps: Pick<CoreDeps, 'db'>, id: string): Output<'partner:get'> {
  return { ...partnerRecord(deps.db, id), counts: partnerActivityCounts(deps.db, id) };
}

/**
 * The rules of a partner, for every transport and import: checks `values` and answers them
 * normalised (phone `+62…`, NPWP with its dots, e-mail domain in lower case, programs once each).
 * Format checks run on the fields in `changed` only, so a record imported before a rule existed
 * can still be edited; the cross-field rules (roles, aggregator data, licence) always hold.
 */
export function checkPartner(db: Db, values: PartnerValues, changed: ReadonlySet<PartnerValueKey>, record: RecordRef<'partner'>): PartnerValues {
  const out: PartnerValues = { ...values, programIds: [...new Set(values.programIds)] };
  if (out.name.trim() === '') throw fieldRequired(record, 'name', 'text');
  out.name = out.name.trim();
  if (!out.isCollaborator && !out.isAggregator) throw fieldRequired(record, 'roles', 'role');
  if (out.isAggregator && out.legalEntityNumber === null) throw fieldRequired(record, 'legalEntityNumber', 'legalEntity');
  if (out.collectsMoney && !out.isAggregator) throw fieldInvalid(record, 'collectsMoney', true, 'onlyAggregator');
  if (out.collectsMoney) {
    for (const field of ['licenceKind', 'licenceNumber', 'licenceIssuer', 'licenceValidUntil'] as const) {
      if (out[field] === null) throw fieldRequired(record, field, 'licence');
    }
  }
  const reformat = <F extends 'npwp' | 'phone' | 'email'>(field: F, normalize: (text: string) => string | null, expected: 'npwp' | 'phone' | 'email') => {
    const value = out[field];
    if (value === null || !changed.has(field)) return;
    const normal = normalize(value);
    if (normal === null) throw fieldInvalid(record, field, value, expected);
    out[field] = normal;
  };
  reformat('npwp', normalizeNpwp, 'npwp');
  reformat('phone', normalizePhone, 'phone');
  reformat('email', normalizeEmail, 'email');
  if (out.regionCode !== null && changed.has('regionCode')) {
    const found = db.select({ code: region.code }).from(region).where(eq(region.code, out.regionCode)).get();
    if (!found) throw fieldInvalid(record, 'regionCode', out.regionCode, 'regionExists');
  }
  if (out.programIds.length > 0 && changed.has('programIds')) {
    const known = new Set(db.select({ id: program.id }).from(program).where(inArray(program.id, out.programIds)).all().map((p) => p.id));
    const unknown = out.programIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw fieldInvalid(record, 'programIds', unknown, 'programExists');
  }
  return out;
}

const sortedPrograms = (db: Db, ids: readonly string[]) => {
  const order = new Map(db.select({ id: program.id, sortOrder: program.sortOrder }).from(program).all().map((p) => [p.id, p.sortOrder]));
  return [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0) || a.localeCompare(b));
};

/** Row columns of the values (programs live in `partner_program`). */
function columnsOf(values: Partial<PartnerValues>): Partial<typeof partner.$inferInsert> {
  const { programIds: _programs, ...columns } = values;
  return columns.name === undefined ? columns : { ...columns, normalizedName: normalizePartnerName(columns.name) };
}

function replacePrograms(db: Db, partnerId: string, programIds: readonly string[]): void {
  db.delete(partnerProgram).where(eq(partnerProgram.partnerId, partnerId)).run();
  for (const programId of programIds) db.insert(partnerProgram).values({ partnerId, programId }).run();
}

export function createPartner(deps: CoreDeps, input: ParsedInput<'partner:create'>, ctx: CallContext): PartnerRecord {
  const { db } = deps;
  const values = checkPartner(db, input, new Set(partnerValueKeys), { kind: 'partner', name: input.name });
  values.programIds = sortedPrograms(db, values.programIds);
  return inTransaction(db, () => {
    const id = newId();
    const createdAt = deps.clock.now().toISOString();
    const columns = columnsOf(values);
    db.insert(partner)
      .values({
        ...(columns as typeof partner.$inferInsert),
        id,
        createdAt,
        hlc: deps.hlc.tick(),
        deletedAt: null,
        archivedAt: null,
        mergedIntoId: null,
        importBatchId: null,
        sourceRow: null,
        createdBy: ctx.actor,
      })
      .run();
    replacePrograms(db, id, values.programIds);
    const changes = createdChanges(values, partnerValueKeys);
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'create', tableName: 'partner', recordId: id, changes },
      { tableName: 'partner', recordId: id, op: 'upsert', payload: { ...columns, programIds: values.programIds, createdAt, createdBy: ctx.actor } },
    );
    return partnerRecord(db, id);
  });
}

/** Refuses any change to a partner merged into another: its records now belong to that one. */
function refuseMerged(row: PartnerRecordRow): void {
  if (row.mergedIntoId !== null) throw new AppError('partner_merged', { name: row.name, id: row.id, into: row.mergedIntoId });
}

/** Changes the given fields; the audit entry records exactly the fields that changed, old → new. */
export function updatePartner(deps: CoreDeps, input: ParsedInput<'partner:update'>, ctx: CallContext): PartnerRecord {
  const { db } = deps;
  const { id, ...given } = input;
  return inTransaction(db, () => {
    const row = partnerRow(db, id);
    refuseMerged(row);
    const before = valuesOf(row, partnerProgramIds(db, id));
    const next: PartnerValues = { ...before };
    const touched = new Set<PartnerValueKey>();
    for (const key of partnerValueKeys) {
      const value = given[key];
      if (value === undefined) continue;
      (next as unknown as Record<string, unknown>)[key] = value;
      if (!sameValue(value, before[key])) touched.add(key);
    }
    const after = checkPartner(db, next, touched, { kind: 'partner', name: row.name });
    after.programIds = sortedPrograms(db, after.programIds);
    const changed = partnerValueKeys.filter((key) =>
      key === 'programIds' ? !sameValue([...after.programIds].sort(), [...before.programIds].sort()) : !sameValue(after[key], before[key]),
    );
    if (changed.length === 0) return partnerRecord(db, id);
    const delta = Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<PartnerValues>;
    const columns = columnsOf(delta);
    if (Object.keys(columns).length > 0) {
      db.update(partner).set({ ...columns, hlc: deps.hlc.tick() }).where(eq(partner.id, id)).run();
    } else {
      db.update(partner).set({ hlc: deps.hlc.tick() }).where(eq(partner.id, id)).run();
    }
    if (changed.includes('programIds')) replacePrograms(db, id, after.programIds);
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: 'update',
        tableName: 'partner',
        recordId: id,
        changes: updatedChanges(before, after, changed),
      },
      { tableName: 'partner', recordId: id, op: 'upsert', payload: { ...columns, ...(changed.includes('programIds') ? { programIds: after.programIds } : {}) } },
    );
    return partnerRecord(db, id);
  });
}

/** Archives (or brings back) a partner: it leaves the lists but keeps its history and records. */
export function archivePartner(deps: CoreDeps, input: ParsedInput<'partner:archive'>, ctx: CallContext): PartnerRecord {
  const { db } = deps;
  return inTransaction(db, () => {
    const row = partnerRow(db, input.id);
    refuseMerged(row);
    if ((row.archivedAt !== null) === input.archived) return partnerRecord(db, input.id);
    const archivedAt = input.archived ? deps.clock.now().toISOString() : null;
    db.update(partner).set({ archivedAt, hlc: deps.hlc.tick() }).where(eq(partner.id, input.id)).run();
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: input.archived ? 'archive' : 'unarchive',
        tableName: 'partner',
        recordId: input.id,
        changes: { archivedAt: [row.archivedAt, archivedAt] },
      },
      { tableName: 'partner', recordId: input.id, op: 'upsert', payload: { archivedAt } },
    );
    return partnerRecord(db, input.id);
  });
}

/** The partner list's filters as SQL filters them (the search text as a full-text match): one reading for the list and its export. */
export function partnerFilterOf(query: PartnerListQuery): PartnerFilter {
  const q = query.q?.trim() ?? '';
  return {
    match: q === '' ? null : prefixMatch(partnerSearchWords(q)),
    role: query.role,
    entityKind: query.entityKind,
    programId: query.programId,
    verified: query.verified,
    includeArchived: query.includeArchived,
  };
}

/** Rows above this many are paged by walking the sort's covering index; fewer are looked up and sorted. */
const SMALL_RESULT = 2000;

/**
 * One page of the partner list, filtered, sorted and counted in SQL (see `db/queries/partners.ts`
 * for the indexes that keep it fast at 100,000 partners).
 */
export function listPartners(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'partner:list'>): Output<'partner:list'> {
  const { db } = deps;
  const filter = partnerFilterOf(input);
  const total = countPartners(db, filter);
  if (total === 0 || input.offset >= total) return { total, rows: [] };
  const ids = pagePartnerIds(db, filter, {
    sort: input.sort ?? 'name',
    direction: input.direction,
    limit: input.limit,
    offset: input.offset,
    walkIndex: total > SMALL_RESULT,
  });
  return { total, rows: partnerListRows(db, ids) };
}
