import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

/**
 * The desktop's PDF printer for reports: the core's HTML in a hidden, sandboxed window with no
 * script, printed by Chromium's own `printToPDF` with the settings the headless printer uses
 * (A4 from the document's `@page`, backgrounds, tagged, with an outline), so the app and `ksbb`
 * give the same document. The HTML (fonts inline, a few MB: too long for a data: URL) goes through
 * a temporary file that is removed afterwards.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const file = join(app.getPath('temp'), `ksbb-report-${randomBytes(8).toString('hex')}.html`);
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false },
  });
  try {
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await window.loadFile(file);
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    await rm(file, { force: true });
  }
}
