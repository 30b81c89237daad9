import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Input, type Output, procedures } from '../../electron/api/contract';
import type { Result } from '../../electron/api/errors';
import { MAX_DOCUMENT_BYTES } from '../../electron/api/procedures/agreements';
import { verifyDocuments } from '../../electron/core/documents/service';
import { storedPath } from '../../electron/core/documents/store';
import { dispatch } from '../../electron/core/dispatch';
import { createHandlers, type Handlers } from '../../electron/core/handlers';
import type { OpenedCore } from '../../electron/core/open';
import { JPEG, PDF, PNG } from '../fixtures/documents';
import { ctx, seedAgreement, seedPartner, silentLog } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * Decision: a file's bytes are stored once, and so is its `document` row — one row per distinct
 * SHA-256, linked to every agreement it is attached to. The same bytes attached twice to one
 * agreement change nothing; attached to another agreement they add only a link.
 */

type DocProcedure = 'document:attach' | 'document:content' | 'document:locate' | 'document:verify' | 'agreement:get';

let t: TempDb;
let core: OpenedCore;
let handlers: Handlers;
let agreementId: string;
beforeEach(() => {
  t = createTempDb();
  core = t.open();
  handlers = createHandlers(core.deps);
  const partnerId = seedPartner(core, { name: 'BAZIS DKI', aggregator: true });
  agreementId = seedAgreement(core, { partnerId, number: '045/PKS/KSBB/2023', signedOn: '2023-01-01', validFrom: '2023-01-01', validUntil: '2024-12-31' });
});
afterEach(() => t.cleanup());

async function call<K extends DocProcedure>(name: K, input: Input<K>): Promise<Result<Output<K>>> {
  return (await dispatch(handlers, name, input, ctx, silentLog)) as Result<Output<K>>;
}
async function ok<K extends DocProcedure>(name: K, input: Input<K>): Promise<Output<K>> {
  const result = await call(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}
const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);
const attach = (fileName: string, bytes: Buffer, agreement = agreementId) =>
  call('document:attach', { agreementId: agreement, fileName, contentBase64: bytes.toString('base64') });

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const count = (table: string) => (core.deps.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Stored files (the `.view` copies for the system viewer left out). */
function storedFiles(): string[] {
  const dir = t.paths.documentsDir;
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.view') walk(full);
      } else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

describe('document:attach', () => {
  it('stores a scan content-addressed and answers its SHA-256', async () => {
    const result = await attach('PKS 045.pdf', PDF);
    expect(codeOf(result)).toBe('ok');
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      sha256: sha(PDF),
      fileName: 'PKS 045.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      alreadyStored: false,
      alreadyAttached: false,
    });
    expect(storedFiles()).toEqual([join(sha(PDF).slice(0, 2), sha(PDF))]);
    expect(readFileSync(storedPath(t.paths.documentsDir, sha(PDF))).equals(PDF)).toBe(true);
    const detail = await ok('agreement:get', { id: agreementId });
    expect(detail.documentCount).toBe(1);
    expect(detail.documents).toEqual([expect.objectContaining({ id: result.value.id, sha256: sha(PDF), fileName: 'PKS 045.pdf', createdBy: ctx.actor })]);
    const audit = core.deps.db.$client.prepare("SELECT table_name AS tableName, action FROM audit_log WHERE action IN ('create', 'attach_document') ORDER BY seq").all();
    expect(audit).toEqual([
      { tableName: 'document', action: 'create' },
      { tableName: 'agreement', action: 'attach_document' },
    ]);
    expect(count('sync_outbox')).toBeGreaterThanOrEqual(2);
  });

  it('stores the same bytes once: one file, one document row, one link per agreement', async () => {
    const first = await ok('document:attach', { agreementId, fileName: 'scan.pdf', contentBase64: PDF.toString('base64') });
    const again = await ok('document:attach', { agreementId, fileName: 'scan (1).pdf', contentBase64: PDF.toString('base64') });
    expect(again).toMatchObject({ id: first.id, sha256: first.sha256, fileName: 'scan.pdf', alreadyStored: true, alreadyAttached: true });
    const other = seedAgreement(core, { partnerId: seedPartner(core, { name: 'PT Lain' }), signedOn: '2023-01-01' });
    const elsewhere = await ok('document:attach', { agreementId: other, fileName: 'salinan.pdf', contentBase64: PDF.toString('base64') });
    expect(elsewhere).toMatchObject({ id: first.id, alreadyStored: true, alreadyAttached: false });
    expect(storedFiles()).toHaveLength(1);
    expect(count('document')).toBe(1);
    expect(count('agreement_document')).toBe(2);
    await ok('document:attach', { agreementId, fileName: 'foto.png', contentBase64: PNG.toString('base64') });
    expect(storedFiles()).toHaveLength(2);
    expect((await ok('agreement:get', { id: agreementId })).documentCount).toBe(2);
  });

  it('refuses a file that is not what its extension says, and stores nothing', async () => {
    expect(codeOf(await attach('PKS.pdf', PNG))).toBe('document_content_mismatch');
    expect(codeOf(await attach('foto.jpg', PDF))).toBe('document_content_mismatch');
    expect(codeOf(await attach('foto.png', Buffer.from('GIF89a....')))).toBe('document_content_mismatch');
    expect(codeOf(await attach('PKS.docx', PDF))).toBe('document_type_not_allowed');
    expect(codeOf(await attach('PKS.pdf', Buffer.alloc(0)))).toBe('document_content_mismatch');
    const bad = await call('document:attach', { agreementId, fileName: 'x.pdf', contentBase64: '%%%not base64%%%' });
    expect(codeOf(bad)).toBe('invalid_input');
    expect(storedFiles()).toEqual([]);
    expect(count('document')).toBe(0);
  });

  it('keeps a hostile original name only as a display name, the file inside the store', async () => {
    const traversal = await ok('document:attach', { agreementId, fileName: '../../etc/passwd.pdf', contentBase64: PDF.toString('base64') });
    expect(traversal.fileName).toBe('passwd.pdf');
    const windows = await ok('document:attach', { agreementId, fileName: 'C:\\x\\y.jpg', contentBase64: JPEG.toString('base64') });
    expect(windows.fileName).toBe('y.jpg');
    const control = await ok('document:attach', { agreementId, fileName: 'a\u0000b\r\n.png', contentBase64: PNG.toString('base64') });
    expect(control.fileName).toBe('ab.png');
    for (const file of storedFiles()) {
      expect(file).toMatch(/^[0-9a-f]{2}[/\\][0-9a-f]{64}$/);
    }
    expect(existsSync(join(t.dir, 'etc'))).toBe(false);
    expect(existsSync(join(t.paths.documentsDir, '..', '..', 'etc', 'passwd.pdf'))).toBe(false);
    const located = await ok('document:locate', { id: traversal.id });
    expect(located.path.startsWith(t.paths.documentsDir + sep)).toBe(true);
  });

  it('refuses a document over 50 MiB and accepts one of exactly 50 MiB', async () => {
    const exact = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    PDF.copy(exact);
    expect(codeOf(await attach('besar.pdf', exact))).toBe('ok');
    const over = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    PDF.copy(over);
    expect(codeOf(await attach('terlalu-besar.pdf', over))).toBe('document_too_large');
    expect(storedFiles()).toHaveLength(1);
  });

  it('refuses an unknown agreement before storing anything', async () => {
    expect(codeOf(await attach('PKS.pdf', PDF, '01890000-0000-7000-8000-000000000000'))).toBe('not_found');
    expect(storedFiles()).toEqual([]);
  });
});

describe('document:content, document:locate and verify', () => {
  it('serves the bytes back and a read-only viewer copy with the right extension', async () => {
    const doc = await ok('document:attach', { agreementId, fileName: 'PKS.pdf', contentBase64: PDF.toString('base64') });
    expect(procedures['document:attach'].output.parse(doc)).toEqual(doc);
    const content = await ok('document:content', { id: doc.id });
    expect(content).toMatchObject({ fileName: 'PKS.pdf', mediaType: 'application/pdf', sha256: sha(PDF), sizeBytes: PDF.length });
    expect(Buffer.from(content.contentBase64, 'base64').equals(PDF)).toBe(true);
    const located = await ok('document:locate', { id: doc.id });
    expect(located.path).toBe(join(t.paths.documentsDir, '.view', `${sha(PDF)}.pdf`));
    expect(readFileSync(located.path).equals(PDF)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(located.path).mode & 0o222).toBe(0);
    expect((await ok('document:locate', { id: doc.id })).path).toBe(located.path);
    expect(codeOf(await call('document:content', { id: '01890000-0000-7000-8000-000000000000' }))).toBe('not_found');
  });

  it('detects a tampered and a missing file, names them, and refuses to serve them', async () => {
    const pdf = await ok('document:attach', { agreementId, fileName: 'PKS.pdf', contentBase64: PDF.toString('base64') });
    const png = await ok('document:attach', { agreementId, fileName: 'lampiran.png', contentBase64: PNG.toString('base64') });
    await ok('document:attach', { agreementId, fileName: 'foto.jpg', contentBase64: JPEG.toString('base64') });
    expect(verifyDocuments(core.deps)).toEqual({ checked: 3, problems: [] });

    const pdfPath = storedPath(t.paths.documentsDir, pdf.sha256);
    chmodSync(pdfPath, 0o644);
    writeFileSync(pdfPath, Buffer.concat([PDF, Buffer.from('% one more line')]));
    rmSync(storedPath(t.paths.documentsDir, png.sha256));

    const report = await ok('document:verify', {});
    expect(report.checked).toBe(3);
    expect(report.problems).toEqual([
      { documentId: pdf.id, fileName: 'PKS.pdf', sha256: pdf.sha256, problem: 'mismatch', agreementNumbers: ['045/PKS/KSBB/2023'] },
      { documentId: png.id, fileName: 'lampiran.png', sha256: png.sha256, problem: 'missing', agreementNumbers: ['045/PKS/KSBB/2023'] },
    ]);
    expect(codeOf(await call('document:content', { id: pdf.id }))).toBe('document_corrupt');
    expect(codeOf(await call('document:locate', { id: pdf.id }))).toBe('document_corrupt');
    expect(codeOf(await call('document:content', { id: png.id }))).toBe('document_missing');

    // Attaching the original again repairs the store.
    await ok('document:attach', { agreementId, fileName: 'PKS.pdf', contentBase64: PDF.toString('base64') });
    expect((await ok('document:verify', {})).problems.map((p) => p.documentId)).toEqual([png.id]);
  });
});
