import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { agreementEffectiveStatus } from '../../../db/queries/agreements';
import { partnerOrder, partnerWhere } from '../../../db/queries/partners';
import { AppError } from '../../api/errors';
import { overlapPartnersText } from '../../api/format';
import { translator } from '../../api/i18n';
import type { AgreementListQuery } from '../../api/procedures/agreements';
import type { ExportFormat, ExportKind } from '../../api/procedures/exports';
import type { PartnerListQuery } from '../../api/procedures/partners';
import type { OpenNeedRow } from '../../api/procedures/verification';
import type { OverlapRow, RecapFilters, RecapItem, RecapLevel, RecapRecord, RecapRow, RecapRowSource, RecapTotals, UnservedRow, WilayahItem, WilayahRow } from '../../api/procedures/recaps';
import { agreementListOrder, agreementListWhere } from '../agreements/service';
import { today as todayOf } from '../agreements/dates';
import type { CallContext, CoreDeps } from '../context';
import { partnerFilterOf } from '../partners/service';
import { distributionWhere, fundTransferWhere, loadItemTypes, needWhere, pledgeWhere, type Scope, scopeOf } from '../recaps/filters';
import { listOverlap, listUnserved } from '../recaps/overlap';
import { allRecords } from '../recaps/records';
import { recapByProgram, recapByWilayah } from '../recaps/service';
import { openTargets } from '../verification/matching';
import type { CellValue, ColumnType, ExportColumn } from './cells';
import { writeCsv } from './csv';
import { type DataSheet, type ManifestBatch, manifestContent, MAX_SHEET_ROWS, writeWorkbook } from './workbook';

/**
 * Every table and recap as a workbook (or CSV): the rows come from the same queries as the
 * screens (`core/recaps`), headers and labels are always Indonesian, and the Manifest names who
 * exported what, when, from which database and which import batches.
 */

export interface ExportRequest {
  kind: ExportKind;
  filters: RecapFilters;
  format: ExportFormat;
  level?: RecapLevel;
  parentCode: string | null;
  partnerList?: PartnerListQuery;
  agreementList?: AgreementListQuery;
}

export interface ExportFile {
  fileName: string;
  bytes: Buffer;
  rows: number;
  sha256: string;
}

/** Exports speak Indonesian whatever the user's UI language (the "Indonesian header row"). */
const t = translator('id');
const header = (key: string) => t(`recaps.export.column.${key}`);
const measure = (key: string) => t(`recaps.measure.${key}`);
const yesNo = (value: number | boolean) => t(value ? 'recaps.export.yes' : 'recaps.export.no');

const col = (label: string, type: ColumnType, width: number): ExportColumn => ({ header: label, type, width });

function sheetOf<T>(name: string, spec: [ExportColumn, (row: T) => CellValue][], rows: readonly T[]): DataSheet {
  return { name, columns: spec.map(([c]) => c), rows: rows.map((row) => spec.map(([, value]) => value(row))) };
}

const provenanceColumns = <T extends { importBatchId: string | null; sourceRow: number | null; createdBy: string }>(): [ExportColumn, (row: T) => CellValue][] => [
  [col(header('importBatchId'), 'text', 38), (r) => r.importBatchId],
  [col(header('sourceRow'), 'integer', 12), (r) => r.sourceRow],
  [col(header('createdBy'), 'text', 22), (r) => r.createdBy],
];

function recordSheet(source: RecapRowSource, records: readonly RecapRecord[]): DataSheet {
  const id: [ExportColumn, (r: RecapRecord) => CellValue] = [col(header('id'), 'text', 38), (r) => r.id];
  const item: [ExportColumn, (r: RecapRecord) => CellValue][] = [
    [col(header('program'), 'text', 16), (r) => r.program],
    [col(header('itemType'), 'text', 26), (r) => r.itemType],
    [col(header('unit'), 'text', 10), (r) => r.unit],
  ];
  const place: [ExportColumn, (r: RecapRecord) => CellValue][] = [
    [col(header('target'), 'text', 32), (r) => r.targetName],
    [col(header('regionCode'), 'text', 19), (r) => r.regionCode],
    [col(header('regionName'), 'text', 24), (r) => r.regionName],
  ];
  const batchFile: [ExportColumn, (r: RecapRecord) => CellValue] = [col(header('importFileName'), 'text', 30), (r) => r.importFileName];
  const [batch, ...rest] = provenanceColumns<RecapRecord>();
  const tail = [batch as [ExportColumn, (r: RecapRecord) => CellValue], batchFile, ...rest];
  const name = t(`recaps.export.sheet.${source}`);
  switch (source) {
    case 'distributions':
    case 'pledges':
      return sheetOf(
        name,
        [
          id,
          [col(header(source === 'distributions' ? 'distributedOn' : 'pledgedOn'), 'date', 14), (r) => r.date],
          [col(header('collaborator'), 'text', 32), (r) => r.partnerName],
          [col(header('aggregator'), 'text', 28), (r) => r.aggregatorName],
          ...item,
          [col(header('quantity'), 'integer', 14), (r) => r.quantity],
          [col(header('valueRupiah'), 'rupiah', 18), (r) => r.valueRupiah],
          ...place,
          ...(source === 'distributions'
            ? [[col(header('verificationStatus'), 'text', 22), (r: RecapRecord) => (r.verificationStatus === null ? null : t(`recaps.verificationStatus.${r.verificationStatus}`))] as [ExportColumn, (r: RecapRecord) => CellValue]]
            : []),
          ...tail,
        ],
        records,
      );
    case 'needs':
      return sheetOf(
        name,
        [
          id,
          [col(header('periodFrom'), 'date', 14), (r) => r.date],
          [col(header('periodTo'), 'date', 14), (r) => r.dateTo],
          ...place,
          ...item,
          [col(header('quantity'), 'integer', 14), (r) => r.quantity],
          ...tail,
        ],
        records,
      );
    case 'fund-transfers':
      return sheetOf(
        name,
        [
          id,
          [col(header('transferredOn'), 'date', 14), (r) => r.date],
          [col(header('donor'), 'text', 32), (r) => r.partnerName],
          [col(header('aggregator'), 'text', 28), (r) => r.aggregatorName],
          [col(header('program'), 'text', 16), (r) => r.program],
          [col(header('amountRupiah'), 'rupiah', 20), (r) => r.quantity],
          ...tail,
        ],
        records,
      );
  }
}

interface PartnerExportRow {
  id: string;
  name: string;
  entityKind: string;
  isCollaborator: number;
  isAggregator: number;
  legalEntityNumber: string | null;
  licenceKind: string | null;
  licenceNumber: string | null;
  licenceIssuer: string | null;
  licenceValidUntil: string | null;
  npwp: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  regionCode: string | null;
  regionName: string | null;
  verified: number;
  archivedAt: string | null;
  programs: string | null;
  importBatchId: string | null;
  sourceRow: number | null;
  createdBy: string;
}

/** Without the list's own filters: every partner, archived ones too (merged ones are tombstones and never listed). */
const everyPartner: PartnerListQuery = { includeArchived: true, direction: 'asc' };

/** The partners the list shows for `query` (`partner:list`'s own filter and order), archived ones with the date. */
function partnerSheet(db: Db, query: PartnerListQuery): DataSheet {
  const rows = db.all<PartnerExportRow>(sql`
    SELECT p.id, p.name, p.entity_kind AS entityKind, p.is_collaborator AS isCollaborator,
           p.is_aggregator AS isAggregator, p.legal_entity_number AS legalEntityNumber, p.licence_kind AS licenceKind,
           p.licence_number AS licenceNumber, p.licence_issuer AS licenceIssuer, p.licence_valid_until AS licenceValidUntil,
           p.npwp, p.contact_name AS contactName, p.phone, p.email, p.address,
           p.region_code AS regionCode, region.name AS regionName, p.verified, p.archived_at AS archivedAt,
           (SELECT group_concat(name, ', ') FROM (SELECT pr.name FROM partner_program pp JOIN program pr ON pr.id = pp.program_id
             WHERE pp.partner_id = p.id ORDER BY pr.sort_order)) AS programs,
           p.import_batch_id AS importBatchId, p.source_row AS sourceRow, p.created_by AS createdBy
    FROM partner p LEFT JOIN region ON region.code = p.region_code
    WHERE ${partnerWhere(partnerFilterOf(query))}
    ORDER BY ${partnerOrder(query.sort ?? 'name', query.direction)}`);
  return sheetOf(
    t('recaps.export.sheet.partners'),
    [
      [col(header('id'), 'text', 38), (r) => r.id],
      [col(header('name'), 'text', 40), (r) => r.name],
      [col(header('entityKind'), 'text', 22), (r) => t(`partners.entityKind.${r.entityKind}`)],
      [col(header('isCollaborator'), 'text', 12), (r) => yesNo(r.isCollaborator)],
      [col(header('isAggregator'), 'text', 12), (r) => yesNo(r.isAggregator)],
      [col(header('legalEntityNumber'), 'text', 36), (r) => r.legalEntityNumber],
      [col(header('licenceKind'), 'text', 30), (r) => (r.licenceKind === null ? null : t(`partners.licenceKind.${r.licenceKind}`))],
      [col(header('licenceNumber'), 'text', 20), (r) => r.licenceNumber],
      [col(header('licenceIssuer'), 'text', 30), (r) => r.licenceIssuer],
      [col(header('licenceValidUntil'), 'date', 14), (r) => r.licenceValidUntil],
      [col(header('npwp'), 'text', 22), (r) => r.npwp],
      [col(header('contactName'), 'text', 24), (r) => r.contactName],
      [col(header('phone'), 'text', 16), (r) => r.phone],
      [col(header('email'), 'text', 30), (r) => r.email],
      [col(header('address'), 'text', 36), (r) => r.address],
      [col(header('regionCode'), 'text', 19), (r) => r.regionCode],
      [col(header('regionName'), 'text', 24), (r) => r.regionName],
      [col(header('verified'), 'text', 12), (r) => yesNo(r.verified)],
      [col(header('archivedAt'), 'text', 24), (r) => r.archivedAt],
      [col(header('programs'), 'text', 30), (r) => r.programs],
      ...provenanceColumns<PartnerExportRow>(),
    ],
    rows,
  );
}

interface AgreementExportRow {
  id: string;
  number: string;
  partnerName: string;
  agencyName: string | null;
  programs: string | null;
  signedOn: string | null;
  validFrom: string | null;
  validUntil: string | null;
  status: string;
  effectiveStatus: string;
  parentNumber: string | null;
  notes: string | null;
  importBatchId: string | null;
  sourceRow: number | null;
  createdBy: string;
}

/** Without the list's own filters: every PKS. */
const everyAgreement: AgreementListQuery = { direction: 'asc' };

/** The PKS the list shows for `query` (`agreement:list`'s own filter and order), with the status as stored and as of today. */
function agreementSheet(deps: CoreDeps, query: AgreementListQuery): DataSheet {
  const today = todayOf(deps.clock);
  const rows = deps.db.all<AgreementExportRow>(sql`
    SELECT agreement.id, agreement.number, partner.name AS partnerName, agency.short_name AS agencyName,
           (SELECT group_concat(name, ', ') FROM (SELECT pr.name FROM agreement_program ap JOIN program pr ON pr.id = ap.program_id
             WHERE ap.agreement_id = agreement.id ORDER BY pr.sort_order)) AS programs,
           agreement.signed_on AS signedOn, agreement.valid_from AS validFrom, agreement.valid_until AS validUntil,
           agreement.status, ${agreementEffectiveStatus(today)} AS effectiveStatus, parent.number AS parentNumber, agreement.notes,
           agreement.import_batch_id AS importBatchId, agreement.source_row AS sourceRow, agreement.created_by AS createdBy
    FROM agreement JOIN partner ON partner.id = agreement.partner_id
    LEFT JOIN agency ON agency.id = agreement.agency_id
    LEFT JOIN agreement parent ON parent.id = agreement.parent_agreement_id
    WHERE ${agreementListWhere(query, today)}
    ORDER BY ${agreementListOrder(query)}`);
  return sheetOf(
    t('recaps.export.sheet.agreements'),
    [
      [col(header('id'), 'text', 38), (r) => r.id],
      [col(header('number'), 'text', 32), (r) => r.number],
      [col(header('partner'), 'text', 36), (r) => r.partnerName],
      [col(header('agency'), 'text', 18), (r) => r.agencyName],
      [col(header('programs'), 'text', 30), (r) => r.programs],
      [col(header('signedOn'), 'date', 14), (r) => r.signedOn],
      [col(header('validFrom'), 'date', 14), (r) => r.validFrom],
      [col(header('validUntil'), 'date', 14), (r) => r.validUntil],
      [col(header('status'), 'text', 16), (r) => t(`agreements.status.${r.status}`)],
      [col(header('effectiveStatus'), 'text', 16), (r) => t(`agreements.status.${r.effectiveStatus}`)],
      [col(header('parentNumber'), 'text', 32), (r) => r.parentNumber],
      [col(header('notes'), 'text', 40), (r) => r.notes],
      ...provenanceColumns<AgreementExportRow>(),
    ],
    rows,
  );
}

type ItemLine = (RecapItem | WilayahItem) & { code: string; name: string };

/** Columns of one item line; the per-item distinct counts only where the recap has them (per program). */
const itemColumns = (distinct: boolean): [ExportColumn, (r: ItemLine) => CellValue][] => [
  [col(measure('program'), 'text', 16), (r) => r.program],
  [col(measure('itemType'), 'text', 26), (r) => r.itemType],
  [col(measure('unit'), 'text', 10), (r) => r.unit],
  ...(distinct
    ? ([
        [col(measure('collaborators'), 'integer', 13), (r) => r.collaborators],
        [col(measure('aggregators'), 'integer', 12), (r) => r.aggregators],
        [col(measure('targets'), 'integer', 12), (r) => r.targets],
      ] as [ExportColumn, (r: ItemLine) => CellValue][])
    : []),
  [col(measure('need'), 'integer', 14), (r) => r.need],
  [col(measure('pledged'), 'integer', 14), (r) => r.pledged],
  [col(measure('realised'), 'integer', 14), (r) => r.realised],
  [col(measure('coverage'), 'percent', 10), (r) => r.coverage],
  [col(measure('rupiahPledged'), 'rupiah', 20), (r) => r.rupiahPledged],
  [col(measure('rupiahRealised'), 'rupiah', 20), (r) => r.rupiahRealised],
];

type SummaryLine = Omit<RecapRow, 'items'> & Partial<Pick<RecapTotals, 'kota' | 'kecamatan' | 'kelurahan' | 'rw'>>;

function summaryColumns(nameHeader: string, transfers: boolean): [ExportColumn, (r: SummaryLine) => CellValue][] {
  return [
    [col(measure('code'), 'text', 19), (r) => r.code],
    [col(nameHeader, 'text', 28), (r) => r.name],
    [col(measure('collaborators'), 'integer', 13), (r) => r.collaborators],
    [col(measure('aggregators'), 'integer', 12), (r) => r.aggregators],
    [col(measure('targets'), 'integer', 12), (r) => r.targets],
    [col(measure('rupiahPledged'), 'rupiah', 20), (r) => r.rupiahPledged],
    [col(measure('rupiahRealised'), 'rupiah', 20), (r) => r.rupiahRealised],
    ...(transfers ? [[col(measure('rupiahTransferred'), 'rupiah', 20), (r: SummaryLine) => r.rupiahTransferred] as [ExportColumn, (r: SummaryLine) => CellValue]] : []),
    [col(measure('kota'), 'integer', 10), (r) => r.kota ?? null],
    [col(measure('kecamatan'), 'integer', 10), (r) => r.kecamatan ?? null],
    [col(measure('kelurahan'), 'integer', 10), (r) => r.kelurahan ?? null],
    [col(measure('rw'), 'integer', 8), (r) => r.rw ?? null],
  ];
}

const itemLines = (rows: readonly (RecapRow | WilayahRow)[]): ItemLine[] => rows.flatMap((row) => row.items.map((item) => ({ ...item, code: row.code, name: row.name })));

/** Where an overlap or unserved line lies and what item it is about. */
const placeAndItemColumns = <T extends Pick<UnservedRow, 'regionCode' | 'regionName' | 'program' | 'itemType' | 'unit'>>(): [ExportColumn, (r: T) => CellValue][] => [
  [col(header('regionCode'), 'text', 19), (r) => r.regionCode],
  [col(header('regionName'), 'text', 24), (r) => r.regionName],
  [col(measure('program'), 'text', 16), (r) => r.program],
  [col(measure('itemType'), 'text', 26), (r) => r.itemType],
  [col(measure('unit'), 'text', 10), (r) => r.unit],
];

function sheetsFor(deps: CoreDeps, request: ExportRequest, ctx: CallContext): DataSheet[] {
  const { db } = deps;
  const { filters } = request;
  switch (request.kind) {
    case 'partners':
      return [partnerSheet(db, request.partnerList ?? everyPartner)];
    case 'agreements':
      return [agreementSheet(deps, request.agreementList ?? everyAgreement)];
    case 'pledges':
    case 'distributions':
    case 'needs':
    case 'fund-transfers':
      return [recordSheet(request.kind, allRecords(db, request.kind, filters))];
    case 'recap-program': {
      const recap = recapByProgram(db, filters, ctx);
      return [
        sheetOf(t('recaps.export.sheet.recap-program'), itemColumns(true), itemLines(recap.rows)),
        sheetOf(t('recaps.export.sheet.recap-program-summary'), summaryColumns(measure('program'), true), [...recap.rows, recap.totals]),
      ];
    }
    case 'recap-wilayah': {
      const recap = recapByWilayah(db, { filters, level: request.level, parentCode: request.parentCode }, ctx);
      return [
        sheetOf(
          t('recaps.export.sheet.recap-wilayah'),
          [[col(measure('code'), 'text', 19), (r) => r.code], [col(t(`level.${recap.level}`), 'text', 26), (r) => r.name], ...itemColumns(false)],
          itemLines(recap.rows),
        ),
        sheetOf(t('recaps.export.sheet.recap-wilayah-summary'), summaryColumns(t(`level.${recap.level}`), false), [...recap.rows, recap.totals]),
      ];
    }
    case 'overlap': {
      const { rows } = listOverlap(db, filters, { offset: 0, limit: MAX_SHEET_ROWS + 1 });
      return [
        sheetOf(
          t('recaps.export.sheet.overlap'),
          [
            [col(header('target'), 'text', 32), (r) => r.targetName],
            ...placeAndItemColumns<OverlapRow>(),
            [col(measure('need'), 'integer', 14), (r) => r.need],
            [col(measure('realised'), 'integer', 14), (r) => r.realised],
            [col(measure('excess'), 'integer', 14), (r) => r.excess],
            [col(measure('reason'), 'text', 24), (r) => t(`recaps.overlapReason.${r.reason}`)],
            [col(measure('explanation'), 'text', 40), (r) => t(`recaps.overlapExplanation.${r.explanation}`)],
            [col(measure('partners'), 'text', 80), (r) => overlapPartnersText(r.partners, String, t)],
          ],
          rows,
        ),
      ];
    }
    case 'open-targets': {
      const { rows } = openTargets(deps, {
        programId: filters.programId,
        itemTypeId: filters.itemTypeId,
        regionCode: request.parentCode ?? undefined,
        level: request.level,
        onlyOpen: false,
      });
      const column = (key: string) => t(`verification.open.columns.${key}`);
      return [
        sheetOf(
          t('verification.open.title'),
          [
            [col(header('regionCode'), 'text', 19), (r: OpenNeedRow) => r.regionCode],
            [col(column('place'), 'text', 32), (r) => r.targetName ?? r.regionName],
            [col(column('pic'), 'text', 32), (r) => [r.picName, r.picRole, r.picPhone].filter(Boolean).join(', ')],
            [col(column('item'), 'text', 26), (r) => r.itemType],
            [col(measure('unit'), 'text', 10), (r) => r.unit],
            [col(column('need'), 'integer', 14), (r) => r.need],
            [col(column('realised'), 'integer', 14), (r) => r.realised],
            [col(column('assigned'), 'integer', 14), (r) => r.assignedOpen],
            [col(column('open'), 'integer', 14), (r) => r.open],
          ],
          rows,
        ),
      ];
    }
    case 'unserved': {
      const { rows } = listUnserved(db, filters, { offset: 0, limit: MAX_SHEET_ROWS + 1 });
      return [
        sheetOf(
          t('recaps.export.sheet.unserved'),
          [
            [col(header('target'), 'text', 32), (r) => r.targetName],
            [col(header('targetKind'), 'text', 18), (r) => t(`partners.targetKind.${r.targetKind}`)],
            ...placeAndItemColumns<UnservedRow>(),
            [col(measure('need'), 'integer', 14), (r) => r.need],
          ],
          rows,
        ),
      ];
    }
  }
}

/** The ids of the import batches of every record a recap's filter and scope select (pledges, counted distributions, needs, fund transfers). */
export function recordBatchIds(f: RecapFilters, scope: Scope): SQL {
  return sql`
    SELECT import_batch_id FROM pledge WHERE ${pledgeWhere(f, scope)}
    UNION SELECT import_batch_id FROM distribution WHERE ${distributionWhere(f, scope)}
    UNION SELECT need.import_batch_id FROM need JOIN target ON target.id = need.target_id WHERE ${needWhere(f, scope)}
    UNION SELECT import_batch_id FROM fund_transfer WHERE ${fundTransferWhere(f, scope)}`;
}

/** The import batches behind what an export shows, from its rows or (for a recap) its sources. */
function batchesBehind(db: Db, request: ExportRequest, sheets: readonly DataSheet[]): ManifestBatch[] {
  let ids: SQL;
  if (request.kind.startsWith('recap-') || request.kind === 'overlap' || request.kind === 'unserved') {
    const scope = scopeOf(request.filters, loadItemTypes(db), request.kind === 'recap-wilayah' ? request.parentCode : null);
    ids = recordBatchIds(request.filters, scope);
  } else {
    const sheet = sheets[0] as DataSheet;
    const at = sheet.columns.findIndex((c) => c.header === header('importBatchId'));
    const found = [...new Set(sheet.rows.map((row) => row[at]).filter((v): v is string => typeof v === 'string'))];
    if (found.length === 0) return [];
    ids = sql.join(found.map((id) => sql`SELECT ${id}`), sql` UNION ALL `);
  }
  return db.all<ManifestBatch>(sql`
    SELECT id, file_name AS fileName, file_sha256 AS sha256, imported_at AS importedAt
    FROM import_batch WHERE id IN (${ids}) ORDER BY imported_at, id`);
}

/** This database's stable id: the sync device id made when it was first opened (`open.ts`). */
export function databaseId(db: Db): string {
  return db.get<{ value: string } | undefined>(sql`SELECT value FROM sync_state WHERE key = 'device_id'`)?.value ?? '';
}

function filterLines(db: Db, request: ExportRequest): [string, string][] {
  const label = (key: string) => t(`recaps.export.manifest.filter.${key}`);
  const named = (query: SQL, id: string) => {
    const name = db.get<{ name: string } | undefined>(query)?.name;
    return name === undefined ? id : `${name} (${id})`;
  };
  const program = (id: string) => named(sql`SELECT name FROM program WHERE id = ${id}`, id);
  const agency = (id: string) => named(sql`SELECT short_name AS name FROM agency WHERE id = ${id}`, id);
  const partner = (id: string) => named(sql`SELECT name FROM partner WHERE id = ${id}`, id);
  const lines: [string, string][] = [];
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined) lines.push([label(key), value]);
  };
  const order = (sort: string, direction: 'asc' | 'desc') => t(`recaps.export.manifest.filter.${direction}`, { column: header(sort) });
  if (request.kind === 'partners') {
    const q = request.partnerList ?? everyPartner;
    add('q', q.q?.trim() || undefined);
    add('role', q.role && t(`partners.role.${q.role}`));
    add('entityKind', q.entityKind && t(`partners.entityKind.${q.entityKind}`));
    add('programId', q.programId && program(q.programId));
    add('verified', q.verified === undefined ? undefined : yesNo(q.verified));
    add('includeArchived', yesNo(q.includeArchived));
    add('sort', order(q.sort ?? 'name', q.direction));
    return lines;
  }
  if (request.kind === 'agreements') {
    const q = request.agreementList ?? everyAgreement;
    add('q', q.q?.trim() || undefined);
    add('partnerId', q.partnerId && partner(q.partnerId));
    add('status', q.status && t(`agreements.status.${q.status}`));
    add('agencyId', q.agencyId && agency(q.agencyId));
    add('programId', q.programId && program(q.programId));
    add('expiringWithinDays', q.expiringWithinDays === undefined ? undefined : String(q.expiringWithinDays));
    add('sort', order(q.sort ?? (q.expiringWithinDays !== undefined ? 'validUntil' : 'number'), q.direction));
    return lines;
  }
  const f = request.filters;
  add('from', f.from);
  add('to', f.to);
  add('programId', f.programId && program(f.programId));
  add('itemTypeId', f.itemTypeId && named(sql`SELECT name FROM item_type WHERE id = ${f.itemTypeId}`, f.itemTypeId));
  add('agencyId', f.agencyId && agency(f.agencyId));
  add('partnerId', f.partnerId && partner(f.partnerId));
  add('channel', t(`recaps.channel.${f.channel}`));
  add('verification', f.verification && f.verification !== 'dilaporkan' ? t(`verification.recap.level.${f.verification}`) : undefined);
  if (request.kind === 'recap-wilayah' || request.kind === 'open-targets') {
    add('level', request.level && t(`level.${request.level}`));
    add('parentCode', request.parentCode ?? undefined);
  }
  return lines;
}

/** `2024-03-15T08:30:00.000Z` → `20240315-083000`. */
export const fileStamp = (iso: string) => iso.slice(0, 19).replaceAll('-', '').replace('T', '-').replaceAll(':', '');

/** Builds the export file; the Manifest's first lines are, in this order, generated at, app version, database id (verification reads them). */
export function exportTable(deps: CoreDeps, request: ExportRequest, ctx: CallContext): ExportFile {
  const sheets = sheetsFor(deps, request, ctx);
  const main = sheets[0] as DataSheet;
  if (main.rows.length > MAX_SHEET_ROWS) throw new AppError('export_too_large', { kind: request.kind, rows: main.rows.length, max: MAX_SHEET_ROWS });
  const generatedAt = deps.clock.now().toISOString();
  const fileName = `ksbb-${request.kind}-${fileStamp(generatedAt)}.${request.format}`;
  let bytes: Buffer;
  if (request.format === 'csv') bytes = writeCsv(main);
  else {
    const head = { generatedAt, appVersion: deps.appVersion, databaseId: databaseId(deps.db), actor: ctx.actor, kind: `${main.name} (${request.kind})` };
    bytes = writeWorkbook(sheets, manifestContent(t, head, filterLines(deps.db, request), batchesBehind(deps.db, request, sheets))).bytes;
  }
  return { fileName, bytes, rows: main.rows.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
