import { type SubmissionFieldKey, type SubmissionKind, submissionFieldKeys, submissionKindValues } from '../../api/procedures/imports';
import type { FieldSpec } from './submission';

/**
 * The columns of every kind of submission: the Indonesian header the template writes, the other
 * headers real workbooks use for the same column (issue 5), whether it is required, an example
 * and the `Petunjuk` text of the template. Headers are compared with case, spacing and
 * punctuation ignored (`normaliseHeader`).
 */

/** How a column's cells are read before the database is asked anything. */
export type FieldValueType = 'text' | 'date' | 'quantity' | 'rupiah' | 'kota' | 'kecamatan' | 'kelurahan' | 'rw';

/** The lists a template offers as drop-downs (data validation). */
export type FieldList = 'program' | 'itemType' | 'kota' | 'kecamatan' | 'targetKind' | 'entityKind' | 'role' | 'licenceKind' | 'agreementStatus';

export interface ImportFieldSpec extends FieldSpec {
  key: SubmissionFieldKey;
  type: FieldValueType;
  /** A value as a submitter would type it (Petunjuk and the template's own test). */
  example: string;
  /** What the column holds and how it is checked (Petunjuk). */
  help: string;
  list?: FieldList;
  /** Longest text kept; a longer cell is refused. */
  maxLength?: number;
}

type Spec = Omit<ImportFieldSpec, 'key' | 'synonyms' | 'required' | 'type'> & Partial<Pick<ImportFieldSpec, 'synonyms' | 'required' | 'type'>>;

/** The columns kinds share, described once. */
const common = {
  date: { header: 'Tanggal', synonyms: ['Tgl', 'Tanggal Penyaluran', 'Tanggal Realisasi', 'Tgl Penyaluran', 'Tgl Realisasi', 'Date'], required: true, type: 'date', example: '24/04/2020', help: 'Tanggal kegiatan: tanggal Excel, 24/04/2020 (hari/bulan/tahun), 2020-04-24 atau 24 April 2020. Tidak boleh sebelum 1 Januari 2020 atau sesudah hari ini.' },
  collaborator: { header: 'Nama Kolaborator', synonyms: ['Kolaborator', 'Donatur', 'Co-Creator', 'Cocreator', 'Nama Donatur', 'Mitra', 'Nama Mitra', 'Pemberi Bantuan'], required: true, example: 'PT Sinar Jaya Abadi', help: 'Nama mitra pemberi bantuan seperti di registri (PT, CV, Tbk, Yayasan dan tanda baca diabaikan). Nama yang belum terdaftar dibuat sebagai mitra belum terverifikasi.', maxLength: 200 },
  aggregator: { header: 'Agregator', synonyms: ['Lembaga Agregator', 'Melalui', 'Nama Agregator', 'Via'], example: 'BAZNAS (BAZIS) Provinsi DKI Jakarta', help: 'Kosongkan bila bantuan diserahkan langsung (end-to-end). Bila diisi, agregator harus terdaftar dan memiliki PKS yang berlaku pada tanggal itu (untuk uang juga izin yang berlaku).', maxLength: 200 },
  program: { header: 'Program', synonyms: ['Bidang', 'Program KSBB', 'Bidang KSBB'], example: 'Pangan', help: 'Salah satu program KSBB: Pangan, UMKM, Pendidikan, Persampahan, Permukiman, Ketenagakerjaan. Boleh kosong bila jenis bantuan hanya ada di satu program.', list: 'program', maxLength: 100 },
  itemType: { header: 'Jenis Bantuan', synonyms: ['Bantuan', 'Jenis Barang', 'Item', 'Barang', 'Nama Barang', 'Jenis'], required: true, example: 'Paket sembako', help: 'Jenis bantuan dari program itu, mis. Paket sembako (boleh ditulis "Sembako"), Gawai pelajar, Tanaman, Uang.', list: 'itemType', maxLength: 100 },
  quantity: { header: 'Jumlah', synonyms: ['Jml', 'Qty', 'Kuantitas', 'Volume', 'Banyaknya'], required: true, type: 'quantity', example: '1.250', help: 'Bilangan bulat positif dalam satuan jenis bantuan (untuk bantuan berupa uang: Rupiah, mis. Rp 1.000.000 atau 1 juta).' },
  unit: { header: 'Satuan', synonyms: ['Unit', 'Sat'], example: 'paket', help: 'Satuan jenis bantuan (paket, unit, orang, Rp); sebagai keterangan, tidak dihitung.', maxLength: 50 },
  valueRupiah: { header: 'Nilai (Rp)', synonyms: ['Nilai', 'Nilai Rupiah', 'Nilai Bantuan', 'Total Nilai', 'Nominal', 'Harga'], type: 'rupiah', example: 'Rp 312.500.000', help: 'Nilai bantuan dalam Rupiah (boleh kosong). Ditulis 1.234.567, Rp 1 juta, 1,5 jt atau Rp 1 miliar; singkatan yang meragukan (1M) ditolak.' },
  kota: { header: 'Kota/Kabupaten', synonyms: ['Kota', 'Kab/Kota', 'Kabupaten/Kota', 'Wilayah Kota', 'Kota Administrasi', 'Kab Kota', 'Kota Adm'], required: true, type: 'kota', example: 'Jakarta Selatan', help: 'Kota/Kabupaten Administrasi di DKI Jakarta: Jakarta Selatan, Jaksel, Kota Adm. Jakarta Selatan, …', list: 'kota' },
  kecamatan: { header: 'Kecamatan', synonyms: ['Kec', 'Kec.', 'Nama Kecamatan'], type: 'kecamatan', example: 'Tebet', help: 'Kecamatan di kota itu.', list: 'kecamatan' },
  kelurahan: { header: 'Kelurahan', synonyms: ['Kel', 'Kel.', 'Desa/Kelurahan', 'Nama Kelurahan', 'Desa'], type: 'kelurahan', example: 'Manggarai', help: 'Kelurahan di kecamatan itu (nama kelurahan bisa sama di kecamatan lain, maka kecamatan perlu diisi).' },
  rw: { header: 'RW', synonyms: ['Rukun Warga', 'No RW', 'Nomor RW', 'RW/RT'], type: 'rw', example: '005', help: 'Nomor RW: 5, 05, 005, RW 05 atau RW 005/RT 003 (RT diabaikan). Perlu kelurahan.' },
  targetKind: { header: 'Jenis Sasaran', synonyms: ['Sasaran', 'Kategori Sasaran', 'Jenis Penerima'], example: 'RW', help: 'RW, Pesantren, Panti asuhan, Panti disabilitas, Panti werdha, Panti sosial lainnya, Kampung, UMKM atau Sekolah.', list: 'targetKind', maxLength: 100 },
  targetName: { header: 'Nama Sasaran', synonyms: ['Penerima', 'Nama Penerima', 'Penerima Manfaat'], example: 'Panti Asuhan Kasih Ibu', help: 'Nama sasaran seperti di registri sasaran di wilayah itu; bila tidak ditemukan, RW (atau kelurahan) dicatat sebagai tempat penyaluran.', maxLength: 200 },
  notes: { header: 'Keterangan', synonyms: ['Catatan', 'Ket', 'Ket.', 'Keterangan Lain'], example: 'Penyaluran tahap 1', help: 'Catatan bebas (paling panjang 4.000 huruf).', maxLength: 4000 },
} as const satisfies Record<string, Spec>;

/** Pledges and distributions read the same columns; only the meaning of the date and the destination differ. */
const activityColumns = (dateHeader: string, dateSynonyms: readonly string[], dateHelp: string) => ({
  date: { ...common.date, header: dateHeader, synonyms: dateSynonyms, help: dateHelp },
  collaborator: common.collaborator,
  aggregator: common.aggregator,
  program: common.program,
  itemType: common.itemType,
  quantity: common.quantity,
  unit: common.unit,
  valueRupiah: common.valueRupiah,
  kota: common.kota,
  kecamatan: common.kecamatan,
  kelurahan: common.kelurahan,
  rw: common.rw,
  targetKind: common.targetKind,
  targetName: common.targetName,
  notes: common.notes,
});

const specs: { [K in SubmissionKind]: { [F in (typeof submissionFieldKeys)[K][number]]: Spec } } = {
  partners: {
    name: { header: 'Nama Mitra', synonyms: ['Nama', 'Nama Lembaga', 'Nama Kolaborator', 'Kolaborator', 'Mitra', 'Nama Perusahaan', 'Nama Donatur'], required: true, example: 'Yayasan Amal Sejahtera', help: 'Nama lengkap mitra. Mitra yang sudah terdaftar dengan nama yang sama (PT, Tbk, Yayasan dan tanda baca diabaikan) dilewati sebagai duplikat.', maxLength: 200 },
    entityKind: { header: 'Jenis Lembaga', synonyms: ['Jenis Mitra', 'Kategori', 'Jenis Kolaborator', 'Sektor'], required: true, example: 'Lembaga filantropi', help: 'Instansi pemerintah, Dunia usaha, BUMN/BUMD, Lembaga sosial/yayasan, Lembaga filantropi, Asosiasi, Komunitas, Kelompok masyarakat atau Perorangan.', list: 'entityKind', maxLength: 100 },
    role: { header: 'Peran', synonyms: ['Peran Mitra', 'Sebagai'], example: 'Kolaborator dan Agregator', help: 'Kolaborator, Agregator, atau Kolaborator dan Agregator (kosong = Kolaborator).', list: 'role', maxLength: 100 },
    legalEntityNumber: { header: 'Nomor SK Badan Hukum', synonyms: ['SK Badan Hukum', 'No SK AHU', 'Nomor AHU', 'Badan Hukum'], example: 'AHU-0012345.AH.01.04.Tahun 2015', help: 'Nomor SK badan hukum (AHU-…); wajib untuk agregator.', maxLength: 120 },
    npwp: { header: 'NPWP', synonyms: ['No NPWP', 'Nomor NPWP'], example: '01.234.567.8-901.000', help: '15 angka (titik dan tanda hubung boleh) atau 16 angka.', maxLength: 40 },
    contactName: { header: 'Narahubung', synonyms: ['Nama Narahubung', 'Kontak', 'PIC', 'Nama PIC', 'Contact Person'], example: 'Siti Rahmawati', help: 'Nama orang yang dapat dihubungi.', maxLength: 200 },
    phone: { header: 'Telepon', synonyms: ['No Telepon', 'No HP', 'Nomor HP', 'HP', 'Telp', 'No Telp', 'WA', 'WhatsApp'], example: '0812 3456 7890', help: 'Nomor Indonesia: +62, 62 atau 0, lalu 8–13 angka.', maxLength: 40 },
    email: { header: 'E-mail', synonyms: ['Email', 'Surel', 'Alamat Email'], example: 'sekretariat@amalsejahtera.or.id', help: 'Alamat e-mail.', maxLength: 254 },
    address: { header: 'Alamat', synonyms: ['Alamat Kantor', 'Alamat Lengkap'], example: 'Jl. Sudirman No. 10', help: 'Alamat mitra.', maxLength: 500 },
    kota: { ...common.kota, required: false, help: 'Kota/Kabupaten alamat mitra (boleh kosong).' },
    kecamatan: { ...common.kecamatan, help: 'Kecamatan alamat mitra (boleh kosong).' },
    kelurahan: { ...common.kelurahan, help: 'Kelurahan alamat mitra (boleh kosong; perlu kecamatan atau kota).' },
    programs: { header: 'Program', synonyms: ['Program KSBB', 'Bidang', 'Bidang KSBB'], example: 'Pangan, Pendidikan', help: 'Program yang diikuti, dipisah koma: Pangan, UMKM, Pendidikan, Persampahan, Permukiman, Ketenagakerjaan.', list: 'program', maxLength: 200 },
    licenceKind: { header: 'Jenis Izin', synonyms: ['Izin', 'Jenis Izin Pengumpulan'], example: 'PUB', help: 'Untuk agregator yang mengumpulkan uang: PUB (izin pengumpulan uang atau barang) atau LPDS.', list: 'licenceKind', maxLength: 100 },
    licenceNumber: { header: 'Nomor Izin', synonyms: ['No Izin', 'Nomor Izin PUB'], example: '123/-1.855.3', help: 'Nomor izin pengumpulan dana; bila diisi, jenis izin, penerbit dan tanggal berlaku juga diisi.', maxLength: 120 },
    licenceIssuer: { header: 'Penerbit Izin', synonyms: ['Instansi Penerbit Izin'], example: 'Dinas Sosial Provinsi DKI Jakarta', help: 'Instansi yang menerbitkan izin.', maxLength: 200 },
    licenceValidUntil: { header: 'Izin Berlaku Sampai', synonyms: ['Masa Berlaku Izin', 'Izin Berlaku s.d.'], type: 'date', example: '31/12/2023', help: 'Tanggal akhir berlakunya izin.' },
    notes: common.notes,
  },
  agreements: {
    number: { header: 'Nomor PKS', synonyms: ['No PKS', 'Nomor Perjanjian', 'Nomor', 'No Perjanjian'], required: true, example: '012/PKS/KSBB/-1.863/2020', help: 'Nomor Perjanjian Kerja Sama. PKS dengan nomor yang sama untuk mitra yang sama dilewati sebagai duplikat.', maxLength: 120 },
    partner: { header: 'Nama Mitra', synonyms: ['Mitra', 'Nama Kolaborator', 'Kolaborator', 'Agregator', 'Pihak Kedua', 'Nama Lembaga'], required: true, example: 'BAZNAS (BAZIS) Provinsi DKI Jakarta', help: 'Mitra yang menandatangani PKS; harus sudah terdaftar di registri.', maxLength: 200 },
    agency: { header: 'SKPD Pengampu', synonyms: ['SKPD', 'Perangkat Daerah', 'OPD', 'Dinas'], example: 'DKPKP', help: 'SKPD pendamping: singkatan (DKPKP, Disdik, …) atau nama lengkap.', maxLength: 200 },
    programs: { header: 'Program', synonyms: ['Program KSBB', 'Bidang', 'Bidang KSBB', 'Ruang Lingkup'], example: 'Pangan, Pendidikan', help: 'Program yang dicakup, dipisah koma.', list: 'program', maxLength: 200 },
    signedOn: { header: 'Tanggal Tanda Tangan', synonyms: ['Tanggal PKS', 'Tgl Tanda Tangan', 'Tanggal Penandatanganan', 'Ditandatangani'], type: 'date', example: '22/04/2020', help: 'Tanggal penandatanganan; kosong = draf.' },
    validFrom: { header: 'Berlaku Mulai', synonyms: ['Mulai Berlaku', 'Tanggal Mulai', 'Dari Tanggal'], type: 'date', example: '22/04/2020', help: 'Tanggal mulai berlaku.' },
    validUntil: { header: 'Berlaku Sampai', synonyms: ['Berakhir', 'Tanggal Berakhir', 'Sampai Tanggal', 'Masa Berlaku'], type: 'date', example: '21/04/2022', help: 'Tanggal akhir berlaku (kosong = tanpa batas waktu).' },
    status: { header: 'Status', synonyms: ['Status PKS'], example: 'Ditandatangani', help: 'Draf, Ditandatangani atau Diakhiri; kosong = ditandatangani bila ada tanggal tanda tangan, selain itu draf.', list: 'agreementStatus', maxLength: 100 },
    notes: common.notes,
  },
  needs: {
    kota: common.kota,
    kecamatan: { ...common.kecamatan, required: true },
    kelurahan: { ...common.kelurahan, required: true },
    rw: common.rw,
    targetKind: common.targetKind,
    targetName: { ...common.targetName, help: 'Nama sasaran seperti di registri sasaran di wilayah itu; kosong = sasaran RW pada RW yang disebut.' },
    program: common.program,
    itemType: common.itemType,
    quantity: { ...common.quantity, header: 'Jumlah Kebutuhan', synonyms: ['Jumlah', 'Kebutuhan', 'Jml', 'Qty', 'Kuantitas', 'Volume', 'Estimasi Kebutuhan'] },
    unit: common.unit,
    periodFrom: { header: 'Periode Mulai', synonyms: ['Dari', 'Mulai', 'Tanggal Mulai', 'Periode Dari'], required: true, type: 'date', example: '01/05/2020', help: 'Awal periode kebutuhan.' },
    periodTo: { header: 'Periode Sampai', synonyms: ['Sampai', 'Hingga', 'Tanggal Selesai', 'Periode Sampai Dengan'], required: true, type: 'date', example: '31/12/2020', help: 'Akhir periode kebutuhan (tidak sebelum awal periode).' },
    notes: common.notes,
  },
  pledges: {
    ...activityColumns(
      'Tanggal Komitmen',
      ['Tanggal', 'Tgl', 'Tgl Komitmen', 'Tanggal Janji'],
      'Tanggal komitmen: tanggal Excel, 24/04/2020 (hari/bulan/tahun), 2020-04-24 atau 24 April 2020. Tidak boleh sebelum 1 Januari 2020 atau sesudah hari ini.',
    ),
    // A pledge via an aggregator may leave the destination to the aggregator.
    kota: { ...common.kota, required: false, help: 'Kota/Kabupaten tujuan; boleh kosong bila komitmen disalurkan melalui agregator.' },
  },
  distributions: {
    ...activityColumns(
      common.date.header,
      common.date.synonyms,
      'Tanggal penyaluran: tanggal Excel, 24/04/2020 (hari/bulan/tahun), 2020-04-24 atau 24 April 2020. Tidak boleh sebelum 1 Januari 2020 atau sesudah hari ini.',
    ),
    replaces: {
      header: 'ID Baris Ditolak',
      synonyms: ['ID Realisasi Ditolak', 'Menggantikan'],
      example: '',
      help: 'Diisi oleh aplikasi pada berkas baris yang ditolak saat verifikasi: baris ini koreksi dari realisasi itu. Biarkan apa adanya; kosong untuk laporan baru.',
      maxLength: 36,
    },
  },
  'fund-transfers': {
    date: { ...common.date, header: 'Tanggal Transfer', synonyms: ['Tanggal', 'Tgl', 'Tgl Transfer', 'Tanggal Penyerahan'] },
    collaborator: { ...common.collaborator, header: 'Nama Donatur', synonyms: ['Donatur', 'Nama Kolaborator', 'Kolaborator', 'Co-Creator', 'Mitra', 'Pemberi Dana'] },
    aggregator: { ...common.aggregator, required: true, help: 'Agregator penerima dana: harus terdaftar dan memiliki PKS serta izin pengumpulan dana yang berlaku pada tanggal itu.' },
    program: { ...common.program, help: 'Program tujuan dana (boleh kosong).' },
    amountRupiah: { header: 'Jumlah (Rp)', synonyms: ['Jumlah', 'Nilai', 'Nilai (Rp)', 'Nominal', 'Jumlah Dana', 'Dana'], required: true, type: 'rupiah', example: 'Rp 1 miliar', help: 'Jumlah dana dalam Rupiah: 1.000.000.000, Rp 1 miliar, 1,5 jt; singkatan yang meragukan (1M) ditolak.' },
    reference: { header: 'Nomor Referensi', synonyms: ['Referensi', 'No Referensi', 'No Bukti', 'Nomor Bukti Transfer'], example: 'TRF/20200424/00001', help: 'Nomor bukti transfer (boleh kosong).', maxLength: 200 },
    notes: common.notes,
  },
};

function build(kind: SubmissionKind): readonly ImportFieldSpec[] {
  const table = specs[kind] as Record<string, Spec>;
  return submissionFieldKeys[kind].map((key) => {
    const spec = table[key] as Spec;
    return { ...spec, key, synonyms: spec.synonyms ?? [], required: spec.required ?? false, type: spec.type ?? 'text' };
  });
}

/** Every kind's columns, in template order. */
export const submissionFields: { readonly [K in SubmissionKind]: readonly ImportFieldSpec[] } = Object.fromEntries(
  submissionKindValues.map((kind) => [kind, build(kind)]),
) as { [K in SubmissionKind]: readonly ImportFieldSpec[] };

const fieldsByKey = new Map(submissionKindValues.map((kind) => [kind, new Map(submissionFields[kind].map((f): [string, ImportFieldSpec] => [f.key, f]))]));

/** One column of one kind by key. */
export function fieldOf(kind: SubmissionKind, key: string): ImportFieldSpec | undefined {
  return fieldsByKey.get(kind)?.get(key);
}

/** The template's file name for a kind. */
export function templateFileName(kind: SubmissionKind): string {
  return `templat-ksbb-${kind}.xlsx`;
}
