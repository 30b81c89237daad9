import ExcelJS from 'exceljs';
import type { SubmissionKind } from '../../api/procedures/imports';
import type { CoreDeps } from '../context';
import { numberFormats } from '../exports/cells';
import { agreementStatusChoices, choiceLabels, entityKindChoices, licenceKindChoices, roleChoices, targetKindChoices } from './choices';
import { type FieldList, type ImportFieldSpec, submissionFields, templateFileName } from './kinds';

/**
 * The workbook the secretariat hands out for each kind of submission: sheet 1 has the Indonesian
 * header row (bold, frozen, sized), number and date formats and drop-down lists (program, item
 * type, kota, kecamatan, …) drawn from a hidden `Daftar` sheet; `Petunjuk` explains every column
 * with an example. Filled in as it asks, it imports without a rejected row.
 */

export const sheetNames: Record<SubmissionKind, string> = {
  partners: 'Mitra',
  agreements: 'PKS',
  needs: 'Kebutuhan',
  pledges: 'Komitmen',
  distributions: 'Realisasi',
  'fund-transfers': 'Dana via Agregator',
};

/** Rows of the data sheet that carry the formats and drop-downs. */
export const TEMPLATE_ROWS = 2000;

function listValues(deps: Pick<CoreDeps, 'db'>): Record<FieldList, string[]> {
  const client = deps.db.$client;
  const names = (query: string) => client.prepare<[], string>(query).pluck().all();
  return {
    program: names('SELECT name FROM program ORDER BY sort_order'),
    itemType: names('SELECT DISTINCT i.name FROM item_type i JOIN program p ON p.id = i.program_id WHERE i.archived_at IS NULL ORDER BY p.sort_order, i.name'),
    kota: names("SELECT name FROM region WHERE level = 'kota' ORDER BY code"),
    kecamatan: names("SELECT DISTINCT name FROM region WHERE level = 'kecamatan' ORDER BY name"),
    targetKind: choiceLabels(targetKindChoices),
    entityKind: choiceLabels(entityKindChoices),
    role: choiceLabels(roleChoices),
    licenceKind: choiceLabels(licenceKindChoices),
    agreementStatus: choiceLabels(agreementStatusChoices),
  };
}

const formatOf = (field: ImportFieldSpec): string | undefined => {
  if (field.type === 'date') return numberFormats.date;
  if (field.type === 'quantity' || field.type === 'rupiah') return numberFormats.integer;
  return undefined;
};

/**
 * ExcelJS keeps range-wide validations in `worksheet.dataValidations` (written as one `sqref`), which
 * its type declarations leave out; per-cell validations would write one entry per row.
 */
function validations(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

/** Columns that take several values in one cell get no drop-down (a list allows only one). */
const multiValued = new Set(['programs']);

export async function buildTemplate(deps: Pick<CoreDeps, 'db'>, kind: SubmissionKind): Promise<{ fileName: string; bytes: Uint8Array }> {
  const fields = submissionFields[kind];
  const lists = listValues(deps);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KSBB Desk';
  const sheet = workbook.addWorksheet(sheetNames[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = workbook.addWorksheet('Petunjuk');
  const daftar = workbook.addWorksheet('Daftar', { state: 'hidden' });

  // The hidden lists, one column each, referenced by range from the drop-downs.
  const usedLists = [...new Set(fields.filter((f) => f.list && !multiValued.has(f.key)).map((f) => f.list as FieldList))];
  const listRange = new Map<FieldList, string>();
  usedLists.forEach((list, i) => {
    const letter = daftar.getColumn(i + 1).letter;
    daftar.getCell(`${letter}1`).value = list;
    lists[list].forEach((value, r) => (daftar.getCell(`${letter}${r + 2}`).value = value));
    listRange.set(list, `Daftar!$${letter}$2:$${letter}$${Math.max(2, lists[list].length + 1)}`);
  });

  fields.forEach((field, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(14, Math.min(40, field.header.length + 4));
    const format = formatOf(field);
    // A column style: Excel gives every cell typed into the column this format.
    if (format) column.numFmt = format;
    const cell = sheet.getCell(1, i + 1);
    cell.value = field.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: field.required ? 'FFFDE9D9' : 'FFEFEFEF' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    const letter = column.letter;
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    const listAt = field.list && !multiValued.has(field.key) ? listRange.get(field.list) : undefined;
    if (listAt) {
      validations(sheet).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [listAt],
        showErrorMessage: true,
        // A warning, not a stop: `Jaksel` or `Sembako` are still understood when typed.
        errorStyle: 'warning',
        errorTitle: field.header,
        error: field.help,
      });
    }
  });

  guide.columns = [
    { header: 'Kolom', key: 'header', width: 24 },
    { header: 'Wajib', key: 'required', width: 8 },
    { header: 'Penjelasan', key: 'help', width: 90 },
    { header: 'Contoh', key: 'example', width: 32 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const field of fields) guide.addRow({ header: field.header, required: field.required ? 'Ya' : 'Tidak', help: field.help, example: field.example });
  guide.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  guide.addRow({});
  guide.addRow({ header: 'Catatan', help: `Isi data mulai baris 2 lembar "${sheetNames[kind]}". Baris kosong dan baris TOTAL/Jumlah di bawah diabaikan. Satu baris = satu catatan.` });

  const buffer = await workbook.xlsx.writeBuffer();
  return { fileName: templateFileName(kind), bytes: new Uint8Array(buffer) };
}
