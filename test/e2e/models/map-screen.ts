import type { Locator, Page } from 'playwright-core';

/** Screen model of the Peta sasaran: its controls, the map's wilayah, legend and tooltip, and the table alternative. */
export class MapScreen {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-map').click();
    await this.waitForMap('realised', 'kelurahan');
  }

  /** Opens a view by its address (`#/peta/tabel?ukuran=cakupan`), as a bookmark would. */
  async openAddress(hash: string): Promise<void> {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  }

  /** Waits until the map shows `measure` at `level`, fresh (not the previous map kept while loading). */
  async waitForMap(measure: string, level: string): Promise<void> {
    await this.page.locator(`[data-testid="map"][data-measure="${measure}"][data-level="${level}"][data-stale="false"]`).waitFor();
  }

  title(): Locator {
    return this.page.getByTestId('map-title');
  }

  features(): Locator {
    return this.page.getByTestId('map-feature');
  }

  feature(code: string): Locator {
    return this.page.locator(`[data-testid="map-feature"][data-code="${code}"]`);
  }

  async chooseMeasure(label: string): Promise<void> {
    await this.page.getByTestId('map-measure').click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async chooseLevel(label: string): Promise<void> {
    await this.page.getByTestId('map-level').getByText(label, { exact: true }).click();
  }

  async chooseDisplay(label: 'Peta' | 'Tabel'): Promise<void> {
    await this.page.getByTestId('map-display').getByText(label, { exact: true }).click();
  }

  /** The legend's rows as drawn: label and swatch colour. */
  async legend(): Promise<{ label: string; fill: string }[]> {
    return this.page
      .getByTestId('map-legend-entry')
      .evaluateAll((entries) => entries.map((e) => ({ label: e.textContent ?? '', fill: e.getAttribute('data-fill') ?? '' })));
  }

  /**
   * Moves the mouse onto a wilayah: a point inside its shape (the middle of its box may lie in a
   * neighbour), found by asking the page what is under the point.
   */
  async hover(code: string): Promise<void> {
    await this.feature(code).scrollIntoViewIfNeeded();
    const point = await this.feature(code).evaluate((element, wanted) => {
      const box = element.getBoundingClientRect();
      for (let i = 1; i < 12; i++) {
        for (let j = 1; j < 12; j++) {
          const x = box.left + (box.width * i) / 12;
          const y = box.top + (box.height * j) / 12;
          if (document.elementFromPoint(x, y)?.closest('[data-code]')?.getAttribute('data-code') === wanted) return { x, y };
        }
      }
      return null;
    }, code);
    if (!point) throw new Error(`no point of wilayah ${code} can be pointed at`);
    await this.page.mouse.move(point.x, point.y);
  }

  async leaveMap(): Promise<void> {
    await this.page.mouse.move(1, 1);
  }

  tooltip(): Locator {
    return this.page.getByTestId('map-tooltip');
  }

  async tooltipPlace(): Promise<string> {
    return (await this.tooltip().getByTestId('map-tooltip-place').textContent()) ?? '';
  }

  /** A figure in the tooltip by its key (`realised`, `coverage`, …), as shown. */
  async tooltipFigure(key: string): Promise<string> {
    return (await this.tooltip().locator(`[data-figure="${key}"] [data-testid="map-tooltip-value"]`).textContent()) ?? '';
  }

  /** Tabs into the map from its title: the keyboard lands on the map's one tab stop. */
  async tabIntoMap(): Promise<void> {
    await this.title().click();
    await this.page.keyboard.press('Tab');
  }

  /** The wilayah that has the keyboard focus (null: focus is elsewhere). */
  async focusedCode(): Promise<string | null> {
    return this.page.evaluate(() => {
      const element = document.activeElement;
      return element?.getAttribute('data-testid') === 'map-feature' ? element.getAttribute('data-code') : null;
    });
  }

  async focusedLabel(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
  }

  table(): Locator {
    return this.page.getByTestId('map-table');
  }

  /** Waits until the table shows `level`. */
  async waitForTable(level: string): Promise<void> {
    await this.page.locator(`[data-testid="map-table"][data-level="${level}"]`).waitFor();
  }

  tableTotals(): Locator {
    return this.page.getByTestId('map-table-totals');
  }

  tableTotal(): Locator {
    return this.page.getByTestId('map-table-total');
  }

  /** Clicks a column heading by its text, e.g. `Realisasi (paket)` (sorts ascending, then descending). */
  async sortTableBy(label: string): Promise<void> {
    const text = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.table()
      .getByRole('button', { name: new RegExp(`^${text}( [▲▼])?$`) })
      .click();
  }

  tableRows(): Locator {
    return this.page.getByTestId('map-table-row');
  }
}
