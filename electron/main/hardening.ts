import type { WebPreferences } from 'electron';

/**
 * The Electron security checklist as data and small functions, kept apart from `index.ts` so a
 * test on plain Node can assert every item without the Electron binary. `index.ts` applies them
 * to every window, web contents and session; test/unit/electron-hardening.test.ts checks both.
 */

/** The window's web preferences: an isolated, sandboxed page with no Node anywhere. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * Whether a link may go to the system browser: an absolute http(s) address with a host and no
 * user name or password in it. Everything else (file:, javascript:, custom schemes that start
 * programs, malformed text) is refused.
 */
export function isExternalWebUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/** Where the app's own page lives: the built file, or the dev server while developing. */
export interface AppOrigin {
  rendererFileUrl: string;
  devUrl?: string;
}

/** Whether a frame's address is the app's own page (the only caller the IPC handlers answer). */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  try {
    if (origin.devUrl) return new URL(url).origin === new URL(origin.devUrl).origin;
    return url.split('#')[0] === origin.rendererFileUrl;
  } catch {
    return false;
  }
}

/** The parts of a WebContents the hardening touches (Electron's own type satisfies it). */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * No navigation away from the app, no redirects, no webviews, no new windows: the page routes in
 * its URL fragment, which never fires these. A validated http(s) link goes to the system browser.
 */
export function hardenWebContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  const toBrowser = (url: string) => {
    if (isExternalWebUrl(url)) openExternal(url);
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    toBrowser(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    toBrowser(url);
    return { action: 'deny' };
  });
}

/** The parts of a Session the hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/** Camera, microphone, notifications, geolocation, clipboard, USB…: the app needs none, so every request is denied. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
