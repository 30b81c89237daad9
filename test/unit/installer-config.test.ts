import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME } from '../../electron/core/paths';

/**
 * electron.builder.yml, proven without building (the Electron binaries cannot be downloaded
 * here): it passes electron-builder's own schema validation, and every item the installers need
 * is there. `npm run dist` builds them where the binaries can be downloaded.
 */

const repo = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  asar: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: string; icon: string };
  linux: { target: string[]; icon: string; category: string };
  mac: { target: string; icon: string };
}

const config = yaml.load(readFileSync(join(repo, 'electron.builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { productName: string; scripts: Record<string, string> };
const mainSource = readFileSync(join(repo, 'electron', 'main', 'index.ts'), 'utf8');

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron.builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, { isEnabled: false, add: () => undefined })).rejects.toThrow();
  });

  it('names the app as every host does, so the CLI finds the desktop app’s user-data folder', () => {
    expect(config.appId).toBe('id.go.jakarta.ksbb.desk');
    expect(config.productName).toBe('KSBB Desk');
    expect(pkg.productName).toBe(config.productName);
    expect(APP_DIR_NAME).toBe(config.productName);
  });

  it('builds Windows NSIS, Linux AppImage and deb, macOS dmg', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
  });

  it('has real icons in resources/: a Windows .ico up to 256 px, PNGs of 512 and 256 px', () => {
    const ico = readFileSync(join(repo, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i;
      const width = ico.readUInt8(at) || 256;
      const image = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      expect(pngSize(image)).toEqual({ width, height: width });
      return width;
    });
    expect(entries).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(pngSize(readFileSync(join(repo, config.mac.icon)))).toEqual({ width: 512, height: 512 });
    expect(config.linux.icon.startsWith('resources/')).toBe(true);
    for (const size of [256, 512]) expect(pngSize(readFileSync(join(repo, config.linux.icon, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
  });

  it('sets the Electron fuses: no running as Node, cookie encryption, ASAR integrity and only the ASAR', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships better-sqlite3 built for Electron outside the ASAR, where main looks for it, and never rebuilds node_modules', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.extraResources).toEqual([{ from: '.electron-native/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
    expect(mainSource).toContain("join(process.resourcesPath, 'native', 'better_sqlite3.node')");
    expect(config.files).toContain('!node_modules/better-sqlite3/build/**');
  });

  it('packs the built app, the migrations and the reference data, and no database: that lives in the user-data folder', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'db/migrations/**', 'resources/reference/**', 'resources/geo/**']));
    expect(config.files.join(' ')).not.toMatch(/sqlite(?!3)|documents|backups/);
    expect(mainSource).toMatch(/join\(app\.getPath\('userData'\), DATABASE_FILE_NAME\)/);
  });

  it('`npm run dist` builds the native module, the app and the installers; `npm test` never runs electron-builder', () => {
    expect(pkg.scripts.dist).toBe('node scripts/electron-native.js && electron-vite build && electron-builder --config electron.builder.yml');
    const testScript = readFileSync(join(repo, 'scripts', 'test.js'), 'utf8');
    for (const script of [pkg.scripts.test, pkg.scripts['test:unit'], pkg.scripts['test:e2e'], testScript]) expect(script).not.toMatch(/electron-builder|npm run dist/);
  });
});
