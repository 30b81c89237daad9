// Builds better-sqlite3 for Electron's ABI into .electron-native/, leaving node_modules' Node build
// (used by the CLI, the web host and the tests) untouched. The desktop app loads it through
// better-sqlite3's `nativeBinding` option; electron-builder ships it as an extra resource.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { rebuild } = await import('@electron/rebuild');

const electronVersion = require('electron/package.json').version;
const work = join(root, '.electron-native', 'app');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'ksbb-native', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } }));
cpSync(join(root, 'node_modules', 'better-sqlite3'), join(work, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
});
cpSync(join(root, 'node_modules', 'bindings'), join(work, 'node_modules', 'bindings'), { recursive: true });
cpSync(join(root, 'node_modules', 'file-uri-to-path'), join(work, 'node_modules', 'file-uri-to-path'), { recursive: true });
console.log(`Membangun better-sqlite3 untuk Electron ${electronVersion} …`);
await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
cpSync(join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(root, '.electron-native', 'better_sqlite3.node'));
console.log('Siap: .electron-native/better_sqlite3.node');
