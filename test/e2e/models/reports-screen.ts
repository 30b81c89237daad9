import type { Locator, Page } from 'playwright-core';

/** Screen model of Laporan Festival: issue a report, the list, the opened snapshot. */
export class ReportsScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-reports').click();
    await this.page.getByRole('heading', { level: 2, name: /Laporan Festival|Festival Collaboration/ }).waitFor();
  }

  async chooseYear(year: number): Promise<void> {
    const field = this.page.getByTestId('report-year');
    await field.fill(String(year));
  }

  async chooseBasis(label: string): Promise<void> {
    await this.page.getByTestId('report-basis').getByText(label, { exact: true }).click();
  }

  /** Issues the report and waits until the opened snapshot shows (printing takes seconds). */
  async issue(): Promise<void> {
    await this.page.getByTestId('report-generate').click();
    await this.opened().waitFor({ timeout: 60_000 });
  }

  rows(): Locator {
    return this.page.getByTestId('report-row');
  }

  opened(): Locator {
    return this.page.getByTestId('report-opened');
  }

  changedBanner(): Locator {
    return this.page.getByTestId('report-changed');
  }

  unchangedNote(): Locator {
    return this.page.getByTestId('report-unchanged');
  }

  /** The preview frame's document (a sandboxed srcdoc without scripts). */
  preview() {
    return this.page.frameLocator('[data-testid="report-preview"]');
  }

  async openRow(index: number): Promise<void> {
    await this.rows().nth(index).getByTestId('report-open').click();
    await this.opened().waitFor();
  }

  async downloadPdf(): Promise<{ fileName: string; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('report-download-pdf').click()]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), path };
  }
}
