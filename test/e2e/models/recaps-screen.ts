import type { Download, Locator, Page } from 'playwright-core';

export type RecapTab = 'program' | 'wilayah' | 'overlap' | 'unserved';

/** Screen model of Rekap (its tabs, drill-down, the rows behind a figure, exports) and of Verifikasi berkas. */
export class RecapsScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-recaps').click();
    await this.page.getByTestId('recap-program-table').waitFor();
  }

  /** Opens a view by its address (`#/rekap/wilayah/31.71?program=pangan`), as a bookmark would. */
  async openAddress(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  filter(testId: 'recap-filter-from' | 'recap-filter-to' | 'recap-filter-program' | 'recap-filter-item-type' | 'recap-filter-agency' | 'recap-filter-partner'): Locator {
    return this.page.getByTestId(testId);
  }

  async chooseChannel(label: string): Promise<void> {
    await this.page.getByTestId('recap-filter-channel').getByText(label, { exact: true }).click();
  }

  async openTab(tab: RecapTab): Promise<void> {
    await this.page.getByTestId(`recap-tab-${tab}`).click();
  }

  /** A figure by its test id (`fig-<program>-<itemType>-<measure>`, `fig-<wilayah code>-<measure>`, `total-<measure>` …). */
  figure(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async figureText(testId: string): Promise<string> {
    return ((await this.figure(testId).textContent()) ?? '').trim();
  }

  async openFigure(testId: string): Promise<void> {
    await this.figure(testId).click();
    await this.rowsTable().waitFor();
  }

  rowsTable(): Locator {
    return this.page.getByTestId('recap-rows-table');
  }

  rows(): Locator {
    return this.page.getByTestId('recap-rows-table-row');
  }

  rowsTotal(): Locator {
    return this.page.getByTestId('recap-rows-table-total');
  }

  rowsFigure(): Locator {
    return this.page.getByTestId('recap-rows-figure');
  }

  async openRecord(index: number): Promise<void> {
    await this.rows().nth(index).click();
    await this.page.getByTestId('recap-record').waitFor();
  }

  recordOrigin(): Locator {
    return this.page.getByTestId('recap-record-origin');
  }

  async closeRows(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('recap-rows-figure').waitFor({ state: 'detached' });
  }

  /** Drilling happens down the page; screenshots and the next step start from the top. */
  async scrollToTop(): Promise<void> {
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  /** Waits until a virtualised table (`overlap-table`, `unserved-table`, …) shows the rows of its current query. */
  async waitForTable(testId: string): Promise<void> {
    await this.page.locator(`[data-testid="${testId}"]:not([data-loaded=""])`).waitFor();
  }

  wilayahTable(): Locator {
    return this.page.getByTestId('recap-wilayah-table');
  }

  /** Waits until the wilayah table shows `level` under `parentCode` (null: the province), fresh (not the previous level). */
  async waitForWilayah(level: string, parentCode: string | null): Promise<void> {
    await this.page.locator(`[data-testid="recap-wilayah"][data-parent="${parentCode ?? ''}"][data-stale="false"]`).waitFor();
    await this.page.locator(`[data-testid="recap-wilayah-table"][data-level="${level}"]`).waitFor();
  }

  /** Clicks a wilayah's name to open the level below it. */
  async drillInto(code: string): Promise<void> {
    await this.wilayahRow(code).getByTestId('recap-wilayah-drill').click();
  }

  wilayahRow(code: string): Locator {
    return this.page.locator(`[data-testid="recap-wilayah-row"][data-code="${code}"]`);
  }

  breadcrumbs(): Locator {
    return this.page.getByTestId('recap-breadcrumbs');
  }

  async backTo(name: string): Promise<void> {
    await this.breadcrumbs().getByRole('link', { name, exact: true }).click();
  }

  /** Exports through a menu (`recap-export`, `partners-export` …) and hands back the browser's download. */
  async export(menu: string, choice: string): Promise<Download> {
    await this.page.getByTestId(menu).click();
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(choice).click();
    return download;
  }

  async openVerify(): Promise<void> {
    await this.page.getByTestId('nav-verify').click();
    await this.page.getByTestId('verify-drop').waitFor();
  }

  async verifyFiles(paths: string[]): Promise<void> {
    await this.page.getByTestId('verify-input').setInputFiles(paths);
  }

  /** The result card of one checked file, by its name. */
  verifyResult(fileName: string): Locator {
    return this.page.locator(`[data-testid="verify-result"][data-file-name="${fileName}"]`);
  }

  /** `intact`, `tampered`, `not_ksbb_workbook` (or `error`) once the check has answered. */
  async verifyStatus(fileName: string): Promise<string | null> {
    const status = this.verifyResult(fileName).getByTestId('verify-status');
    await status.waitFor();
    return status.getAttribute('data-status');
  }
}
