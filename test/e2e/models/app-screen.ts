import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshotDir } from '../host';

/** Screen model of the app shell, the Beranda and the wilayah browser (tests never use raw selectors). */
export class AppScreen {
  constructor(readonly page: Page) {
    page.setDefaultTimeout(10_000);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 2 });
  }

  async statValue(id: string): Promise<string> {
    return (await this.page.getByTestId(`stat-${id}-value`).textContent()) ?? '';
  }

  async switchLanguage(label: 'ID' | 'EN'): Promise<void> {
    await this.page.getByTestId('language-switch').getByText(label, { exact: true }).click();
  }

  async goTo(screen: 'dashboard' | 'regions'): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
  }

  regionRows(): Locator {
    return this.page.getByTestId('region-row');
  }

  async openRegion(name: string): Promise<void> {
    await this.page.getByTestId('region-table').getByRole('link', { name, exact: true }).click();
  }

  breadcrumbs(): Locator {
    return this.page.getByTestId('region-breadcrumbs');
  }

  /** Closes every notification (so a screenshot shows the screen, not the toasts). */
  async dismissNotifications(): Promise<void> {
    const notices = this.page.locator('.mantine-Notification-root');
    // A notice can arrive while the others are being closed (a download's, say): close until none is left.
    for (let round = 0; round < 20 && (await notices.count()) > 0; round++) {
      for (const button of await notices.locator('button').all()) await button.click({ force: true, timeout: 1000 }).catch(() => undefined);
      await notices.first().waitFor({ state: 'detached', timeout: 500 }).catch(() => undefined);
    }
    await this.page.waitForFunction(() => document.querySelector('.mantine-Notification-root') === null, null, { timeout: 5000 });
  }

  /** The whole page, or (`fullPage: false`) only the window, for a dialog over a scrolled page. */
  async screenshot(name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path, fullPage });
    return path;
  }
}
