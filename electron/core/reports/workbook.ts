import { translator } from '../../api/i18n';
import type { FestivalReport } from '../../api/procedures/reports';
import type { CellValue, ColumnType, ExportColumn } from '../exports/cells';
import { type DataSheet, manifestContent, writeWorkbook } from '../exports/workbook';

/**
 * The report as a workbook: one sheet per section, in the report's language, then the export's
 * `Manifest` and integrity sheet (`exports/workbook.ts`), so `ksbb verify` checks it like any
 * export. Every cell comes from the same figures the PDF shows.
 */

type Spec<T> = [ExportColumn, (row: T) => CellValue][];

function sheet<T>(name: string, spec: Spec<T>, rows: readonly T[]): DataSheet {
  return { name, columns: spec.map(([c]) => c), rows: rows.map((row) => spec.map(([, value]) => value(row))) };
}

export interface ReportManifestFacts {
  reportId: string;
  appVersion: string;
  databaseId: string;
  actor: string;
}

export function writeFestivalWorkbook(report: FestivalReport, facts: ReportManifestFacts): Buffer {
  const t = translator(report.params.lang);
  const h = (key: string) => t(`reports.col.${key}`);
  const col = (key: string, type: ColumnType, width: number): ExportColumn => ({ header: h(key), type, width });
  const yesNo = (value: boolean) => t(value ? 'recaps.export.yes' : 'recaps.export.no');
  const { totals } = report;

  const summary: [string, number | null, number | null][] = [
    [t('reports.stat.collaborators'), totals.collaborators, null],
    [t('reports.stat.aggregators'), totals.aggregators, null],
    [t('reports.stat.targets'), totals.targets, null],
    [t('reports.stat.distributions'), totals.distributions, null],
    [t('reports.stat.kota'), totals.kota, null],
    [t('reports.stat.kecamatan'), totals.kecamatan, null],
    [t('reports.stat.kelurahan'), totals.kelurahan, null],
    [t('reports.stat.rw'), totals.rw, null],
    [t('reports.stat.pledgedRupiah'), null, totals.rupiahPledged],
    [t('reports.stat.realisedRupiah'), null, totals.rupiahRealised],
    [t('reports.stat.transferred'), null, totals.rupiahTransferred],
  ];
  const items = report.programs.flatMap((p) => p.items.map((item) => ({ program: p.program, ...item })));
  const ranked = report.programs.flatMap((p) => [
    ...p.topCollaborators.map((c, i) => ({ program: p.program, rank: i + 1 as number | null, name: c.name, distributions: c.distributions, rupiah: c.rupiahRealised, delivered: c.items.map((it) => `${it.itemType}: ${it.realised} ${it.unit}`).join('; ') })),
    ...(p.otherCollaborators
      ? [{ program: p.program, rank: null, name: t('reports.program.others', { count: p.otherCollaborators.count }), distributions: p.otherCollaborators.distributions, rupiah: p.otherCollaborators.rupiahRealised, delivered: '' }]
      : []),
  ]);
  const transfers = report.programs.flatMap((p) => p.transfers.map((tr) => ({ program: p.program, ...tr })));
  interface WilayahRow {
    code: string;
    name: string;
    kota: string | null;
    distributions: number;
    kelurahan: number;
    kelurahanTotal: number;
    rw: number;
    rupiah: number;
    itemType: string | null;
    unit: string | null;
    realised: number | null;
    need: number | null;
    coverage: number | null;
  }
  const wilayahRows = (level: 'kota' | 'kecamatan'): WilayahRow[] =>
    report.wilayah[level].flatMap((line): WilayahRow[] => {
      const base = { code: line.code, name: line.name, kota: line.kota, distributions: line.distributions, kelurahan: line.kelurahan, kelurahanTotal: line.kelurahanTotal, rw: line.rw, rupiah: line.rupiahRealised };
      return line.items.length === 0
        ? [{ ...base, itemType: null, unit: null, realised: null, need: null, coverage: null }]
        : line.items.map((it) => ({ ...base, itemType: it.itemType, unit: it.unit, realised: it.realised, need: it.need, coverage: it.coverage }));
    });
  const wilayahSpec = (level: 'kota' | 'kecamatan'): Spec<WilayahRow> => [
    [col('code', 'text', 14), (r) => r.code],
    ...(level === 'kecamatan' ? ([[col('kota', 'text', 26), (r) => r.kota]] as Spec<WilayahRow>) : []),
    [col(level, 'text', 26), (r) => r.name],
    [col('distributions', 'integer', 12), (r) => r.distributions],
    [col('kelurahanReached', 'integer', 14), (r) => r.kelurahan],
    [col('kelurahanTotal', 'integer', 14), (r) => r.kelurahanTotal],
    [col('rw', 'integer', 10), (r) => r.rw],
    [col('itemType', 'text', 26), (r) => r.itemType],
    [col('unit', 'text', 10), (r) => r.unit],
    [col('realised', 'integer', 14), (r) => r.realised],
    [col('need', 'integer', 14), (r) => r.need],
    [col('coverage', 'percent', 10), (r) => r.coverage],
    [col('value', 'rupiah', 20), (r) => r.rupiah],
  ];
  const unverified = new Set(report.notes.unverifiedPartners.map((p) => p.partnerId));
  const partners = report.acknowledgements.flatMap((g) => g.partners.map((p) => ({ kind: t(`partners.entityKind.${g.entityKind}`), ...p })));
  const { notes } = report;
  const noteLines: [string, string][] = [
    [t('reports.xlsx.basis'), t(`reports.basis.${notes.basis}`)],
    [t('reports.xlsx.importedRecords'), String(notes.importedRecords)],
    [t('reports.xlsx.typedRecords'), String(notes.typedRecords)],
    [t('reports.xlsx.rowsRejectedAtImport'), String(notes.rowsRejectedAtImport)],
    [t('reports.xlsx.distributionsRejected'), String(notes.distributionsRejected)],
    [t('reports.xlsx.distributionsRejectedNotResubmitted'), notes.distributionsRejectedNotResubmitted === null ? '–' : String(notes.distributionsRejectedNotResubmitted)],
    [t('reports.xlsx.distributionsNotVerified'), String(notes.distributionsNotVerified)],
    [t('reports.xlsx.unverifiedPartners'), notes.unverifiedPartners.map((p) => p.name).join('; ')],
    [t('reports.xlsx.openConflicts'), String(notes.openConflicts)],
  ];

  const sheets: DataSheet[] = [
    sheet(t('reports.xlsx.sheet.summary'), [[col('measure', 'text', 40), (r) => r[0]], [col('count', 'integer', 14), (r) => r[1]], [col('amount', 'rupiah', 22), (r) => r[2]]], summary),
    sheet(
      t('reports.xlsx.sheet.programs'),
      [
        [col('program', 'text', 16), (r) => r.program],
        [col('itemType', 'text', 26), (r) => r.itemType],
        [col('unit', 'text', 10), (r) => r.unit],
        [col('collaborators', 'integer', 12), (r) => r.collaborators],
        [col('aggregators', 'integer', 12), (r) => r.aggregators],
        [col('targets', 'integer', 12), (r) => r.targets],
        [col('need', 'integer', 14), (r) => r.need],
        [col('pledged', 'integer', 14), (r) => r.pledged],
        [col('realised', 'integer', 14), (r) => r.realised],
        [col('coverage', 'percent', 10), (r) => r.coverage],
        [col('pledgedRupiah', 'rupiah', 20), (r) => r.rupiahPledged],
        [col('realisedRupiah', 'rupiah', 20), (r) => r.rupiahRealised],
      ],
      items,
    ),
    sheet(
      t('reports.xlsx.sheet.top'),
      [
        [col('program', 'text', 16), (r) => r.program],
        [col('rank', 'integer', 8), (r) => r.rank],
        [col('collaborator', 'text', 40), (r) => r.name],
        [col('distributions', 'integer', 12), (r) => r.distributions],
        [col('value', 'rupiah', 20), (r) => r.rupiah],
        [col('delivered', 'text', 60), (r) => r.delivered],
      ],
      ranked,
    ),
    sheet(
      t('reports.xlsx.sheet.transfers'),
      [
        [col('program', 'text', 16), (r) => r.program],
        [col('aggregator', 'text', 36), (r) => r.aggregator],
        [col('donors', 'integer', 10), (r) => r.donors],
        [col('transfers', 'integer', 10), (r) => r.transfers],
        [col('amount', 'rupiah', 22), (r) => r.rupiah],
      ],
      transfers,
    ),
    sheet(t('reports.xlsx.sheet.kota'), wilayahSpec('kota'), wilayahRows('kota')),
    sheet(t('reports.xlsx.sheet.kecamatan'), wilayahSpec('kecamatan'), wilayahRows('kecamatan')),
    sheet(
      t('reports.xlsx.sheet.partners'),
      [
        [col('entityKind', 'text', 24), (r) => r.kind],
        [col('partner', 'text', 44), (r) => r.name],
        [col('isCollaborator', 'text', 12), (r) => yesNo(r.collaborator)],
        [col('isAggregator', 'text', 12), (r) => yesNo(r.aggregator)],
        [col('verified', 'text', 12), (r) => yesNo(!unverified.has(r.partnerId))],
      ],
      partners,
    ),
    sheet(t('reports.xlsx.sheet.notes'), [[col('note', 'text', 44), (r) => r[0]], [col('detail', 'text', 80), (r) => r[1]]], noteLines),
    sheet(
      t('reports.xlsx.sheet.sources'),
      [
        [col('batch', 'text', 38), (r) => r.id],
        [col('file', 'text', 36), (r) => r.fileName],
        [col('kind', 'text', 16), (r) => t(`imports.kind.${r.kind}`)],
        [col('importedAt', 'text', 24), (r) => r.importedAt],
        [col('rowsImported', 'integer', 12), (r) => r.rowsImported],
        [col('rowsRejected', 'integer', 12), (r) => r.rowsRejected],
        [col('sha256', 'text', 66), (r) => r.sha256],
      ],
      notes.sources,
    ),
  ];

  const f = (key: string) => t(`recaps.export.manifest.filter.${key}`);
  const { params } = report;
  const head = { generatedAt: report.generatedAt, appVersion: facts.appVersion, databaseId: facts.databaseId, actor: facts.actor, kind: `${t('reports.cover.title')} (festival)` };
  const manifest = manifestContent(
    t,
    head,
    [
      [t('reports.xlsx.reportId'), facts.reportId],
      [f('from'), params.from],
      [f('to'), params.to],
      [f('programId'), params.programIds.length === 0 ? t('reports.allPrograms') : report.programs.map((p) => `${p.program} (${p.programId})`).join(', ')],
      [t('reports.xlsx.basis'), t(`reports.basis.${params.basis}`)],
      [t('reports.xlsx.secretariat'), report.secretariat],
    ],
    notes.sources.map((s) => ({ id: s.id, fileName: s.fileName, sha256: s.sha256, importedAt: s.importedAt })),
  );
  return writeWorkbook(sheets, manifest).bytes;
}
