import { sql } from 'drizzle-orm';
import { agreementDocument, document } from '../../../db/schema';
import type { Output } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { DocumentMediaType, DocumentVerifyProblem } from '../../api/procedures/agreements';
import { createdChanges, inTransaction, journalWrite } from '../audit/journal';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { checkDocument, hashStoredFile, readStored, storeBytes, storedPath, viewCopy } from './store';

/**
 * Documents attached to agreements. The bytes live once in the content-addressed store; the
 * `document` table holds one row per distinct content (SHA-256) with the display name it was
 * first attached under, and `agreement_document` links it to every agreement it belongs to.
 * Attaching the same bytes again reuses that row: to the same agreement nothing changes, to
 * another agreement only a link is added.
 */

interface DocumentRow {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
}

const documentColumns = sql`id, sha256, file_name AS fileName, media_type AS mediaType, size_bytes AS sizeBytes`;

function getDocument(deps: Pick<CoreDeps, 'db'>, id: string): DocumentRow {
  const row = deps.db.get<DocumentRow | undefined>(sql`SELECT ${documentColumns} FROM document WHERE id = ${id} AND deleted_at IS NULL`);
  if (!row) throw new AppError('not_found', { what: 'dokumen', id });
  return row;
}

export interface AttachRequest {
  agreementId: string;
  /** The original file name, as the user's system gave it. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Checks (type, size, magic bytes), stores the bytes (before the transaction: a file write is
 * never done while holding the database) and, in one transaction, records the document and its
 * link to the agreement with their audit entries and outbox mutations.
 */
export function attachDocument(deps: CoreDeps, request: AttachRequest, ctx: CallContext): Output<'document:attach'> {
  const { db } = deps;
  const checked = checkDocument(request.fileName, request.bytes.length, request.bytes);
  const agreementRow = db.get<{ number: string } | undefined>(
    sql`SELECT number FROM agreement WHERE id = ${request.agreementId} AND deleted_at IS NULL`,
  );
  if (!agreementRow) throw new AppError('not_found', { what: 'PKS', id: request.agreementId });
  const stored = storeBytes(deps.paths.documentsDir, request.bytes);
  return inTransaction(db, () => {
    const linkedIds = () =>
      db
        .all<{ id: string }>(sql`
          SELECT d.id FROM agreement_document ad JOIN document d ON d.id = ad.document_id
          WHERE ad.agreement_id = ${request.agreementId} AND d.deleted_at IS NULL ORDER BY d.created_at, d.id`)
        .map((r) => r.id);
    const existing = db.get<DocumentRow | undefined>(sql`
      SELECT ${documentColumns} FROM document WHERE sha256 = ${stored.sha256} AND deleted_at IS NULL
      ORDER BY EXISTS (SELECT 1 FROM agreement_document WHERE document_id = document.id AND agreement_id = ${request.agreementId}) DESC,
               created_at, id
      LIMIT 1`);
    const before = linkedIds();
    if (existing && before.includes(existing.id)) {
      return { ...existing, alreadyStored: true, alreadyAttached: true };
    }
    let doc: DocumentRow;
    if (existing) {
      doc = existing;
    } else {
      doc = { id: newId(), sha256: stored.sha256, ...checked };
      const createdAt = deps.clock.now().toISOString();
      db.insert(document).values({ ...doc, createdAt, hlc: deps.hlc.tick(), createdBy: ctx.actor }).run();
      const { id: _id, ...fields } = doc;
      journalWrite(
        deps,
        {
          actor: ctx.actor,
          action: 'create',
          tableName: 'document',
          recordId: doc.id,
          changes: createdChanges(fields),
        },
        { tableName: 'document', recordId: doc.id, op: 'upsert', payload: { ...fields, createdAt } },
      );
    }
    db.insert(agreementDocument).values({ agreementId: request.agreementId, documentId: doc.id }).run();
    const after = linkedIds();
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'attach_document', tableName: 'agreement', recordId: request.agreementId, changes: { documentIds: [before, after] } },
      { tableName: 'agreement', recordId: request.agreementId, op: 'upsert', payload: { documentIds: after } },
    );
    // "Already stored" is about the bytes: true when the store (or another row) had them before.
    return { ...doc, alreadyStored: stored.alreadyStored || existing !== undefined, alreadyAttached: false };
  });
}

/** The bytes of a document, checked against its SHA-256 (a changed file is refused, not served). */
export function documentContent(deps: CoreDeps, id: string): Output<'document:content'> {
  const doc = getDocument(deps, id);
  const bytes = readStored(deps.paths.documentsDir, doc);
  return { fileName: doc.fileName, mediaType: doc.mediaType, sha256: doc.sha256, sizeBytes: doc.sizeBytes, contentBase64: bytes.toString('base64') };
}

/** A checked, read-only copy of the document for the system viewer (Electron opens it). */
export function locateDocument(deps: CoreDeps, id: string): Output<'document:locate'> {
  const doc = getDocument(deps, id);
  return { path: viewCopy(deps.paths.documentsDir, doc), fileName: doc.fileName, mediaType: doc.mediaType, sha256: doc.sha256 };
}

export interface VerifyReport {
  /** Document rows checked. */
  checked: number;
  /** Each document whose file is missing or no longer has its SHA-256. */
  problems: DocumentVerifyProblem[];
}

/**
 * Re-hashes every stored document (each distinct file once) and names each document whose file
 * is missing from the store or whose content no longer matches its SHA-256.
 */
export function verifyDocuments(deps: Pick<CoreDeps, 'db' | 'paths'>): VerifyReport {
  const rows = deps.db.all<{ id: string; fileName: string; sha256: string; numbers: string }>(sql`
    SELECT d.id, d.file_name AS fileName, d.sha256,
           (SELECT json_group_array(number) FROM (
              SELECT a.number FROM agreement_document ad JOIN agreement a ON a.id = ad.agreement_id
              WHERE ad.document_id = d.id AND a.deleted_at IS NULL ORDER BY a.number)) AS numbers
    FROM document d WHERE d.deleted_at IS NULL ORDER BY d.created_at, d.id`);
  const verdicts = new Map<string, 'ok' | 'missing' | 'mismatch'>();
  const problems: DocumentVerifyProblem[] = [];
  for (const row of rows) {
    let verdict = verdicts.get(row.sha256);
    if (verdict === undefined) {
      let found: string | null;
      try {
        found = hashStoredFile(storedPath(deps.paths.documentsDir, row.sha256));
      } catch {
        // Not a SHA-256 at all: whatever the row points at cannot be checked.
        found = '';
      }
      verdict = found === null ? 'missing' : found === row.sha256 ? 'ok' : 'mismatch';
      verdicts.set(row.sha256, verdict);
    }
    if (verdict !== 'ok') {
      problems.push({
        documentId: row.id,
        fileName: row.fileName,
        sha256: row.sha256,
        problem: verdict,
        agreementNumbers: JSON.parse(row.numbers) as string[],
      });
    }
  }
  return { checked: rows.length, problems };
}
