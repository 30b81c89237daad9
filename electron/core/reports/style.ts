/**
 * The report's CSS: A4 pages with the page number in the bottom margin (CSS margin boxes, which
 * Chromium and Electron's printToPDF both honour), table headers repeated on every page, rows
 * never split, each major section on a new page. `pageLabel` is a CSS `content` value built from
 * the message (`"Halaman " counter(page) " dari " counter(pages)`).
 */
export function reportCss(pageLabel: string, title: string): string {
  const quoted = JSON.stringify(title);
  return `
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-right { content: "${pageLabel}"; font: 8.5pt 'KSBB Sans', 'DejaVu Sans', sans-serif; color: #5b6675; }
  @bottom-left { content: ${quoted}; font: 8.5pt 'KSBB Sans', 'DejaVu Sans', sans-serif; color: #5b6675; }
}
@page :first { @bottom-right { content: none; } @bottom-left { content: none; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'KSBB Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; line-height: 1.45; color: #1d2733; margin: 0; }
@media screen { body { max-width: 190mm; margin: 0 auto; padding: 12mm 0; } section { border-bottom: 1px dashed #c9d1db; padding-bottom: 8mm; margin-bottom: 8mm; } }
h1 { font-size: 26pt; line-height: 1.15; margin: 0 0 6mm; color: #123d5c; }
h2 { font-size: 16pt; margin: 0 0 3mm; color: #123d5c; border-bottom: 2px solid #1f5f8b; padding-bottom: 1.5mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; color: #1d2733; break-after: avoid; }
p { margin: 0 0 2.5mm; }
section + section { break-before: page; }
.cover { display: flex; flex-direction: column; min-height: 250mm; padding-top: 40mm; }
.cover .kicker { font-size: 12pt; letter-spacing: 0.04em; text-transform: uppercase; color: #1f5f8b; margin-bottom: 4mm; }
.cover .period { font-size: 15pt; margin-bottom: 14mm; }
.cover dl { display: grid; grid-template-columns: 45mm 1fr; gap: 2mm 4mm; font-size: 11pt; margin: 0; }
.cover dt { color: #5b6675; }
.cover dd { margin: 0; }
.cover .secretariat { margin-top: auto; font-size: 12pt; font-weight: bold; border-top: 2px solid #1f5f8b; padding-top: 4mm; }
.stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 2mm 0 5mm; }
.stat { border: 1px solid #c9d1db; border-radius: 2mm; padding: 3mm; break-inside: avoid; }
.stat .value { display: block; font-size: 15pt; font-weight: bold; color: #123d5c; }
.stat .label { display: block; font-size: 9pt; color: #5b6675; }
.no-data { border: 2px solid #b26a00; background: #fff6e5; padding: 5mm; border-radius: 2mm; }
.no-data strong { display: block; font-size: 13pt; margin-bottom: 2mm; }
.sub, .muted, .note { color: #5b6675; }
.note { font-size: 8.5pt; margin-top: -2mm; }
.facts { font-size: 10.5pt; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 4mm; font-size: 8.8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #e8eef5; text-align: left; font-weight: bold; padding: 1.6mm 1.8mm; border-bottom: 1.5px solid #1f5f8b; vertical-align: bottom; }
td { padding: 1.3mm 1.8mm; border-bottom: 0.6px solid #d5dbe3; vertical-align: top; overflow-wrap: break-word; }
table.numbers td, table.numbers th { text-align: right; }
/* Numbers never break inside ("Rp 44.639.000.000"); text columns take the wrapping. */
table.numbers td { white-space: nowrap; }
table.left-1 td:nth-child(-n+1), table.left-1 th:nth-child(-n+1),
table.left-2 td:nth-child(-n+2), table.left-2 th:nth-child(-n+2),
table.left-3 td:nth-child(-n+3), table.left-3 th:nth-child(-n+3) { text-align: left; }
table.left-1 td:nth-child(-n+1), table.left-2 td:nth-child(-n+2), table.left-3 td:nth-child(-n+3), table.numbers td.text { white-space: normal; }
table.ranked td:first-child, table.ranked th:first-child { width: 8mm; text-align: right; white-space: nowrap; }
table.ranked td:nth-child(3) { font-size: 8pt; }
table.matrix td .coverage { display: block; font-size: 7.5pt; color: #5b6675; }
table.matrix th { font-size: 8pt; }
tr.others td { font-style: italic; color: #5b6675; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figcaption { font-weight: bold; font-size: 11pt; margin-bottom: 2mm; }
.map-frame svg { width: 100%; height: auto; max-height: 190mm; }
.thanks .kind { margin-bottom: 3mm; }
.thanks ul { columns: 2; column-gap: 8mm; padding-left: 4mm; margin: 0; font-size: 9pt; }
.thanks li { break-inside: avoid; }
.thanks .tag { color: #5b6675; font-size: 8pt; }
.facts-list li { margin-bottom: 1.5mm; }
.names { font-size: 9pt; }
`;
}
