import type { Locator, Page } from 'playwright-core';

/** Screen model of the Mitra list, the partner form and the partner page. */
export class PartnersScreen {
  constructor(readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.getByTestId('nav-partners').click();
    await this.page.getByTestId('partners-table').waitFor();
  }

  async filter(text: string): Promise<void> {
    await this.page.getByTestId('partner-filter').fill(text);
  }

  /** Chooses a role in the list's role switch by its label, e.g. `Agregator`. */
  async filterRole(label: string): Promise<void> {
    await this.page.getByTestId('partner-filter-role').getByText(label, { exact: true }).click();
  }

  /** Clicks a column header: sorts by it, or turns its direction round. */
  async sortBy(label: string): Promise<void> {
    await this.page.getByTestId('partners-table').getByRole('button', { name: new RegExp(`^${label}`) }).click();
  }

  rows(): Locator {
    return this.page.getByTestId('partners-table-row');
  }

  total(): Locator {
    return this.page.getByTestId('partners-table-total');
  }

  async startNew(): Promise<void> {
    await this.page.getByTestId('partner-new').click();
    await this.page.getByTestId('partner-name').waitFor();
  }

  async typeName(name: string): Promise<void> {
    await this.page.getByTestId('partner-name').fill(name);
  }

  duplicateWarning(): Locator {
    return this.page.getByTestId('duplicate-warning');
  }

  async choose(testId: string, option: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async fill(testId: string, value: string): Promise<void> {
    await this.page.getByTestId(testId).fill(value);
  }

  async check(testId: string): Promise<void> {
    await this.page.getByTestId(testId).check();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('partner-save').click();
    await this.page.getByTestId('partner-title').waitFor();
  }

  title(): Locator {
    return this.page.getByTestId('partner-title');
  }

  /** The id of the partner whose page is open, from the address. */
  currentId(): string {
    const match = /#\/mitra\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`not on a partner page: ${this.page.url()}`);
    return match[1];
  }

  async mergeIn(name: string): Promise<void> {
    await this.page.getByTestId('partner-merge').click();
    const picker = this.page.getByTestId('merge-partner');
    await picker.fill(name);
    await this.page.getByRole('option', { name, exact: true }).click();
    await this.page.getByTestId('merge-confirm').click();
    await this.page.getByTestId('merge-confirm').waitFor({ state: 'detached' });
  }

  historyEntries(): Locator {
    return this.page.getByTestId('history-entry');
  }

  mergedBanner(): Locator {
    return this.page.getByTestId('merged-banner');
  }
}
