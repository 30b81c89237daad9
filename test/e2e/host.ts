import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, chromium } from 'playwright-core';
import type { Input, Output, ProcedureName } from '../../electron/api/contract';
import type { Result } from '../../electron/api/errors';

const root = resolve(import.meta.dirname, '..', '..');
const ksbbBin = join(root, 'bin', 'ksbb.js');

/** Runs the real `ksbb` command, as a user's script would (`env` adds to the environment, e.g. a password). */
export function ksbb(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [ksbbBin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** A local account the tests sign in with. */
export interface Account {
  username: string;
  password: string;
}

/** The administrator (Sekretariat) every new host's database gets; tests sign in as it unless they say otherwise. */
export const ADMIN: Account = { username: 'admin', password: 'admin-e2e-secret' };

/** Adds an account to a host's database with `ksbb user add`, as a secretariat's script would. */
export function addUser(databasePath: string, account: Account, role: 'sekretariat' | 'skpd' | 'auditor', agencyId?: string): Account {
  const agency = agencyId === undefined ? [] : ['--agency', agencyId];
  ksbb(['--db', databasePath, 'user', 'add', account.username, '--role', role, ...agency], { KSBB_NEW_PASSWORD: account.password });
  return account;
}

export interface RunningHost {
  dataDir: string;
  databasePath: string;
  openUrl: string;
  /** The per-start token the host printed (the part of `openUrl` after `#token=`). */
  token: string;
  /** Stops the host; the data folder is removed unless `keepData` (to start again on it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Session cookies of the accounts `callApi` signed in, by username. */
  cookies: Map<string, string>;
}

export interface HostOptions {
  /** Extra environment for `ksbb serve`, e.g. `{ KSBB_NOW: '2024-03-01T03:00:00Z' }` to fix its clock. */
  env?: Record<string, string>;
  /** Start on this existing data folder (kept by `stop({ keepData: true })`) instead of a new one. */
  dataDir?: string;
  /** Leave the new database without accounts (the app's first run). */
  withoutAdmin?: boolean;
}

/**
 * A temporary data folder, a database made with the CLI (with the `ADMIN` account), and
 * `ksbb serve` on a free port.
 */
export async function startHost(prepare: (databasePath: string) => void, options: HostOptions = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ksbb-e2e-'));
  const databasePath = join(dataDir, 'ksbb.sqlite');
  prepare(databasePath);
  if (options.dataDir === undefined && !options.withoutAdmin) addUser(databasePath, ADMIN, 'sekretariat');
  const child: ChildProcess = spawn(process.execPath, [ksbbBin, '--db', databasePath, '--json', 'serve'], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const openUrl = await new Promise<string>((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => ok((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => fail(new Error(`ksbb serve exited ${code}: ${stderr}`)));
  });
  return {
    dataDir,
    databasePath,
    openUrl,
    token: new URL(openUrl).hash.replace(/^#token=/, ''),
    cookies: new Map(),
    stop: async ({ keepData = false } = {}) => {
      // Stopping twice (a test that restarts the host, then afterAll) is harmless.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function post(host: RunningHost, name: string, input: unknown, cookie = ''): Promise<Response> {
  return fetch(new URL(`/api/${name}`, host.openUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ksbb-token': host.token, 'x-ksbb-lang': 'en', cookie },
    body: JSON.stringify(input),
  });
}

/** Signs `account` in over the API (once per host) and answers its session cookie. */
async function sessionCookie(host: RunningHost, account: Account): Promise<string> {
  const known = host.cookies.get(account.username);
  if (known) return known;
  const response = await post(host, 'auth:login', { username: account.username, password: account.password });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`auth:login as ${account.username}: ${await response.text()}`);
  host.cookies.set(account.username, cookie);
  return cookie;
}

/**
 * Calls a procedure over the host's HTTP API, as the browser does (with the token and a session
 * of `account`, the administrator by default); throws the error message.
 */
export async function callApi<K extends ProcedureName>(host: RunningHost, name: K, input: Input<K>, account: Account = ADMIN): Promise<Output<K>> {
  const response = await post(host, name, input, await sessionCookie(host, account));
  const result = (await response.json()) as Result<Output<K>>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** Debian's Chromium driven by playwright-core (Playwright's own browser download is not available here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const screenshotDir = join(root, 'test-results', 'screenshots');
