import type { Locator, Page } from 'playwright-core';

/** Screen model of the sync status indicator in the header. */
export class SyncIndicatorModel {
  constructor(readonly page: Page) {}

  badge(): Locator {
    return this.page.getByTestId('sync-status');
  }

  state(): Promise<string | null> {
    return this.badge().getAttribute('data-state');
  }

  /** Everything it says, for a screen reader too: state, last sync, pending, refused, conflicts. */
  description(): Promise<string | null> {
    return this.badge().getAttribute('aria-label');
  }
}
