// `npm start`: the desktop app where Electron's binary is installed; otherwise (an offline install
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1) the same renderer and core through the web host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * The Electron binary's path, or null when its download was skipped. Read from the package's
 * path.txt rather than `require('electron')`, which would try to download the binary.
 */
function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

run(join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build']);
const electron = electronBinary();
if (electron) {
  if (!existsSync(join(root, '.electron-native', 'better_sqlite3.node'))) run(join(root, 'scripts', 'electron-native.js'), []);
  const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Electron tidak terpasang (instalasi luring dengan ELECTRON_SKIP_BINARY_DOWNLOAD=1): aplikasi yang sama dijalankan lewat peramban.\n' +
      'Electron is not installed (offline install): serving the same app to a browser instead.',
  );
  const child = spawn(process.execPath, [join(root, 'bin', 'ksbb.js'), ...process.argv.slice(2), 'serve'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
