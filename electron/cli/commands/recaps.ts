import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { TFunction } from 'i18next';
import { formatNumber, formatPercent, formatRupiah } from '../../api/format';
import { type ExportFormat, type ExportKind, exportKinds, type VerifyResult } from '../../api/procedures/exports';
import { type RecapFilters, type RecapItem, type RecapLevel, recapLevels, type RecapRow, type RecapTotals, type WilayahItem, type WilayahRow } from '../../api/procedures/recaps';
import { isoDateSchema } from '../../api/schemas';
import type { CoreDeps } from '../../core/context';
import { exportTable } from '../../core/exports/service';
import { verifyWorkbook } from '../../core/exports/verify';
import { recapByProgram, recapByWilayah } from '../../core/recaps/service';
import { existingFile, stringOption, type ParsedCommandLine, UsageError } from '../args';
import { command, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fileCommand } from './types';

/** `ksbb recap`, `ksbb export KIND --out FILE`, `ksbb verify FILE`. */

export function dateOption(cl: ParsedCommandLine, name: 'from' | 'to'): string | undefined {
  const value = stringOption(cl, name);
  if (value !== undefined && !isoDateSchema.safeParse(value).success) throw new UsageError('recaps.cli.badDate', { option: name, value }, cl.lang);
  return value;
}

/** The file to write and its format, from its extension. */
function outOption(cl: ParsedCommandLine, required: boolean): { path: string; format: ExportFormat } | null {
  const value = stringOption(cl, 'out');
  if (value === undefined) {
    if (required) throw new UsageError('recaps.cli.missingOut', {}, cl.lang);
    return null;
  }
  const ext = extname(value).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError('recaps.cli.badOut', { value }, cl.lang);
  return { path: resolve(value), format: ext === '.xlsx' ? 'xlsx' : 'csv' };
}

/** `--program` by id or name, any case ("pangan", "Pangan"). */
export function programId(deps: CoreDeps, cl: ParsedCommandLine, given: string | undefined): string | undefined {
  if (given === undefined) return undefined;
  const programs = deps.db.$client.prepare('SELECT id, name FROM program ORDER BY sort_order').all() as { id: string; name: string }[];
  const wanted = given.trim().toLowerCase();
  const found = programs.find((p) => p.id === wanted || p.name.toLowerCase() === wanted);
  if (!found) throw new UsageError('recaps.cli.unknownProgram', { value: given, allowed: programs.map((p) => p.name).join(', ') }, cl.lang);
  return found.id;
}

type AnyRow = RecapRow | WilayahRow;

/** The fixed JSON shape of one row. */
function jsonRow(row: AnyRow) {
  return {
    code: row.code,
    name: row.name,
    collaborators: row.collaborators,
    aggregators: row.aggregators,
    targets: row.targets,
    items: (row.items as (RecapItem | WilayahItem)[]).map((item) => ({
      program: item.program,
      itemType: item.itemType,
      unit: item.unit,
      need: item.need,
      pledged: item.pledged,
      realised: item.realised,
    })),
    rupiahPledged: row.rupiahPledged,
    rupiahRealised: row.rupiahRealised,
  };
}

function humanTable(by: 'program' | 'wilayah', rows: readonly AnyRow[], totals: AnyRow & Pick<RecapTotals, 'kota' | 'kecamatan' | 'kelurahan' | 'rw'>, t: TFunction): string {
  const lines = [t(by === 'program' ? 'recaps.cli.tableHeaderProgram' : 'recaps.cli.tableHeaderWilayah')];
  for (const row of rows) {
    const head = by === 'program' ? [row.name] : [row.code, row.name];
    lines.push([...head, formatNumber(row.collaborators), formatNumber(row.aggregators), formatNumber(row.targets), formatRupiah(row.rupiahPledged), formatRupiah(row.rupiahRealised)].join(' | '));
    for (const item of row.items as (RecapItem | WilayahItem)[]) {
      if (item.need === 0 && item.pledged === 0 && item.realised === 0) continue;
      lines.push(
        t('recaps.cli.itemLine', {
          itemType: item.itemType,
          unit: item.unit,
          need: formatNumber(item.need),
          pledged: formatNumber(item.pledged),
          realised: formatNumber(item.realised),
          coverage: item.coverage === null ? t('recaps.cli.noCoverage') : formatPercent(item.coverage),
        }),
      );
    }
  }
  lines.push(
    t('recaps.cli.totalsLine', {
      collaborators: formatNumber(totals.collaborators),
      aggregators: formatNumber(totals.aggregators),
      targets: formatNumber(totals.targets),
      kota: formatNumber(totals.kota),
      kecamatan: formatNumber(totals.kecamatan),
      kelurahan: formatNumber(totals.kelurahan),
      rw: formatNumber(totals.rw),
    }),
  );
  return lines.join('\n');
}

function verifyText(result: VerifyResult, t: TFunction): string {
  if (result.status === 'not_ksbb_workbook') {
    return t('recaps.verify.notKsbb', { fileName: result.fileName, reason: t(`recaps.verify.reason.${result.reason ?? 'no_manifest'}`) });
  }
  if (result.status === 'tampered' && result.problem) {
    const problem = t(`recaps.verify.problem.${result.problem.kind}`, { ...result.problem, found: result.problem.found ?? '' });
    return t('recaps.verify.tampered', { fileName: result.fileName, problem });
  }
  return [
    t('recaps.verify.intact', { fileName: result.fileName, generatedAt: result.generatedAt ?? '–', appVersion: result.appVersion ?? '–', databaseId: result.databaseId ?? '–' }),
    ...result.sheets.map((s) => t('recaps.verify.sheetLine', { name: s.name, rows: formatNumber(s.rows), sha256: s.sha256 })),
  ].join('\n');
}

export const recapCommands = {
  recap: command({
    prepare: (cl) => {
      const by = stringOption(cl, 'by');
      if (by === undefined) throw new UsageError('recaps.cli.missingBy', {}, cl.lang);
      if (by !== 'program' && by !== 'wilayah') throw new UsageError('recaps.cli.badBy', { value: by }, cl.lang);
      const level = stringOption(cl, 'level');
      if (level !== undefined && by !== 'wilayah') throw new UsageError('recaps.cli.levelNeedsWilayah', {}, cl.lang);
      if (level !== undefined && !(recapLevels as readonly string[]).includes(level)) throw new UsageError('recaps.cli.badLevel', { value: level }, cl.lang);
      const from = dateOption(cl, 'from');
      const to = dateOption(cl, 'to');
      if (from !== undefined && to !== undefined && from > to) throw new UsageError('recaps.cli.badPeriod', { from, to }, cl.lang);
      return { by: by as 'program' | 'wilayah', level: (level ?? 'kota') as RecapLevel, from, to, program: stringOption(cl, 'program'), out: outOption(cl, false) };
    },
    run: ({ deps, cl, io, t, output, actor }, plan) => {
      const filters: RecapFilters = { from: plan.from, to: plan.to, programId: programId(deps, cl, plan.program), channel: 'all' };
      const ctx = { actor, lang: cl.lang };
      const recap =
        plan.by === 'program' ? recapByProgram(deps.db, filters, ctx) : recapByWilayah(deps.db, { filters, level: plan.level, parentCode: null }, ctx);
      const json = {
        by: plan.by,
        level: plan.by === 'wilayah' ? plan.level : null,
        filters: { from: plan.from ?? null, to: plan.to ?? null, program: filters.programId ?? null },
        rows: recap.rows.map(jsonRow),
        totals: { ...jsonRow(recap.totals), kota: recap.totals.kota, kecamatan: recap.totals.kecamatan, kelurahan: recap.totals.kelurahan, rw: recap.totals.rw },
      };
      if (plan.out) {
        const kind: ExportKind = plan.by === 'program' ? 'recap-program' : 'recap-wilayah';
        const file = exportTable(deps, { kind, filters, format: plan.out.format, level: plan.level, parentCode: null }, ctx);
        writeFileSync(plan.out.path, file.bytes);
        io.stderr.write(`${t('recaps.cli.written', { rows: formatNumber(file.rows), path: plan.out.path, sha256: file.sha256 })}\n`);
      }
      output(json, humanTable(plan.by, recap.rows, recap.totals, t));
      return EXIT_OK;
    },
  }),
  export: command({
    prepare: (cl) => {
      const kind = cl.positionals[0] as string;
      if (!(exportKinds as readonly string[]).includes(kind)) throw new UsageError('recaps.cli.badKind', { value: kind, allowed: exportKinds.join(', ') }, cl.lang);
      return { kind: kind as ExportKind, out: outOption(cl, true) as { path: string; format: ExportFormat } };
    },
    run: ({ deps, cl, t, output, actor }, plan) => {
      const file = exportTable(deps, { kind: plan.kind, filters: { channel: 'all' }, format: plan.out.format, parentCode: null }, { actor, lang: cl.lang });
      writeFileSync(plan.out.path, file.bytes);
      output(
        { kind: plan.kind, format: plan.out.format, path: plan.out.path, rows: file.rows, sha256: file.sha256 },
        t('recaps.cli.written', { rows: formatNumber(file.rows), path: plan.out.path, sha256: file.sha256 }),
      );
      return EXIT_OK;
    },
  }),
  verify: fileCommand({
    prepare: (cl) => {
      const given = cl.positionals[0] as string;
      return { path: existingFile(cl, given, 'recaps.cli.fileNotFound').path, fileName: given };
    },
    runWithoutDatabase: ({ t, output }, plan) => {
      const result = verifyWorkbook(readFileSync(plan.path), plan.fileName);
      output(result, verifyText(result, t));
      return result.status === 'intact' ? EXIT_OK : result.status === 'tampered' ? EXIT_PROBLEMS : EXIT_USAGE;
    },
  }),
};
