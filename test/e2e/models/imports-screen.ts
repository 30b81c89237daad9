import type { Download, Locator, Page } from 'playwright-core';
import { AppScreen } from './app-screen';

/** The wizard's steps, as the stepper numbers them (`data-step`). */
export const importStep = { source: 0, reading: 1, columns: 2, preview: 3, done: 4 } as const;

/**
 * Screen model of Impor: the wizard (file, reading, columns, preview, done) and the Riwayat impor
 * list with its rollback. Tests never use raw selectors.
 */
export class ImportsScreen extends AppScreen {
  constructor(page: Page) {
    super(page);
  }

  // --- navigation ---------------------------------------------------------------------------

  async openWizard(): Promise<void> {
    await this.page.getByTestId('nav-imports').click();
    await this.page.getByTestId('import-stepper').waitFor();
  }

  async openBatches(): Promise<void> {
    await this.page.getByTestId('import-batches-link').click();
    await this.batchesTable().waitFor();
  }

  // --- step 1: file -------------------------------------------------------------------------

  /** Chooses the kind by its label, e.g. `Realisasi` or `Otomatis (dikenali dari judul kolom)`. */
  async chooseKind(label: string): Promise<void> {
    await this.choose(this.page.getByTestId('import-kind'), label);
  }

  async setSubmitter(name: string): Promise<void> {
    await this.page.getByTestId('import-submitter').fill(name);
  }

  async chooseFile(path: string): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(path);
  }

  async chosenFileText(): Promise<string> {
    return (await this.page.getByTestId('import-file-name').textContent()) ?? '';
  }

  /** Why the chosen file was refused before reading ('' when it was not). */
  async refusedFileText(): Promise<string> {
    const refusal = this.page.getByTestId('import-file-refused');
    return (await refusal.count()) === 0 ? '' : ((await refusal.textContent()) ?? '');
  }

  async startEnabled(): Promise<boolean> {
    return this.page.getByTestId('import-start').isEnabled();
  }

  async startReading(): Promise<void> {
    await this.page.getByTestId('import-start').click();
  }

  /** Downloads a kind's template from step 1. */
  async downloadTemplate(kind: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`import-template-${kind}`).click();
    return download;
  }

  // --- the stepper --------------------------------------------------------------------------

  async step(): Promise<number> {
    return Number(await this.page.getByTestId('import-stepper').getAttribute('data-step'));
  }

  /** Waits until the wizard shows the given step (reading and checking run in a worker). */
  async waitForStep(step: number): Promise<void> {
    await this.page.locator(`[data-testid="import-stepper"][data-step="${step}"]`).waitFor({ timeout: 30_000 });
  }

  async failureText(): Promise<string> {
    return (await this.page.getByTestId('import-failed').textContent()) ?? '';
  }

  /** The progress bar's value (0–100), or null when it is not shown. */
  async progressValue(): Promise<number | null> {
    const bar = this.page.locator('[data-testid="import-progress"] [role="progressbar"]');
    if (!(await bar.isVisible())) return null;
    return Number(await bar.getAttribute('aria-valuenow'));
  }

  async progressText(): Promise<string> {
    return (await this.page.getByTestId('import-reading').textContent()) ?? '';
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('import-cancel').click();
  }

  // --- step 3: columns ----------------------------------------------------------------------

  async questionsText(): Promise<string> {
    return (await this.page.getByTestId('import-questions').textContent()) ?? '';
  }

  /** The sheet-and-kind choices offered, as their buttons say. */
  async candidates(): Promise<string[]> {
    return this.page.getByTestId('import-candidate').allTextContents();
  }

  async chooseCandidate(label: string): Promise<void> {
    await this.page.getByTestId('import-candidate').filter({ hasText: label }).click();
  }

  /** "Batalkan impor" on the columns step: the job is cancelled, nothing written. */
  async discard(): Promise<void> {
    await this.page.getByTestId('import-discard').click();
  }

  async missingText(): Promise<string> {
    const missing = this.page.getByTestId('import-missing');
    return (await missing.isVisible()) ? ((await missing.textContent()) ?? '') : '';
  }

  /** The column a field is mapped to, as the select shows it (`A · Tanggal` or `— tidak ada —`). */
  async mappedColumn(field: string): Promise<string> {
    return this.page.getByTestId(`import-map-${field}`).inputValue();
  }

  /** Maps a field (its key, e.g. `date`) to a column by the option's label, e.g. `A · Waktu Serah Terima`. */
  async mapField(field: string, option: string): Promise<void> {
    await this.choose(this.page.getByTestId(`import-map-${field}`), option);
  }

  /** Where the mapping came from: `detected`, `remembered` (for this submitter) or `given`. */
  async mappingSource(): Promise<string | null> {
    return this.page.getByTestId('import-mapping-source').getAttribute('data-source');
  }

  async backToPreview(): Promise<void> {
    await this.page.getByTestId('import-back-to-preview').click();
    await this.waitForStep(importStep.preview);
  }

  async applyMapping(): Promise<void> {
    await this.page.getByTestId('import-apply-mapping').click();
  }

  // --- step 4: preview ----------------------------------------------------------------------

  /** A headline figure of the preview or the done step, as shown (`1.234`). */
  async count(id: 'rows' | 'accepted' | 'rejected' | 'duplicates' | 'new-partners' | 'written'): Promise<string> {
    return this.statValue(`import-${id}`);
  }

  async newPartnerNames(): Promise<string> {
    return (await this.page.getByTestId('import-new-partner-names').textContent()) ?? '';
  }

  async alreadyImportedText(): Promise<string> {
    const banner = this.page.getByTestId('import-already');
    return (await banner.isVisible()) ? ((await banner.textContent()) ?? '') : '';
  }

  /** Shows only the rows of one status by the filter's label start, e.g. `Ditolak`. */
  async filterRows(label: string): Promise<void> {
    await this.page.getByTestId('import-rows-filter').getByText(label, { exact: false }).click();
  }

  previewRows(): Locator {
    return this.page.getByTestId('import-row');
  }

  /** The sheet row numbers on screen, as shown. */
  async previewRowNumbers(): Promise<number[]> {
    return (await this.previewRows().evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-row')))));
  }

  /** Every reason shown for one sheet row. */
  async reasonsOf(row: number): Promise<string[]> {
    return this.page.locator(`[data-testid="import-row"][data-row="${row}"] [data-testid="import-row-reasons"] li`).allTextContents();
  }

  async commitEnabled(): Promise<boolean> {
    return this.page.getByTestId('import-commit').isEnabled();
  }

  async downloadRejected(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('import-download-rejected').first().click();
    return download;
  }

  /** Opens the confirmation and answers what it says will be written. */
  async askToCommit(): Promise<string> {
    await this.page.getByTestId('import-commit').click();
    const text = (await this.page.getByTestId('import-confirm-rows').textContent()) ?? '';
    await this.transitionsDone();
    return text;
  }

  async confirmCommit(): Promise<void> {
    await this.page.getByTestId('import-confirm-commit').click();
    await this.waitForStep(importStep.done);
    await this.transitionsDone();
  }

  async editColumns(): Promise<void> {
    await this.page.getByTestId('import-edit-columns').click();
    await this.waitForStep(importStep.columns);
  }

  // --- step 5: done -------------------------------------------------------------------------

  async batchId(): Promise<string> {
    return (await this.page.getByTestId('import-batch-id').textContent()) ?? '';
  }

  async importAnother(): Promise<void> {
    await this.page.getByTestId('import-another').click();
    await this.waitForStep(importStep.source);
  }

  async goToBatchesFromDone(): Promise<void> {
    await this.page.getByTestId('import-to-batches').click();
    await this.batchesTable().waitFor();
  }

  // --- Riwayat impor ------------------------------------------------------------------------

  batchesTable(): Locator {
    return this.page.getByTestId('batches-table');
  }

  batchRows(): Locator {
    return this.page.getByTestId('batches-table-row');
  }

  batchRow(fileName: string): Locator {
    return this.batchRows().filter({ has: this.page.getByTestId('batch-file').getByText(fileName, { exact: true }) });
  }

  async batchStatus(fileName: string): Promise<string | null> {
    return this.batchRow(fileName).getByTestId('batch-status').getAttribute('data-status');
  }

  async batchCell(fileName: string, testId: 'batch-imported' | 'batch-sha256'): Promise<string> {
    return (await this.batchRow(fileName).getByTestId(testId).textContent()) ?? '';
  }

  /** Asks to roll a batch back and answers what the confirmation says. */
  async askRollback(fileName: string): Promise<string> {
    await this.batchRow(fileName).getByTestId('batch-rollback').click();
    const text = (await this.page.getByTestId('batch-rollback-text').textContent()) ?? '';
    await this.transitionsDone();
    return text;
  }

  async confirmRollback(): Promise<void> {
    await this.page.getByTestId('batch-rollback-yes').click();
    await this.page.getByTestId('batch-rollback-text').waitFor({ state: 'detached' });
  }

  async waitForNotification(text: string): Promise<void> {
    await this.page.locator('.mantine-Notification-root').filter({ hasText: text }).waitFor();
  }

  /** Waits until no finite CSS transition runs (a dialog has faded in), so a screenshot shows it whole. */
  /** A Mantine select: open it, click the option. */
  private async choose(select: Locator, label: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }
}
