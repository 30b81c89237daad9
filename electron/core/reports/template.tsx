/** @jsxRuntime automatic @jsxImportSource react */
// (The pragma keeps the JSX runtime right when `ksbb` runs from a folder without this tsconfig.)
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { formatDate, formatNumber, formatPercent, formatRupiah } from '../../api/format';
import { type Lang, translator } from '../../api/i18n';
import type { FestivalReport, ProgramSection, WilayahLine } from '../../api/procedures/reports';
import { ItemChart, ReachChart } from './charts';
import { reportCss } from './style';

/**
 * The one template of the Festival Kolaborasi report: a React tree rendered to a self-contained
 * HTML document (inline CSS and fonts, charts as inline SVG, no script). The PDF is this document
 * printed (Chromium headless or Electron's printToPDF); the app's preview shows the same HTML.
 * Every sentence is composed here from the figures, in the report's language.
 */

export interface TemplateAssets {
  /** `@font-face` rules (fonts as data URLs), or '' to use the system's fonts. */
  fontFaces: string;
  /** The map of the per-wilayah section as SVG markup (`renderMapSvg`), or null without one. */
  mapSvg: string | null;
}

type Item = ProgramSection['items'][number];

const listFormats: Record<Lang, Intl.ListFormat> = {
  id: new Intl.ListFormat('id-ID', { type: 'conjunction' }),
  en: new Intl.ListFormat('en-GB', { type: 'conjunction' }),
};

/** "64.464 paket sembako", "2.404 orang peserta pelatihan", "Rp 20.000.000 permodalan". */
function amountOf(value: number, item: Pick<Item, 'itemType' | 'unit' | 'measure'>): string {
  // "Paket sembako" → "paket sembako", "Paket THR" → "paket THR": only a capital that starts a word of lower case goes.
  const name = item.itemType.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
  if (item.measure === 'rupiah') return `${formatRupiah(value)} ${name}`;
  return name.toLowerCase().startsWith(item.unit.toLowerCase()) ? `${formatNumber(value)} ${name}` : `${formatNumber(value)} ${item.unit} ${name}`;
}

function amounts(items: readonly Item[], pick: (item: Item) => number, lang: Lang): string | null {
  const parts = items.filter((item) => pick(item) > 0).map((item) => amountOf(pick(item), item));
  return parts.length === 0 ? null : listFormats[lang].format(parts);
}

/** Coverage in a table cell; '–' where no need is recorded (the note under the table says so). */
const coverageText = (coverage: number | null) => (coverage === null ? '–' : formatPercent(coverage));

function periodText(report: FestivalReport, t: TFunction): string {
  const { from, to, year, lang } = report.params;
  return year !== null ? t('reports.periodYear', { year }) : t('reports.periodRange', { from: formatDate(from, lang), to: formatDate(to, lang) });
}

/** The Ringkasan: the whole period in one sentence, then one paragraph per program with activity. */
export function summarySentences(report: FestivalReport): string[] {
  const t = translator(report.params.lang);
  const lang = report.params.lang;
  if (report.empty) return [t('reports.summary.empty', { period: periodText(report, t) })];
  const { totals } = report;
  const sentences = [
    t('reports.summary.overall', {
      period: periodText(report, t),
      collaborators: formatNumber(totals.collaborators),
      aggregators: formatNumber(totals.aggregators),
      programs: formatNumber(report.programs.filter((p) => p.collaborators + p.aggregators > 0).length),
    }),
  ];
  if (totals.distributions > 0) {
    sentences.push(
      t('reports.summary.reach', {
        distributions: formatNumber(totals.distributions),
        kota: formatNumber(totals.kota),
        kecamatan: formatNumber(totals.kecamatan),
        kelurahan: formatNumber(totals.kelurahan),
        rw: formatNumber(totals.rw),
        toTargets: totals.targets > 0 ? t('reports.summary.toTargets', { targets: formatNumber(totals.targets) }) : '',
      }),
    );
  }
  for (const program of report.programs) {
    const pledged = amounts(program.items, (i) => (i.measure === 'rupiah' ? i.rupiahPledged || i.pledged : i.pledged), lang);
    const realised = amounts(program.items, (i) => (i.measure === 'rupiah' ? i.rupiahRealised || i.realised : i.realised), lang);
    const parties = {
      program: program.program,
      collaborators: formatNumber(program.collaborators),
      viaAggregators: program.aggregators > 0 ? t('reports.summary.viaAggregators', { aggregators: formatNumber(program.aggregators) }) : '',
      toTargets: program.targets > 0 ? t('reports.summary.toTargets', { targets: formatNumber(program.targets) }) : '',
    };
    const parts: string[] = [];
    if (pledged !== null) parts.push(t('reports.summary.programPledged', { ...parties, pledged }));
    if (realised !== null) parts.push(t(pledged === null ? 'reports.summary.programRealisedFirst' : 'reports.summary.programRealised', { ...parties, realised }));
    if (program.rupiahTransferred > 0) {
      parts.push(t('reports.summary.programTransferred', { program: program.program, rupiah: formatRupiah(program.rupiahTransferred), aggregators: formatNumber(program.transfers.length) }));
    }
    if (parts.length > 0) sentences.push(parts.join(' '));
  }
  return sentences;
}

/** A table whose first `left` columns hold text (left-aligned) and the rest numbers (right-aligned). */
function Table({ head, children, className, left = 1 }: { head: ReactNode[]; children: ReactNode; className?: string; left?: number }) {
  return (
    <table className={`${className ?? ''} left-${left}`}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function Cover({ report, t }: { report: FestivalReport; t: TFunction }) {
  const { params } = report;
  const programs = params.programIds.length === 0 ? t('reports.allPrograms') : report.programs.map((p) => p.program).join(', ');
  return (
    <section className="cover">
      <p className="kicker">{t('reports.cover.kicker')}</p>
      <h1>{t('reports.cover.title')}</h1>
      <p className="period">{periodText(report, t)}</p>
      <dl>
        <dt>{t('reports.cover.programs')}</dt>
        <dd>{programs}</dd>
        <dt>{t('reports.cover.basis')}</dt>
        <dd>{t(`reports.basis.${params.basis}`)}</dd>
        <dt>{t('reports.cover.generatedAt')}</dt>
        <dd>{formatDate(report.generatedAt.slice(0, 10), params.lang)}</dd>
      </dl>
      <p className="secretariat">{report.secretariat}</p>
    </section>
  );
}

function Summary({ report, t }: { report: FestivalReport; t: TFunction }) {
  const { totals } = report;
  const stats: [string, string][] = [
    [t('reports.stat.collaborators'), formatNumber(totals.collaborators)],
    [t('reports.stat.aggregators'), formatNumber(totals.aggregators)],
    [t('reports.stat.distributions'), formatNumber(totals.distributions)],
    [t('reports.stat.kelurahan'), formatNumber(totals.kelurahan)],
    [t('reports.stat.rw'), formatNumber(totals.rw)],
    [t('reports.stat.transferred'), formatRupiah(totals.rupiahTransferred)],
  ];
  return (
    <section className="summary">
      <h2>{t('reports.section.summary')}</h2>
      {report.empty ? (
        <div className="no-data">
          <strong>{t('reports.noData.title')}</strong>
          <p>{summarySentences(report)[0]}</p>
        </div>
      ) : (
        <>
          <div className="stats">
            {stats.map(([label, value]) => (
              <div className="stat" key={label}>
                <span className="value">{value}</span>
                <span className="label">{label}</span>
              </div>
            ))}
          </div>
          {summarySentences(report).map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </>
      )}
    </section>
  );
}

function ProgramPart({ program, report, t }: { program: ProgramSection; report: FestivalReport; t: TFunction }) {
  const active = program.items.some((i) => i.pledged > 0 || i.realised > 0 || i.need > 0) || program.rupiahTransferred > 0;
  // Item types with nothing at all are left out of the page (the workbook lists every one).
  const shownItems = program.items.filter((i) => i.pledged > 0 || i.realised > 0 || i.need > 0 || i.rupiahPledged > 0 || i.rupiahRealised > 0);
  const quantityItems = shownItems.filter((i) => i.measure === 'quantity');
  return (
    <section className="program">
      <h2>{t('reports.section.program', { program: program.program })}</h2>
      {program.agency ? <p className="sub">{t('reports.program.agency', { agency: program.agency })}</p> : null}
      {!active ? (
        <p className="muted">{t('reports.program.none', { period: periodText(report, t) })}</p>
      ) : (
        <>
          <p className="facts">
            {t('reports.program.facts', {
              collaborators: formatNumber(program.collaborators),
              aggregators: formatNumber(program.aggregators),
              targets: formatNumber(program.targets),
              distributions: formatNumber(program.distributions),
            })}
          </p>
          <h3>{t('reports.program.itemsTitle')}</h3>
          <Table className="numbers" left={2} head={[t('reports.col.itemType'), t('reports.col.unit'), t('reports.col.need'), t('reports.col.pledged'), t('reports.col.realised'), t('reports.col.coverage'), t('reports.col.targets')]}>
            {shownItems.map((item) => (
              <tr key={item.itemTypeId}>
                <td>{item.itemType}</td>
                <td>{item.unit}</td>
                <td>{item.measure === 'rupiah' ? '–' : formatNumber(item.need)}</td>
                <td>{item.measure === 'rupiah' ? formatRupiah(item.rupiahPledged || item.pledged) : formatNumber(item.pledged)}</td>
                <td>{item.measure === 'rupiah' ? formatRupiah(item.rupiahRealised || item.realised) : formatNumber(item.realised)}</td>
                <td>{item.measure === 'rupiah' ? '–' : coverageText(item.coverage)}</td>
                <td>{formatNumber(item.targets)}</td>
              </tr>
            ))}
          </Table>
          <p className="note">{t('reports.program.coverageNote')}</p>
          {quantityItems.length > 0 ? (
            <figure>
              <ItemChart
                title={t('reports.chart.items', { program: program.program })}
                items={quantityItems.map((i) => ({ label: i.itemType, unit: i.unit, need: i.need, pledged: i.pledged, realised: i.realised }))}
                legend={{ pledged: t('reports.col.pledged'), realised: t('reports.col.realised'), need: t('reports.col.need') }}
              />
            </figure>
          ) : null}
          <h3>{t('reports.program.topTitle')}</h3>
          {program.topCollaborators.length === 0 ? (
            <p className="muted">{t('reports.program.noRealisation')}</p>
          ) : (
            <Table className="numbers ranked" left={3} head={['#', t('reports.col.collaborator'), t('reports.col.delivered'), t('reports.col.distributions'), t('reports.col.value')]}>
              {program.topCollaborators.map((p, i) => (
                <tr key={p.partnerId}>
                  <td>{i + 1}</td>
                  <td>{p.name}</td>
                  <td className="text">{p.items.length === 0 ? '–' : p.items.map((it) => `${it.itemType}: ${formatNumber(it.realised)} ${it.unit}`).join('; ')}</td>
                  <td>{formatNumber(p.distributions)}</td>
                  <td>{formatRupiah(p.rupiahRealised)}</td>
                </tr>
              ))}
              {program.otherCollaborators ? (
                <tr className="others">
                  <td />
                  <td>{t('reports.program.others', { count: formatNumber(program.otherCollaborators.count) })}</td>
                  <td className="text">–</td>
                  <td>{formatNumber(program.otherCollaborators.distributions)}</td>
                  <td>{formatRupiah(program.otherCollaborators.rupiahRealised)}</td>
                </tr>
              ) : null}
            </Table>
          )}
          <h3>{t('reports.program.transfersTitle')}</h3>
          {program.transfers.length === 0 ? (
            <p className="muted">{t('reports.program.noTransfers')}</p>
          ) : (
            <Table className="numbers" head={[t('reports.col.aggregator'), t('reports.col.donors'), t('reports.col.transfers'), t('reports.col.amount')]}>
              {program.transfers.map((tr) => (
                <tr key={tr.aggregatorId}>
                  <td>{tr.aggregator}</td>
                  <td>{formatNumber(tr.donors)}</td>
                  <td>{formatNumber(tr.transfers)}</td>
                  <td>{formatRupiah(tr.rupiah)}</td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
    </section>
  );
}

/** "Kota Administrasi Jakarta Pusat" → "Jakarta Pusat": the chart's labels, where the full name does not fit. */
const shortName = (name: string) => name.replace(/^(Kota|Kabupaten) Administrasi /, '');

function WilayahTable({ lines, level, t }: { lines: readonly WilayahLine[]; level: 'kota' | 'kecamatan'; t: TFunction }) {
  const head = [
    ...(level === 'kecamatan' ? [t('reports.col.kota')] : []),
    t(`reports.col.${level}`),
    t('reports.col.distributions'),
    t('reports.col.kelurahanReached'),
    t('reports.col.rw'),
    t('reports.col.value'),
  ];
  return (
    <Table className="numbers wilayah" left={level === 'kecamatan' ? 2 : 1} head={head}>
      {lines.map((line) => (
        <tr key={line.code}>
          {level === 'kecamatan' ? <td>{line.kota === null ? '' : shortName(line.kota)}</td> : null}
          <td>{line.name}</td>
          <td>{formatNumber(line.distributions)}</td>
          <td>{t('reports.ofTotal', { n: formatNumber(line.kelurahan), total: formatNumber(line.kelurahanTotal) })}</td>
          <td>{formatNumber(line.rw)}</td>
          <td>{formatRupiah(line.rupiahRealised)}</td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * One program's item types across the wilayah: realised in each cell, the coverage of the need
 * under it where a need is recorded. Only wilayah with a figure of the program are listed.
 */
function WilayahItemsTable({ lines, level, program, t }: { lines: readonly WilayahLine[]; level: 'kota' | 'kecamatan'; program: ProgramSection; t: TFunction }) {
  const items = program.items.filter((i) => i.measure === 'quantity' && lines.some((l) => l.items.some((it) => it.itemTypeId === i.itemTypeId)));
  if (items.length === 0) return null;
  const rows = lines.filter((l) => l.items.some((it) => items.some((i) => i.itemTypeId === it.itemTypeId)));
  return (
    <>
      <h3>{t('reports.wilayah.itemsTitle', { program: program.program })}</h3>
      <Table
        className="numbers matrix"
        left={level === 'kecamatan' ? 2 : 1}
        head={[...(level === 'kecamatan' ? [t('reports.col.kota')] : []), t(`reports.col.${level}`), ...items.map((i) => `${i.itemType} (${i.unit})`)]}
      >
        {rows.map((line) => (
          <tr key={line.code}>
            {level === 'kecamatan' ? <td>{line.kota === null ? '' : shortName(line.kota)}</td> : null}
            <td>{level === 'kota' ? shortName(line.name) : line.name}</td>
            {items.map((i) => {
              const found = line.items.find((it) => it.itemTypeId === i.itemTypeId);
              return (
                <td key={i.itemTypeId}>
                  {found ? formatNumber(found.realised) : '–'}
                  {found && found.coverage !== null ? <span className="coverage">{t('reports.wilayah.coverage', { coverage: formatPercent(found.coverage) })}</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </Table>
    </>
  );
}

function Wilayah({ report, assets, t }: { report: FestivalReport; assets: TemplateAssets; t: TFunction }) {
  const { kota, map } = report.wilayah;
  return (
    <section className="wilayah-section">
      <h2>{t('reports.section.wilayah')}</h2>
      <p>{t('reports.wilayah.intro')}</p>
      <WilayahTable lines={kota} level="kota" t={t} />
      <figure>
        <ReachChart
          title={t('reports.chart.reach')}
          bars={kota.map((k) => ({ label: shortName(k.name), reached: k.kelurahan, total: k.kelurahanTotal, caption: t('reports.ofTotal', { n: formatNumber(k.kelurahan), total: formatNumber(k.kelurahanTotal) }) }))}
        />
      </figure>
      {report.programs.map((program) => (
        <WilayahItemsTable key={program.programId} lines={kota} level="kota" program={program} t={t} />
      ))}
      {assets.mapSvg !== null && map !== null ? (
        <figure className="map">
          <figcaption>
            {t('reports.chart.map', {
              itemType: map.item?.itemType ?? '',
              unit: map.item?.unit ?? '',
              program: map.item?.program ?? '',
            })}
          </figcaption>
          <div className="map-frame" dangerouslySetInnerHTML={{ __html: assets.mapSvg }} />
        </figure>
      ) : null}
    </section>
  );
}

function Acknowledgements({ report, t }: { report: FestivalReport; t: TFunction }) {
  return (
    <section className="thanks">
      <h2>{t('reports.section.acknowledgements')}</h2>
      <p>{t('reports.thanks.intro', { period: periodText(report, t) })}</p>
      {report.acknowledgements.length === 0 ? <p className="muted">{t('reports.thanks.none')}</p> : null}
      {report.acknowledgements.map((group) => (
        <div className="kind" key={group.entityKind}>
          <h3>{`${t(`partners.entityKind.${group.entityKind}`)} (${formatNumber(group.partners.length)})`}</h3>
          <ul>
            {group.partners.map((p) => (
              <li key={p.partnerId}>
                {p.name}
                {p.aggregator ? <span className="tag">{` · ${t('reports.thanks.aggregator')}`}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Notes({ report, t }: { report: FestivalReport; t: TFunction }) {
  const { notes } = report;
  return (
    <section className="notes">
      <h2>{t('reports.section.notes')}</h2>
      <ul className="facts-list">
        <li>{t(`reports.notes.basis.${notes.basis}`)}</li>
        <li>{t('reports.notes.records', { imported: formatNumber(notes.importedRecords), typed: formatNumber(notes.typedRecords), sources: formatNumber(notes.sources.length) })}</li>
        <li>{t('reports.notes.rejectedAtImport', { rows: formatNumber(notes.rowsRejectedAtImport) })}</li>
        <li>
          {t('reports.notes.rejectedAtVerification', { n: formatNumber(notes.distributionsRejected) })}
          {notes.distributionsRejected > 0 && notes.distributionsRejectedNotResubmitted !== null
            ? ` ${t('reports.notes.rejectedNotResubmitted', { n: formatNumber(notes.distributionsRejectedNotResubmitted) })}`
            : null}
        </li>
        {notes.basis === 'terverifikasi' ? <li>{t('reports.notes.notVerified', { n: formatNumber(notes.distributionsNotVerified) })}</li> : null}
        <li>{t('reports.notes.unverified', { n: formatNumber(notes.unverifiedPartners.length) })}</li>
        <li>{t('reports.notes.conflicts', { n: formatNumber(notes.openConflicts) })}</li>
      </ul>
      {notes.sources.length > 0 ? (
        <>
          <h3>{t('reports.notes.sourcesTitle')}</h3>
          <Table className="numbers sources" left={3} head={[t('reports.col.file'), t('reports.col.kind'), t('reports.col.importedAt'), t('reports.col.rowsImported'), t('reports.col.rowsRejected')]}>
            {notes.sources.map((s) => (
              <tr key={s.id}>
                <td className="text">{s.fileName}</td>
                <td className="text">{t(`imports.kind.${s.kind}`)}</td>
                <td className="text">{formatDate(s.importedAt.slice(0, 10), report.params.lang)}</td>
                <td>{formatNumber(s.rowsImported)}</td>
                <td>{formatNumber(s.rowsRejected)}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
      {notes.unverifiedPartners.length > 0 ? (
        <>
          <h3>{t('reports.notes.unverifiedTitle')}</h3>
          <p className="names">{notes.unverifiedPartners.map((p) => p.name).join(' · ')}</p>
        </>
      ) : null}
    </section>
  );
}

function Appendix({ report, t }: { report: FestivalReport; t: TFunction }) {
  const lines = report.wilayah.kecamatan.filter((k) => k.distributions > 0 || k.items.length > 0);
  return (
    <section className="appendix">
      <h2>{t('reports.section.appendix')}</h2>
      <p>{t('reports.appendix.intro', { shown: formatNumber(lines.length), total: formatNumber(report.wilayah.kecamatan.length) })}</p>
      <WilayahTable lines={lines} level="kecamatan" t={t} />
      {report.programs.map((program) => (
        <WilayahItemsTable key={program.programId} lines={lines} level="kecamatan" program={program} t={t} />
      ))}
    </section>
  );
}

function Report({ report, assets }: { report: FestivalReport; assets: TemplateAssets }) {
  const t = translator(report.params.lang);
  return (
    <html lang={report.params.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta httpEquiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:" />
        <title>{`${t('reports.cover.title')} · ${periodText(report, t)}`}</title>
        <style dangerouslySetInnerHTML={{ __html: assets.fontFaces + reportCss(t('reports.page', { page: '" counter(page) "', pages: '" counter(pages) "' }), t('reports.cover.title')) }} />
      </head>
      <body>
        <Cover report={report} t={t} />
        <Summary report={report} t={t} />
        {report.empty
          ? null
          : report.programs.map((program) => <ProgramPart key={program.programId} program={program} report={report} t={t} />)}
        {report.empty ? null : <Wilayah report={report} assets={assets} t={t} />}
        {report.empty ? null : <Acknowledgements report={report} t={t} />}
        <Notes report={report} t={t} />
        {report.empty ? null : <Appendix report={report} t={t} />}
      </body>
    </html>
  );
}

/** The report as one self-contained HTML document. */
export function renderFestivalHtml(report: FestivalReport, assets: TemplateAssets): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(<Report report={report} assets={assets} />)}`;
}
