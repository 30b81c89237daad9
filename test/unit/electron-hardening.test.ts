import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/api/csp';
import { isAppUrl, isExternalWebUrl, secureWebPreferences } from '../../electron/main/hardening';

/**
 * The Electron security checklist, asserted on the main process as it is built: electron/main/index.ts
 * and the preload run here against a stand-in `electron` module that records every window option,
 * handler and IPC channel they set up, so no Electron binary is needed.
 */

const repo = resolve(import.meta.dirname, '..', '..');

interface FakeEvent {
  preventDefault: ReturnType<typeof vi.fn>;
}
type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const state = {
    windows: [] as { options: Record<string, unknown>; webContents: unknown; loaded: { file?: string; url?: string } }[],
    ipc: new Map<string, (...args: unknown[]) => unknown>(),
    appEvents: new Map<string, (...args: unknown[]) => unknown>(),
    menu: [] as { label?: string; submenu?: { label?: string; role?: string; click?: () => void }[] }[],
    toCore: [] as { type: string; name?: string }[],
    openedExternally: [] as string[],
    saveDialogs: 0,
    errorBoxes: [] as string[],
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const { state } = electron;
  const permissionHandlers: { request?: Listener; check?: Listener } = {};
  class FakeContents extends Emitter {
    openHandler: ((details: { url: string }) => unknown) | null = null;
    session = {
      setPermissionRequestHandler: (handler: Listener) => (permissionHandlers.request = handler),
      setPermissionCheckHandler: (handler: Listener) => (permissionHandlers.check = handler),
      handlers: permissionHandlers,
    };
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.openHandler = handler;
    }
    executeJavaScript = () => Promise.resolve();
  }
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    static fromWebContents = () => null;
    webContents = new FakeContents();
    loaded: { file?: string; url?: string } = {};
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
      state.appEvents.get('web-contents-created')?.({}, this.webContents);
    }
    once() {}
    loadFile(file: string) {
      this.loaded = { file };
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = { url };
      return Promise.resolve();
    }
  }
  const app = {
    requestSingleInstanceLock: () => true,
    on: (event: string, handler: Listener) => state.appEvents.set(event, handler),
    whenReady: () => Promise.resolve(),
    getAppPath: () => repo,
    getPath: () => join(repo, 'test-results', 'user-data'),
    getVersion: () => '0.0.0-test',
    isPackaged: false,
    quit: () => undefined,
  };
  const child = Object.assign(new Emitter(), {
    postMessage(message: { type: string; id?: number; name?: string }) {
      state.toCore.push(message);
      const answer = message.type === 'open' ? { type: 'opened' } : { type: 'result', id: message.id, result: { ok: true, value: { relayed: message.name } } };
      setImmediate(() => child.emit('message', answer));
    },
  });
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (_title: string, message: string) => state.errorBoxes.push(message), showSaveDialog: () => ((state.saveDialogs += 1), Promise.resolve({ canceled: true })) },
    ipcMain: { handle: (channel: string, handler: Listener) => state.ipc.set(channel, handler) },
    Menu: { buildFromTemplate: (template: typeof state.menu) => ((state.menu = template), template), setApplicationMenu: () => undefined },
    shell: { openExternal: (url: string) => (state.openedExternally.push(url), Promise.resolve()), openPath: () => Promise.resolve('') },
    utilityProcess: { fork: () => child },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api) },
    ipcRenderer: { invoke: (...args: unknown[]) => (state.invoked.push(args), Promise.resolve({ ok: true, value: null })) },
  };
});

const { state } = electron;
const rendererFileUrl = pathToFileURL(join(repo, 'electron', 'renderer', 'index.html')).href;
const ownFrame = { senderFrame: { url: `${rendererFileUrl}#/cadangan` }, sender: {} };
const foreignFrame = { senderFrame: { url: 'https://evil.example/' }, sender: {} };

interface WindowContents extends EventEmitter {
  openHandler: (details: { url: string }) => unknown;
  session: { handlers: { request: Listener; check: Listener } };
}

let contents: WindowContents;
beforeAll(async () => {
  Object.assign(process, { resourcesPath: join(repo, 'test-results') });
  delete process.env.ELECTRON_RENDERER_URL;
  await import('../../electron/main/index');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
  contents = state.windows[0]!.webContents as WindowContents;
  await import('../../electron/preload/index');
});

const navigate = (event: 'will-navigate' | 'will-redirect', url: string) => {
  const fake: FakeEvent = { preventDefault: vi.fn() };
  contents.emit(event, fake, url);
  return fake.preventDefault.mock.calls.length > 0;
};

describe('the main window', () => {
  it('is isolated and sandboxed, with no Node integration and web security on', () => {
    const prefs = state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual(secureWebPreferences(prefs.preload as string));
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(prefs.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });

  it('loads the app from its own file, never remote content', () => {
    expect(state.windows[0]!.loaded).toEqual({ file: join(repo, 'electron', 'renderer', 'index.html') });
  });

  it('denies every navigation and redirect; only a validated http(s) link goes to the system browser', () => {
    state.openedExternally.length = 0;
    expect(navigate('will-navigate', 'https://jakarta.go.id/ksbb')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'https://user:pw@evil.example/']) {
      expect(navigate('will-navigate', url)).toBe(true);
    }
    expect(navigate('will-redirect', 'https://elsewhere.example/')).toBe(true);
    expect(state.openedExternally).toEqual(['https://jakarta.go.id/ksbb']);
  });

  it('opens no new window, whatever the address', () => {
    state.openedExternally.length = 0;
    for (const url of ['https://jakarta.go.id/', 'file:///C:/Windows/System32/calc.exe', 'about:blank']) {
      expect(contents.openHandler({ url })).toEqual({ action: 'deny' });
    }
    expect(state.openedExternally).toEqual(['https://jakarta.go.id/']);
  });

  it('attaches no webview', () => {
    const fake: FakeEvent = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', fake);
    expect(fake.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb']) {
      const callback = vi.fn();
      contents.session.handlers.request(contents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(contents.session.handlers.check(contents, permission)).toBe(false);
    }
  });
});

describe('IPC', () => {
  it('answers only the app’s own page, and relays calls to the core, which parses them with the contract’s zod schemas', async () => {
    const call = state.ipc.get('ksbb:call')!;
    expect(await call(foreignFrame, 'app:info', {}, 'id')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(state.toCore.filter((m) => m.type === 'call')).toEqual([]);
    expect(await call(ownFrame, 'app:info', {}, 'id')).toEqual({ ok: true, value: { relayed: 'app:info' } });
    expect(readFileSync(join(repo, 'electron', 'main', 'core-host.ts'), 'utf8')).toMatch(/dispatch\(ready, message\.name, message\.input/);
  });

  it('checks the sender on every channel, and copies only a backup file of the backups folder', async () => {
    expect([...state.ipc.keys()]).toEqual(expect.arrayContaining(['ksbb:call', 'ksbb:open-document', 'ksbb:save-backup-as']));
    for (const [, handler] of state.ipc) expect(await handler(foreignFrame, 'x', 'id')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const save = state.ipc.get('ksbb:save-backup-as')!;
    for (const name of ['../../etc/passwd', 'ksbb.sqlite', 'ksbb-manual-20261126-180000.tar.gz/../../x', 42]) {
      expect(await save(ownFrame, name, 'id')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(state.saveDialogs).toBe(0);
    expect(state.toCore.filter((m) => m.name === 'backup:locate')).toEqual([]);
    // A backup's name goes to the core, which answers as the signed-in user; without its path, nothing is copied.
    expect(await save(ownFrame, 'ksbb-manual-20261126-180000.tar.gz', 'id')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(state.toCore.filter((m) => m.type === 'call').map((m) => m.name)).toContain('backup:locate');
    expect(state.saveDialogs).toBe(0);
  });

  it('the preload exposes one object with three functions, and refuses names outside the contract without IPC', async () => {
    expect([...state.exposed.keys()]).toEqual(['ksbb']);
    const api = state.exposed.get('ksbb') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual(['call', 'openDocument', 'saveBackupAs']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(await api.call!('fs:read', { path: '/etc/passwd' }, 'id')).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
    expect(state.invoked).toEqual([]);
    await api.call!('app:info', {}, 'id');
    expect(state.invoked).toEqual([['ksbb:call', 'app:info', {}, 'id']]);
  });
});

describe('the Berkas menu', () => {
  it('backs up through the core (as the window’s signed-in user), then offers to save a copy', async () => {
    const items = state.menu.find((menu) => menu.label === 'Berkas')?.submenu ?? [];
    expect(items.map((item) => item.label ?? item.role)).toEqual(['Cadangkan ke…', 'Cadangan dan pemeriksaan…', undefined, 'Keluar']);
    items[0]!.click!();
    await vi.waitFor(() => expect(state.toCore.filter((m) => m.type === 'call').map((m) => m.name)).toContain('backup:create'));
    // The stand-in core answers without a file name: main refuses to copy anything.
    await vi.waitFor(() => expect(state.errorBoxes).toHaveLength(1));
    expect(state.saveDialogs).toBe(0);
  });
});

describe('the rest of the checklist', () => {
  it('a strict Content-Security-Policy: own scripts only, no eval, no inline script, no plugins; the page carries the same policy', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|http:|https:/);
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(repo, 'renderer', 'index.html'), 'utf8'))?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('no remote module anywhere', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: object; devDependencies: object };
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('@electron/remote');
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    for (const file of [...sources(join(repo, 'electron')), ...sources(join(repo, 'renderer', 'src'))]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/@electron\/remote|enableRemoteModule|require\(['"]electron['"]\)\.remote/);
    }
  });

  it('shell.openExternal only for http(s) addresses', () => {
    const allowed = ['https://jakarta.go.id', 'http://localhost:8080/x?y=1'];
    const refused = ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'smb://h/s', 'mailto:a@b.c', 'https://u:p@h/', 'not a url', '', null, 42, `https://h/${'a'.repeat(3000)}`];
    expect(allowed.map(isExternalWebUrl)).toEqual(allowed.map(() => true));
    expect(refused.map(isExternalWebUrl)).toEqual(refused.map(() => false));
  });

  it('the app’s own page is told from any other by its whole address', () => {
    const origin = { rendererFileUrl };
    expect(isAppUrl(`${rendererFileUrl}#/mitra`, origin)).toBe(true);
    expect(isAppUrl(pathToFileURL('/tmp/evil/index.html').href, origin)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', { ...origin, devUrl: 'http://localhost:5173/' })).toBe(true);
    expect(isAppUrl('http://localhost:5174/', { ...origin, devUrl: 'http://localhost:5173/' })).toBe(false);
    expect(isAppUrl('::garbage', { ...origin, devUrl: 'http://localhost:5173/' })).toBe(false);
  });
});
