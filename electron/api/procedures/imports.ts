import { z } from 'zod';
import { countSchema, idSchema, pageOutput } from '../schemas';

/**
 * Excel submissions (issue 5): templates per kind, an import job (read and validated off the UI
 * thread, previewed, then committed in one transaction), the rejected rows as a workbook, the
 * list of import batches and the rollback of one batch. The wizard, the CLI and the tests share
 * the kinds and field keys below.
 */

/** The kinds of submission a person can import (the `demo` batch kind is not one). */
export const submissionKindValues = ['partners', 'agreements', 'needs', 'pledges', 'distributions', 'fund-transfers'] as const;
export const submissionKindSchema = z.enum(submissionKindValues);
export type SubmissionKind = (typeof submissionKindValues)[number];

/** Pledges (form komitmen) and distributions (form realisasi) have the same columns. */
const activityFieldKeys = [
  'date',
  'collaborator',
  'aggregator',
  'program',
  'itemType',
  'quantity',
  'unit',
  'valueRupiah',
  'kota',
  'kecamatan',
  'kelurahan',
  'rw',
  'targetKind',
  'targetName',
  'notes',
] as const;

/** The columns each kind understands, in template order; headers and synonyms are in `core/imports/kinds.ts`. */
export const submissionFieldKeys = {
  partners: [
    'name',
    'entityKind',
    'role',
    'legalEntityNumber',
    'npwp',
    'contactName',
    'phone',
    'email',
    'address',
    'kota',
    'kecamatan',
    'kelurahan',
    'programs',
    'licenceKind',
    'licenceNumber',
    'licenceIssuer',
    'licenceValidUntil',
    'notes',
  ],
  agreements: ['number', 'partner', 'agency', 'programs', 'signedOn', 'validFrom', 'validUntil', 'status', 'notes'],
  needs: ['kota', 'kecamatan', 'kelurahan', 'rw', 'targetKind', 'targetName', 'program', 'itemType', 'quantity', 'unit', 'periodFrom', 'periodTo', 'notes'],
  pledges: activityFieldKeys,
  /** `replaces`: the rejected row a corrected one replaces (filled in by the rejected-rows workbook of verification). */
  distributions: [...activityFieldKeys, 'replaces'],
  'fund-transfers': ['date', 'collaborator', 'aggregator', 'program', 'amountRupiah', 'reference', 'notes'],
} as const satisfies Record<SubmissionKind, readonly string[]>;

export type SubmissionFieldKey<K extends SubmissionKind = SubmissionKind> = (typeof submissionFieldKeys)[K][number];

/** Every field key of every kind, once. */
export const fieldKeyValues = [...new Set(Object.values(submissionFieldKeys).flat())] as [SubmissionFieldKey, ...SubmissionFieldKey[]];
export const fieldKeySchema = z.enum(fieldKeyValues);

export const importPhaseValues = ['reading', 'validating', 'ready', 'committing', 'done', 'failed', 'cancelled'] as const;
export type ImportPhase = (typeof importPhaseValues)[number];

export const importRowStatusValues = ['accepted', 'rejected', 'duplicate'] as const;
export type ImportRowStatus = (typeof importRowStatusValues)[number];

/** What the wizard must ask before the preview can be trusted. */
export const importQuestionValues = ['kind', 'sheet', 'mapping'] as const;
export type ImportQuestionValue = (typeof importQuestionValues)[number];

type Offer = { requiredMissing: readonly string[] };

/** No kind fits the file: every kind offered lacks a required column (or nothing was recognised at all). */
export const noKindFits = (candidates: readonly Offer[]): boolean => candidates.every((c) => c.requiredMissing.length > 0);

/** The message key of a question: `kind` when several kinds fit equally well is told apart from `kind` when none fits. */
export function importQuestionKey(question: ImportQuestionValue, candidates: readonly Offer[]): string {
  return question === 'kind' && noKindFits(candidates) ? 'imports.question.kindNone' : `imports.question.${question}`;
}

/** The largest submitted file read: 50 MB (the app refuses a larger one before reading it, the CLI before opening the database). */
export const MAX_SUBMISSION_BYTES = 50 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_SUBMISSION_BYTES / 3) * 4;
const base64Schema = z.string().max(MAX_BASE64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

const fileNameSchema = z.string().trim().min(1).max(255);
const jobIdSchema = z.string().min(1).max(100);

/** Field key → column index (0-based) of the chosen sheet; null = not in this file. */
export const importMappingSchema = z.partialRecord(fieldKeySchema, z.number().int().min(0).max(20_000).nullable());
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** One reason a row was refused: the sheet row as a person sees it, the column header as in the file. */
export const importErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importPreviewRowSchema = z.object({
  /** The row number in the original sheet. */
  row: z.number().int(),
  status: z.enum(importRowStatusValues),
  /** The cells of the mapped fields as found in the file, by field key. */
  values: z.record(z.string(), z.string()),
  reasons: z.array(importErrorSchema),
  /** For a duplicate: the batch that imported the same record, or null when it repeats a row of this file. */
  duplicateOfBatchId: z.string().nullable(),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRowSchema>;

const importFieldSchema = z.object({
  key: fieldKeySchema,
  header: z.string(),
  required: z.boolean(),
  example: z.string(),
});

const importSheetSchema = z.object({
  name: z.string(),
  /** Rows of the sheet below its header (before blank and totals rows are dropped); 0 when no header was found. */
  rowCount: countSchema,
  /** The kind this sheet matches best, with how many fields were found and which required ones are missing. */
  kind: submissionKindSchema.nullable(),
  matchedFields: countSchema,
  requiredMissing: z.array(fieldKeySchema),
  /** Whether this sheet is usable for the kind of the job. */
  matches: z.boolean(),
});

export const importPreviewSchema = z.object({
  file: z.object({ fileName: z.string(), format: z.enum(['xlsx', 'xls', 'ods', 'csv']), sizeBytes: countSchema }),
  sha256: z.string(),
  /** Set when this very file was imported before and that batch is not rolled back: nothing will be imported. */
  alreadyImportedBatchId: z.string().nullable(),
  alreadyImportedAt: z.string().nullable(),
  sheets: z.array(importSheetSchema),
  /** The sheet used; null when none matches or the choice must be made by a person. */
  sheet: z.string().nullable(),
  kind: submissionKindSchema.nullable(),
  /** Non-empty when the wizard must ask: which kind, which sheet (several equally good), or a required column. */
  questions: z.array(z.enum(importQuestionValues)),
  /**
   * When `questions` has `sheet` or `kind`: the sheets (or kinds) that fit equally well, or, when
   * no kind has all its required columns, the kinds that fit best, each with the required columns it lacks.
   */
  candidates: z.array(z.object({ sheet: z.string(), kind: submissionKindSchema, requiredMissing: z.array(fieldKeySchema) })),
  fields: z.array(importFieldSchema),
  layout: z
    .object({
      headerRow: z.number().int(),
      mapping: z.record(z.string(), z.number().int().nullable()),
      /** The sheet's header cells by column index. */
      columns: z.array(z.object({ index: z.number().int(), header: z.string() })),
      /** Where the mapping came from: found by header names, remembered for this submitter, or given in the wizard. */
      source: z.enum(['detected', 'remembered', 'given']),
    })
    .nullable(),
  requiredMissing: z.array(fieldKeySchema),
  submitter: z.string().nullable(),
  rows: countSchema,
  accepted: countSchema,
  rejected: countSchema,
  duplicates: countSchema,
  newPartners: z.array(z.string()),
  /** The first page of rows (every status). */
  firstRows: pageOutput(importPreviewRowSchema),
  /** The first reasons (at most 1,000); `errorCount` counts them all. */
  errors: z.array(importErrorSchema),
  errorCount: countSchema,
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importCommitResultSchema = z.object({
  batchId: z.string().nullable(),
  accepted: countSchema,
  rejected: countSchema,
  duplicates: countSchema,
  newPartners: z.array(z.string()),
  /** True when `allOrNothing` was asked and some row was rejected: nothing was written. */
  refused: z.boolean(),
});
export type ImportCommitResult = z.infer<typeof importCommitResultSchema>;

export const importStatusSchema = z.object({
  jobId: jobIdSchema,
  phase: z.enum(importPhaseValues),
  /** 0..1 of the current phase. */
  progress: z.number().min(0).max(1),
  rowsDone: countSchema,
  rowsTotal: countSchema,
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  preview: importPreviewSchema.nullable(),
  result: importCommitResultSchema.nullable(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

const workbookFileSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

/** How a job reads the file: the kind (`auto`: the best kind over every sheet), the sheet, a mapping that overrides the detected one. */
const jobChoices = {
  kind: z.union([submissionKindSchema, z.literal('auto')]).default('auto'),
  sheet: z.string().max(255).nullable().default(null),
  mapping: importMappingSchema.nullable().default(null),
};

export const importBatchRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sheetName: z.string().nullable(),
  importedAt: z.string(),
  importedBy: z.string(),
  rowsTotal: countSchema,
  rowsImported: countSchema,
  rowsRejected: countSchema,
  rowsDuplicate: countSchema,
  rolledBackAt: z.string().nullable(),
  rolledBackBy: z.string().nullable(),
});
export type ImportBatchRow = z.infer<typeof importBatchRowSchema>;

export const importProcedures = {
  'import:template': {
    input: z.object({ kind: submissionKindSchema }).strict(),
    output: workbookFileSchema,
  },
  'import:start': {
    /** Starts a job and answers at once; follow it with `import:status`. */
    input: z
      .object({
        fileName: fileNameSchema,
        contentBase64: base64Schema,
        ...jobChoices,
        /** Who sent the file (a partner or SKPD, as the secretariat names them): remembered mappings are theirs. */
        submitter: z.string().trim().max(200).nullable().default(null),
      })
      .strict(),
    output: z.object({ jobId: jobIdSchema }),
  },
  'import:revise': {
    /** Reads the same file again with another kind, sheet or mapping (answers from the wizard's questions). */
    input: z.object({ jobId: jobIdSchema, ...jobChoices }).strict(),
    output: z.object({ jobId: jobIdSchema }),
  },
  'import:status': {
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: importStatusSchema,
  },
  'import:rows': {
    input: z
      .object({
        jobId: jobIdSchema,
        status: z.enum(['all', ...importRowStatusValues]).default('all'),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: pageOutput(importPreviewRowSchema),
  },
  'import:cancel': {
    /** Stops reading, validating or a commit that has not started writing: nothing is written. */
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: z.object({ jobId: jobIdSchema, phase: z.enum(importPhaseValues) }),
  },
  'import:commit': {
    /** Writes the accepted rows in one transaction; `allOrNothing` writes nothing when any row was rejected. */
    input: z.object({ jobId: jobIdSchema, allOrNothing: z.boolean().default(false) }).strict(),
    output: importCommitResultSchema,
  },
  'import:rejected-workbook': {
    /** The rejected rows in the file's own layout with an `Alasan Penolakan` column. */
    input: z.object({ jobId: jobIdSchema }).strict(),
    output: workbookFileSchema,
  },
  'import:batches': {
    input: z
      .object({
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
        kind: submissionKindSchema.optional(),
      })
      .strict(),
    output: pageOutput(importBatchRowSchema),
  },
  'import:rollback': {
    /** Removes every record of one batch (soft delete, audited), in one transaction; the file may then be imported again. */
    input: z.object({ batchId: idSchema }).strict(),
    output: z.object({ batchId: z.string(), records: countSchema, rolledBackAt: z.string() }),
  },
} as const;
