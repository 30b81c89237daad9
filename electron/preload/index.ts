import { contextBridge, ipcRenderer } from 'electron';
import type { DesktopClient } from '../api/contract';
import type { Result } from '../api/errors';
import { isProcedureName } from '../api/procedure-names';

/**
 * The one object the window gets: a typed `call` over a single IPC channel. Only names from the
 * contract's procedure list go through; main checks the sender and the core parses the input.
 */
const ksbb = {
  call: (name, input, lang) => {
    if (!isProcedureName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_procedure', message: String(name) } } satisfies Result<never>);
    }
    return ipcRenderer.invoke('ksbb:call', name, input, lang);
  },
  openDocument: (documentId, lang) => ipcRenderer.invoke('ksbb:open-document', String(documentId), lang),
  saveBackupAs: (fileName, lang) => ipcRenderer.invoke('ksbb:save-backup-as', String(fileName), lang),
} satisfies DesktopClient;

contextBridge.exposeInMainWorld('ksbb', ksbb);
