import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type Browser, chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
const ksbbBin = join(root, 'bin', 'ksbb.js');

/** Runs the real `ksbb` command, as a user's script would. */
export function ksbb(args: string[]): string {
  return execFileSync(process.execPath, [ksbbBin, ...args], { cwd: root, encoding: 'utf8' });
}

export interface RunningHost {
  dataDir: string;
  databasePath: string;
  openUrl: string;
  stop(): Promise<void>;
}

/** A temporary data folder, a database made with the CLI, and `ksbb serve` on a free port. */
export async function startHost(prepare: (databasePath: string) => void): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ksbb-e2e-'));
  const databasePath = join(dataDir, 'ksbb.sqlite');
  prepare(databasePath);
  const child: ChildProcess = spawn(process.execPath, [ksbbBin, '--db', databasePath, '--json', 'serve'], {
    cwd: root,
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
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium driven by playwright-core (Playwright's own browser download is not available here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const screenshotDir = join(root, 'test-results', 'screenshots');
