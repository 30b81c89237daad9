import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell, utilityProcess, type UtilityProcess, type WebFrameMain } from 'electron';
import type { Result } from '../api/errors';
import { isLang } from '../api/i18n';
import type { AppPaths } from '../core/context';
import { DATABASE_FILE_NAME, documentsDirFor } from '../core/paths';
import type { FromCore, ToCore } from './core-protocol';

// The main process only owns the window, the menu and dialogs; the core runs in a utility process.

const rendererDevUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');

function appPaths(): AppPaths {
  const root = app.getAppPath();
  const nativeBinding = [join(process.resourcesPath, 'native', 'better_sqlite3.node'), join(root, '.electron-native', 'better_sqlite3.node')].find(existsSync);
  const databasePath = join(app.getPath('userData'), DATABASE_FILE_NAME);
  return {
    databasePath,
    documentsDir: documentsDirFor(databasePath),
    migrationsDir: join(root, 'db', 'migrations'),
    resourcesDir: join(root, 'resources'),
    nativeBinding,
  };
}

/** Relays typed calls to the core process and matches the answers to the calls. */
function startCore(): Promise<{ call(name: string, input: unknown, lang: string): Promise<Result<unknown>> }> {
  const child: UtilityProcess = utilityProcess.fork(join(__dirname, 'core-host.js'), [], { serviceName: 'KSBB core' });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  const send = (message: ToCore) => child.postMessage(message);
  return new Promise((resolve, reject) => {
    child.on('message', (message: FromCore) => {
      if (message.type === 'opened') {
        resolve({
          call: (name, input, lang) =>
            new Promise((done) => {
              const id = nextId++;
              pending.set(id, done);
              send({ type: 'call', id, name, input, lang: isLang(lang) ? lang : 'id' });
            }),
        });
      } else if (message.type === 'failed') {
        reject(new Error(message.message));
      } else {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
    child.on('exit', (code) => {
      for (const done of pending.values()) done({ ok: false, error: { code: 'internal', message: `core process ended (${code})` } });
      pending.clear();
    });
    send({ type: 'open', paths: appPaths(), appVersion: app.getVersion(), actor: `desktop:${userInfo().username}` });
  });
}

/** Only our own page may call the API. */
function isOwnFrame(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  if (rendererDevUrl) return new URL(frame.url).origin === new URL(rendererDevUrl).origin;
  return frame.url.split('#')[0] === pathToFileURL(rendererFile).href;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'KSBB Desk',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // No navigation away from the app and no new windows; web links open in the system browser.
  window.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererDevUrl) void window.loadURL(rendererDevUrl);
  else void window.loadFile(rendererFile);
  return window;
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'Berkas', submenu: [{ role: 'quit', label: 'Keluar' }] },
      {
        label: 'Tampilan',
        submenu: [
          { role: 'reload', label: 'Muat ulang' },
          { role: 'resetZoom', label: 'Ukuran asli' },
          { role: 'zoomIn', label: 'Perbesar' },
          { role: 'zoomOut', label: 'Perkecil' },
          { role: 'togglefullscreen', label: 'Layar penuh' },
          ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: 'Alat pengembang' }]),
        ],
      },
    ]),
  );
}

if (!app.requestSingleInstanceLock()) {
  // One window per database: a second start hands over to the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  });
  app.whenReady().then(async () => {
    buildMenu();
    let core: Awaited<ReturnType<typeof startCore>>;
    try {
      core = await startCore();
    } catch (error) {
      dialog.showErrorBox('KSBB Desk', (error as Error).message);
      app.quit();
      return;
    }
    const notOurs = { ok: false, error: { code: 'forbidden', message: 'caller is not the KSBB Desk window' } } satisfies Result<never>;
    ipcMain.handle('ksbb:call', (event, name: unknown, input: unknown, lang: unknown) => {
      if (!isOwnFrame(event.senderFrame)) return notOurs;
      return core.call(String(name), input, String(lang));
    });
    // The core says where the document is (after checking the id); main opens it with the system viewer.
    ipcMain.handle('ksbb:open-document', async (event, documentId: unknown, lang: unknown): Promise<Result<{ opened: true }>> => {
      if (!isOwnFrame(event.senderFrame)) return notOurs;
      const located = await core.call('document:locate', { id: String(documentId) }, String(lang));
      if (!located.ok) return located;
      const failure = await shell.openPath((located.value as { path: string }).path);
      return failure ? { ok: false, error: { code: 'internal', message: failure } } : { ok: true, value: { opened: true } };
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
