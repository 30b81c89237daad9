import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { TFunction } from 'i18next';
import { AppError } from '../../api/errors';
import { formatNumber } from '../../api/format';
import { type ImportError, importQuestionKey, MAX_SUBMISSION_BYTES, type SubmissionKind, submissionKindValues } from '../../api/procedures/imports';
import { idSchema } from '../../api/schemas';
import { listBatches, rollbackBatch } from '../../core/imports/batches';
import { createImportJobs } from '../../core/imports/jobs';
import { fieldOf } from '../../core/imports/kinds';
import { requireImportScope, writesOfBatch } from '../../core/imports/scope';
import { buildTemplate } from '../../core/imports/template';
import { existingFile, intOption, type ParsedCommandLine, stringOption, UsageError } from '../args';
import { command, EXIT_OK, EXIT_PROBLEMS } from './types';

/** `ksbb import FILE`, `ksbb template KIND --out FILE`, `ksbb batch list`, `ksbb batch rollback ID`. */

/** Reasons printed in the human summary; `--json` and `--errors` have them all. */
const PRINTED_ERRORS = 50;
const PAGE = 500;

const isKind = (value: string): value is SubmissionKind => (submissionKindValues as readonly string[]).includes(value);

function readSubmissionFile(cl: ParsedCommandLine, given: string): Uint8Array {
  const { path, size } = existingFile(cl, given, 'imports.cli.fileNotFound');
  if (size > MAX_SUBMISSION_BYTES) throw new UsageError('imports.cli.fileTooLarge', { path: given, size: formatNumber(size), max: formatNumber(MAX_SUBMISSION_BYTES) }, cl.lang);
  return readFileSync(path);
}

function summary(t: TFunction, result: { file: string; kind: string; sheet: string; rows: number; accepted: number; rejected: number; duplicates: number }): string {
  return t('imports.cli.summary', {
    ...result,
    kind: t(`imports.kind.${result.kind}`),
    rows: formatNumber(result.rows),
    accepted: formatNumber(result.accepted),
    rejected: formatNumber(result.rejected),
    duplicates: formatNumber(result.duplicates),
  });
}

function errorLines(t: TFunction, errors: readonly ImportError[]): string[] {
  if (errors.length === 0) return [];
  const lines = [t('imports.cli.errorsHeader'), ...errors.slice(0, PRINTED_ERRORS).map((e) => t('imports.cli.errorLine', { ...e, row: formatNumber(e.row) }))];
  if (errors.length > PRINTED_ERRORS) lines.push(t('imports.cli.moreErrors', { count: formatNumber(errors.length - PRINTED_ERRORS) }));
  return lines;
}

export const importCommands = {
  import: command({
    prepare: (cl) => {
      const kind = stringOption(cl, 'kind') ?? 'auto';
      if (kind !== 'auto' && !isKind(kind)) throw new UsageError('imports.cli.badKind', { kinds: submissionKindValues.join(', '), value: kind }, cl.lang);
      const given = cl.positionals[0] as string;
      const errorsPath = stringOption(cl, 'errors');
      return {
        file: given,
        fileName: basename(given),
        bytes: readSubmissionFile(cl, given),
        kind: kind as SubmissionKind | 'auto',
        sheet: stringOption(cl, 'sheet') ?? null,
        dryRun: cl.options['dry-run'] === true,
        allOrNothing: cl.options['all-or-nothing'] === true,
        submitter: stringOption(cl, 'submitter') ?? null,
        errorsPath: errorsPath === undefined ? null : resolve(errorsPath),
      };
    },
    run: async ({ deps, t, output, call: ctx }, plan) => {
      const jobs = createImportJobs(deps);
      try {
        const { jobId } = jobs.start({ fileName: plan.fileName, bytes: plan.bytes, submitter: plan.submitter, kind: plan.kind, sheet: plan.sheet, mapping: null }, ctx);
        await jobs.settled(jobId);
        const failure = jobs.failure(jobId);
        if (failure) throw failure;
        const preview = jobs.status(jobId, ctx).preview;
        if (!preview) throw new AppError('internal', { reason: 'no preview' });
        if (preview.questions.length > 0 || preview.kind === null || preview.sheet === null) {
          const headers = (kind: SubmissionKind, keys: readonly string[]) => keys.map((key) => fieldOf(kind, key)?.header ?? key).join(', ');
          const offer = (c: (typeof preview.candidates)[number]) =>
            c.requiredMissing.length === 0 ? `${c.sheet} (${c.kind})` : t('imports.cli.candidateLacking', { candidate: `${c.sheet} (${c.kind})`, columns: headers(c.kind, c.requiredMissing) });
          const detail =
            preview.candidates.length > 0
              ? t('imports.cli.candidates', { list: preview.candidates.map(offer).join('; ') })
              : preview.layout === null
                ? t('imports.cli.noHeader')
                : t('imports.cli.requiredMissing', {
                    sheet: preview.sheet ?? '',
                    columns: preview.kind ? headers(preview.kind, preview.requiredMissing) : preview.requiredMissing.join(', '),
                  });
          throw new AppError('import_needs_choice', { file: plan.file, question: preview.questions.map((q) => importQuestionKey(q, preview.candidates)).join(','), detail });
        }
        const errors = jobs.errors(jobId, ctx);
        let counts = { accepted: preview.accepted, rejected: preview.rejected, duplicates: preview.duplicates };
        let newPartners = preview.newPartners;
        let batchId: string | null = null;
        const notes: string[] = [];
        if (preview.alreadyImportedBatchId !== null) notes.push(t('imports.cli.alreadyImported', { batchId: preview.alreadyImportedBatchId }));
        else if (plan.dryRun) notes.push(t('imports.cli.dryRun'));
        else {
          const writes = jobs.writes(jobId);
          if (writes) requireImportScope(deps.db, ctx, writes, 'import');
          const result = await jobs.commit(jobId, plan.allOrNothing);
          if (result.refused) {
            notes.push(t('imports.cli.refused'));
            counts = { ...counts, accepted: 0 };
            newPartners = [];
          } else {
            counts = { accepted: result.accepted, rejected: result.rejected, duplicates: result.duplicates };
            newPartners = result.newPartners;
            batchId = result.batchId;
            notes.push(batchId === null ? t('imports.cli.nothingNew') : t('imports.cli.committed', { batchId }));
          }
        }
        if (plan.errorsPath !== null) {
          const workbook = await jobs.rejectedWorkbook(jobId, ctx);
          writeFileSync(plan.errorsPath, workbook.bytes);
          notes.push(t('imports.cli.errorsWritten', { path: plan.errorsPath }));
        }
        const result = {
          file: plan.file,
          sha256: preview.sha256,
          kind: preview.kind,
          sheet: preview.sheet,
          rows: preview.rows,
          ...counts,
          newPartners,
          batchId,
          alreadyImportedBatchId: preview.alreadyImportedBatchId,
          dryRun: plan.dryRun,
          errors,
        };
        const human = [
          summary(t, result),
          ...(newPartners.length > 0 ? [t('imports.cli.newPartners', { names: newPartners.join(', ') })] : []),
          ...errorLines(t, errors),
          ...notes,
        ].join('\n');
        output(result, human);
        return counts.rejected > 0 ? EXIT_PROBLEMS : EXIT_OK;
      } finally {
        jobs.close();
      }
    },
  }),
  template: command({
    prepare: (cl) => {
      const kind = cl.positionals[0] as string;
      if (!isKind(kind)) throw new UsageError('imports.cli.badTemplateKind', { kinds: submissionKindValues.join(', '), value: kind }, cl.lang);
      const out = stringOption(cl, 'out');
      if (out === undefined) throw new UsageError('imports.cli.missingOut', {}, cl.lang);
      return { kind, path: resolve(out) };
    },
    run: async ({ deps, output, t }, plan) => {
      const template = await buildTemplate(deps, plan.kind);
      writeFileSync(plan.path, template.bytes);
      output({ kind: plan.kind, path: plan.path, fileName: template.fileName, bytes: template.bytes.byteLength }, t('imports.cli.templateWritten', { kind: t(`imports.kind.${plan.kind}`), path: plan.path }));
      return EXIT_OK;
    },
  }),
  'batch list': command({
    prepare: (cl) => {
      const kind = stringOption(cl, 'kind');
      if (kind !== undefined && !isKind(kind)) throw new UsageError('imports.cli.badKind', { kinds: submissionKindValues.join(', '), value: kind }, cl.lang);
      return { kind, limit: intOption(cl, 'limit', PAGE, 1, PAGE), offset: intOption(cl, 'offset', 0, 0, Number.MAX_SAFE_INTEGER) };
    },
    run: ({ deps, output, t }, plan) => {
      const page = listBatches(deps, plan);
      const human =
        page.rows.length === 0
          ? t('imports.cli.batchListEmpty')
          : [
              t('imports.cli.batchListHeader'),
              ...page.rows.map((b) =>
                [
                  b.id,
                  t(`imports.kind.${b.kind}`),
                  b.fileName,
                  b.importedAt,
                  b.importedBy,
                  formatNumber(b.rowsTotal),
                  formatNumber(b.rowsImported),
                  formatNumber(b.rowsRejected),
                  formatNumber(b.rowsDuplicate),
                  b.rolledBackAt === null ? t('imports.cli.batchActive') : t('imports.cli.batchRolledBack', { at: b.rolledBackAt }),
                ].join(' | '),
              ),
            ].join('\n');
      output(page, human);
      return EXIT_OK;
    },
  }),
  'batch rollback': command({
    prepare: (cl) => {
      const batchId = cl.positionals[0] as string;
      if (!idSchema.safeParse(batchId).success) throw new UsageError('agreements.cli.badId', { option: 'BATCH_ID', value: batchId }, cl.lang);
      return { batchId };
    },
    run: ({ deps, output, t, call }, plan) => {
      const writes = writesOfBatch(deps.db, plan.batchId);
      if (writes) requireImportScope(deps.db, call, writes, 'batch rollback');
      const result = rollbackBatch(deps, plan.batchId, call);
      output(result, t('imports.cli.rolledBack', { batchId: result.batchId, records: formatNumber(result.records) }));
      return EXIT_OK;
    },
  }),
};
