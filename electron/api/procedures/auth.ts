import { z } from 'zod';
import { countSchema, pageInput, pageOutput, slugSchema } from '../schemas';

/**
 * Accounts, sessions and the audit trail. A session itself never travels in an answer: the host
 * keeps it (the window's core process, or an HttpOnly cookie of the web host).
 */

/** Shorter passwords are refused (a local account guards personal data and public money). */
export const MIN_PASSWORD_LENGTH = 8;
/** The same list as `db/schema/users.ts` userRoles (a unit test checks that they agree); kept here so the renderer needs no db code. */
export const userRoleValues = ['sekretariat', 'skpd', 'auditor'] as const;
export const userRoleSchema = z.enum(userRoleValues);

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '2–40 huruf kecil, angka, titik, garis bawah atau tanda hubung');
const passwordSchema = z.string().max(200);

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: userRoleSchema,
  agencyId: z.string().nullable(),
  programIds: z.array(z.string()),
});

export const userRowSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: userRoleSchema,
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  failedAttempts: countSchema,
});

export const sessionPolicySchema = z.object({
  /** A session ends after this many minutes without a call. */
  idleMinutes: z.number().int().min(1).max(24 * 60),
  /** Failed sign-ins in a row that lock an account, and for how long. */
  maxFailedAttempts: countSchema,
  lockMinutes: countSchema,
});

export const auditEntrySchema = z.object({
  seq: countSchema,
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  tableName: z.string(),
  recordId: z.string(),
  changes: z.string(),
  importBatchId: z.string().nullable(),
  hash: z.string(),
});

/** Filters of the audit list and its export; dates are calendar days in Jakarta's time. */
export const auditFilterSchema = z
  .object({
    actor: z.string().trim().max(200).optional(),
    tableName: z.string().trim().max(100).optional(),
    recordId: z.string().trim().max(200).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict();

export const auditBreakKinds = ['edited', 'deleted', 'reordered'] as const;

export const auditVerifySchema = z.object({
  intact: z.boolean(),
  entries: countSchema,
  /** The first entry that does not fit the chain, and what most likely happened to it. */
  firstBreak: z.object({ seq: countSchema, kind: z.enum(auditBreakKinds) }).nullable(),
});

export const authProcedures = {
  'auth:session': {
    input: z.object({}).strict(),
    output: z.object({ user: sessionUserSchema.nullable(), needsSetup: z.boolean() }),
  },
  'auth:setup-admin': {
    input: z.object({ username: usernameSchema, displayName: z.string().trim().min(1).max(200), password: passwordSchema }).strict(),
    output: sessionUserSchema,
  },
  'auth:login': {
    input: z.object({ username: z.string().trim().toLowerCase().max(40), password: passwordSchema }).strict(),
    output: sessionUserSchema,
  },
  'auth:logout': {
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.boolean() }),
  },
  'auth:change-password': {
    input: z.object({ currentPassword: passwordSchema, newPassword: passwordSchema }).strict(),
    output: z.object({ changed: z.literal(true) }),
  },
  'auth:policy': {
    input: z.object({}).strict(),
    output: sessionPolicySchema,
  },
  'auth:set-policy': {
    input: z.object({ idleMinutes: sessionPolicySchema.shape.idleMinutes }).strict(),
    output: sessionPolicySchema,
  },
  'user:list': {
    input: z.object({}).strict(),
    output: z.array(userRowSchema),
  },
  'user:create': {
    input: z
      .object({
        username: usernameSchema,
        displayName: z.string().trim().min(1).max(200),
        role: userRoleSchema,
        /** Required for role `skpd`: the SKPD whose programs the account may change. */
        agencyId: slugSchema.nullable().default(null),
        password: passwordSchema,
      })
      .strict(),
    output: userRowSchema,
  },
  'user:disable': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: userRowSchema,
  },
  'user:reset-password': {
    input: z.object({ id: z.string().min(1), password: passwordSchema }).strict(),
    output: userRowSchema,
  },
  'audit:list': {
    input: z.object({ filters: auditFilterSchema.default({}), ...pageInput(['seq']) }).strict(),
    output: pageOutput(auditEntrySchema),
  },
  'audit:export': {
    input: z.object({ filters: auditFilterSchema.default({}) }).strict(),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: countSchema, sha256: z.string() }),
  },
  'audit:verify': {
    input: z.object({}).strict(),
    output: auditVerifySchema,
  },
} as const;
