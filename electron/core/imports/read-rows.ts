import { hash } from 'node:crypto';
import type { ImportQuestionValue, SubmissionKind } from '../../api/procedures/imports';
import { submissionKindValues } from '../../api/procedures/imports';
import { findLayout, isBlankRow, isTotalsRow, normaliseHeader } from './header';
import { type ImportFieldSpec, submissionFields } from './kinds';
import type { ChosenLayout, ReadRequest, ReadRow, SheetChoice, SheetSummary } from './protocol';
import type { CellValue, ParsedValue, SheetGrid, SheetLayout, Submission } from './submission';
import { cellText, createRegionMatcher, parseDate, parseQuantity, parseRupiah, parseRw } from './values';

/**
 * The part of an import that needs no database, run in the import worker: choose the sheet, the
 * kind and the layout, then read every data row into texts and parsed values.
 */

/** The header may sit on any of the first 15 rows (title rows and logos above it). */
export const MAX_HEADER_ROW = 15;

interface Candidate {
  sheet: SheetGrid;
  kind: SubmissionKind;
  layout: SheetLayout;
  requiredMissing: string[];
  /** Two points per column found by its template header, one per column found by a synonym. */
  score: number;
  matched: number;
}

/** Headers compare as `findLayout` compares them: normalised, spaces ignored. */
const headerKey = (text: string) => normaliseHeader(text).replaceAll(' ', '');

const rowAt = (sheet: SheetGrid, sheetRow: number): CellValue[] => sheet.rows[sheetRow - sheet.firstRow] ?? [];

function scoreLayout(sheet: SheetGrid, fields: readonly ImportFieldSpec[], layout: SheetLayout): number {
  const header = rowAt(sheet, layout.headerRow);
  let score = 0;
  for (const field of fields) {
    const column = layout.mapping[field.key];
    if (column === undefined) continue;
    score += headerKey(cellText(header[column] ?? null)) === headerKey(field.header) ? 2 : 1;
  }
  return score;
}

/** Words that name a kind in a sheet's name, the title rows above its header or the file's name ("Realisasi Mei", "FORM KOMITMEN DONATUR", "pledge-juni.xlsx"). */
const kindWords: Record<SubmissionKind, readonly string[]> = {
  partners: ['mitra', 'kolaborator'],
  agreements: ['pks', 'perjanjian'],
  needs: ['kebutuhan'],
  pledges: ['komitmen', 'pledge', 'pledges', 'janji'],
  distributions: ['realisasi', 'penyaluran', 'distribusi', 'distribution', 'distributions'],
  'fund-transfers': ['dana', 'transfer'],
};

const wordsOf = (texts: readonly string[]) => new Set(texts.flatMap((text) => normaliseHeader(text).split(' ')));

/** The texts of the rows above the header: the form's title ("LAPORAN REALISASI BANTUAN KSBB"). */
function titleTexts(sheet: SheetGrid, headerRow: number): string[] {
  return sheet.rows.slice(0, Math.max(0, headerRow - sheet.firstRow)).flatMap((cells) => cells.filter((cell): cell is string => typeof cell === 'string'));
}

/**
 * Pledge and distribution forms share their columns; a header that only uses the shared names
 * (`Tgl`, `Qty`) says nothing about which one a sheet is. What breaks the tie, strongest first:
 * the sheet's name, the title rows above the header, the file's name. Each adds less than one
 * column's point, so it never outweighs a column; with none of them the kinds stay tied and the
 * wizard asks.
 */
function tieBreak(sheet: SheetGrid, kind: SubmissionKind, headerRow: number, fileName: string): number {
  const names = (words: ReadonlySet<string>) => kindWords[kind].some((word) => words.has(word));
  let bonus = 0;
  if (names(wordsOf([sheet.name]))) bonus += 0.5;
  if (names(wordsOf(titleTexts(sheet, headerRow)))) bonus += 0.25;
  if (names(wordsOf([fileName]))) bonus += 0.125;
  return bonus;
}

function candidatesOf(sheet: SheetGrid, kinds: readonly SubmissionKind[], fileName: string): Candidate[] {
  const found: Candidate[] = [];
  for (const kind of kinds) {
    const fields = submissionFields[kind];
    const result = findLayout(sheet, fields, { maxHeaderRow: MAX_HEADER_ROW });
    if (!result) continue;
    found.push({
      sheet,
      kind,
      layout: result.layout,
      requiredMissing: [...result.requiredMissing],
      score: scoreLayout(sheet, fields, result.layout) + tieBreak(sheet, kind, result.layout.headerRow, fileName),
      matched: Object.keys(result.layout.mapping).length,
    });
  }
  return found;
}

const byScore = (a: Candidate, b: Candidate) => b.score - a.score;

/** Rows below the header row (or every row when none was found). */
function rowsBelow(sheet: SheetGrid, headerRow: number | null): number {
  const last = sheet.firstRow + sheet.rows.length - 1;
  return Math.max(0, last - (headerRow ?? sheet.firstRow - 1));
}

function summarise(sheet: SheetGrid, candidates: readonly Candidate[], jobKind: SubmissionKind | 'auto'): SheetSummary {
  const best = [...candidates].sort(byScore)[0];
  return {
    name: sheet.name,
    rowCount: best ? rowsBelow(sheet, best.layout.headerRow) : 0,
    kind: best?.kind ?? null,
    matchedFields: best?.matched ?? 0,
    requiredMissing: best?.requiredMissing ?? [],
    matches: best !== undefined && best.requiredMissing.length === 0 && (jobKind === 'auto' || best.kind === jobKind),
  };
}

export function headerSignature(header: readonly CellValue[]): string {
  const cells = header.map((cell) => normaliseHeader(cellText(cell)));
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return hash('sha256', JSON.stringify(cells), 'hex').slice(0, 32);
}

/** The first row with anything in it among the first rows: the header row a person mapped by hand. */
function firstFilledRow(sheet: SheetGrid): number | null {
  for (let i = 0; i < Math.min(sheet.rows.length, MAX_HEADER_ROW); i++) if (!isBlankRow(sheet.rows[i] ?? [])) return sheet.firstRow + i;
  return null;
}

function chosenLayout(
  sheet: SheetGrid,
  kind: SubmissionKind,
  detected: SheetLayout | null,
  request: Pick<ReadRequest, 'mapping' | 'remembered'>,
): { layout: ChosenLayout; requiredMissing: string[] } | null {
  const headerRow = detected?.headerRow ?? (request.mapping ? firstFilledRow(sheet) : null);
  if (headerRow === null) return null;
  const header = rowAt(sheet, headerRow);
  const signature = headerSignature(header);
  const fields = submissionFields[kind];
  const mapping: Record<string, number | null> = Object.fromEntries(fields.map((f) => [f.key, detected?.mapping[f.key] ?? null]));
  let source: ChosenLayout['source'] = 'detected';
  const inSheet = (column: number) => Number.isInteger(column) && column >= 0 && column < sheet.columnCount;
  const remembered = request.remembered.find((r) => r.kind === kind && r.headerSignature === signature);
  if (request.mapping) {
    for (const [key, column] of Object.entries(request.mapping as Record<string, number | null>)) {
      if (key in mapping) mapping[key] = column !== null && inSheet(column) ? column : null;
    }
    source = 'given';
  } else if (remembered) {
    for (const field of fields) {
      const column = remembered.mapping[field.key];
      mapping[field.key] = column !== undefined && inSheet(column) ? column : null;
    }
    source = 'remembered';
  }
  const columns: { index: number; header: string }[] = [];
  for (let index = 0; index < sheet.columnCount; index++) {
    const text = cellText(header[index] ?? null).trim();
    if (text !== '') columns.push({ index, header: text });
  }
  const requiredMissing = fields.filter((f) => f.required && mapping[f.key] === null).map((f) => f.key);
  return { layout: { headerRow, mapping, columns, source, headerSignature: signature }, requiredMissing };
}

/** The header row of a candidate as a remembered mapping names it. */
const signatureOf = (c: Candidate) => headerSignature(rowAt(c.sheet, c.layout.headerRow));

/** The sheet a question leaves settled: the one sheet every offer is on (or, with no offer, the only sheet tried). */
function settledSheet(sheets: readonly SheetGrid[]): string | null {
  const names = new Set(sheets.map((sheet) => sheet.name));
  return names.size === 1 ? ([...names][0] ?? null) : null;
}

const asCandidate = (c: Candidate) => ({ sheet: c.sheet.name, kind: c.kind, requiredMissing: c.requiredMissing });

/**
 * Picks the sheet, the kind and the layout: the sheet (and, for `auto`, the kind) whose header
 * matches best. Several equally good, a required column missing or nothing recognisable become
 * questions for the wizard rather than a guess. For `auto`, a kind is only taken when all its
 * required columns were found (or this submitter's remembered mapping for this header supplies
 * them); otherwise the kinds that fit best are offered, each with the columns it lacks.
 */
export function chooseSheet(
  submission: Submission,
  sizeBytes: number,
  request: Pick<ReadRequest, 'kind' | 'sheet' | 'mapping' | 'remembered'>,
): SheetChoice {
  const kinds = request.kind === 'auto' ? submissionKindValues : [request.kind];
  const all = submission.sheets.map((sheet) => ({ sheet, candidates: candidatesOf(sheet, kinds, submission.fileName) }));
  const base = {
    file: { fileName: submission.fileName, format: submission.format, sizeBytes },
    sha256: submission.sha256,
    sheets: all.map(({ sheet, candidates }) => summarise(sheet, candidates, request.kind)),
  };
  const tried = request.sheet === null ? all : all.filter(({ sheet }) => sheet.name === request.sheet);
  const candidates = tried.flatMap((s) => s.candidates).sort(byScore);
  const ask = (questions: ImportQuestionValue[], offered: readonly Candidate[]): SheetChoice => ({
    ...base,
    sheet: settledSheet(offered.length > 0 ? offered.map((c) => c.sheet) : tried.map((s) => s.sheet)),
    kind: null,
    questions,
    candidates: offered.map(asCandidate),
    layout: null,
    requiredMissing: [],
    rowsTotal: 0,
  });
  let usable = candidates.filter((c) => c.requiredMissing.length === 0);
  if (usable.length === 0 && request.kind === 'auto' && !request.mapping) {
    usable = candidates.filter((c) => request.remembered.some((r) => r.kind === c.kind && r.headerSignature === signatureOf(c)));
    if (usable.length === 0) {
      // Whole column points only: the tie-break orders the kinds offered but does not thin them.
      const best = Math.floor(candidates[0]?.score ?? 0);
      return ask(['kind'], candidates.filter((c) => Math.floor(c.score) === best));
    }
  }
  const top = usable.filter((c) => c.score === usable[0]?.score);
  if (top.length > 1 && !request.mapping) {
    const questions: ImportQuestionValue[] = [];
    if (new Set(top.map((c) => c.kind)).size > 1) questions.push('kind');
    if (new Set(top.map((c) => c.sheet.name)).size > 1) questions.push('sheet');
    return ask(questions, top);
  }
  const pick = top[0] ?? candidates[0];
  const sheet = pick?.sheet ?? tried[0]?.sheet ?? null;
  const kind = pick?.kind ?? (request.kind === 'auto' ? null : request.kind);
  if (sheet === null || kind === null) {
    return { ...base, sheet: sheet?.name ?? null, kind, questions: ['kind'], candidates: [], layout: null, requiredMissing: [], rowsTotal: 0 };
  }
  const chosen = chosenLayout(sheet, kind, pick?.kind === kind ? pick.layout : null, request);
  if (!chosen) {
    return { ...base, sheet: sheet.name, kind, questions: ['mapping'], candidates: [], layout: null, requiredMissing: submissionFields[kind].filter((f) => f.required).map((f) => f.key), rowsTotal: 0 };
  }
  return {
    ...base,
    sheet: sheet.name,
    kind,
    questions: chosen.requiredMissing.length > 0 ? ['mapping'] : [],
    candidates: [],
    layout: chosen.layout,
    requiredMissing: chosen.requiredMissing,
    rowsTotal: rowsBelow(sheet, chosen.layout.headerRow),
  };
}

const collapse = (text: string) => text.trim().replace(/\s+/g, ' ');

/** A cell's content for the row hash: its kind and its value, text with case and spacing ignored. */
function contentOf(cell: CellValue): string | number | boolean | null {
  if (cell === null || typeof cell === 'number' || typeof cell === 'boolean') return cell;
  if (typeof cell === 'string') return collapse(cell).toLowerCase();
  return `date:${cell.isoDate}`;
}

/**
 * Reads the data rows of the chosen sheet: blank and totals rows are skipped (not counted), every
 * mapped cell kept as text and, by its column's type, parsed (dates, amounts, RW, wilayah).
 */
export function* readRows(submission: Submission, choice: SheetChoice, regions: ReadRequest['regions']): Generator<ReadRow> {
  const sheet = submission.sheets.find((s) => s.name === choice.sheet);
  if (!sheet || !choice.layout || choice.kind === null) return;
  const fields = submissionFields[choice.kind].filter((f) => choice.layout?.mapping[f.key] !== null && choice.layout?.mapping[f.key] !== undefined);
  const mapping = Object.fromEntries(fields.map((f) => [f.key, choice.layout?.mapping[f.key] as number]));
  const layout: SheetLayout = { headerRow: choice.layout.headerRow, mapping, unmapped: {} };
  const matcher = createRegionMatcher(regions);
  const start = choice.layout.headerRow - sheet.firstRow + 1;
  for (let i = Math.max(0, start); i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? [];
    if (isBlankRow(cells) || isTotalsRow(cells, layout)) continue;
    const texts: Record<string, string> = {};
    const values: Record<string, ParsedValue<unknown>> = {};
    let kotaCode: string | null = null;
    let kecamatanCode: string | null = null;
    for (const field of fields) {
      const cell = cells[mapping[field.key] as number] ?? null;
      const text = collapse(cellText(cell));
      texts[field.key] = text;
      if (text === '') continue;
      switch (field.type) {
        case 'date':
          values[field.key] = parseDate(cell);
          break;
        case 'quantity':
          values[field.key] = parseQuantity(cell);
          break;
        case 'rupiah':
          values[field.key] = parseRupiah(cell);
          break;
        case 'rw':
          values[field.key] = parseRw(cell);
          break;
        case 'kota': {
          const found = matcher.kota(cell);
          kotaCode = found.ok ? found.value : null;
          values[field.key] = found;
          break;
        }
        case 'kecamatan': {
          const found = matcher.kecamatan(cell, kotaCode);
          kecamatanCode = found.ok ? found.value : null;
          values[field.key] = found;
          break;
        }
        case 'kelurahan':
          values[field.key] = matcher.kelurahan(cell, { kotaCode, kecamatanCode });
          break;
        case 'text':
          break;
      }
    }
    // The row as the sheet holds it: a date cell and the same date typed as text are different content.
    const content = JSON.stringify(fields.map((f) => contentOf(cells[mapping[f.key] as number] ?? null)));
    yield { row: sheet.firstRow + i, texts, values, contentHash: hash('sha256', content, 'hex').slice(0, 32) };
  }
}
