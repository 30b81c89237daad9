import type { Widen } from './widen';

/**
 * Bahasa Indonesia: the default language. `en.ts` must have the same keys (the type checks it).
 * A domain with many messages keeps them in `i18n/<domain>.ts` as `{ id, en }` and is added to
 * both files under its own key.
 */
export const id = {
  app: {
    name: 'KSBB Desk',
    tagline: 'Sekretariat Kolaborasi Sosial Berskala Besar DKI Jakarta',
    version: 'Versi {{version}} · skema {{schema}}',
    database: 'Database: {{path}}',
  },
  nav: {
    dashboard: 'Beranda',
    regions: 'Wilayah',
    language: 'Bahasa',
  },
  common: {
    loading: 'Memuat…',
    refresh: 'Muat ulang',
    retry: 'Coba lagi',
    errorTitle: 'Terjadi kesalahan',
    empty: 'Belum ada data',
  },
  dashboard: {
    title: 'Beranda',
    subtitle: 'Ringkasan isi database ini',
    registry: 'Registri',
    activity: 'Kegiatan',
    money: 'Nilai (Rupiah)',
    partners: 'Mitra',
    collaborators: 'Kolaborator',
    aggregators: 'Agregator',
    agreements: 'PKS',
    targets: 'Sasaran',
    needs: 'Estimasi kebutuhan',
    pledges: 'Komitmen',
    distributions: 'Realisasi',
    distributionsRejected: 'Realisasi ditolak',
    fundTransfers: 'Transfer dana via agregator',
    pledgedRupiah: 'Nilai komitmen',
    distributedRupiah: 'Nilai realisasi',
    transferredRupiah: 'Dana via agregator',
    regionsReached: 'Wilayah terjangkau',
    kotaReached: 'Kota/Kabupaten',
    kelurahanReached: 'Kelurahan',
    rwReached: 'RW',
    period: 'Periode realisasi: {{from}} – {{to}}',
    countedNote: 'Realisasi = semua laporan realisasi. Nilai realisasi, wilayah terjangkau dan tabel Wilayah tidak menghitung realisasi yang ditolak pada verifikasi. Nilai dalam Rupiah sesuai laporan mitra.',
    noActivity: 'Belum ada realisasi. Impor data atau jalankan `ksbb demo` untuk data contoh.',
  },
  regions: {
    title: 'Wilayah',
    subtitle: 'Kota/Kabupaten → Kecamatan → Kelurahan → RW (kode Kemendagri)',
    code: 'Kode',
    name: 'Nama',
    children: 'Sub-wilayah',
    targets: 'Sasaran',
    distributions: 'Realisasi',
    distributedRupiah: 'Nilai realisasi',
    root: 'DKI Jakarta',
  },
  level: {
    provinsi: 'Provinsi',
    kota: 'Kota/Kabupaten',
    kecamatan: 'Kecamatan',
    kelurahan: 'Kelurahan',
    rw: 'RW',
  },
  language: {
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  errors: {
    invalid_input: 'Masukan tidak valid: {{issues}}',
    unknown_procedure: 'Perintah tidak dikenal: {{name}}',
    not_sqlite: 'Berkas {{path}} bukan database KSBB (bukan berkas SQLite). Berkas tidak diubah.',
    not_ksbb_database: 'Berkas {{path}} adalah database SQLite lain, bukan database KSBB. Berkas tidak diubah.',
    newer_schema:
      'Database {{path}} dibuat oleh versi KSBB Desk yang lebih baru (skema {{found}}, versi ini mengenal sampai {{known}}). Perbarui aplikasi; berkas tidak diubah.',
    database_unreadable: 'Database {{path}} tidak dapat dibuka: {{reason}}',
    database_not_empty:
      'Database {{path}} sudah berisi data ({{partners}} mitra, {{targets}} sasaran, {{distributions}} realisasi). Data demo hanya dibuat di database kosong; tidak ada yang diubah.',
    forbidden: 'Akses ditolak: buka alamat lengkap (dengan token) yang dicetak oleh `ksbb serve`.',
    not_found: '{{what}} tidak ditemukan: {{id}}',
    internal: 'Kesalahan internal: {{reason}}',
  },
  cli: {
    usage: `Pemakaian: ksbb [opsi global] <perintah> [opsi]

Perintah:
  init                 buat atau perbarui database dan muat data rujukan (aman diulang)
  demo                 isi database kosong dengan data contoh yang dapat diulang
      --seed N           benih acak (bawaan 1)
      --partners N       jumlah mitra (bawaan 200)
      --pledges N        jumlah komitmen (bawaan 2000)
      --distributions N  jumlah realisasi (bawaan 5000)
  serve                jalankan aplikasi di peramban (hanya 127.0.0.1)
      --port N           porta (bawaan: acak)

Opsi global:
  --db PATH            berkas database (atau env KSBB_DB; bawaan: database aplikasi desktop)
  --json               keluaran mesin di stdout, pesan di stderr
  --lang id|en         bahasa pesan
  --version            tampilkan versi
  --help               tampilkan bantuan ini

Kode keluar: 0 berhasil; 1 selesai tetapi ada masalah; 2 pemakaian salah atau masukan tidak dapat dipakai.`,
    unknownCommand: 'Perintah tidak dikenal: {{name}}. Lihat `ksbb --help`.',
    missingCommand: 'Perintah belum disebut. Lihat `ksbb --help`.',
    badOption: '{{reason}}. Lihat `ksbb --help`.',
    unknownOption: 'Opsi {{option}} tidak dikenal untuk `{{command}}`. Lihat `ksbb --help`.',
    missingValue: 'Nilai opsi tidak lengkap: {{reason}}. Lihat `ksbb --help`.',
    missingArgument: 'Argumen untuk `{{command}}` kurang. Lihat `ksbb --help`.',
    unexpectedArgument: 'Argumen tidak diharapkan: {{value}}. Lihat `ksbb --help`.',
    rendererMissing: 'Antarmuka belum dibangun ({{path}} tidak ada). Jalankan `npm run build` terlebih dahulu.',
    badNumber: 'Opsi --{{option}} harus bilangan bulat {{min}}–{{max}}, bukan "{{value}}".',
    badNow: 'KSBB_NOW harus tanggal/waktu ISO (mis. 2021-10-01T00:00:00Z), bukan "{{value}}".',
    badLang: 'Opsi --lang harus "id" atau "en", bukan "{{value}}".',
    initDone:
      'Database siap: {{path}} (skema {{schemaVersion}}). {{regions}} wilayah, {{programs}} program, {{itemTypes}} jenis bantuan, {{agencies}} SKPD; {{changed}} baris rujukan baru atau diperbarui.',
    demoProgress: 'Membuat data demo: {{done}} dari {{total}} realisasi',
    demoDone:
      'Data demo dibuat (benih {{seed}}): {{partners}} mitra ({{aggregators}} agregator), {{agreements}} PKS, {{targets}} sasaran, {{needs}} kebutuhan, {{pledges}} komitmen, {{distributions}} realisasi, {{fundTransfers}} transfer dana.',
    serving: 'KSBB Desk berjalan di {{url}}\nBuka alamat ini di peramban (token sudah termasuk). Tekan Ctrl+C untuk berhenti.',
    stopped: 'Server dihentikan.',
  },
} as const;

export type Messages = Widen<typeof id>;
