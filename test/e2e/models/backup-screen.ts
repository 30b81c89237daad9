import type { Locator, Page } from 'playwright-core';
import { AppScreen } from './app-screen';

/** Screen model of Cadangan (backups and the database check). */
export class BackupScreen extends AppScreen {
  constructor(page: Page) {
    super(page);
  }

  async goToBackups(): Promise<void> {
    await this.page.getByTestId('nav-backup').click();
    await this.heading().waitFor();
  }

  async backUpNow(): Promise<void> {
    await this.page.getByTestId('backup-create').click();
  }

  rows(): Locator {
    return this.page.getByTestId('backup-row');
  }

  folder(): Locator {
    return this.page.getByTestId('backup-folder');
  }

  /** Runs the check and answers whether it passed, with its message. */
  async check(): Promise<{ ok: boolean; text: string }> {
    await this.page.getByTestId('check-run').click();
    const result = this.page.getByTestId('check-result');
    await result.waitFor();
    return { ok: (await result.getAttribute('data-ok')) === 'true', text: (await result.textContent()) ?? '' };
  }
}
