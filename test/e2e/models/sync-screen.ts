import type { Locator, Page } from 'playwright-core';

/** Screen model of Sinkronisasi: the status card, the Sync button and the conflicts to decide. */
export class SyncScreenModel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-sync').click();
    await this.page.getByRole('heading', { level: 2 }).waitFor();
  }

  statusCard(): Locator {
    return this.page.getByTestId('sync-status-card');
  }

  async syncNow(): Promise<void> {
    await this.page.getByTestId('sync-run').click();
    await this.page.getByTestId('sync-run').and(this.page.locator(':not([data-loading])')).waitFor();
  }

  conflicts(): Locator {
    return this.page.getByTestId('conflict');
  }

  /** The two values of the first conflict, this device's first. */
  async firstConflictValues(): Promise<string[]> {
    return this.conflicts().first().getByTestId('conflict-value').allTextContents();
  }

  async use(side: 'local' | 'remote'): Promise<void> {
    await this.conflicts().first().getByTestId(`conflict-use-${side}`).click();
  }
}
