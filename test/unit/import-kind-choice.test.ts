import { describe, expect, it } from 'vitest';
import { importQuestionKey } from '../../electron/api/procedures/imports';
import { headerSignature, chooseSheet } from '../../electron/core/imports/read-rows';
import type { RememberedMapping } from '../../electron/core/imports/protocol';
import type { CellValue, Submission } from '../../electron/core/imports/submission';

/**
 * How `--kind auto` chooses the kind of a submission (issue 5): only a kind whose required columns
 * were all found is taken; pledge and distribution forms (the same columns) are told apart by the
 * sheet's name, then the title rows, then the file's name; otherwise the wizard asks.
 */

/** The realisasi/komitmen columns, with a date header both kinds know only as a synonym. */
const SHARED = ['Tgl', 'Nama Kolaborator', 'Agregator', 'Program', 'Jenis Bantuan', 'Jumlah', 'Satuan', 'Kota/Kabupaten', 'Kecamatan', 'Kelurahan', 'RW'];
const DATA: CellValue[] = ['24/04/2020', 'PT Sinar Jaya', null, 'Pangan', 'Paket sembako', 100, 'paket', 'Jakarta Selatan', 'Tebet', 'Manggarai', '005'];

function submission(options: { header?: readonly string[]; sheetName?: string; titleRows?: readonly string[]; fileName?: string }): Submission {
  const titles: CellValue[][] = (options.titleRows ?? []).map((title) => [title]);
  const rows: CellValue[][] = [...titles, [...(options.header ?? SHARED)], DATA];
  return {
    fileName: options.fileName ?? 'kiriman.xlsx',
    sha256: '0'.repeat(64),
    format: 'xlsx',
    sheets: [{ name: options.sheetName ?? 'Sheet1', rows, firstRow: 1, columnCount: rows.reduce((n, r) => Math.max(n, r.length), 0) }],
  };
}

const choose = (s: Submission, remembered: RememberedMapping[] = []) => chooseSheet(s, 1000, { kind: 'auto', sheet: null, mapping: null, remembered });

describe('the kind of an auto import', () => {
  it('asks which kind when nothing tells a pledge form from a distribution form, offering both as fitting', () => {
    const choice = choose(submission({}));
    expect(choice).toMatchObject({ kind: null, sheet: 'Sheet1', questions: ['kind'], layout: null });
    expect(choice.candidates).toEqual([
      { sheet: 'Sheet1', kind: 'pledges', requiredMissing: [] },
      { sheet: 'Sheet1', kind: 'distributions', requiredMissing: [] },
    ]);
    expect(importQuestionKey('kind', choice.candidates)).toBe('imports.question.kind');
  });

  it.each([
    ['the sheet name', { sheetName: 'Komitmen Mei' }, 'pledges'],
    ['the sheet name', { sheetName: 'Penyaluran' }, 'distributions'],
    ['a title row', { titleRows: ['FORM KOMITMEN DONATUR KSBB'] }, 'pledges'],
    ['a title row', { titleRows: ['Laporan Realisasi Bantuan', ''] }, 'distributions'],
    ['the file name', { fileName: 'janji_bantuan_mei.xlsx' }, 'pledges'],
    ['the file name', { fileName: 'Distribusi April 2020.xlsx' }, 'distributions'],
    ['the file name', { fileName: 'pledges-2020.csv' }, 'pledges'],
    ['the sheet name before the file name', { sheetName: 'Realisasi', fileName: 'komitmen.xlsx' }, 'distributions'],
    ['a title row before the file name', { titleRows: ['Rekap Komitmen'], fileName: 'realisasi.xlsx' }, 'pledges'],
    ['the sheet name before a title row', { sheetName: 'Komitmen', titleRows: ['Laporan Realisasi'] }, 'pledges'],
  ] as const)('tells them apart by %s (%j → %s)', (_, options, kind) => {
    const choice = choose(submission(options));
    expect(choice).toMatchObject({ kind, questions: [], candidates: [] });
    expect(choice.layout?.mapping).toMatchObject({ date: 0, quantity: 5 });
  });

  it('never lets the tie-break outweigh a column: a header only distributions know stays a distribution in a sheet named Komitmen', () => {
    const header = ['Tanggal Penyaluran', ...SHARED.slice(1)];
    expect(choose(submission({ header, sheetName: 'Komitmen' }))).toMatchObject({ kind: 'distributions', questions: [] });
  });

  it('asks, instead of taking the first kind in order, when no kind has all its required columns', () => {
    // A distribution sheet whose date column has a header no kind knows.
    const header = ['Waktu Serah Terima', ...SHARED.slice(1)];
    const choice = choose(submission({ header }));
    expect(choice).toMatchObject({ kind: null, questions: ['kind'], layout: null, rowsTotal: 0 });
    expect(choice.candidates).toEqual([
      { sheet: 'Sheet1', kind: 'pledges', requiredMissing: ['date'] },
      { sheet: 'Sheet1', kind: 'distributions', requiredMissing: ['date'] },
    ]);
    expect(importQuestionKey('kind', choice.candidates)).toBe('imports.question.kindNone');
    // The file's words still order the offer.
    expect(choose(submission({ header, fileName: 'realisasi mei.xlsx' })).candidates.map((c) => c.kind)).toEqual(['distributions', 'pledges']);
  });

  it('takes the kind of the mapping this submitter made for this very header', () => {
    const header = ['Waktu Serah Terima', ...SHARED.slice(1)];
    const s = submission({ header });
    const remembered: RememberedMapping = { kind: 'distributions', headerSignature: headerSignature(header), mapping: { date: 0, collaborator: 1, itemType: 4, quantity: 5, kota: 7 } };
    expect(choose(s, [remembered])).toMatchObject({ kind: 'distributions', questions: [], layout: { source: 'remembered', mapping: expect.objectContaining({ date: 0 }) } });
    expect(choose(s, [{ ...remembered, headerSignature: headerSignature(SHARED) }])).toMatchObject({ kind: null, questions: ['kind'] });
  });

  it('asks with no candidates, and the message for no kind, when no header is recognised at all', () => {
    const choice = choose(submission({ header: ['Apa', 'Ini', 'Entah'] }));
    expect(choice).toMatchObject({ kind: null, sheet: 'Sheet1', questions: ['kind'], candidates: [] });
    expect(importQuestionKey('kind', choice.candidates)).toBe('imports.question.kindNone');
  });

  it('with a kind given, asks for the missing column instead', () => {
    const header = ['Waktu Serah Terima', ...SHARED.slice(1)];
    const choice = chooseSheet(submission({ header }), 1000, { kind: 'distributions', sheet: null, mapping: null, remembered: [] });
    expect(choice).toMatchObject({ kind: 'distributions', questions: ['mapping'], requiredMissing: ['date'] });
  });
});
