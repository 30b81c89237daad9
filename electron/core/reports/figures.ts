import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { entityKinds } from '../../../db/schema/partners';
import { AppError } from '../../api/errors';
import type { FestivalParams, FestivalReport, FestivalRequest, ProgramSection, ReportBasis, WilayahLine } from '../../api/procedures/reports';
import type { RecapFilters, RecapRow, WilayahRow } from '../../api/procedures/recaps';
import type { CallContext } from '../context';
import { recordBatchIds } from '../exports/service';
import { mapFigures } from '../map/measures';
import { createRecapCache, type RecapCache } from '../recaps/cache';
import { distributionWhere, fundTransferWhere, type ItemTypeInfo, loadItemTypes, pledgeWhere, type Scope } from '../recaps/filters';
import { accumulateByProgram, reachedCounts, toProgramRow } from '../recaps/measures';
import { recapByWilayah } from '../recaps/service';
import { codeLength } from '../regions/codes';

/**
 * The figures of a Festival Kolaborasi report, all from the recap services and their filter
 * fragments (`core/recaps`): per program `accumulateByProgram` over the chosen programs' item
 * types (so distinct counts over several programs are unions, never sums), per wilayah
 * `recapByWilayah`, the map `mapFigures`. What is added here are lists the recaps do not make —
 * the top collaborators, the partners to thank, the data notes — each selected by the same
 * `distributionWhere` / `fundTransferWhere` the recaps count with.
 */

const TOP_COLLABORATORS = 10;

/** The recap filter's verification level of each basis ("terverifikasi" = the secretariat's, the final level). */
const verificationOf: Record<ReportBasis, RecapFilters['verification']> = { terverifikasi: 'diverifikasi_sekretariat', dilaporkan: 'dilaporkan' };

/** The request as a period and program ids; an unknown program is an error naming the valid ones. */
export function resolveParams(db: Db, request: FestivalRequest): FestivalParams {
  const programs = db.all<{ id: string; name: string }>(sql`SELECT id, name FROM program ORDER BY sort_order`);
  for (const id of request.programIds) {
    if (!programs.some((p) => p.id === id)) {
      throw new AppError('report_program_unknown', { value: id, allowed: programs.map((p) => `${p.name} (${p.id})`).join(', ') });
    }
  }
  const year = request.year ?? null;
  const from = year === null ? (request.from as string) : `${year}-01-01`;
  const to = year === null ? (request.to as string) : `${year}-12-31`;
  // Programs in their reference order, each once: the same request always gives the same params.
  const programIds = programs.filter((p) => request.programIds.includes(p.id)).map((p) => p.id);
  return { from, to, year, programIds, lang: request.lang, basis: request.basis };
}

function scopeFor(params: FestivalParams, itemTypes: readonly ItemTypeInfo[]): Scope {
  if (params.programIds.length === 0) return { itemTypeIds: null, programIds: null, regionCode: null };
  return {
    itemTypeIds: itemTypes.filter((it) => params.programIds.includes(it.programId)).map((it) => it.id),
    programIds: params.programIds,
    regionCode: null,
  };
}

const itemFigures = (row: RecapRow) => row.items.map(({ programId: _programId, program: _program, ...figures }) => figures);


interface PartnerItemGroup {
  programId: string;
  partnerId: string;
  name: string;
  itemTypeId: string;
  distributions: number;
  quantity: number;
  rupiah: number;
}

/** Per program: the collaborators by realised value (Rupiah, then deliveries, then name), the top 10 and the rest. */
function rankCollaborators(db: Db, filters: RecapFilters, scope: Scope, itemTypes: ReadonlyMap<string, ItemTypeInfo>) {
  const groups = db.all<PartnerItemGroup>(sql`
    SELECT it.program_id AS programId, distribution.partner_id AS partnerId, p.name, distribution.item_type_id AS itemTypeId,
           count(*) AS distributions, sum(distribution.quantity) AS quantity, coalesce(sum(distribution.value_rupiah), 0) AS rupiah
    FROM distribution JOIN item_type it ON it.id = distribution.item_type_id JOIN partner p ON p.id = distribution.partner_id
    WHERE ${distributionWhere(filters, scope)}
    GROUP BY distribution.partner_id, distribution.item_type_id`);
  type Ranked = ProgramSection['topCollaborators'][number];
  const byProgram = new Map<string, Map<string, Ranked>>();
  for (const g of groups) {
    const partners = byProgram.get(g.programId) ?? new Map<string, Ranked>();
    byProgram.set(g.programId, partners);
    const entry = partners.get(g.partnerId) ?? { partnerId: g.partnerId, name: g.name, distributions: 0, rupiahRealised: 0, items: [] };
    partners.set(g.partnerId, entry);
    entry.distributions += g.distributions;
    entry.rupiahRealised += g.rupiah;
    const info = itemTypes.get(g.itemTypeId);
    if (info && info.measure === 'quantity') entry.items.push({ itemType: info.name, unit: info.unit, realised: g.quantity });
  }
  const order = [...itemTypes.keys()];
  const ranked = new Map<string, { top: Ranked[]; others: ProgramSection['otherCollaborators'] }>();
  for (const [programId, partners] of byProgram) {
    const all = [...partners.values()].sort(
      (a, b) => b.rupiahRealised - a.rupiahRealised || b.distributions - a.distributions || a.name.localeCompare(b.name, 'id'),
    );
    for (const p of all) p.items.sort((a, b) => order.indexOf(a.itemType) - order.indexOf(b.itemType));
    const rest = all.slice(TOP_COLLABORATORS);
    ranked.set(programId, {
      top: all.slice(0, TOP_COLLABORATORS),
      others:
        rest.length === 0
          ? null
          : { count: rest.length, distributions: rest.reduce((s, p) => s + p.distributions, 0), rupiahRealised: rest.reduce((s, p) => s + p.rupiahRealised, 0) },
    });
  }
  return ranked;
}

/** Money handed to aggregators, per program and aggregator. */
function transfersByAggregator(db: Db, filters: RecapFilters, scope: Scope) {
  return db.all<{ programId: string | null; aggregatorId: string; aggregator: string; donors: number; transfers: number; rupiah: number }>(sql`
    SELECT fund_transfer.program_id AS programId, fund_transfer.aggregator_id AS aggregatorId, a.name AS aggregator,
           count(DISTINCT fund_transfer.donor_id) AS donors, count(*) AS transfers, sum(fund_transfer.amount_rupiah) AS rupiah
    FROM fund_transfer JOIN partner a ON a.id = fund_transfer.aggregator_id
    WHERE ${fundTransferWhere(filters, scope)}
    GROUP BY fund_transfer.program_id, fund_transfer.aggregator_id
    ORDER BY rupiah DESC, a.name`);
}

/** Counted distributions per place (region code) and program: deliveries and the wilayah reached. */
function deliveriesByPlace(db: Db, filters: RecapFilters, scope: Scope) {
  return db.all<{ c: string; programId: string; n: number }>(sql`
    SELECT distribution.region_code AS c, it.program_id AS programId, count(*) AS n
    FROM distribution JOIN item_type it ON it.id = distribution.item_type_id
    WHERE ${distributionWhere(filters, scope)}
    GROUP BY distribution.region_code, it.program_id`);
}

/**
 * Kota (or kecamatan) lines: realised and need per item type from `recapByWilayah` (once per
 * chosen program, or once for all of them; item types belong to one program, so the lists join),
 * deliveries and the kelurahan and RW reached from the counted distributions' places.
 */
function wilayahLines(
  db: Db,
  filters: RecapFilters,
  params: FestivalParams,
  level: 'kota' | 'kecamatan',
  places: readonly { c: string; n: number }[],
  ctx: CallContext,
  cache: RecapCache,
): WilayahLine[] {
  const recaps =
    params.programIds.length === 0
      ? [recapByWilayah(db, { filters, level, parentCode: null }, ctx, cache)]
      : params.programIds.map((programId) => recapByWilayah(db, { filters: { ...filters, programId }, level, parentCode: null }, ctx, cache));
  const first = recaps[0] as { rows: WilayahRow[] };
  const length = codeLength[level];
  const kelurahanTotal = new Map(
    db.all<{ c: string; n: number }>(sql`SELECT substr(code, 1, ${length}) AS c, count(*) AS n FROM region WHERE level = 'kelurahan' GROUP BY 1`).map((r) => [r.c, r.n]),
  );
  const kotaName = new Map(db.all<{ code: string; name: string }>(sql`SELECT code, name FROM region WHERE level = 'kota'`).map((r) => [r.code, r.name]));
  return first.rows.map((row, index) => {
    const rows = recaps.map((r) => r.rows[index] as WilayahRow);
    const here = places.filter((p) => p.c.startsWith(row.code));
    const reached = reachedCounts(new Set(here.map((p) => p.c)));
    return {
      code: row.code,
      name: row.name,
      kota: level === 'kota' ? null : (kotaName.get(row.code.slice(0, codeLength.kota)) ?? null),
      distributions: here.reduce((s, p) => s + p.n, 0),
      kelurahan: reached.kelurahan,
      kelurahanTotal: kelurahanTotal.get(row.code) ?? 0,
      rw: reached.rw,
      rupiahRealised: rows.reduce((s, r) => s + r.rupiahRealised, 0),
      items: rows
        .flatMap((r) => r.items)
        .filter((it) => it.measure === 'quantity' && (it.realised > 0 || it.need > 0))
        .map((it) => ({ itemTypeId: it.itemTypeId, itemType: it.itemType, unit: it.unit, realised: it.realised, need: it.need, coverage: it.coverage })),
    };
  });
}

/** Everyone with a counted distribution or a fund transfer in the period, as deliverer or aggregator. */
function acknowledged(db: Db, filters: RecapFilters, scope: Scope) {
  const delivered = distributionWhere(filters, scope);
  const transferred = fundTransferWhere(filters, scope);
  return db.all<{ partnerId: string; name: string; entityKind: string; collaborator: number; aggregator: number; verified: number }>(sql`
    SELECT p.id AS partnerId, p.name, p.entity_kind AS entityKind, max(x.c) AS collaborator, max(x.a) AS aggregator, p.verified
    FROM (
      SELECT DISTINCT distribution.partner_id AS id, 1 AS c, 0 AS a FROM distribution WHERE ${delivered}
      UNION SELECT DISTINCT distribution.aggregator_id, 0, 1 FROM distribution WHERE ${delivered} AND distribution.aggregator_id IS NOT NULL
      UNION SELECT DISTINCT fund_transfer.donor_id, 1, 0 FROM fund_transfer WHERE ${transferred}
      UNION SELECT DISTINCT fund_transfer.aggregator_id, 0, 1 FROM fund_transfer WHERE ${transferred}
    ) x JOIN partner p ON p.id = x.id
    GROUP BY p.id`);
}

/** Where the figures came from and what they cannot show. */
function dataNotes(db: Db, filters: RecapFilters, scope: Scope, params: FestivalParams): Omit<FestivalReport['notes'], 'unverifiedPartners'> {
  const sources = db.all<FestivalReport['notes']['sources'][number]>(sql`
    SELECT id, kind, file_name AS fileName, file_sha256 AS sha256, imported_at AS importedAt,
           rows_imported AS rowsImported, rows_rejected AS rowsRejected
    FROM import_batch WHERE id IN (${recordBatchIds(filters, scope)}) ORDER BY imported_at, id`);
  const counts = (table: string, where: ReturnType<typeof sql>) =>
    db.get<{ n: number; imported: number }>(sql`SELECT count(*) AS n, count(import_batch_id) AS imported FROM ${sql.raw(table)} WHERE ${where}`);
  const records = [counts('pledge', pledgeWhere(filters, scope)), counts('distribution', distributionWhere(filters, scope)), counts('fund_transfer', fundTransferWhere(filters, scope))];
  const imported = records.reduce((s, r) => s + r.imported, 0);
  return {
    basis: params.basis,
    sources,
    importedRecords: imported,
    typedRecords: records.reduce((s, r) => s + r.n, 0) - imported,
    rowsRejectedAtImport: sources.reduce((s, b) => s + b.rowsRejected, 0),
    distributionsRejected: db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM distribution
      WHERE ${distributionWhere(filters, scope, { rejected: true })} AND distribution.verification_status = 'ditolak'`).n,
    distributionsRejectedNotResubmitted: db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM distribution
      WHERE ${distributionWhere(filters, scope, { rejected: true })} AND distribution.verification_status = 'ditolak'
        AND NOT EXISTS (SELECT 1 FROM distribution AS correction WHERE correction.replaces_id = distribution.id AND correction.deleted_at IS NULL)`).n,
    distributionsNotVerified: db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM distribution
      WHERE ${distributionWhere({ ...filters, verification: 'dilaporkan' }, scope)} AND NOT (${distributionWhere(filters, scope)})`).n,
    openConflicts: db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sync_conflict WHERE resolved_at IS NULL`).n,
  };
}

/** Every figure of the report for `params`, computed now. */
export function computeFestivalReport(db: Db, params: FestivalParams, meta: { generatedAt: string; secretariat: string }, ctx: CallContext): FestivalReport {
  const filters: RecapFilters = { from: params.from, to: params.to, channel: 'all', verification: verificationOf[params.basis] };
  const itemTypes = loadItemTypes(db);
  const scope = scopeFor(params, itemTypes);
  const byId = new Map(itemTypes.map((it) => [it.id, it]));
  const inScope = scope.itemTypeIds === null ? itemTypes : itemTypes.filter((it) => scope.itemTypeIds?.includes(it.id));
  const acc = accumulateByProgram(db, filters, scope, byId);
  const agencies = new Map(db.all<{ id: string; agency: string | null }>(sql`SELECT program.id, agency.short_name AS agency FROM program LEFT JOIN agency ON agency.id = program.agency_id`).map((r) => [r.id, r.agency]));
  const places = deliveriesByPlace(db, filters, scope);
  const ranked = rankCollaborators(db, filters, scope, byId);
  const transfers = transfersByAggregator(db, filters, scope);
  const programs = [...new Map(inScope.map((it) => [it.programId, it.program])).entries()].map(([programId, name]): ProgramSection => {
    const row = toProgramRow(programId, name, acc.rows.get(programId), inScope.filter((it) => it.programId === programId));
    const top = ranked.get(programId);
    return {
      programId,
      program: name,
      agency: agencies.get(programId) ?? null,
      collaborators: row.collaborators,
      aggregators: row.aggregators,
      targets: row.targets,
      rupiahPledged: row.rupiahPledged,
      rupiahRealised: row.rupiahRealised,
      rupiahTransferred: row.rupiahTransferred ?? 0,
      distributions: places.filter((p) => p.programId === programId).reduce((s, p) => s + p.n, 0),
      items: itemFigures(row),
      topCollaborators: top?.top ?? [],
      otherCollaborators: top?.others ?? null,
      transfers: transfers
        .filter((t) => t.programId === programId)
        .map(({ aggregatorId, aggregator, donors, transfers: n, rupiah }) => ({ aggregatorId, aggregator, donors, transfers: n, rupiah })),
    };
  });
  const totalsRow = toProgramRow('', '', acc.totals, inScope);
  const reached = reachedCounts(acc.places);
  const distributions = places.reduce((s, p) => s + p.n, 0);
  const empty = distributions === 0 && totalsRow.items.every((it) => it.pledged === 0) && (totalsRow.rupiahTransferred ?? 0) === 0;

  // The map draws the programme's most delivered item: of the one program asked for, else of every program in scope.
  const mapProgram =
    params.programIds.length === 1
      ? params.programIds[0]
      : params.programIds.length > 1
        ? [...programs].sort((a, b) => b.distributions - a.distributions)[0]?.programId
        : undefined;
  const mapFilters: RecapFilters = { ...filters, programId: mapProgram };
  // One memo for the three wilayah recaps (kota, kecamatan, the map's kelurahan): the records are summed per place once.
  const cache = createRecapCache();
  const map = distributions === 0 ? null : { filters: mapFilters, ...mapFigures(db, mapFilters, 'kelurahan', ctx, cache) };

  const partners = acknowledged(db, filters, scope);
  const kinds = [...entityKinds] as string[];
  const acknowledgements = kinds
    .map((entityKind) => ({
      entityKind,
      partners: partners
        .filter((p) => p.entityKind === entityKind)
        .sort((a, b) => a.name.localeCompare(b.name, 'id'))
        .map((p) => ({ partnerId: p.partnerId, name: p.name, collaborator: p.collaborator === 1, aggregator: p.aggregator === 1 })),
    }))
    .filter((group) => group.partners.length > 0);

  return {
    params,
    generatedAt: meta.generatedAt,
    secretariat: meta.secretariat,
    empty,
    programs,
    totals: {
      collaborators: totalsRow.collaborators,
      aggregators: totalsRow.aggregators,
      targets: totalsRow.targets,
      distributions,
      rupiahPledged: totalsRow.rupiahPledged,
      rupiahRealised: totalsRow.rupiahRealised,
      rupiahTransferred: totalsRow.rupiahTransferred ?? 0,
      ...reached,
    },
    wilayah: {
      kota: wilayahLines(db, filters, params, 'kota', places, ctx, cache),
      kecamatan: wilayahLines(db, filters, params, 'kecamatan', places, ctx, cache),
      map,
    },
    acknowledgements,
    notes: {
      ...dataNotes(db, filters, scope, params),
      unverifiedPartners: partners
        .filter((p) => p.verified === 0)
        .sort((a, b) => a.name.localeCompare(b.name, 'id'))
        .map((p) => ({ partnerId: p.partnerId, name: p.name })),
    },
  };
}
