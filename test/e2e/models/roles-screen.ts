import type { Page } from 'playwright-core';
import { AppScreen } from './app-screen';

/**
 * Screen model for what a role is offered: goes to a screen by its address, waits for what shows
 * it has loaded, and answers which controls (by test id) and navigation entries are on it.
 * Tests never use raw selectors.
 */
export class RolesScreen extends AppScreen {
  constructor(page: Page) {
    super(page);
  }

  /** Opens `hash` (as a link or a typed address would) and waits for `ready` to show. */
  async visit(hash: string, ready: string): Promise<void> {
    await this.page.evaluate((next) => {
      window.location.hash = next;
    }, hash);
    await this.page.getByTestId(ready).first().waitFor();
  }

  /** Which of `testIds` are on the screen now (hidden ones are not rendered at all). */
  async present(testIds: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const id of testIds) if ((await this.page.getByTestId(id).count()) > 0) found.push(id);
    return found;
  }

  /** The navigation entries shown, by test id (`nav-partners`, `nav-users`, …). */
  async navEntries(): Promise<string[]> {
    const entries = this.page.getByRole('navigation').locator('[data-testid^="nav-"]');
    return entries.evaluateAll((links) => links.map((link) => link.getAttribute('data-testid') ?? ''));
  }

  /** The heading of the screen shown. */
  async title(): Promise<string> {
    return (await this.heading().first().textContent()) ?? '';
  }
}
