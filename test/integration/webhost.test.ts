import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { procedures } from '../../electron/api/contract';
import { createHandlers } from '../../electron/core/handlers';
import { CONTENT_SECURITY_POLICY, startWebHost, TOKEN_HEADER, type WebHost } from '../../electron/webhost/server';
import { webSession } from '../fixtures/accounts';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

const TOKEN = 'f'.repeat(64);
const INDEX_HTML = '<!doctype html><html><head><title>KSBB Desk test</title></head><body><div id="root"></div></body></html>\n';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request sent exactly as written (path not normalised, Host header of our choosing). */
function raw(host: WebHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: Number(port), method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let t: TempDb;
let host: WebHost;
let rendererDir: string;
const logged: unknown[] = [];

let cookie: string;
const api = (name: string, body: string, headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN }) =>
  fetch(new URL(`api/${name}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body });

beforeEach(async () => {
  t = createTempDb();
  const core = t.open();
  rendererDir = join(t.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");\n');
  writeFileSync(join(t.dir, 'secret.txt'), 'not for the browser\n');
  logged.length = 0;
  const session = webSession(core);
  cookie = session.cookie;
  host = await startWebHost({
    handlers: createHandlers(core.deps),
    resolveSession: session.resolveSession,
    rendererDir,
    port: 0,
    actor: 'web:test',
    log: { error: (message, error) => logged.push([message, error]) },
    token: TOKEN,
  });
});

afterEach(async () => {
  await host.close();
  t.cleanup();
});

describe('web host API', () => {
  it('listens on loopback and puts the token in the fragment of the address to open', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.openUrl).toBe(`${host.url}#token=${TOKEN}`);
    expect(host.token).toBe(TOKEN);
  });

  it('refuses a call without the token, or with a wrong one, with 403', async () => {
    const none = await api('dashboard:summary', '{}', {});
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await api('dashboard:summary', '{}', { [TOKEN_HEADER]: 'e'.repeat(64) });
    expect(wrong.status).toBe(403);
    const short = await api('dashboard:summary', '{}', { [TOKEN_HEADER]: 'f' });
    expect(short.status).toBe(403);
  });

  it('answers a call with the token with 200 and the handler’s result', async () => {
    const response = await api('dashboard:summary', '{}');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { ok: boolean; value: unknown };
    expect(body.ok).toBe(true);
    expect(procedures['dashboard:summary'].output.parse(body.value)).toMatchObject({ partners: 0, distributions: 0 });

    const regions = (await (await api('region:children', '{"parentCode":null}')).json()) as { ok: true; value: { children: unknown[] } };
    expect(regions.value.children).toHaveLength(6);
    // An empty body counts as {}.
    expect((await api('dashboard:summary', '')).status).toBe(200);
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await api('dashboard:summary', '{"oops":');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^Masukan tidak valid: JSON: /) } });
  });

  it('answers input of the wrong shape with 400 and the zod message', async () => {
    const parsed = procedures['region:children'].input.safeParse({ parentCode: 5 });
    expect(parsed.success).toBe(false);
    const zodMessage = parsed.error?.issues[0]?.message ?? '';
    expect(zodMessage).not.toBe('');
    const response = await api('region:children', '{"parentCode": 5}', { [TOKEN_HEADER]: TOKEN, 'x-ksbb-lang': 'en' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: false; error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain(zodMessage);
    expect(body.error.message).toContain('parentCode');
    expect(body.error.message).toMatch(/^Invalid input: /);
  });

  it('answers an unknown procedure with 404', async () => {
    const response = await api('partner:delete-all', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
  });

  it('answers anything but POST on the API with 405', async () => {
    const response = await fetch(new URL('api/dashboard:summary', host.url), { headers: { [TOKEN_HEADER]: TOKEN } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses a request for another Host (DNS rebinding) with 421', async () => {
    const { port } = new URL(host.url);
    const evil = await raw(host, {
      method: 'POST',
      path: '/api/dashboard:summary',
      headers: { host: `evil.example:${port}`, [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(evil.status).toBe(421);
    expect(JSON.parse(evil.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await raw(host, { path: '/', headers: { host: `evil.example:${port}` } })).status).toBe(421);
    expect((await raw(host, { path: '/', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });
});

describe('web host static files', () => {
  it('serves index.html at / with a content security policy', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves files from the renderer folder with their type, and index.html for unknown paths', async () => {
    const script = await fetch(new URL('assets/app.js', host.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("app");\n');
    expect(await (await fetch(new URL('regions/31.71', host.url))).text()).toBe(INDEX_HTML);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../../etc/passwd', '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt']) {
      const response = await raw(host, { path });
      expect(response.body, path).not.toContain('root:');
      expect(response.body, path).not.toContain('not for the browser');
      if (response.status === 200) expect(response.body, path).toBe(INDEX_HTML);
      else expect(response.status, path).toBe(404);
    }
    const passwd = await raw(host, { path: '/../../etc/passwd' });
    expect(passwd.status).toBe(200);
    expect(passwd.body).toBe(INDEX_HTML);
  });
});
