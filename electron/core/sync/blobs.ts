import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { document, verification } from '../../../db/schema';
import { sha256Schema } from '../../api/sync-protocol';
import type { CoreDeps } from '../context';
import { readStored, sha256Of, storedPath, storeBytes } from '../documents/store';
import type { HubClient } from './transport';

/** A record as far as blobs go: its table and fields (a pushed mutation or a pulled change). */
interface WithFields {
  table: string;
  fields: Record<string, unknown>;
}

const evidenceSchema = z.array(sha256Schema);

/** The SHA-256s of the document-store files records name: a PKS scan, a verification act's evidence. */
export function blobsOf(records: readonly WithFields[]): Set<string> {
  const out = new Set<string>();
  for (const { table, fields } of records) {
    if (table === 'document' && typeof fields.sha256 === 'string' && sha256Schema.safeParse(fields.sha256).success) out.add(fields.sha256);
    if (table === 'verification' && typeof fields.evidence === 'string') {
      const listed = z
        .string()
        .transform((text, ctx) => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            ctx.addIssue({ code: 'custom', message: 'not JSON' });
            return z.NEVER;
          }
        })
        .pipe(evidenceSchema)
        .safeParse(fields.evidence);
      if (listed.success) for (const sha of listed.data) out.add(sha);
    }
  }
  return out;
}

/**
 * Uploads what the hub lacks of these blobs, before the records that name them: a device pulling
 * a record can then fetch its file. The bytes are checked against their SHA-256 here and at the hub.
 */
export async function uploadBlobs(deps: Pick<CoreDeps, 'paths'>, client: HubClient, shas: Iterable<string>): Promise<number> {
  let uploaded = 0;
  for (const sha256 of shas) {
    // A file this device never received itself is not its to upload (`ksbb check` names it here).
    if (!existsSync(storedPath(deps.paths.documentsDir, sha256)) || (await client.hasBlob(sha256))) continue;
    await client.putBlob(sha256, readStored(deps.paths.documentsDir, { sha256, fileName: sha256 }));
    uploaded += 1;
  }
  return uploaded;
}

/** The files the records of this database name that its document store does not hold. */
function missingBlobs(deps: Pick<CoreDeps, 'db' | 'paths'>): string[] {
  const documents = deps.db.select({ sha256: document.sha256 }).from(document).where(sql`${document.deletedAt} IS NULL`).all();
  const acts = deps.db.select({ evidence: verification.evidence }).from(verification).all();
  const named = blobsOf([...documents.map((d) => ({ table: 'document', fields: { sha256: d.sha256 } })), ...acts.map((a) => ({ table: 'verification', fields: { evidence: a.evidence } }))]);
  return [...named].filter((sha256) => !existsSync(storedPath(deps.paths.documentsDir, sha256)));
}

/**
 * Fetches every file the records name that this device does not hold yet into its document store,
 * each checked against its SHA-256. Answers those the hub does not have either (a file whose
 * record came first): the next sync asks again.
 */
export async function downloadMissingBlobs(deps: Pick<CoreDeps, 'db' | 'paths'>, client: HubClient): Promise<string[]> {
  const missing: string[] = [];
  for (const sha256 of missingBlobs(deps)) {
    const bytes = await client.getBlob(sha256);
    if (bytes === null || sha256Of(bytes) !== sha256) {
      missing.push(sha256);
      continue;
    }
    storeBytes(deps.paths.documentsDir, bytes);
  }
  return missing;
}
