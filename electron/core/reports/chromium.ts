import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AppError } from '../../api/errors';
import type { PrintPdf } from './print';

/**
 * Prints with the system's headless Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium), as the
 * CLI, the web host and the tests do. A browser is started per document and closed after it: a
 * report is printed seldom, and nothing stays running behind a CLI command. The page gets no
 * network (the document is self-contained) and runs no script.
 */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumPrinter(env: NodeJS.ProcessEnv): PrintPdf {
  const executablePath = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return async (html) => {
    if (!existsSync(executablePath)) throw new AppError('report_printer_missing', { path: executablePath });
    const browser = await chromium.launch({ executablePath, args: FLAGS, headless: true });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    } finally {
      await browser.close();
    }
  };
}
