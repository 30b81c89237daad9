import { desc, eq } from 'drizzle-orm';
import { festivalReport } from '../../../db/schema/reports';
import { AppError } from '../../api/errors';
import { translator } from '../../api/i18n';
import { type FestivalReport, type FestivalRequest, type FigureChange, festivalParamsSchema, festivalReportSchema, type IssuedReport } from '../../api/procedures/reports';
import { createdChanges, inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { readStored, storeBytes } from '../documents/store';
import { databaseId, fileStamp } from '../exports/service';
import type { MapGeometry } from '../map/geometry';
import { assembleMapModel } from '../map/model';
import { renderMapSvg } from '../map/svg';
import { getSettings } from '../settings/service';
import { compareFigures } from './compare';
import { computeFestivalReport, resolveParams } from './figures';
import { reportFontFaces } from './fonts';
import type { HostServices } from './print';
import { renderFestivalHtml } from './template';
import { writeFestivalWorkbook } from './workbook';

/**
 * Issuing a Festival Kolaborasi report: figures (figures.ts) → HTML (template.tsx) → PDF (the
 * host's printer) and workbook, both files into the content-addressed document store, and the
 * snapshot row with its audit entry in one transaction. Reopening an issued report renders its
 * stored figures, never today's, and lists what has changed in the data since.
 */

export interface ReportDeps {
  core: CoreDeps;
  host: HostServices;
  /** The projected kelurahan boundaries (made once per core, on the first map). */
  geometry: () => MapGeometry;
}

type Row = typeof festivalReport.$inferSelect;

function issuedOf(row: Row): IssuedReport {
  return {
    id: row.id,
    params: festivalParamsSchema.parse(JSON.parse(row.params)),
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
    pdfSha256: row.pdfSha256,
    xlsxSha256: row.xlsxSha256,
    pdfFileName: row.pdfFileName,
    xlsxFileName: row.xlsxFileName,
  };
}

/** The report's HTML: the template with the fonts and the map drawn from the figures' map figures. */
export function festivalHtml(deps: ReportDeps, figures: FestivalReport): string {
  const { map } = figures.wilayah;
  const mapSvg =
    map === null
      ? null
      : renderMapSvg(
          assembleMapModel(deps.geometry(), { item: map.item, regions: map.regions, totals: map.totals }, { measure: 'realised', level: 'kelurahan', filters: map.filters }, figures.params.lang),
          { lang: figures.params.lang, title: false },
        );
  return renderFestivalHtml(figures, { fontFaces: reportFontFaces(deps.core.paths.resourcesDir), mapSvg });
}

/** The figures of `request` as of now, without issuing anything (what a fresh comparison uses). */
export function festivalFigures(deps: ReportDeps, request: FestivalRequest, ctx: CallContext): FestivalReport {
  const { db, clock } = deps.core;
  const params = resolveParams(db, request);
  return computeFestivalReport(db, params, { generatedAt: clock.now().toISOString(), secretariat: getSettings(deps.core).secretariatName }, ctx);
}

export async function issueFestivalReport(deps: ReportDeps, request: FestivalRequest, ctx: CallContext): Promise<{ report: IssuedReport; figures: FestivalReport }> {
  const { core } = deps;
  const { printPdf } = deps.host;
  if (!printPdf) throw new AppError('report_printer_missing', { path: '–' });
  const figures = festivalFigures(deps, request, ctx);
  const pdf = await printPdf(festivalHtml(deps, figures));
  const id = newId();
  const xlsx = writeFestivalWorkbook(figures, { reportId: id, appVersion: core.appVersion, databaseId: databaseId(core.db), actor: ctx.actor });
  const base = `${translator(figures.params.lang)('reports.fileName')}-${figures.params.year ?? `${figures.params.from}_${figures.params.to}`}-${fileStamp(figures.generatedAt)}`;
  const pdfStored = storeBytes(core.paths.documentsDir, pdf);
  const xlsxStored = storeBytes(core.paths.documentsDir, xlsx);
  const row: Row = {
    id,
    params: JSON.stringify(figures.params),
    figures: JSON.stringify(figures),
    pdfSha256: pdfStored.sha256,
    pdfFileName: `${base}.pdf`,
    xlsxSha256: xlsxStored.sha256,
    xlsxFileName: `${base}.xlsx`,
    issuedAt: figures.generatedAt,
    issuedBy: ctx.actor,
  };
  inTransaction(core.db, () => {
    core.db.insert(festivalReport).values(row).run();
    const { figures: _figures, ...audited } = row;
    journalWrite(core, { actor: ctx.actor, action: 'create', tableName: 'festival_report', recordId: id, changes: createdChanges(audited) });
  });
  return { report: issuedOf(row), figures };
}

export function listFestivalReports(core: CoreDeps): IssuedReport[] {
  return core.db.select().from(festivalReport).orderBy(desc(festivalReport.issuedAt), desc(festivalReport.id)).all().map(issuedOf);
}

function findReport(core: CoreDeps, id: string): Row {
  const row = core.db.select().from(festivalReport).where(eq(festivalReport.id, id)).get();
  if (!row) throw new AppError('not_found', { what: 'reports.record', id });
  return row;
}

/** The issued snapshot and its HTML, as stored. */
export function openFestivalReport(deps: ReportDeps, id: string): { report: IssuedReport; figures: FestivalReport; html: string } {
  const row = findReport(deps.core, id);
  const figures = festivalReportSchema.parse(JSON.parse(row.figures));
  return { report: issuedOf(row), figures, html: festivalHtml(deps, figures) };
}

/** How the figures computed now differ from the issued snapshot. */
export function festivalReportChanges(core: CoreDeps, id: string, ctx: CallContext): { changes: FigureChange[]; moreChanges: number } {
  const figures = festivalReportSchema.parse(JSON.parse(findReport(core, id).figures));
  const now = computeFestivalReport(core.db, figures.params, { generatedAt: figures.generatedAt, secretariat: figures.secretariat }, ctx);
  return compareFigures(figures, now);
}

/** One of the issued files, checked against its SHA-256 on the way out. */
export function festivalReportFile(core: CoreDeps, id: string, format: 'pdf' | 'xlsx'): { fileName: string; bytes: Buffer; sha256: string } {
  const row = findReport(core, id);
  const doc = format === 'pdf' ? { sha256: row.pdfSha256, fileName: row.pdfFileName } : { sha256: row.xlsxSha256, fileName: row.xlsxFileName };
  return { fileName: doc.fileName, bytes: readStored(core.paths.documentsDir, doc), sha256: doc.sha256 };
}
