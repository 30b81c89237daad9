import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell, utilityProcess, type UtilityProcess, type WebFrameMain } from 'electron';
import type { Result } from '../api/errors';
import { isLang, type Lang, translator } from '../api/i18n';
import { parseBackupFileName } from '../core/backup/rotation';
import type { AppPaths } from '../core/context';
import { backupsDirFor, DATABASE_FILE_NAME, documentsDirFor } from '../core/paths';
import type { FromCore, ToCore } from './core-protocol';
import { printHtmlToPdf } from './print';
import { hardenSession, hardenWebContents, isAppUrl, isExternalWebUrl, secureWebPreferences } from './hardening';

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
      } else if (message.type === 'print') {
        printHtmlToPdf(message.html).then(
          (pdf) => send({ type: 'printed', id: message.id, pdf }),
          (error: unknown) => send({ type: 'printed', id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
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
  return frame !== null && isAppUrl(frame.url, { rendererFileUrl: pathToFileURL(rendererFile).href, devUrl: rendererDevUrl });
}

/** Opens a web link in the system browser, only after it passed `isExternalWebUrl`. */
function openExternal(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(url);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'KSBB Desk',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  if (rendererDevUrl) void window.loadURL(rendererDevUrl);
  else void window.loadFile(rendererFile);
  return window;
}

type Core = Awaited<ReturnType<typeof startCore>>;

/**
 * Asks where to save a copy of a backup from the backups folder (named by its file name only,
 * which must be a backup's) and copies it there.
 */
async function saveBackupCopy(core: Core, window: BrowserWindow | null, fileName: unknown, lang: Lang): Promise<Result<{ savedTo: string | null }>> {
  const expected = typeof fileName === 'string' && parseBackupFileName(fileName) ? join(backupsDirFor(appPaths().databasePath), fileName) : null;
  if (!expected) return { ok: false, error: { code: 'not_found', message: String(fileName) } };
  // The core decides, as the signed-in user (a backup holds every password hash: Sekretariat only).
  const located = await core.call('backup:locate', { fileName }, lang);
  if (!located.ok) return located;
  const source = (located.value as { path?: unknown }).path;
  if (source !== expected || !existsSync(source)) return { ok: false, error: { code: 'not_found', message: String(fileName) } };
  const t = translator(lang);
  const options = { title: t('backup.screen.saveAsTitle'), defaultPath: join(app.getPath('documents'), fileName as string) };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return { ok: true, value: { savedTo: null } };
  try {
    await copyFile(source, chosen.filePath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, error: { code: 'backup_target_unwritable', message: t('errors.backup_target_unwritable', { path: chosen.filePath, reason }) } };
  }
  return { ok: true, value: { savedTo: chosen.filePath } };
}

/** Berkas → Cadangkan ke…: a backup now (as the signed-in user), then a copy where the user chooses. */
async function backUpFromMenu(core: Core): Promise<void> {
  const window = BrowserWindow.getAllWindows()[0] ?? null;
  const made = await core.call('backup:create', {}, 'id');
  const saved = made.ok ? await saveBackupCopy(core, window, (made.value as { fileName: string }).fileName, 'id') : made;
  if (!saved.ok) dialog.showErrorBox('KSBB Desk', saved.error.message);
}

function buildMenu(core: Core): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: 'Berkas',
        submenu: [
          { label: translator('id')('backup.menu.backUpTo'), click: () => void backUpFromMenu(core) },
          {
            label: translator('id')('backup.menu.backup'),
            // The Cadangan screen: back up now, copy a backup elsewhere, check the database.
            click: () => void BrowserWindow.getAllWindows()[0]?.webContents.executeJavaScript("window.location.hash = '#/cadangan'"),
          },
          { type: 'separator' },
          { role: 'quit', label: 'Keluar' },
        ],
      },
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
  // Every web contents (the window, and any a bug or a page might create) gets the same limits.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, openExternal);
    hardenSession(contents.session);
  });
  app.whenReady().then(async () => {
    let core: Core;
    try {
      core = await startCore();
    } catch (error) {
      dialog.showErrorBox('KSBB Desk', (error as Error).message);
      app.quit();
      return;
    }
    buildMenu(core);
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
    // A copy of a backup from the backups folder, to where the user chooses; only a backup's file name is accepted.
    ipcMain.handle('ksbb:save-backup-as', (event, fileName: unknown, lang: unknown) =>
      isOwnFrame(event.senderFrame) ? saveBackupCopy(core, BrowserWindow.fromWebContents(event.sender), fileName, isLang(lang) ? lang : 'id') : notOurs,
    );
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
