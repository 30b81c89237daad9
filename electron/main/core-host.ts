/// <reference types="electron" />
// Runs in an Electron utilityProcess: the core and its SQLite connection live here, so a long
// import or recap never freezes the window. Main relays the renderer's calls to this process.
import { translator } from '../api/i18n';
import { resolveSession } from '../core/auth/service';
import { signedInContext } from '../core/auth/session-context';
import { startDailyBackups } from '../core/backup/service';
import { startBackgroundSync } from '../core/sync/background';
import type { CallContext, SessionPort } from '../core/context';
import { dispatch, toErrorResult } from '../core/dispatch';
import { createHandlers, type Handlers } from '../core/handlers';
import { openCore, type OpenedCore } from '../core/open';
import type { FromCore, ToCore } from './core-protocol';

const port = process.parentPort;
const log = { error: (message: string, error: unknown) => console.error(message, error) };
let core: OpenedCore | null = null;
let handlers: Handlers | null = null;
let actor = 'desktop';
/** The one window's session: the token stays in this process, the page never sees it. */
const windowSession: SessionPort = {
  token: null,
  begin(token) {
    this.token = token;
  },
  end() {
    this.token = null;
  },
};

function reply(message: FromCore): void {
  port.postMessage(message);
}

const printing = new Map<number, { done: (pdf: Buffer) => void; fail: (error: Error) => void }>();
let nextPrint = 1;

/** Reports are printed by main (the windows live there); the core waits for the PDF. */
function printPdf(html: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    const id = nextPrint++;
    printing.set(id, { done, fail });
    reply({ type: 'print', id, html });
  });
}

port.on('message', (event: Electron.MessageEvent) => {
  const message = event.data as ToCore;
  if (message.type === 'printed') {
    const waiting = printing.get(message.id);
    printing.delete(message.id);
    if ('pdf' in message) waiting?.done(Buffer.from(message.pdf));
    else waiting?.fail(new Error(message.error));
    return;
  }
  if (message.type === 'open') {
    try {
      actor = message.actor;
      core = openCore(message.paths, { appVersion: message.appVersion, actor });
      handlers = createHandlers(core.deps, { printPdf });
      // The daily backup (rotated: 7 daily, 4 weekly) runs here, beside the connection the app writes on.
      startDailyBackups(core.deps, log);
      // Sync with the central server while it answers, backing off while it does not (issue 8).
      startBackgroundSync(core.deps, log);
      reply({ type: 'opened' });
    } catch (error) {
      const result = toErrorResult(error, { actor, lang: 'id' }, log);
      reply({ type: 'failed', message: result.ok ? translator('id')('errors.internal', { reason: 'open' }) : result.error.message });
    }
    return;
  }
  const ready = handlers;
  if (!ready) {
    reply({ type: 'result', id: message.id, result: { ok: false, error: { code: 'internal', message: 'core not open' } } });
    return;
  }
  const opened = core as OpenedCore;
  let ctx: CallContext;
  try {
    ctx = signedInContext(message.name, { actor, lang: message.lang }, windowSession, (token) => resolveSession(opened.deps, token));
  } catch (error) {
    reply({ type: 'result', id: message.id, result: toErrorResult(error, { actor, lang: message.lang }, log) });
    return;
  }
  void dispatch(ready, message.name, message.input, ctx, log).then((result) => reply({ type: 'result', id: message.id, result }));
});

process.on('exit', () => core?.close());
