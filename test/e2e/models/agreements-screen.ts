import type { Locator, Page } from 'playwright-core';
import { AppScreen } from './app-screen';

export interface AgreementFormValues {
  /** Typed into the partner picker; the option whose label contains `partnerOption` is chosen. */
  partnerSearch: string;
  partnerOption: string;
  number: string;
  /** SKPD option label as shown, e.g. `DKPKP — Dinas Ketahanan Pangan, Kelautan dan Pertanian`. */
  agency?: string;
  programs?: string[];
  signedOn?: string;
  validFrom?: string;
  validUntil?: string;
  notes?: string;
}

/**
 * Screen model of the PKS desk: the agreements list with its filters, the PKS form, the PKS page
 * with its documents, and the alerts panel on the Beranda. Tests never use raw selectors.
 */
export class AgreementsScreen extends AppScreen {
  constructor(page: Page) {
    super(page);
  }

  // --- navigation ---------------------------------------------------------------------------

  async openList(): Promise<void> {
    await this.page.getByTestId('nav-agreements').click();
    await this.table().waitFor();
  }

  async openDashboard(): Promise<void> {
    await this.page.getByTestId('nav-dashboard').click();
    await this.alertsPanel().waitFor();
  }

  async startNew(): Promise<void> {
    await this.page.getByTestId('agreement-new').click();
    await this.page.getByTestId('agreement-number').waitFor();
  }

  // --- list -----------------------------------------------------------------------------------

  table(): Locator {
    return this.page.getByTestId('agreements-table');
  }

  rows(): Locator {
    return this.page.getByTestId('agreements-table-row');
  }

  async totalText(): Promise<string> {
    return (await this.page.getByTestId('agreements-table-total').textContent()) ?? '';
  }

  row(number: string): Locator {
    return this.rows().filter({ hasText: number });
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('agreement-filter-q').fill(text);
  }

  /** Chooses a status (its label in the UI language, e.g. `Kedaluwarsa`). */
  async filterStatus(label: string): Promise<void> {
    await this.choose(this.page.getByTestId('agreement-filter-status'), label);
  }

  /** Chooses "ending within N days" by its label, e.g. `60 hari`. */
  async filterExpiring(label: string): Promise<void> {
    await this.choose(this.page.getByTestId('agreement-filter-expiring'), label);
  }

  /** Chooses a program by its name, e.g. `Pendidikan`. */
  async filterProgram(label: string): Promise<void> {
    await this.choose(this.page.getByTestId('agreement-filter-program'), label);
  }

  async clearFilters(): Promise<void> {
    const clear = this.page.getByTestId('agreement-filter-clear');
    if (await clear.isVisible()) await clear.click();
  }

  /** Opens a row with the keyboard: focus it, press Enter. */
  async openRow(number: string): Promise<void> {
    const row = this.row(number);
    await row.focus();
    await row.press('Enter');
    await this.statusBadge().waitFor();
  }

  // --- form -----------------------------------------------------------------------------------

  async fillForm(values: AgreementFormValues): Promise<void> {
    const partner = this.page.getByTestId('agreement-partner');
    await partner.click();
    await partner.fill(values.partnerSearch);
    await this.page.getByRole('option', { name: values.partnerOption }).click();
    await this.page.getByTestId('agreement-number').fill(values.number);
    if (values.agency) await this.choose(this.page.getByTestId('agreement-agency'), values.agency);
    for (const program of values.programs ?? []) {
      await this.page.getByTestId('agreement-programs').click();
      await this.page.getByRole('option', { name: program, exact: true }).click();
      await this.page.keyboard.press('Escape');
    }
    if (values.signedOn) await this.typeDate('signed-on', values.signedOn);
    if (values.validFrom) await this.typeDate('valid-from', values.validFrom);
    if (values.validUntil) await this.typeDate('valid-until', values.validUntil);
    if (values.notes) await this.page.getByTestId('agreement-notes').fill(values.notes);
  }

  async agencyValue(): Promise<string> {
    return this.page.getByTestId('agreement-agency').inputValue();
  }

  async statusInputValue(): Promise<string> {
    return this.page.getByTestId('agreement-status-input').inputValue();
  }

  /** Types a date the Indonesian way, day first: ISO `2024-04-20` is typed as `20/04/2024`. */
  async typeDate(field: 'signed-on' | 'valid-from' | 'valid-until', isoOrText: string): Promise<void> {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoOrText);
    const text = iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : isoOrText;
    await this.page.getByTestId(`agreement-${field}`).fill(text);
  }

  /** The error under a date field, if any. */
  async dateError(field: 'signed-on' | 'valid-from' | 'valid-until'): Promise<string> {
    const input = this.page.getByTestId(`agreement-${field}`);
    if ((await input.getAttribute('aria-invalid')) !== 'true') return '';
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id.endsWith('-error'));
    return ids[0] ? ((await this.page.locator(`[id="${ids[0]}"]`).textContent()) ?? '') : '';
  }

  /** The formatted date shown under a date field's label, e.g. `20 April 2024`. */
  async dateShown(field: 'signed-on' | 'valid-from' | 'valid-until'): Promise<string> {
    const ids = ((await this.page.getByTestId(`agreement-${field}`).getAttribute('aria-describedby')) ?? '').split(' ');
    const id = ids.find((candidate) => candidate.endsWith('-description'));
    return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }

  async save(): Promise<void> {
    await this.page.getByTestId('agreement-save').click();
    await this.statusBadge().waitFor();
  }

  /** From the PKS page to its form. */
  async edit(): Promise<void> {
    await this.page.getByTestId('agreement-edit').click();
    await this.page.getByTestId('agreement-number').waitFor();
  }

  async setNotes(text: string): Promise<void> {
    await this.page.getByTestId('agreement-notes').fill(text);
  }

  // --- detail ---------------------------------------------------------------------------------

  /** The id of the PKS on screen, from the address (`#/pks/<id>`). */
  currentAgreementId(): string {
    return /#\/pks\/([0-9a-f-]{36})/.exec(this.page.url())?.[1] ?? '';
  }

  async notesText(): Promise<string> {
    return (await this.page.getByTestId('agreement-notes-text').textContent()) ?? '';
  }

  statusBadge(): Locator {
    return this.page.getByTestId('agreement-status');
  }

  async status(): Promise<string> {
    return (await this.statusBadge().textContent()) ?? '';
  }

  async daysLeft(): Promise<string> {
    return (await this.page.getByTestId('agreement-days-left').first().textContent()) ?? '';
  }

  async detailText(): Promise<string> {
    return (await this.page.getByTestId('agreement-details').textContent()) ?? '';
  }

  async partnerLinkHref(): Promise<string | null> {
    return this.page.getByTestId('agreement-partner-link').getAttribute('href');
  }

  /** Picks a file with the attach control (as the file dialog would) and waits for the outcome. */
  async attach(path: string): Promise<void> {
    const before = await this.documentRows().count();
    await this.page.getByTestId('document-input').setInputFiles(path);
    await this.page.waitForFunction(
      (count) =>
        document.querySelectorAll('[data-testid="document-row"]').length > count || document.querySelector('[data-testid="document-error"]') !== null,
      before,
    );
  }

  documentRows(): Locator {
    return this.page.getByTestId('document-row');
  }

  async documentSha256s(): Promise<string[]> {
    return this.page.getByTestId('document-sha256').allTextContents();
  }

  async documentNames(): Promise<string[]> {
    return this.page.getByTestId('document-file-name').allTextContents();
  }

  async documentError(): Promise<string> {
    return (await this.page.getByTestId('document-error').textContent()) ?? '';
  }

  // --- alerts on the Beranda ------------------------------------------------------------------

  alertsPanel(): Locator {
    return this.page.getByTestId('alerts-panel');
  }

  alerts(kind?: string): Locator {
    const all = this.page.getByTestId('alert-item');
    return kind ? this.page.locator(`[data-testid="alert-item"][data-kind="${kind}"]`) : all;
  }

  alertFor(kind: string, text: string): Locator {
    return this.alerts(kind).filter({ hasText: text });
  }

  async alertBucket(alert: Locator): Promise<string | null> {
    return alert.getAttribute('data-bucket');
  }

  async alertBucketLabel(alert: Locator): Promise<string> {
    return (await alert.getByTestId('alert-bucket').textContent()) ?? '';
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** A Mantine select: open it, click the option. */
  private async choose(select: Locator, label: string): Promise<void> {
    await select.click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }
}
