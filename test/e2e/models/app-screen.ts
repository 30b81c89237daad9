import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type Account, ADMIN, screenshotDir } from '../host';

/** Screen model of the app shell, the Beranda and the wilayah browser (tests never use raw selectors). */
export class AppScreen {
  constructor(readonly page: Page) {
    page.setDefaultTimeout(10_000);
  }

  /** Opens the app and signs in (as the administrator unless told otherwise) when it asks. */
  async open(url: string, account: Account = ADMIN): Promise<void> {
    await this.page.goto(url);
    await this.signIn(account);
    await this.heading().waitFor();
  }

  /** Fills the sign-in screen when it is shown; a live session goes straight to the app. */
  async signIn(account: Account): Promise<void> {
    const form = this.page.getByTestId('sign-in-form');
    const shell = this.page.getByTestId('user-menu');
    await form.or(shell).first().waitFor();
    if (!(await form.isVisible())) return;
    await this.page.getByTestId('sign-in-username').fill(account.username);
    await this.page.getByTestId('sign-in-password').fill(account.password);
    await this.page.getByTestId('sign-in-submit').click();
    await shell.waitFor();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('user-menu-logout').click();
    await this.page.getByTestId('sign-in-form').waitFor();
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

  /** Waits until no transition or animation is running (a dialog or drawer has finished opening). */
  protected async transitionsDone(): Promise<void> {
    await this.page.waitForFunction(() =>
      document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
    );
  }

  /** The whole page, or (`fullPage: false`) only the window, for a dialog over a scrolled page. */
  async screenshot(name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path, fullPage });
    return path;
  }
}
