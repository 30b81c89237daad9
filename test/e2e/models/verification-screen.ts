import type { Download, Locator, Page } from 'playwright-core';
import { AppScreen } from './app-screen';

/**
 * Screen model of Verifikasi realisasi (filters, selection, verify / reject with the confirmation,
 * the rejected rows) and of the recap's split by verification level. Tests never use raw selectors.
 */
export class VerificationScreen extends AppScreen {
  constructor(page: Page) {
    super(page);
  }

  async openVerification(): Promise<void> {
    await this.page.getByTestId('nav-distributions-verify').click();
    await this.table().waitFor();
  }

  table(): Locator {
    return this.page.getByTestId('distributions-table');
  }

  rows(): Locator {
    return this.page.getByTestId('distributions-table-row');
  }

  /** Waits until the table shows the rows of the current filters. */
  async waitForRows(count: number): Promise<void> {
    await this.page.waitForFunction(
      ([testId, n]) => document.querySelectorAll(`[data-testid="${testId}-row"]`).length === n && document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('data-loaded') !== '',
      ['distributions-table', count] as const,
    );
  }

  async filterBatch(batchId: string): Promise<void> {
    await this.page.getByTestId('verify-filter-batch').fill(batchId);
  }

  /** Chooses a status by its label (`Semua status`: every one). */
  async filterStatus(label: string): Promise<void> {
    await this.page.getByTestId('verify-filter-status').click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  /** Ticks the rows at these positions (0 = the first shown). */
  async pick(...indexes: number[]): Promise<void> {
    for (const index of indexes) await this.rows().nth(index).getByTestId('distribution-pick').check();
  }

  async pickAllFiltered(): Promise<void> {
    await this.page.getByTestId('verify-select-all').click();
  }

  async selectedText(): Promise<string> {
    return (await this.page.getByTestId('verify-selected').textContent()) ?? '';
  }

  /** Opens a row's level history (Enter on the row, as the keyboard does) and answers its steps. */
  async openHistory(index: number): Promise<string[]> {
    await this.rows().nth(index).focus();
    await this.page.keyboard.press('Enter');
    const history = this.page.getByTestId('distribution-history');
    await history.waitFor();
    await this.transitionsDone();
    return history.locator('tbody tr').allTextContents();
  }

  /** Changes the quantity in the open row's form; answers the warning shown before saving ('' when none). */
  async editQuantity(quantity: number): Promise<string> {
    const form = this.page.getByTestId('distribution-edit');
    await form.getByRole('textbox').first().fill(String(quantity));
    const warning = this.page.getByTestId('distribution-edit-reset');
    return (await warning.count()) === 0 ? '' : ((await warning.textContent()) ?? '');
  }

  async saveEdit(): Promise<void> {
    await this.page.getByTestId('distribution-edit-save').click();
    await this.page.getByTestId('distribution-edit-reset').waitFor({ state: 'detached' });
  }

  /** Stores a photo or berita acara as evidence of the next act; answers the evidence listed. */
  async attachEvidence(path: string): Promise<string> {
    await this.page.locator('input[type="file"]').setInputFiles(path);
    const list = this.page.getByTestId('verify-evidence-list');
    await list.waitFor();
    return (await list.textContent()) ?? '';
  }

  async setReason(text: string): Promise<void> {
    await this.page.getByTestId('verify-reason').fill(text);
  }

  /** Asks for an act and answers what the confirmation says; `confirm` then does it. */
  async ask(act: 'wilayah' | 'sekretariat' | 'reject'): Promise<string> {
    await this.page.getByTestId(act === 'reject' ? 'verify-reject' : `verify-${act}`).click();
    const text = this.page.getByTestId('verify-confirm-text');
    await text.waitFor();
    return (await text.textContent()) ?? '';
  }

  async confirm(): Promise<void> {
    await this.page.getByTestId('verify-confirm-yes').click();
    await this.page.getByTestId('verify-confirm-text').waitFor({ state: 'detached' });
  }

  statusTexts(): Promise<string[]> {
    return this.rows().locator('.mantine-Badge-label').allTextContents();
  }

  async downloadRejected(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('verify-download-rejected').click();
    return download;
  }

  /** The recap's "realised by verification level" lines: item, reported, verified, share. */
  async recapSplit(): Promise<string[][]> {
    await this.page.getByTestId('nav-recaps').click();
    const split = this.page.getByTestId('recap-verification-split');
    await split.waitFor();
    const lines: string[][] = [];
    for (const row of await split.getByTestId('recap-verification-row').all()) lines.push((await row.locator('td').allTextContents()).map((cell) => cell.trim()));
    return lines;
  }

  // --- Sasaran terbuka and matching a pledge ------------------------------------------------

  async openOpenTargets(): Promise<void> {
    await this.page.getByTestId('nav-open-targets').click();
    await this.page.getByTestId('open-table').waitFor();
  }

  openRows(): Locator {
    return this.page.getByTestId('open-row');
  }

  /** Opens the matching dialog and picks the first pledge offered; answers what is left to assign. */
  async matchFirstPledge(): Promise<string> {
    await this.page.getByTestId('open-match').click();
    await this.page.getByTestId('match-pledge').click();
    await this.page.getByRole('option').first().click();
    const left = this.page.getByTestId('match-unassigned');
    await left.waitFor();
    return (await left.textContent()) ?? '';
  }

  /** Types a quantity for the first proposed target and assigns it; answers the assigned lines. */
  async assignToFirstProposal(quantity: number): Promise<string[]> {
    const proposals = this.page.getByTestId('match-proposals');
    await proposals.waitFor();
    await proposals.getByRole('textbox').first().fill(String(quantity));
    await this.page.getByTestId('match-assign').click();
    const assigned = this.page.getByTestId('match-assigned-row');
    await assigned.first().waitFor();
    return assigned.allTextContents();
  }
}
