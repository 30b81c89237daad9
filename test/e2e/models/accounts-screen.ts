import type { Locator, Page } from 'playwright-core';
import type { Account } from '../host';
import { AppScreen } from './app-screen';

/** Screen model of the first-run, sign-in, Users and Audit screens. */
export class AccountsScreen extends AppScreen {
  constructor(page: Page) {
    super(page);
  }

  async setUpAdmin(account: Account & { displayName: string }): Promise<void> {
    await this.page.getByTestId('setup-form').waitFor();
    await this.page.getByTestId('setup-username').fill(account.username);
    await this.page.getByTestId('setup-display-name').fill(account.displayName);
    await this.page.getByTestId('setup-password').fill(account.password);
    await this.page.getByTestId('setup-password-again').fill(account.password);
    await this.page.getByTestId('setup-submit').click();
    await this.page.getByTestId('user-menu').waitFor();
  }

  /** Fills the sign-in form and submits it, without waiting for the app (the attempt may fail). */
  async trySignIn(account: Account): Promise<void> {
    await this.page.getByTestId('sign-in-username').fill(account.username);
    await this.page.getByTestId('sign-in-password').fill(account.password);
    await this.page.getByTestId('sign-in-submit').click();
  }

  signInError(): Locator {
    return this.page.getByTestId('sign-in-error');
  }

  async whoAmI(): Promise<string> {
    await this.page.getByTestId('user-menu').click();
    const who = (await this.page.getByTestId('user-menu-who').textContent()) ?? '';
    await this.page.keyboard.press('Escape');
    return who;
  }

  navItem(screen: 'users' | 'audit' | 'imports' | 'import-batches'): Locator {
    return this.page.getByTestId(`nav-${screen}`);
  }

  async addUser(account: Account, role: 'Sekretariat' | 'SKPD' | 'Auditor', agency?: string): Promise<void> {
    await this.page.getByTestId('user-new').click();
    await this.page.getByTestId('user-username').fill(account.username);
    await this.page.getByTestId('user-display-name').fill(account.username);
    await this.page.getByTestId('user-role').click();
    await this.page.getByRole('option', { name: role, exact: true }).click();
    if (agency) {
      await this.page.getByTestId('user-agency').click();
      await this.page.getByRole('option', { name: new RegExp(`^${agency} —`) }).click();
    }
    await this.page.getByTestId('user-password').fill(account.password);
    await this.page.getByTestId('user-save').click();
    await this.userRow(account.username).waitFor();
  }

  userRow(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  async verifyAuditChain(): Promise<Locator> {
    await this.page.getByTestId('audit-verify').click();
    const verdict = this.page.getByTestId('audit-verdict');
    await verdict.waitFor();
    return verdict;
  }

  auditRows(): Locator {
    return this.page.getByTestId('audit-table').locator('tbody tr');
  }
}
