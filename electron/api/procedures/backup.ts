import { z } from 'zod';
import { countSchema, emptyInput } from '../schemas';
import { documentVerifyProblemSchema } from './agreements';
import { auditVerifySchema } from './auth';

/**
 * Backups and the database check (Cadangan). `backup:create` writes a backup into the backups
 * folder next to the database (the desktop menu then copies it where the user chooses);
 * restoring is `ksbb restore`, run with the app closed.
 */

const backupKindSchema = z.enum(['auto', 'manual', 'before-restore']);

const backupFileSchema = z.object({
  fileName: z.string(),
  path: z.string(),
  kind: backupKindSchema,
  createdAt: z.iso.datetime(),
  sizeBytes: countSchema,
});

export const checkReportSchema = z.object({
  /** Every part passed. */
  ok: z.boolean(),
  /** `PRAGMA integrity_check`: its messages (the first 100) besides "ok". */
  integrity: z.object({ problems: z.array(z.string()), count: countSchema }),
  /** `PRAGMA foreign_key_check`: rows whose parent is missing (the first 100). */
  foreignKeys: z.object({
    problems: z.array(z.object({ table: z.string(), rowid: z.number().int().nullable(), parent: z.string() })),
    count: countSchema,
  }),
  documents: z.object({ checked: countSchema, problems: z.array(documentVerifyProblemSchema) }),
  /** The audit hash chain, as `audit:verify` reports it. */
  audit: auditVerifySchema,
});

export const backupProcedures = {
  'backup:create': {
    input: emptyInput,
    output: backupFileSchema.extend({ files: countSchema, documents: countSchema, schemaVersion: countSchema }),
  },
  'backup:list': {
    input: emptyInput,
    output: z.object({ folder: z.string(), backups: z.array(backupFileSchema) }),
  },
  'backup:locate': {
    /**
     * Where a backup of the backups folder is, for the desktop's "save a copy as…": a backup holds
     * every account's password hash, so only the Sekretariat may take one out of the folder.
     */
    input: z.object({ fileName: z.string().min(1).max(200) }).strict(),
    output: z.object({ path: z.string() }),
  },
  'check:run': {
    input: emptyInput,
    output: checkReportSchema,
  },
} as const;
