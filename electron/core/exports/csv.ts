import { type CellValue, neutraliseFormulaText } from './cells';
import type { DataSheet } from './workbook';

/**
 * CSV for an Indonesian Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as
 * ANSI and breaks "Kebon Jeruk – RW 05"), `;` between fields (Excel splits on the list separator
 * of the reader's locale, which is `;` where the decimal separator is `,`, as in id-ID), CRLF line
 * ends, fields quoted when they hold `;`, `"`, a line break or edge spaces. Whole numbers are
 * written plainly (1234567); fractions with a decimal comma; dates ISO `2020-04-24`, which Excel
 * reads as a date in every locale. Text is neutralised like in the workbook. A CSV has no room
 * for a Manifest: for audits, export `.xlsx`.
 */

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;

function field(value: CellValue, type: DataSheet['columns'][number]['type']): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value).replace('.', ',');
  const text = type === 'date' ? value : neutraliseFormulaText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function writeCsv(sheet: DataSheet): Buffer {
  const lines = [sheet.columns.map((c) => field(c.header, 'text')).join(';')];
  for (const row of sheet.rows) lines.push(sheet.columns.map((c, i) => field(row[i] ?? null, c.type)).join(';'));
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}
