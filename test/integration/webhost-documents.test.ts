import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BASE64_CHARS, MAX_DOCUMENT_BYTES } from '../../electron/api/procedures/agreements';
import { createHandlers } from '../../electron/core/handlers';
import { startWebHost, TOKEN_HEADER, type WebHost } from '../../electron/webhost/server';
import { webSession } from '../fixtures/accounts';
import { PDF } from '../fixtures/documents';
import { seedAgreement, seedPartner } from '../fixtures/registry';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

const TOKEN = 'e'.repeat(64);

let t: TempDb;
let host: WebHost;
let agreementId: string;

beforeEach(async () => {
  t = createTempDb();
  const core = t.open();
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>\n');
  agreementId = seedAgreement(core, { partnerId: seedPartner(core, { name: 'PT Bank DKI' }), signedOn: '2023-01-01' });
  const session = webSession(core);
  cookie = session.cookie;
  host = await startWebHost({ handlers: createHandlers(core.deps), rendererDir, port: 0, actor: 'web:test', log: { error: () => undefined }, token: TOKEN, resolveSession: session.resolveSession });
});
afterEach(async () => {
  await host.close();
  t.cleanup();
});

let cookie: string;
const post = (name: string, body: string) =>
  fetch(new URL(`api/${name}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN, cookie }, body });

describe('documents over the web host', () => {
  it('takes a 50 MiB scan as base64 JSON, and answers its SHA-256', async () => {
    const bytes = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    PDF.copy(bytes);
    const response = await post('document:attach', JSON.stringify({ agreementId, fileName: 'PKS besar.pdf', contentBase64: bytes.toString('base64') }));
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; value: { sha256: string; sizeBytes: number } };
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: MAX_DOCUMENT_BYTES });
  });

  it('still refuses a body larger than that', async () => {
    const body = JSON.stringify({ agreementId, fileName: 'x.pdf', contentBase64: 'A'.repeat(MAX_DOCUMENT_BASE64_CHARS + 2 * 1024 * 1024) });
    const response = await post('document:attach', body).catch((error: unknown) => error);
    // The host answers 413 as soon as the limit is passed (the client may see the socket close first).
    if (response instanceof Response) expect(response.status).toBe(413);
    else expect(response).toBeInstanceOf(Error);
  });
});
