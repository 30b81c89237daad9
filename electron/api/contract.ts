import { z } from 'zod';
import type { Result } from './errors';
import { type Lang, languages } from './i18n';
import type { ProcedureName } from './procedure-names';
import { activityProcedures } from './procedures/activity';
import { agreementProcedures } from './procedures/agreements';
import { backupProcedures } from './procedures/backup';
import { authProcedures } from './procedures/auth';
import { exportProcedures } from './procedures/exports';
import { importProcedures } from './procedures/imports';
import { partnerProcedures } from './procedures/partners';
import { mapProcedures } from './procedures/map';
import { recapProcedures } from './procedures/recaps';
import { reportProcedures } from './procedures/reports';
import { syncProcedures } from './procedures/sync';
import { targetProcedures } from './procedures/targets';
import { verificationProcedures } from './procedures/verification';
import { countSchema, emptyInput, isoDateSchema, regionCodeSchema, regionLevelSchema, rupiahSchema } from './schemas';

export { isProcedureName, procedureNames, type ProcedureName } from './procedure-names';

/**
 * The one API contract. Every procedure is named once here with its input and output schemas;
 * the core implements it in one handler table, and Electron IPC, the web host and the CLI call
 * that table. Inputs are parsed with these schemas on the Node side before any service runs.
 */


const regionSummarySchema = z.object({
  code: regionCodeSchema,
  level: regionLevelSchema,
  name: z.string(),
  childCount: countSchema,
  targetCount: countSchema,
  distributionCount: countSchema,
  distributedRupiah: countSchema,
});

const regionSchema = z.object({
  code: regionCodeSchema,
  level: regionLevelSchema,
  name: z.string(),
});

/** The foundation's procedures; each domain adds its own from `procedures/<domain>.ts`. */
const foundationProcedures = {
  'app:info': {
    input: emptyInput,
    output: z.object({
      version: z.string(),
      schemaVersion: countSchema,
      databasePath: z.string(),
    }),
  },
  'dashboard:summary': {
    input: emptyInput,
    output: z.object({
      partners: countSchema,
      collaborators: countSchema,
      aggregators: countSchema,
      agreements: countSchema,
      targets: countSchema,
      needs: countSchema,
      pledges: countSchema,
      distributions: countSchema,
      distributionsRejected: countSchema,
      fundTransfers: countSchema,
      pledgedRupiah: rupiahSchema,
      distributedRupiah: rupiahSchema,
      transferredRupiah: rupiahSchema,
      kotaReached: countSchema,
      kelurahanReached: countSchema,
      rwReached: countSchema,
      firstDistributionOn: isoDateSchema.nullable(),
      lastDistributionOn: isoDateSchema.nullable(),
    }),
  },
  'region:children': {
    input: z.object({ parentCode: regionCodeSchema.nullable() }).strict(),
    output: z.object({
      parent: regionSchema.nullable(),
      ancestors: z.array(regionSchema),
      children: z.array(regionSummarySchema),
    }),
  },
  'settings:get': {
    input: emptyInput,
    /** `secretariatName`: shown on the cover of the reports this installation issues. */
    output: z.object({ language: z.enum(languages), secretariatName: z.string() }),
  },
  'settings:set-secretariat': {
    input: z.object({ secretariatName: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ secretariatName: z.string() }),
  },
  'settings:set': {
    input: z.object({ language: z.enum(languages) }).strict(),
    output: z.object({ language: z.enum(languages) }),
  },
  'program:list': {
    input: emptyInput,
    output: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        agencyId: z.string(),
        itemTypes: z.array(z.object({ id: z.string(), name: z.string(), unit: z.string(), measure: z.enum(['quantity', 'rupiah']) })),
      }),
    ),
  },
} as const;

export const procedures = {
  ...foundationProcedures,
  ...partnerProcedures,
  ...targetProcedures,
  ...agreementProcedures,
  ...activityProcedures,
  ...recapProcedures,
  ...mapProcedures,
  ...exportProcedures,
  ...importProcedures,
  ...reportProcedures,
  ...verificationProcedures,
  ...backupProcedures,
  ...syncProcedures,
  ...authProcedures,
} as const satisfies Record<ProcedureName, { input: z.ZodType; output: z.ZodType }>;

export type Procedures = typeof procedures;
export type Input<K extends ProcedureName> = z.input<Procedures[K]['input']>;
export type ParsedInput<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type Output<K extends ProcedureName> = z.output<Procedures[K]['output']>;

/**
 * The client every transport offers the renderer: one typed call, answered with a Result whose
 * error message is in `lang`. The Electron preload puts one on `window.ksbb`.
 */
export interface ApiClient {
  call<K extends ProcedureName>(name: K, input: Input<K>, lang: Lang): Promise<Result<Output<K>>>;
}

/** The Electron window's client: the API plus what only a desktop can do. */
export interface DesktopClient extends ApiClient {
  /** Opens a stored document (a PKS scan) with the system's viewer. */
  openDocument(documentId: string, lang: Lang): Promise<Result<{ opened: true }>>;
  /** Asks where to save a copy of a backup of the backups folder (by its file name) and copies it there; `savedTo` null when the user cancelled. */
  saveBackupAs(fileName: string, lang: Lang): Promise<Result<{ savedTo: string | null }>>;
}
