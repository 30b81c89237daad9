import { z } from 'zod';
import { countSchema, regionCodeSchema } from '../schemas';
import { agreementListQuerySchema } from './agreements';
import { partnerListQuerySchema } from './partners';
import { recapFilterSchema, recapLevels } from './recaps';

/**
 * Workbook exports for people and auditors, and their verification. Every workbook carries a
 * `Manifest` sheet (see `electron/core/exports/manifest.ts` for what it holds and how it is hashed).
 */

export const exportKinds = [
  'partners',
  'agreements',
  'pledges',
  'distributions',
  'needs',
  'fund-transfers',
  'recap-program',
  'recap-wilayah',
  'overlap',
  'unserved',
  'open-targets',
] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * Largest workbook the screens send for verification: 50 MiB, what the web host's body limit
 * admits (some 400,000 exported rows). `ksbb verify` reads files of any size.
 */
export const MAX_VERIFY_BYTES = 50 * 1024 * 1024;
const MAX_VERIFY_BASE64_CHARS = Math.ceil(MAX_VERIFY_BYTES / 3) * 4;

export const verifyStatuses = ['intact', 'tampered', 'not_ksbb_workbook'] as const;
export type VerifyStatus = (typeof verifyStatuses)[number];

/** What was found first, in reading order: the manifest, then each data sheet row by row. */
export const verifyProblemSchema = z.object({
  /** `manifest_edited`, `row_added`, `row_removed`, `cell_changed`, `sheet_missing`, `sheet_added`. */
  kind: z.enum(['manifest_edited', 'row_added', 'row_removed', 'cell_changed', 'sheet_missing', 'sheet_added']),
  sheet: z.string(),
  /** A1 reference of the first cell that differs (the first cell of the row for an added or removed row). */
  cell: z.string().nullable(),
  expected: z.string().nullable(),
  found: z.string().nullable(),
});

export const verifyResultSchema = z.object({
  status: z.enum(verifyStatuses),
  fileName: z.string(),
  /** From the manifest when there is one. */
  generatedAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  databaseId: z.string().nullable(),
  sheets: z.array(z.object({ name: z.string(), rows: countSchema, sha256: z.string(), intact: z.boolean() })),
  problem: verifyProblemSchema.nullable(),
  /** Why a file is not a KSBB workbook: not an xlsx at all, or one without a KSBB Manifest. */
  reason: z.enum(['not_xlsx', 'no_manifest']).nullable(),
});

export const exportProcedures = {
  'export:table': {
    input: z
      .object({
        kind: z.enum(exportKinds),
        filters: recapFilterSchema.default({ channel: 'all' }),
        format: z.enum(exportFormats).default('xlsx'),
        /**
         * For `recap-wilayah`: as in `recap:wilayah`. For `open-targets`: open needs summed per
         * wilayah of `level` (per target without it) inside `parentCode`, by the filters' program and item type.
         */
        level: z.enum(recapLevels).optional(),
        parentCode: regionCodeSchema.nullable().default(null),
        /**
         * For `partners`: the partner list's filters and order, as `partner:list` takes them; the
         * file holds exactly the rows the list shows. Without it, every partner (archived too).
         */
        partnerList: partnerListQuerySchema.optional(),
        /** For `agreements`: the PKS list's, as `agreement:list` takes them. Without it, every PKS. */
        agreementList: agreementListQuerySchema.optional(),
      })
      .strict(),
    output: z.object({
      fileName: z.string(),
      contentBase64: z.string(),
      /** Data rows written (the main sheet's rows, without the header). */
      rows: countSchema,
      sha256: z.string(),
    }),
  },
  'export:verify': {
    input: z
      .object({
        fileName: z.string().min(1).max(1000),
        contentBase64: z.base64().max(MAX_VERIFY_BASE64_CHARS),
      })
      .strict(),
    output: verifyResultSchema,
  },
} as const;

export type VerifyResult = z.output<typeof verifyResultSchema>;
export type VerifyProblem = z.output<typeof verifyProblemSchema>;
