import { z } from 'zod';
import { countSchema, regionCodeSchema } from '../schemas';
import { recapFilterSchema } from './recaps';

/**
 * Peta sasaran: a choropleth of Jakarta by kelurahan (or aggregated to kecamatan or kota) of one
 * recap measure. The core builds one model (projected SVG paths, values, classes, legend); the
 * map screen draws it with React, `renderMapSvg` (electron/core/map/svg.ts) draws it as a
 * standalone SVG for `ksbb map` and the reports. Drawing order and styling: `electron/api/map-style.ts`.
 */

export const mapMeasures = ['realised', 'realised-per-family', 'coverage', 'open-need', 'partners', 'overlap'] as const;
export type MapMeasure = (typeof mapMeasures)[number];

export const mapLevels = ['kelurahan', 'kecamatan', 'kota'] as const;
export type MapLevel = (typeof mapLevels)[number];

/**
 * Every figure of one wilayah (or of the province for `totals`), from the recaps. The quantity
 * figures (realised, need, coverage, open need, per family) are of the model's `item`: item types
 * have their own units and are never added together.
 */
export const mapFiguresSchema = z.object({
  /** Counted distributions of the item, in its unit. */
  realised: countSchema,
  /** Needs of the item overlapping the period; 0 when none is recorded. */
  need: countSchema,
  /** realised ÷ need; null when no need is recorded. */
  coverage: z.number().nonnegative().nullable(),
  /** need − realised, never below 0; null when no need is recorded. */
  openNeed: countSchema.nullable(),
  /** Keluarga rentan recorded on the wilayah's targets (RW); null when none is recorded. */
  families: countSchema.nullable(),
  /** realised ÷ families; null when no keluarga rentan are recorded. */
  realisedPerFamily: z.number().nonnegative().nullable(),
  /** Distinct collaborators (kolaborator) who pledged or delivered there, as the recap counts them. */
  partners: countSchema,
  /** Distinct aggregators the pledges and deliveries there went through. */
  aggregators: countSchema,
  /** Tumpang tindih: places × item types there with overlapping deliveries (the recap's overlap list). */
  overlap: countSchema,
});

export const mapFeatureSchema = z.object({
  /** Kemendagri code of the kelurahan, kecamatan or kota. */
  code: regionCodeSchema,
  name: z.string(),
  /** The kecamatan it lies in (itself at kecamatan level); null at kota level. */
  kecamatan: z.string().nullable(),
  kota: z.string(),
  /** Drawn in the Kepulauan Seribu inset (islands of a few pixels: see `featureStroke`). */
  inInset: z.boolean(),
  /** SVG path data in the model's viewBox (a kecamatan or kota is the union of its kelurahan paths). */
  d: z.string(),
  /** The measure's value; null: no data (e.g. coverage where no need is recorded). */
  value: z.number().nullable(),
  /** Index into `legend`; null with no data. */
  classIndex: z.number().int().nonnegative().nullable(),
  figures: mapFiguresSchema,
});

/** A legend entry: values from `from` (inclusive) to `to` (exclusive, inclusive for the last class). */
export const mapLegendEntrySchema = z.object({
  classIndex: z.number().int().nonnegative(),
  fill: z.string(),
  /** In id-ID numbers, e.g. `1.000 – 2.499` or `≥ 100%`. */
  label: z.string(),
  from: z.number(),
  to: z.number().nullable(),
  /** How many features fall in this class. */
  count: countSchema,
});

const boxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const mapModelSchema = z.object({
  measure: z.enum(mapMeasures),
  level: z.enum(mapLevels),
  filters: recapFilterSchema,
  /** The item type the quantity figures are of: the filter's, else the one most delivered in scope; null when the scope has none. */
  item: z.object({ itemTypeId: z.string(), itemType: z.string(), program: z.string(), unit: z.string() }).nullable(),
  /** Title of the map in the caller's language, e.g. "Realisasi Paket sembako (paket) per kelurahan". */
  title: z.string(),
  /** The legend's heading: what the values are in ("paket", "% kebutuhan", "kolaborator"). */
  unit: z.string(),
  /** `0 0 width height` of every path, outline and box below. */
  viewBox: z.object({ width: z.number().positive(), height: z.number().positive() }),
  features: z.array(mapFeatureSchema),
  /**
   * Boundaries drawn over the fills: kecamatan and kota at kelurahan level, kecamatan and kota at
   * kecamatan level, kota at kota level (a kecamatan or kota feature is a union of kelurahan
   * paths, drawn without its own boundary: see `featureStroke` in map-style.ts).
   */
  outlines: z.array(z.object({ code: regionCodeSchema, level: z.enum(['kecamatan', 'kota']), d: z.string() })),
  /** The frame Kepulauan Seribu is drawn in (its own projection, so the mainland stays large). */
  inset: boxSchema.extend({ label: z.string() }),
  /** Where the legend's top-left corner goes, in the same viewBox. */
  legendAt: z.object({ x: z.number(), y: z.number() }),
  /** `quantile`: 5 classes of equal counts at rounded breaks (0 its own class); `fixed`: 0–25–50–75–100+ %. */
  classification: z.enum(['quantile', 'fixed']),
  legend: z.array(mapLegendEntrySchema),
  noDataFill: z.string(),
  noDataLabel: z.string(),
  totals: mapFiguresSchema,
});

const mapModelInput = z
  .object({
    measure: z.enum(mapMeasures),
    level: z.enum(mapLevels).default('kelurahan'),
    /** The recap filter; its `itemTypeId` also picks the item type the quantity figures are of. */
    filters: recapFilterSchema.default({ channel: 'all' }),
  })
  .strict();

export const mapImageFormats = ['svg', 'png'] as const;

export const mapProcedures = {
  'map:model': {
    input: mapModelInput,
    output: mapModelSchema,
  },
  /** The same map as a file to hand on (the drawing of `ksbb map`): SVG, or PNG rendered from it. */
  'map:image': {
    input: mapModelInput.extend({ format: z.enum(mapImageFormats) }).strict(),
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
  },
} as const;

export type MapFigures = z.output<typeof mapFiguresSchema>;
export type MapFeature = z.output<typeof mapFeatureSchema>;
export type MapLegendEntry = z.output<typeof mapLegendEntrySchema>;
export type MapModel = z.output<typeof mapModelSchema>;
