/// <reference types="electron" />
// Runs in an Electron utilityProcess: the core and its SQLite connection live here, so a long
// import or recap never freezes the window. Main relays the renderer's calls to this process.
import { translator } from '../api/i18n';
import { dispatch, toErrorResult } from '../core/dispatch';
import { createHandlers, type Handlers } from '../core/handlers';
import { openCore, type OpenedCore } from '../core/open';
import type { FromCore, ToCore } from './core-protocol';

const port = process.parentPort;
const log = { error: (message: string, error: unknown) => console.error(message, error) };
let core: OpenedCore | null = null;
let handlers: Handlers | null = null;
let actor = 'desktop';

function reply(message: FromCore): void {
  port.postMessage(message);
}

port.on('message', (event: Electron.MessageEvent) => {
  const message = event.data as ToCore;
  if (message.type === 'open') {
    try {
      actor = message.actor;
      core = openCore(message.paths, { appVersion: message.appVersion, actor });
      handlers = createHandlers(core.deps);
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
  void dispatch(ready, message.name, message.input, { actor, lang: message.lang }, log).then((result) =>
    reply({ type: 'result', id: message.id, result }),
  );
});

process.on('exit', () => core?.close());
