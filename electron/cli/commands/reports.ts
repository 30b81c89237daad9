import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { formatDate } from '../../api/format';
import { type FestivalRequest, type IssuedReport, type ReportBasis, reportBases } from '../../api/procedures/reports';
import { listOption, type ParsedCommandLine, stringOption, UsageError } from '../args';
import { dateOption, programId } from './recaps';
import { command, EXIT_OK } from './types';

/**
 * `ksbb report festival [--year YYYY | --from DATE --to DATE] [--program NAME ...] [--lang id|en]
 * [--basis terverifikasi|dilaporkan] [--pdf FILE.pdf] [--xlsx FILE.xlsx] [--json]` issues (freezes) the Festival Kolaborasi report;
 * `--json` prints its figures, the structure the template renders. `ksbb report list` lists the
 * issued ones. The period defaults to the current calendar year (KSBB_NOW fixes "current").
 */

function fileOption(cl: ParsedCommandLine, name: 'pdf' | 'xlsx'): string | null {
  const value = stringOption(cl, name);
  if (value === undefined) return null;
  if (extname(value).toLowerCase() !== `.${name}`) throw new UsageError(name === 'pdf' ? 'reports.cli.badPdf' : 'reports.cli.badXlsx', { value }, cl.lang);
  return resolve(value);
}

function periodOf(cl: ParsedCommandLine): { year?: number; from?: string; to?: string } {
  const yearText = stringOption(cl, 'year');
  const from = dateOption(cl, 'from');
  const to = dateOption(cl, 'to');
  if (yearText !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('reports.cli.yearOrPeriod', {}, cl.lang);
  if (yearText !== undefined) {
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(year >= 2000 && year <= 2100)) throw new UsageError('reports.cli.badYear', { value: yearText }, cl.lang);
    return { year };
  }
  if ((from === undefined) !== (to === undefined)) throw new UsageError('reports.cli.periodIncomplete', {}, cl.lang);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError('recaps.cli.badPeriod', { from, to }, cl.lang);
  return from === undefined ? {} : { from, to };
}

const periodText = (report: IssuedReport) =>
  report.params.year !== null ? String(report.params.year) : `${formatDate(report.params.from, report.params.lang)} – ${formatDate(report.params.to, report.params.lang)}`;

export const reportCommands = {
  'report festival': command({
    prepare: (cl) => {
      const basis = stringOption(cl, 'basis') ?? 'terverifikasi';
      if (!(reportBases as readonly string[]).includes(basis)) throw new UsageError('reports.cli.badBasis', { value: basis }, cl.lang);
      return { period: periodOf(cl), programs: listOption(cl, 'program'), basis: basis as ReportBasis, pdf: fileOption(cl, 'pdf'), xlsx: fileOption(cl, 'xlsx') };
    },
    run: async ({ deps, cl, io, t, output, handlers, actor }, plan) => {
      const programIds = plan.programs.map((name) => programId(deps, cl, name) as string);
      const period = plan.period.year === undefined && plan.period.from === undefined ? { year: deps.clock.now().getUTCFullYear() } : plan.period;
      const request: FestivalRequest = { ...period, programIds, lang: cl.lang, basis: plan.basis };
      const ctx = { actor, lang: cl.lang };
      const { report, figures } = await handlers['report:festival'](request, ctx);
      for (const [format, path] of [['pdf', plan.pdf], ['xlsx', plan.xlsx]] as const) {
        if (path === null) continue;
        const file = await handlers['report:file']({ id: report.id, format }, ctx);
        writeFileSync(path, Buffer.from(file.contentBase64, 'base64'));
        io.stderr.write(`${t('reports.cli.written', { path })}\n`);
      }
      const issued = t('reports.cli.issued', { id: report.id, period: periodText(report), pdf: report.pdfSha256, xlsx: report.xlsxSha256 });
      if (cl.json) io.stderr.write(`${issued}\n`);
      output(figures, issued);
      return EXIT_OK;
    },
  }),
  'report list': command({
    prepare: () => null,
    run: async ({ cl, t, output, handlers, actor }) => {
      const { reports } = await handlers['report:list']({}, { actor, lang: cl.lang });
      const lines = reports.map((r) => [r.id, r.issuedAt, r.issuedBy, periodText(r), r.params.programIds.join(', ') || t('reports.allPrograms')].join(' | '));
      output({ reports }, reports.length === 0 ? t('reports.cli.none') : [t('reports.cli.listHeader'), ...lines].join('\n'));
      return EXIT_OK;
    },
  }),
};
