import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSession } from '../../electron/core/auth/service';
import { createHandlers } from '../../electron/core/handlers';
import { startWebHost, TOKEN_HEADER, type WebHost } from '../../electron/webhost/server';
import { createAccount, TEST_PASSWORD } from '../fixtures/accounts';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

const TOKEN = 'a'.repeat(64);

let t: TempDb;
let host: WebHost;
beforeEach(async () => {
  t = createTempDb();
  const core = t.open();
  createAccount(core, 'admin', 'sekretariat');
  createAccount(core, 'bpk', 'auditor');
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>\n');
  host = await startWebHost({ handlers: createHandlers(core.deps), rendererDir, port: 0, actor: 'web:test', log: { error: () => undefined }, token: TOKEN, resolveSession: (token) => resolveSession(core.deps, token) });
});
afterEach(async () => {
  await host.close();
  t.cleanup();
});

const api = (name: string, input: unknown, cookie = '') =>
  fetch(new URL(`api/${name}`, host.url), { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN, 'x-ksbb-lang': 'en', cookie }, body: JSON.stringify(input) });

async function signIn(username: string): Promise<string> {
  const response = await api('auth:login', { username, password: TEST_PASSWORD });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^ksbb-session=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=\/api$/);
  expect(JSON.stringify(await response.json())).not.toContain(cookie.slice(13, 77));
  return cookie.split(';')[0] as string;
}

describe('web host sessions', () => {
  it('answers only the sign-in procedures before signing in, with 401', async () => {
    const refused = await api('dashboard:summary', {});
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'sign_in_required', message: 'Please sign in first.' } });
    expect(await (await api('auth:session', {})).json()).toEqual({ ok: true, value: { user: null, needsSetup: false } });
    const wrong = await api('auth:login', { username: 'admin', password: 'salah-sandi' });
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'sign_in_failed', message: 'Wrong username or password.' } });
  });

  it('keeps the session in an HttpOnly cookie, acts as its account, and ends it on sign-out', async () => {
    const cookie = await signIn('admin');
    expect((await api('dashboard:summary', {}, cookie)).status).toBe(200);
    expect(await (await api('auth:session', {}, cookie)).json()).toMatchObject({ ok: true, value: { user: { username: 'admin', role: 'sekretariat' } } });
    const out = await api('auth:logout', {}, cookie);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await api('dashboard:summary', {}, cookie)).status).toBe(401);
  });

  it('refuses an auditor’s write with 403, naming the role needed', async () => {
    const cookie = await signIn('bpk');
    const refused = await api('agency:create', { id: 'dinsos', name: 'Dinas Sosial', shortName: 'Dinsos' }, cookie);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      ok: false,
      error: { code: 'role_required', message: 'Access denied: agency:create needs the role Secretariat; you are signed in as Auditor.' },
    });
    expect((await api('audit:verify', {}, cookie)).status).toBe(200);
  });
});
