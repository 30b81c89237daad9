import ExcelJS from 'exceljs';
import { AppError } from '../../api/errors';
import { neutraliseFormulaText } from '../exports/cells';
import type { RejectedRequest } from './protocol';
import type { CellValue, Submission } from './submission';

/**
 * The rejected rows of a submission, written back in the file's own layout (its header row, then
 * each rejected row with the cells as they were) with one more column, `Alasan Penolakan`, that
 * lists every reason. The submitter fixes these rows and sends them again. Title rows above the
 * header are left out. Text from the file may be hostile: it passes the formula neutraliser.
 */

const DATE_FORMAT = 'dd/mm/yyyy';

function writeCell(cell: ExcelJS.Cell, value: CellValue): void {
  if (value === null) return;
  if (typeof value === 'object') {
    cell.value = new Date(`${value.isoDate}T00:00:00Z`);
    cell.numFmt = DATE_FORMAT;
  } else if (typeof value === 'string') {
    cell.value = neutraliseFormulaText(value);
  } else {
    cell.value = value;
  }
}

export async function writeRejectedWorkbook(submission: Submission, request: Pick<RejectedRequest, 'sheet' | 'headerRow' | 'rows' | 'reasonHeader'>): Promise<Uint8Array> {
  const sheet = submission.sheets.find((s) => s.name === request.sheet);
  if (!sheet) throw new AppError('not_found', { what: 'imports.what.sheet', id: request.sheet });
  const workbook = new ExcelJS.Workbook();
  const out = workbook.addWorksheet(safeSheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.rows[request.headerRow - sheet.firstRow] ?? [];
  const reasonColumn = sheet.columnCount + 1;
  const headerRow = out.getRow(1);
  for (let c = 0; c < sheet.columnCount; c++) writeCell(headerRow.getCell(c + 1), header[c] ?? null);
  headerRow.getCell(reasonColumn).value = request.reasonHeader;
  headerRow.font = { bold: true };
  let r = 2;
  for (const line of request.rows) {
    const cells = sheet.rows[line.row - sheet.firstRow] ?? [];
    const row = out.getRow(r++);
    for (let c = 0; c < sheet.columnCount; c++) writeCell(row.getCell(c + 1), cells[c] ?? null);
    row.getCell(reasonColumn).value = neutraliseFormulaText(line.reasons);
  }
  for (let c = 1; c <= sheet.columnCount; c++) out.getColumn(c).width = 18;
  out.getColumn(reasonColumn).width = 80;
  out.getColumn(reasonColumn).alignment = { wrapText: true, vertical: 'top' };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

/** A sheet name Excel accepts: at most 31 characters, none of `\ / ? * [ ] :`. */
function safeSheetName(name: string): string {
  const cleaned = name.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31);
  return cleaned === '' ? 'Ditolak' : cleaned;
}
