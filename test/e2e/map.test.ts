import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatNumber } from '../../electron/api/format';
import type { MapFeature, MapModel } from '../../electron/api/procedures/map';
import { callApi, ksbb, launchChromium, type RunningHost, startHost } from './host';
import { AppScreen } from './models/app-screen';
import { MapScreen } from './models/map-screen';
import { RecapsScreen } from './models/recaps-screen';

/**
 * Peta sasaran in Chromium over `ksbb demo` data: 267 kelurahan drawn; switching the measure
 * changes the legend to what `map:model` says; hovering a kelurahan shows its figures as
 * `map:model` gives them; the keyboard enters the map, moves and opens a recap; a click opens
 * the Rekap per wilayah of that kelurahan with its RW; the table alternative sorts the same
 * figures; a view reopens from its address.
 */

let host: RunningHost;
let browser: Browser;

beforeAll(async () => {
  host = await startHost((db) => {
    ksbb(['--db', db, 'init']);
    ksbb(['--db', db, 'demo', '--partners', '150', '--pledges', '1500', '--distributions', '4000']);
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** The mainland kelurahan with the most realised (so its tooltip shows a figure above zero, and drilling into it shows RW). */
function busiest(model: MapModel): MapFeature {
  const feature = model.features.filter((f) => !f.inInset).sort((a, b) => b.figures.realised - a.figures.realised || a.code.localeCompare(b.code))[0];
  if (!feature || feature.figures.realised === 0) throw new Error('the demo data realised nothing on the mainland');
  return feature;
}

describe('Peta sasaran in Chromium', () => {
  test('267 kelurahan; measure and legend; hover, keyboard and click through to the recap with its RW', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const map = new MapScreen(app.page);
    const recaps = new RecapsScreen(app.page);
    await app.open(host.openUrl);
    await map.open();

    const realised = await callApi(host, 'map:model', { measure: 'realised', level: 'kelurahan', filters: { channel: 'all' } });
    expect(realised.features).toHaveLength(267);
    await expect(map.features().count()).resolves.toBe(267);
    const unit = realised.item?.unit;
    if (!unit) throw new Error('the demo data has no item type on the map');
    await expect(map.legend()).resolves.toEqual(realised.legend.map((entry) => ({ label: entry.label, fill: entry.fill })));
    await app.screenshot('map-realised');

    // Another measure: the legend becomes the coverage classes (fixed breaks) and the no-data swatch.
    await map.chooseMeasure('Cakupan kebutuhan');
    await map.waitForMap('coverage', 'kelurahan');
    await expect.poll(() => app.page.url()).toContain('ukuran=cakupan');
    const coverage = await callApi(host, 'map:model', { measure: 'coverage', level: 'kelurahan', filters: { channel: 'all' } });
    expect(coverage.features.some((f) => f.classIndex === null)).toBe(true);
    await expect(map.legend()).resolves.toEqual([
      ...coverage.legend.map((entry) => ({ label: entry.label, fill: entry.fill })),
      { label: 'Tidak ada data', fill: coverage.noDataFill },
    ]);
    await app.screenshot('map-coverage');

    // Hover: the kelurahan, its kecamatan and kota, and its figures as map:model gives them.
    const target = busiest(coverage);
    await map.hover(target.code);
    await expect(map.tooltip().getAttribute('data-code')).resolves.toBe(target.code);
    await expect(map.tooltipPlace()).resolves.toBe(`Kelurahan ${target.name}, Kec. ${target.kecamatan}, ${target.kota}`);
    await expect(map.tooltipFigure('realised')).resolves.toBe(`${formatNumber(target.figures.realised)} ${unit}`);
    await expect(map.tooltipFigure('partners')).resolves.toBe(formatNumber(target.figures.partners));
    await app.screenshot('map-tooltip', { fullPage: false });
    await map.leaveMap();
    await expect(map.tooltip().count()).resolves.toBe(0);

    // Keyboard: Tab lands on the map's one tab stop, an arrow moves to a neighbour, Enter opens its recap.
    await map.tabIntoMap();
    const entered = await map.focusedCode();
    expect(entered).not.toBeNull();
    await expect(map.tooltip().getAttribute('data-code')).resolves.toBe(entered);
    await app.page.keyboard.press('ArrowRight');
    const moved = await map.focusedCode();
    expect(moved).not.toBeNull();
    expect(moved).not.toBe(entered);
    await expect(map.tooltip().getAttribute('data-code')).resolves.toBe(moved);
    const movedFeature = coverage.features.find((f) => f.code === moved) as MapFeature;
    await expect(map.focusedLabel()).resolves.toContain(`Kelurahan ${movedFeature.name}`);
    await expect(map.focusedLabel()).resolves.toContain('Cakupan kebutuhan');
    await app.screenshot('map-keyboard', { fullPage: false });
    await app.page.keyboard.press('Enter');
    await recaps.waitForWilayah('rw', movedFeature.code);
    await expect(recaps.breadcrumbs().textContent()).resolves.toContain(movedFeature.name);
    await app.page.goBack();
    await map.waitForMap('coverage', 'kelurahan');

    // A click: the Rekap per wilayah of that kelurahan, with its RW.
    await map.hover(target.code);
    await app.page.mouse.down();
    await app.page.mouse.up();
    await recaps.waitForWilayah('rw', target.code);
    expect(app.page.url()).toContain(`#/rekap/wilayah/${target.code}`);
    await expect(recaps.breadcrumbs().textContent()).resolves.toContain(target.name);
    const rw = await callApi(host, 'recap:wilayah', { filters: { channel: 'all' }, parentCode: target.code });
    expect(rw.level).toBe('rw');
    expect(rw.rows.length).toBeGreaterThan(0);
    await expect(app.page.getByTestId('recap-wilayah-row').count()).resolves.toBe(rw.rows.length);
    await expect(recaps.figureText(`fig-${target.code}-collaborators`)).resolves.toBe(formatNumber(rw.totals.collaborators));
    await recaps.scrollToTop();
    await app.screenshot('map-drill-recap', { fullPage: false });
  });

  test('the table alternative sorts the same figures; a kecamatan map and an English table reopen from the address', async () => {
    const app = new AppScreen(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    const map = new MapScreen(app.page);
    await app.open(host.openUrl);
    await map.open();

    await map.chooseDisplay('Tabel');
    await map.waitForTable('kelurahan');
    await expect.poll(() => app.page.url()).toContain('#/peta/tabel');
    await expect(map.tableTotal().textContent()).resolves.toBe('267 baris');
    await expect(map.tableRows().count()).resolves.toBe(267);
    const realised = await callApi(host, 'map:model', { measure: 'realised', level: 'kelurahan', filters: { channel: 'all' } });
    const top = [...realised.features].sort((a, b) => b.figures.realised - a.figures.realised || a.code.localeCompare(b.code))[0] as MapFeature;
    const heading = `Realisasi (${realised.item?.unit})`;
    await map.sortTableBy(heading);
    await map.sortTableBy(heading);
    const first = map.tableRows().first();
    await expect.poll(() => first.getByTestId('map-table-name').getAttribute('data-code')).toBe(top.code);
    await expect(first.getByTestId('map-table-value').textContent()).resolves.toBe(formatNumber(top.figures.realised));
    await expect(first.getByTestId('map-table-name').getAttribute('href')).resolves.toBe(`#/rekap/wilayah/${top.code}`);
    await expect(map.tableTotals().textContent()).resolves.toContain(formatNumber(realised.totals.realised));
    await app.screenshot('map-table', { fullPage: false });

    // Kecamatan: 44 wilayah, unions of their kelurahan, each opening its own recap.
    await map.openAddress('#/peta?ukuran=kolaborator&tingkat=kecamatan');
    await map.waitForMap('partners', 'kecamatan');
    await expect(map.features().count()).resolves.toBe(44);
    const partners = await callApi(host, 'map:model', { measure: 'partners', level: 'kecamatan', filters: { channel: 'all' } });
    await expect(map.legend()).resolves.toEqual(partners.legend.map((entry) => ({ label: entry.label, fill: entry.fill })));
    await app.screenshot('map-kecamatan');

    // The map on screen as a file: the SVG download is the drawing `map:image` gives for this view.
    await app.page.getByTestId('map-download').click();
    const download = app.page.waitForEvent('download');
    await app.page.getByTestId('map-download-svg').click();
    const svgFile = await download;
    expect(svgFile.suggestedFilename()).toBe('peta-partners-kecamatan.svg');
    const saved = join(host.dataDir, svgFile.suggestedFilename());
    await svgFile.saveAs(saved);
    const drawing = readFileSync(saved, 'utf8');
    expect(drawing.match(/<path d="[^"]+" fill="#[0-9a-f]{6}"[^>]*data-code="/g)).toHaveLength(44);
    expect(drawing).toContain(`<title id="map-title">${await map.title().textContent()}</title>`);

    // The kota table in English: the same figures, id-ID numbers.
    await map.openAddress('#/peta/tabel?ukuran=belum-terpenuhi&tingkat=kota');
    await app.switchLanguage('EN');
    await map.waitForTable('kota');
    await expect.poll(() => map.tableTotal().textContent()).toBe('6 rows');
    await expect.poll(() => map.title().textContent()).toContain('Open need');
    await app.screenshot('map-table-en', { fullPage: false });
    await app.switchLanguage('ID');
  });
});
