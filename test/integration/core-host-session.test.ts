import { EventEmitter } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FromCore, ToCore } from '../../electron/main/core-protocol';
import { createTempDb, type TempDb } from '../fixtures/temp-db';

/**
 * The app window's session, kept by the Electron core process (electron/main/core-host.ts, run
 * here on plain Node with a stand-in parent port): nothing but the sign-in procedures answers
 * before someone signs in, the first run creates the administrator, and signing out ends it.
 */

const replies: FromCore[] = [];
const port = Object.assign(new EventEmitter(), { postMessage: (message: FromCore) => replies.push(message) });
const send = (message: ToCore) => port.emit('message', { data: message });

let t: TempDb;
beforeAll(async () => {
  t = createTempDb();
  Object.assign(process, { parentPort: port });
  await import('../../electron/main/core-host');
  send({ type: 'open', paths: t.paths, appVersion: '0.0.0-test', actor: 'desktop:test' });
  await vi.waitFor(() => expect(replies).toContainEqual({ type: 'opened' }));
});
afterAll(() => t.cleanup());

let nextId = 1;
async function callCore(name: string, input: unknown) {
  const id = nextId++;
  send({ type: 'call', id, name, input, lang: 'en' });
  await vi.waitFor(() => expect(replies.some((r) => r.type === 'result' && r.id === id)).toBe(true));
  return (replies.find((r) => r.type === 'result' && r.id === id) as Extract<FromCore, { type: 'result' }>).result;
}

describe('the window’s session in the core process', () => {
  it('asks for the first administrator, keeps the session, and ends it on sign-out', async () => {
    expect(await callCore('dashboard:summary', {})).toMatchObject({ ok: false, error: { code: 'sign_in_required', message: 'Please sign in first.' } });
    expect(await callCore('auth:session', {})).toEqual({ ok: true, value: { user: null, needsSetup: true } });
    const admin = await callCore('auth:setup-admin', { username: 'admin', displayName: 'Admin', password: 'sandi-admin-1' });
    expect(admin).toMatchObject({ ok: true, value: { username: 'admin', role: 'sekretariat' } });
    expect(await callCore('dashboard:summary', {})).toMatchObject({ ok: true });
    expect(await callCore('auth:session', {})).toMatchObject({ ok: true, value: { user: { username: 'admin' }, needsSetup: false } });
    expect(await callCore('auth:logout', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(await callCore('dashboard:summary', {})).toMatchObject({ ok: false, error: { code: 'sign_in_required' } });
    expect(await callCore('auth:login', { username: 'admin', password: 'salah-sandi' })).toMatchObject({ ok: false, error: { code: 'sign_in_failed' } });
    expect(await callCore('auth:login', { username: 'admin', password: 'sandi-admin-1' })).toMatchObject({ ok: true });
    expect(await callCore('dashboard:summary', {})).toMatchObject({ ok: true });
  });
});

describe('what reaches the core process over IPC', () => {
  it('is parsed with the contract’s zod schemas before any service runs', async () => {
    expect(await callCore('fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
    expect(await callCore('dashboard:summary', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await callCore('backup:create', { out: '/etc/cron.d/x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('and the core process made the day’s automatic backup when it opened', async () => {
    const dir = join(t.dir, 'backups');
    await vi.waitFor(() => expect(existsSync(dir) && readdirSync(dir).some((name) => /^ksbb-auto-\d{8}-\d{6}\.tar\.gz$/.test(name))).toBe(true), { timeout: 20_000 });
  });
});
