// `npm start`: the desktop app where Electron's binary is installed; otherwise (an offline install
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1) the same renderer and core through the web host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The Electron binary's path, or null when its download was skipped. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
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
