import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { countTargets, pageTargets, targetActivityCounts, targetRowById } from '../../../db/queries/targets';
import { region, target } from '../../../db/schema';
import type { TargetKind } from '../../../db/schema/targets';
import { normalizePhone } from '../../api/contact-fields';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { targetKindValues } from '../../api/procedures/targets';
import { createdChanges, inTransaction, journalWrite, updatedChanges } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { fieldInvalid, fieldRequired, type RecordRef } from '../fields';
import { codeLength, descendantRange } from '../regions/codes';
import { ensureRw } from '../regions/service';
import { prefixMatch, searchWords } from '../search/fts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _targetKindsAgree: Same<TargetKind, (typeof targetKindValues)[number]> = true;

export type TargetRecord = Output<'target:create'>;

/** What a person edits on a target, once its place is resolved to one region code. */
interface TargetValues {
  kind: TargetKind;
  name: string;
  regionCode: string;
  vulnerableFamilies: number | null;
  picName: string | null;
  picPhone: string | null;
  picRole: string | null;
  notes: string | null;
}
const targetValueKeys = ['kind', 'name', 'regionCode', 'vulnerableFamilies', 'picName', 'picPhone', 'picRole', 'notes'] as const satisfies readonly (keyof TargetValues)[];

const targetNotFound = (id: string) => new AppError('not_found', { what: 'partners.record.target', id });

export function targetRecord(db: Db, id: string): TargetRecord {
  const row = targetRowById(db, id);
  const stored = db.select().from(target).where(eq(target.id, id)).get();
  if (!row || !stored) throw targetNotFound(id);
  const prefixes = [codeLength.kota, codeLength.kecamatan, codeLength.kelurahan, codeLength.rw]
    .filter((length) => length <= row.regionCode.length)
    .map((length) => row.regionCode.slice(0, length));
  const names = new Map(
    prefixes.length === 0
      ? []
      : db
          .select({ code: region.code, name: region.name })
          .from(region)
          .where(inArray(region.code, prefixes))
          .all()
          .map((r) => [r.code, r.name]),
  );
  return {
    ...row,
    notes: stored.notes,
    regionPath: prefixes.flatMap((code) => (names.has(code) ? [{ code, name: names.get(code) as string }] : [])),
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    importBatchId: stored.importBatchId,
    sourceRow: stored.sourceRow,
    deletedAt: stored.deletedAt,
  };
}

export function getTarget(deps: Pick<CoreDeps, 'db'>, id: string): Output<'target:get'> {
  return { ...targetRecord(deps.db, id), counts: targetActivityCounts(deps.db, id) };
}

export function listTargets(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'target:list'>): Output<'target:list'> {
  const { db } = deps;
  const q = input.q?.trim() ?? '';
  const filter = {
    match: q === '' ? null : prefixMatch(searchWords(q)),
    kind: input.kind,
    region: input.regionCode === undefined ? undefined : (() => {
      const [from, to] = descendantRange(input.regionCode);
      return { code: input.regionCode, from, to };
    })(),
  };
  const total = countTargets(db, filter);
  if (total === 0 || input.offset >= total) return { total, rows: [] };
  return {
    total,
    rows: pageTargets(db, filter, { sort: input.sort ?? 'name', direction: input.direction, limit: input.limit, offset: input.offset }),
  };
}

/**
 * The region a target sits in: with an RW number, the RW under the given kelurahan (made the first
 * time it is named); without, the given region, which must exist. Call inside the transaction.
 */
function placeOf(db: Db, record: RecordRef<'target'>, regionCode: string, rw: number | null): { code: string; kelurahanName: string | null } {
  const found = db.select().from(region).where(eq(region.code, regionCode)).get();
  if (rw !== null) {
    if (!found || found.level !== 'kelurahan') throw fieldInvalid(record, 'regionCode', regionCode, 'kelurahanForRw');
    return { code: ensureRw(db, regionCode, rw), kelurahanName: found.name };
  }
  if (!found) throw fieldInvalid(record, 'regionCode', regionCode, 'regionExists');
  return { code: found.code, kelurahanName: null };
}

/** The rules of a target for every transport; answers the values with the PIC phone normalised. */
function checkTarget(values: TargetValues, changed: ReadonlySet<keyof TargetValues>, record: RecordRef<'target'>): TargetValues {
  const out = { ...values };
  if (out.kind === 'rw' && out.regionCode.length !== codeLength.rw) throw fieldRequired(record, 'rw', 'rwRegion');
  if (out.name.trim() === '') throw fieldRequired(record, 'name', 'text');
  out.name = out.name.trim();
  if (out.vulnerableFamilies === null && out.kind === 'rw') throw fieldRequired(record, 'vulnerableFamilies', 'nonNegative');
  if (out.vulnerableFamilies !== null && out.vulnerableFamilies < 0) throw fieldInvalid(record, 'vulnerableFamilies', out.vulnerableFamilies, 'nonNegative');
  if (out.picPhone !== null && changed.has('picPhone')) {
    const phone = normalizePhone(out.picPhone);
    if (phone === null) throw fieldInvalid(record, 'picPhone', out.picPhone, 'phone');
    out.picPhone = phone;
  }
  return out;
}

const rwName = (code: string, kelurahanName: string | null) => `RW ${code.slice(-3)}${kelurahanName ? ` ${kelurahanName}` : ''}`;

export function createTarget(deps: CoreDeps, input: ParsedInput<'target:create'>, ctx: CallContext): TargetRecord {
  const { db } = deps;
  return inTransaction(db, () => {
    const place = placeOf(db, { kind: 'target', name: input.name }, input.regionCode, input.rw);
    const name = input.name ?? (input.kind === 'rw' && place.code.length === codeLength.rw ? rwName(place.code, place.kelurahanName) : '');
    const record: RecordRef<'target'> = { kind: 'target', name };
    const values = checkTarget(
      {
        kind: input.kind,
        name,
        regionCode: place.code,
        vulnerableFamilies: input.vulnerableFamilies,
        picName: input.picName,
        picPhone: input.picPhone,
        picRole: input.picRole,
        notes: input.notes,
      },
      new Set(targetValueKeys),
      record,
    );
    const id = newId();
    const createdAt = deps.clock.now().toISOString();
    db.insert(target)
      .values({ ...values, id, createdAt, hlc: deps.hlc.tick(), deletedAt: null, importBatchId: null, sourceRow: null, createdBy: ctx.actor })
      .run();
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: 'create',
        tableName: 'target',
        recordId: id,
        changes: createdChanges(values, targetValueKeys),
      },
      { tableName: 'target', recordId: id, op: 'upsert', payload: { ...values, createdAt, createdBy: ctx.actor } },
    );
    return targetRecord(db, id);
  });
}

export function updateTarget(deps: CoreDeps, input: ParsedInput<'target:update'>, ctx: CallContext): TargetRecord {
  const { db } = deps;
  return inTransaction(db, () => {
    const stored = db.select().from(target).where(eq(target.id, input.id)).get();
    if (!stored || stored.deletedAt !== null) throw targetNotFound(input.id);
    const record: RecordRef<'target'> = { kind: 'target', name: stored.name };
    const before: TargetValues = {
      kind: stored.kind,
      name: stored.name,
      regionCode: stored.regionCode,
      vulnerableFamilies: stored.vulnerableFamilies,
      picName: stored.picName,
      picPhone: stored.picPhone,
      picRole: stored.picRole,
      notes: stored.notes,
    };
    const next: TargetValues = { ...before };
    if (input.kind !== undefined) next.kind = input.kind;
    if (input.name !== undefined) next.name = input.name ?? '';
    if (input.regionCode !== undefined) next.regionCode = placeOf(db, record, input.regionCode, input.rw ?? null).code;
    if (input.vulnerableFamilies !== undefined) next.vulnerableFamilies = input.vulnerableFamilies;
    if (input.picName !== undefined) next.picName = input.picName;
    if (input.picPhone !== undefined) next.picPhone = input.picPhone;
    if (input.picRole !== undefined) next.picRole = input.picRole;
    if (input.notes !== undefined) next.notes = input.notes;
    const touched = new Set(targetValueKeys.filter((key) => next[key] !== before[key]));
    const after = checkTarget(next, touched, record);
    const changed = targetValueKeys.filter((key) => after[key] !== before[key]);
    if (changed.length === 0) return targetRecord(db, input.id);
    const delta = Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<TargetValues>;
    db.update(target).set({ ...delta, hlc: deps.hlc.tick() }).where(eq(target.id, input.id)).run();
    journalWrite(
      deps,
      {
        actor: ctx.actor,
        action: 'update',
        tableName: 'target',
        recordId: input.id,
        changes: updatedChanges(before, after, changed),
      },
      { tableName: 'target', recordId: input.id, op: 'upsert', payload: delta },
    );
    return targetRecord(db, input.id);
  });
}
