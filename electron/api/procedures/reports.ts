import { z } from 'zod';
import { languages } from '../i18n';
import { countSchema, idSchema, isoDateSchema, regionCodeSchema, rupiahSchema, slugSchema } from '../schemas';
import { mapFiguresSchema, mapModelSchema } from './map';
import { recapFilterSchema, recapItemSchema } from './recaps';

/**
 * The Festival / Forum Kolaborasi Jakarta report (issue 7): one `FestivalReport` figures
 * structure, computed from the recaps (`electron/core/recaps/`), is what `ksbb report festival
 * --json` prints, what the template (`electron/core/reports/template.tsx`) renders to the PDF and
 * the preview, what the workbook lays out and what a frozen report stores. Sentences are never
 * stored: the template composes them from these figures in the report's language.
 */

/**
 * Which distributions the report counts: `terverifikasi` (the default) = only those verified by
 * the secretariat (the final level); `dilaporkan` = every reported one not rejected at
 * verification. The recap filter's `verification` does the counting.
 */
export const reportBases = ['terverifikasi', 'dilaporkan'] as const;
export type ReportBasis = (typeof reportBases)[number];

/** Longest period a report covers: ten years of a yearly forum is plenty, and bounds the work. */
export const MAX_REPORT_DAYS = 3660;

/** What a report is asked for: a calendar year, or any from–to; no programs = every program. */
export const festivalRequestSchema = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    programIds: z.array(slugSchema).max(20).default([]),
    lang: z.enum(languages).default('id'),
    basis: z.enum(reportBases).default('terverifikasi'),
  })
  .strict()
  .refine((r) => (r.year !== undefined) !== (r.from !== undefined || r.to !== undefined), { message: 'year, or from and to', path: ['year'] })
  .refine((r) => r.year !== undefined || (r.from !== undefined && r.to !== undefined), { message: 'from and to together', path: ['to'] })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'from ≤ to', path: ['to'] });

export type FestivalRequest = z.output<typeof festivalRequestSchema>;

/** The request resolved: always a from–to, programs as ids (empty = all). */
export const festivalParamsSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  /** The calendar year when the period is one. */
  year: z.number().int().nullable(),
  programIds: z.array(slugSchema),
  lang: z.enum(languages),
  basis: z.enum(reportBases),
});

/** An item type's figures as the recap per program gives them (its program is the section's). */
const itemFiguresSchema = recapItemSchema.omit({ programId: true, program: true });

/** A collaborator among a program's top 10 by realised value (Rupiah, then number of deliveries). */
export const rankedCollaboratorSchema = z.object({
  partnerId: idSchema,
  name: z.string(),
  distributions: countSchema,
  rupiahRealised: rupiahSchema,
  /** What was delivered, per item type of the program (in its unit). */
  items: z.array(z.object({ itemType: z.string(), unit: z.string(), realised: countSchema })),
});

export const programSectionSchema = z.object({
  programId: z.string(),
  program: z.string(),
  /** SKPD pengampu (short name). */
  agency: z.string().nullable(),
  collaborators: countSchema,
  aggregators: countSchema,
  targets: countSchema,
  rupiahPledged: rupiahSchema,
  rupiahRealised: rupiahSchema,
  rupiahTransferred: rupiahSchema,
  /** Counted distributions of the program in the period. */
  distributions: countSchema,
  items: z.array(itemFiguresSchema),
  topCollaborators: z.array(rankedCollaboratorSchema),
  /** Everyone after the top 10 ("lainnya"); null when there are no more. */
  otherCollaborators: z.object({ count: countSchema, distributions: countSchema, rupiahRealised: rupiahSchema }).nullable(),
  /** Money donors handed to aggregators for the program, per aggregator. */
  transfers: z.array(z.object({ aggregatorId: idSchema, aggregator: z.string(), donors: countSchema, transfers: countSchema, rupiah: rupiahSchema })),
});

/** One kota or kecamatan: what was realised there, how far it reached, and the need it covered. */
export const wilayahLineSchema = z.object({
  code: regionCodeSchema,
  name: z.string(),
  /** The kota a kecamatan lies in; null for a kota. */
  kota: z.string().nullable(),
  distributions: countSchema,
  kelurahan: countSchema,
  kelurahanTotal: countSchema,
  rw: countSchema,
  rupiahRealised: rupiahSchema,
  items: z.array(z.object({ itemTypeId: z.string(), itemType: z.string(), unit: z.string(), realised: countSchema, need: countSchema, coverage: z.number().nonnegative().nullable() })),
});

export const acknowledgedPartnerSchema = z.object({
  partnerId: idSchema,
  name: z.string(),
  collaborator: z.boolean(),
  aggregator: z.boolean(),
});

export const importSourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  importedAt: z.string(),
  rowsImported: countSchema,
  rowsRejected: countSchema,
});

export const festivalReportSchema = z.object({
  params: festivalParamsSchema,
  /** UTC timestamp the figures were computed at. */
  generatedAt: z.string(),
  /** The secretariat's name from Settings, shown on the cover. */
  secretariat: z.string(),
  /** No pledge, distribution or fund transfer in the period and programs: the report says so. */
  empty: z.boolean(),
  programs: z.array(programSectionSchema),
  totals: z.object({
    collaborators: countSchema,
    aggregators: countSchema,
    targets: countSchema,
    distributions: countSchema,
    rupiahPledged: rupiahSchema,
    rupiahRealised: rupiahSchema,
    rupiahTransferred: rupiahSchema,
    kota: countSchema,
    kecamatan: countSchema,
    kelurahan: countSchema,
    rw: countSchema,
  }),
  wilayah: z.object({
    kota: z.array(wilayahLineSchema),
    kecamatan: z.array(wilayahLineSchema),
    /** The map's figures per kelurahan (`mapFigures`: realised of `item`), drawn with `renderMapSvg`; null with nothing realised. */
    map: z
      .object({
        filters: recapFilterSchema,
        item: mapModelSchema.shape.item,
        regions: z.array(z.object({ code: regionCodeSchema, name: z.string(), figures: mapFiguresSchema })),
        totals: mapFiguresSchema,
      })
      .nullable(),
  }),
  /** Every collaborator and aggregator with a realisation in the period, by entity kind, alphabetically. */
  acknowledgements: z.array(z.object({ entityKind: z.string(), partners: z.array(acknowledgedPartnerSchema) })),
  notes: z.object({
    basis: z.enum(reportBases),
    sources: z.array(importSourceSchema),
    /** Records in the report's figures that someone typed in (no import batch). */
    typedRecords: countSchema,
    /** Records in the report's figures that came from the sources above. */
    importedRecords: countSchema,
    /** Rows those sources rejected at import (the app does not link a corrected resubmission to the file it corrects). */
    rowsRejectedAtImport: countSchema,
    /** Distributions in the period rejected at verification: reported, not counted. */
    distributionsRejected: countSchema,
    /** Of those, the ones no correction replaces yet; null in a report issued before the app counted them. */
    distributionsRejectedNotResubmitted: countSchema.nullable().default(null),
    /** Distributions in the period neither rejected nor at the basis' level yet (none for `dilaporkan`): reported, not counted. */
    distributionsNotVerified: countSchema,
    /** Partners acknowledged whose registration the secretariat has not verified. */
    unverifiedPartners: z.array(z.object({ partnerId: idSchema, name: z.string() })),
    /** Sync conflicts waiting for a person to decide. */
    openConflicts: countSchema,
  }),
});

export type FestivalReport = z.output<typeof festivalReportSchema>;
export type FestivalParams = z.output<typeof festivalParamsSchema>;
export type ProgramSection = z.output<typeof programSectionSchema>;
export type WilayahLine = z.output<typeof wilayahLineSchema>;

/** An issued (frozen) report as the list shows it. */
export const issuedReportSchema = z.object({
  id: idSchema,
  params: festivalParamsSchema,
  issuedAt: z.string(),
  issuedBy: z.string(),
  pdfSha256: z.string(),
  xlsxSha256: z.string(),
  pdfFileName: z.string(),
  xlsxFileName: z.string(),
});

export type IssuedReport = z.output<typeof issuedReportSchema>;

/** One figure that differs between the frozen snapshot and the figures computed now. */
export const figureChangeSchema = z.object({
  /** Where in the figures, e.g. `programs[Pangan].items[Paket sembako].realised`. */
  path: z.string(),
  issued: z.union([z.number(), z.string(), z.null()]),
  now: z.union([z.number(), z.string(), z.null()]),
});

export type FigureChange = z.output<typeof figureChangeSchema>;

export const reportFileFormats = ['pdf', 'xlsx'] as const;

export const reportProcedures = {
  'report:festival': {
    /** Computes the figures, renders the PDF and the workbook, and issues (freezes) the report. */
    input: festivalRequestSchema,
    output: z.object({ report: issuedReportSchema, figures: festivalReportSchema }),
  },
  'report:list': {
    input: z.object({}).strict(),
    output: z.object({ reports: z.array(issuedReportSchema) }),
  },
  'report:get': {
    /** The snapshot as issued and its HTML (the PDF's template): read back, nothing computed. */
    input: z.object({ id: idSchema }).strict(),
    output: z.object({ report: issuedReportSchema, figures: festivalReportSchema, html: z.string() }),
  },
  'report:changes': {
    /**
     * What has changed in the data since the report was issued: its figures computed again now and
     * compared (over a million rows that takes most of a minute, so it is asked for apart).
     */
    input: z.object({ id: idSchema }).strict(),
    output: z.object({
      changes: z.array(figureChangeSchema),
      /** More figures changed than `changes` lists. */
      moreChanges: countSchema,
    }),
  },
  'report:file': {
    input: z.object({ id: idSchema, format: z.enum(reportFileFormats) }).strict(),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), sha256: z.string() }),
  },
} as const;
