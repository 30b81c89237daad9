import { agreementsMessages } from './agreements';
import { backupMessages } from './backup';
import { syncMessages } from './sync';
import { hubMessages } from './hub';
import { authMessages } from './auth';
import { importValuesMessages } from './import-values';
import { importWizardMessages } from './import-wizard';
import { importsMessages } from './imports';
import { mapMessages } from './map';
import { mapScreenMessages } from './map-screen';
import { partnersMessages } from './partners';
import { recapScreensMessages } from './recap-screens';
import { recapsMessages } from './recaps';
import { reportsMessages } from './reports';
import { verificationMessages } from './verification';
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
    partners: 'Mitra',
    agreements: 'PKS',
    targets: 'Sasaran',
    agencies: 'SKPD',
    dashboard: 'Beranda',
    regions: 'Wilayah',
    imports: 'Impor',
    recaps: 'Rekap',
    map: 'Peta sasaran',
    verify: 'Verifikasi berkas',
    distributionsVerify: 'Verifikasi realisasi',
    openTargets: 'Sasaran terbuka',
    reports: 'Laporan Festival',
    language: 'Bahasa',
  },
  common: {
    loading: 'Memuat…',
    refresh: 'Muat ulang',
    rowsFound: '{{formatted}} baris',
    noRows: 'Tidak ada baris yang cocok',
    search: 'Cari',
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
  agreements: agreementsMessages.id,
  importValues: importValuesMessages.id,
  partners: partnersMessages.id,
  imports: importsMessages.id,
  importWizard: importWizardMessages.id,
  recaps: recapsMessages.id,
  recapScreens: recapScreensMessages.id,
  map: mapMessages.id,
  mapScreen: mapScreenMessages.id,
  reports: reportsMessages.id,
  backup: backupMessages.id,
  sync: syncMessages.id,
  hub: hubMessages.id,
  auth: authMessages.id,
  verification: verificationMessages.id,
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
    not_found: '{{what,messageList}} tidak ditemukan: {{id}}',
    field_required: '{{recordKind,messageList}} "{{record}}": {{fieldLabel,messageList}} wajib diisi ({{expected,messageList}}).',
    field_required_new: '{{recordKind,messageList}}: {{fieldLabel,messageList}} wajib diisi ({{expected,messageList}}).',
    field_invalid: '{{recordKind,messageList}} "{{record}}": {{fieldLabel,messageList}} tidak valid ("{{value}}"); yang diharapkan: {{expected,messageList}}.',
    field_invalid_new: '{{recordKind,messageList}}: {{fieldLabel,messageList}} tidak valid ("{{value}}"); yang diharapkan: {{expected,messageList}}.',
    already_exists: '{{what,messageList}} dengan kode {{id}} sudah ada.',
    partner_merged: 'Mitra "{{name}}" sudah digabung ke mitra lain ({{into}}); ubah mitra itu, atau batalkan penggabungannya dulu.',
    merge_refused: 'Mitra "{{merge}}" tidak dapat digabung ke "{{keep}}": {{reason,messageList}}.',
    unmerge_refused: 'Penggabungan mitra "{{name}}" tidak dapat dibatalkan: {{reason,messageList}}.',
    internal: 'Kesalahan internal: {{reason}}',
    aggregator_not_authorised: 'Transaksi via agregator {{aggregator}} pada {{date,isoDate}} ditolak: {{missing,messageList}}.',
    partner_inactive: 'Mitra {{name}} diarsipkan atau sudah digabung ke mitra lain; catat transaksinya pada mitra yang aktif.',
    partner_not_collaborator: 'Mitra {{name}} tidak terdaftar sebagai kolaborator.',
    item_type_archived: 'Jenis bantuan {{name}} sudah diarsipkan.',
    date_out_of_range: 'Tanggal {{date}} di luar rentang yang diterima ({{from,isoDate}} sampai hari ini, {{to,isoDate}}).',
    distribution_place_required: 'Realisasi harus menyebut sasaran atau wilayah.',
    pledge_destination_required: 'Komitmen harus menyebut sasaran, wilayah atau agregator.',
    target_region_mismatch: 'Sasaran {{target}} berada di wilayah {{targetRegion}}, bukan di {{region}}.',
    rupiah_value_mismatch: 'Untuk bantuan dalam Rupiah, nilai ({{value}}) harus sama dengan jumlah ({{quantity}}).',
    agreement_number_taken: 'Mitra {{partner}} sudah memiliki PKS bernomor {{number}}.',
    agreement_dates_invalid: 'Tanggal berlaku mulai ({{validFrom,isoDate}}) sesudah tanggal berlaku sampai ({{validUntil,isoDate}}).',
    agreement_signed_on_required: 'PKS {{number}} berstatus ditandatangani, tetapi tanggal tanda tangannya kosong.',
    agreement_parent_other_partner: 'PKS induk {{parent}} milik mitra lain; addendum harus dari mitra yang sama.',
    agreement_parent_cycle: 'PKS {{number}} tidak dapat menjadi addendum dari dirinya sendiri atau dari addendumnya.',
    document_type_not_allowed: 'Berkas {{fileName}} tidak diterima: hanya PDF, JPG/JPEG atau PNG.',
    document_content_mismatch: 'Isi berkas {{fileName}} bukan {{expected}} seperti kata ekstensinya; berkas tidak disimpan.',
    document_too_large: 'Berkas {{fileName}} terlalu besar ({{size}} byte; paling besar {{max}} byte); berkas tidak disimpan.',
    document_missing: 'Berkas dokumen {{fileName}} (SHA-256 {{sha256}}) tidak ada di penyimpanan dokumen.',
    document_corrupt: 'Isi berkas dokumen {{fileName}} tidak lagi cocok dengan SHA-256 {{sha256}}; berkas itu telah berubah.',
    import_file_unusable: 'Berkas {{file}} tidak dapat diimpor: {{reason,messageList}}. Tidak ada yang disimpan.',
    import_not_ready: 'Impor ini belum siap atau sudah selesai (tahap: {{phase}}).',
    import_already_imported: 'Berkas ini sudah diimpor sebagai batch {{batchId}} ({{importedAt}}); tidak ada yang diimpor lagi. Batalkan (rollback) batch itu dulu bila ingin mengimpor ulang.',
    import_cancelled: 'Impor dibatalkan; tidak ada yang ditulis.',
    import_rollback_refused: 'Batch {{batchId}} tidak dapat dibatalkan: {{reason,messageList}}',
    import_needs_choice: 'Berkas {{file}} perlu dipilih dulu: {{question,messageList}}. {{detail}}',
    recap_level_invalid: 'Tingkat wilayah {{level}} tidak berada di bawah wilayah {{parent}} ({{parentLevel}}).',
    export_too_large: 'Ekspor {{kind}} berisi {{rows}} baris; satu lembar spreadsheet memuat paling banyak {{max}} baris. Persempit filternya.',
    map_geometry_invalid: 'Berkas batas wilayah {{file}} tidak valid di {{where}}: {{reason}}.',
    report_program_unknown: 'Program "{{value}}" tidak ada; program yang ada: {{allowed}}.',
    report_printer_missing: 'PDF tidak dapat dicetak: Chromium tidak ditemukan di {{path}}. Pasang paket chromium atau tunjuk lokasinya dengan variabel lingkungan CHROMIUM_PATH.',
    map_region_without_geometry: 'Wilayah {{code}} ({{name}}) tidak punya batas di peta (resources/geo/kelurahan-dki.geojson); peta tidak dapat digambar.',
    backup_not_archive: 'Berkas {{file}} bukan cadangan KSBB Desk (tidak ada manifest cadangan). Tidak ada yang diubah.',
    backup_truncated: 'Berkas cadangan {{file}} terpotong (tidak lengkap, mungkin salinannya terputus). Tidak ada yang diubah; pakai salinan yang utuh.',
    backup_damaged: 'Berkas cadangan {{file}} rusak (di {{entry}}). Tidak ada yang diubah; pakai salinan yang utuh.',
    backup_checksum_mismatch: 'Isi {{entry}} di cadangan {{file}} tidak cocok dengan SHA-256 di manifest-nya: cadangan telah berubah atau rusak. Tidak ada yang diubah.',
    backup_newer_version:
      'Cadangan {{file}} dibuat oleh KSBB Desk versi {{appVersion}} (skema {{schemaVersion}}), lebih baru dari versi ini ({{currentVersion}}, skema sampai {{knownSchema}}). Perbarui aplikasi dulu; tidak ada yang diubah.',
    backup_integrity_failed: 'Database di cadangan {{file}} tidak lolos pemeriksaan integritas SQLite ({{detail}}). Tidak ada yang diubah.',
    backup_target_unwritable: 'Tidak dapat menulis ke {{path}} ({{reason}}). Pilih folder yang dapat ditulisi; tidak ada yang diubah.',
    database_in_use: 'Database {{path}} sedang dipakai (aplikasi KSBB Desk atau `ksbb serve` masih berjalan). Tutup dulu, lalu ulangi; tidak ada yang diubah.',
    role_required: 'Akses ditolak: {{action}} memerlukan peran {{roles,messageList}}; Anda masuk sebagai {{role,messageList}}.',
    program_out_of_scope: 'Akses ditolak: program {{program}} bukan program SKPD Anda ({{agency}}); hanya peran Sekretariat yang dapat mengubahnya.',
    sign_in_required: 'Silakan masuk dulu.',
    sign_in_failed: 'Nama pengguna atau kata sandi salah.',
    account_locked: 'Akun {{username}} dikunci sampai {{until}} setelah {{attempts}} kali gagal masuk; coba lagi nanti atau minta Sekretariat mengatur ulang kata sandinya.',
    session_expired: 'Sesi berakhir karena tidak ada aktivitas selama {{minutes}} menit; silakan masuk lagi.',
    admin_exists: 'Akun administrator sudah dibuat; masuk dengan akun yang ada.',
    password_too_short: 'Kata sandi terlalu pendek: paling sedikit {{min}} karakter.',
    cli_not_database_owner: 'Pengguna sistem {{osUser}} bukan pemilik berkas database {{path}}; jalankan dengan --user NAMA (kata sandi dari prompt atau KSBB_PASSWORD).',
    verification_wrong_status: 'Realisasi {{id}} berstatus {{status,messageList}}; verifikasi hanya maju satu tingkat, maka baris ini tidak dapat menjadi {{to,messageList}}.',
    verification_nothing_selected: 'Tidak ada realisasi terpilih yang dapat menjadi {{to,messageList}}.',
    verification_four_eyes: '{{rows}} baris dilaporkan atau diimpor oleh {{actor}} sendiri: verifikasi harus oleh orang lain (empat mata). Hanya Sekretariat yang dapat memakai pengecualian, dan itu dicatat.',
    verification_reset_confirm: 'Realisasi {{id}} sudah {{status,messageList}}; mengubahnya mengembalikan status ke dilaporkan. Konfirmasi dulu sebelum menyimpan.',
    distribution_rejected_correct: 'Realisasi yang ditolak tidak diubah: buat koreksinya (versi baru yang menggantikannya).',
    distribution_not_rejected: 'Realisasi {{id}} berstatus {{status,messageList}}; hanya realisasi yang ditolak yang dikoreksi dengan versi baru.',
    distribution_already_corrected: 'Realisasi {{id}} sudah dikoreksi oleh {{by}}.',
    assignment_beyond_pledge: 'Komitmen tinggal {{unassigned}} yang belum dibagi; yang diminta {{asked}}.',
    assignment_beyond_need: 'Sasaran {{target}} hanya membutuhkan {{open}} lagi (diminta {{asked}}). Konfirmasi bila memang melebihi kebutuhan.',
    sync_not_enrolled: 'Database ini belum terdaftar sebagai perangkat di server pusat: jalankan ksbb sync --server URL --enrol KODE (kode dari administrator, ksbb server enrol-code).',
    sync_unreachable: 'Server pusat {{url}} tidak dapat dihubungi: {{reason}}. Tidak ada yang hilang; perubahan menunggu di kotak keluar sampai sinkronisasi berikutnya.',
    sync_refused: 'Server pusat {{url}} menolak ({{status}} {{code}}): {{reason}}',
    sync_device_revoked: 'Server pusat {{url}} telah mencabut perangkat ini: perubahannya tidak diterima lagi dan tidak ada data yang dikirim kepadanya. Minta kode baru kepada administrator dan daftarkan ulang: ksbb sync --server URL --enrol KODE.',
    hub_data_in_use: 'Folder data hub {{dir}} sedang dibuka proses lain (pid {{pid}}); PGlite hanya bisa dipakai satu proses sekaligus, jadi tidak ada yang dibuka. Hentikan proses itu dulu (misalnya: hentikan ksbb server, buat kode dengan ksbb server enrol-code, lalu jalankan lagi), atau jalankan hub di PostgreSQL (--database-url) agar beberapa proses bisa berbagi data.',
    sync_update_required: 'Mohon perbarui: versi protokol sinkronisasi perangkat ini ({{client}}) tidak cocok dengan server pusat {{url}} ({{hub}}); perbarui yang lebih lama. {{reason}}',
    sync_conflict_resolved: 'Konflik {{id}} sudah diputuskan oleh {{by}}; tidak ada yang diubah.',
    audit_log_append_only: 'Jejak audit hanya dapat ditambah; entri tidak dapat diubah atau dihapus.',
    skpd_agency_required: 'Akun {{username}} berperan SKPD: pilih SKPD-nya (program yang boleh diubah akun ini).',
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
  partner list         daftar mitra (tanpa yang diarsipkan; yang digabung tidak pernah)
      --q TEKS           cari nama (PT, CV, Tbk, Yayasan… diabaikan), narahubung, e-mail
      --role PERAN       collaborator atau aggregator
      --kind JENIS       jenis lembaga, mis. dunia_usaha, lembaga_sosial, perorangan
      --program ID       hanya peserta program ini, mis. pangan
      --archived         sertakan mitra yang diarsipkan
      --sort KOLOM       name (bawaan), entityKind atau createdAt; --desc untuk menurun
      --limit N          paling banyak N mitra (bawaan: semua); --offset N lewati N pertama
  partner show ID      data lengkap satu mitra dan jumlah komitmen, realisasi, PKS, transfer dana
  agreement list       daftar PKS; status dihitung dari tanggal hari ini
      --expiring HARI    hanya PKS berlaku yang berakhir dalam HARI hari
      --q TEKS           cari nomor, mitra atau catatan
      --status S         draft, signed, expired atau terminated
      --partner ID       hanya PKS satu mitra
  document add --agreement ID BERKAS
                       lampirkan pindaian PKS (PDF, JPG/JPEG, PNG; paling besar 50 MB)
                       dan cetak SHA-256-nya; isi yang sama disimpan sekali
  document verify      periksa setiap dokumen tersimpan terhadap SHA-256-nya
                       (keluar 1 dan sebutkan dokumen yang hilang atau berubah)
  alert list           peringatan: PKS berakhir ≤ 90 hari, PKS berakhir dengan kegiatan
                       sesudahnya, agregator tanpa PKS berlaku atau tanpa izin berlaku
      --as-of TANGGAL    per tanggal ini (bawaan: hari ini)
  recap --by program|wilayah
                       rekap per program atau per wilayah (kebutuhan, komitmen, realisasi,
                       kolaborator, agregator, sasaran, nilai Rupiah; wilayah terjangkau)
      --level TINGKAT    untuk --by wilayah: kota (bawaan), kecamatan, kelurahan atau rw
      --program NAMA     hanya satu program, mis. Pangan
      --from TANGGAL     periode dari (YYYY-MM-DD); --to TANGGAL periode sampai
      --out BERKAS       juga tulis rekap ke BERKAS.xlsx (dengan Manifest) atau BERKAS.csv
  map --measure UKURAN --out BERKAS.svg|BERKAS.png
                       peta per kelurahan (tanpa internet): realised, coverage, open-need,
                       partners, overlap (atau realised-per-family)
      --program NAMA     hanya satu program; --from/--to TANGGAL periode
      --level TINGKAT    kelurahan (bawaan), kecamatan atau kota
  export JENIS --out BERKAS
                       ekspor partners, agreements, pledges, distributions, needs,
                       fund-transfers (juga recap-program, recap-wilayah, overlap)
                       ke .xlsx (dengan Manifest) atau .csv
  report festival      terbitkan laporan Festival Kolaborasi (PDF + XLSX, dibekukan)
      --year TAHUN       satu tahun kalender (bawaan: tahun ini); atau --from/--to TANGGAL
      --program NAMA     hanya program ini (boleh diulang); bawaan semua program
      --basis DASAR      terverifikasi (bawaan: hanya realisasi yang diverifikasi sekretariat)
                         atau dilaporkan (semua kecuali yang ditolak)
      --pdf BERKAS.pdf   tulis PDF-nya; --xlsx BERKAS.xlsx tulis workbook-nya
      --json             cetak angka laporan (struktur yang digambar templat)
  report list          daftar laporan yang telah diterbitkan
  verify BERKAS        periksa workbook ekspor terhadap Manifest-nya: keluar 0 utuh,
                       1 berubah (menyebut lembar dan sel), 2 bukan workbook KSBB
  import BERKAS        impor kiriman (.xlsx, .xls, .ods, .csv): baca, periksa setiap baris,
                       simpan baris yang diterima sebagai satu batch; keluar 1 bila ada
                       baris ditolak
      --kind JENIS       partners, agreements, needs, pledges, distributions,
                         fund-transfers atau auto (bawaan: yang paling cocok)
      --sheet NAMA       lembar yang dibaca (bawaan: yang paling cocok)
      --dry-run          periksa dan laporkan saja; tidak ada yang disimpan
      --errors KELUAR.xlsx
                         tulis baris yang ditolak dengan kolom Alasan Penolakan
      --all-or-nothing   jangan simpan apa pun bila ada baris ditolak
      --submitter NAMA   pengirim berkas (pemetaan kolomnya diingat)
  template JENIS --out BERKAS.xlsx
                       tulis templat kiriman suatu jenis
  batch list           daftar batch impor, terbaru dahulu (--kind, --limit, --offset)
  batch rollback ID    batalkan seluruh batch impor (tercatat di audit); berkasnya
                       dapat diimpor lagi
  backup --out BERKAS.tar.gz
                       cadangkan database (konsisten walau aplikasi menulis) dan semua
                       dokumen ke satu arsip dengan manifest dan SHA-256
  restore BERKAS       pulihkan cadangan: semua checksum dan integritas diperiksa dulu,
                       database sekarang disimpan sebagai cadangan; tutup aplikasi dulu
  check                periksa integritas SQLite, kunci asing, dokumen terhadap SHA-256
                       dan rantai audit (keluar 1 bila ada masalah)
  user add NAMA --role sekretariat|skpd|auditor [--agency ID] [--display-name TEKS]
                       buat akun; kata sandi dari prompt atau env KSBB_NEW_PASSWORD
  user list            daftar akun
  user disable NAMA    nonaktifkan akun (sesinya berakhir)
  user password NAMA   atur ulang kata sandi (juga membuka kunci akun)
  audit verify         periksa rantai hash jejak audit; keluar 1 dan sebut entri
                       pertama yang rusak (diubah, dihapus, urutan diubah)
  audit export --out BERKAS.xlsx [--actor T] [--table T] [--record ID] [--from T] [--to T]
                       ekspor jejak audit dengan Manifest (periksa dengan ksbb verify)
  server               jalankan hub sinkronisasi pusat (protokol di server/PROTOCOL.md)
      --port N           porta (bawaan 4870; semua antarmuka, atau env KSBB_HUB_HOST)
      --data FOLDER      data di PGlite tertanam (bawaan: folder hub di samping data aplikasi)
      --database-url URL PostgreSQL (atau env DATABASE_URL)
  server enrol-code    cetak kode pendaftaran perangkat sekali pakai (berlaku 24 jam)
      --data FOLDER | --database-url URL   data hub yang sama dengan ksbb server
  server devices       perangkat terdaftar: id, nama, terdaftar, terakhir terlihat, dicabut
  server revoke-device ID
                       tolak token perangkat mulai sekarang (exit 1: perangkat tidak ada atau sudah
                       dicabut); perangkat itu harus didaftarkan ulang dengan kode baru
  sync --server URL --enrol KODE
                       daftarkan database ini sebagai perangkat hub (kode dari ksbb server enrol-code)
  sync [--server URL]  kirim dan terima perubahan sampai sama dengan hub: pushed, pulled, conflicts;
                       exit 1 bila ada konflik menunggu, exit 2 bila hub tak terjangkau atau menolak
  conflicts list       konflik yang menunggu keputusan: kedua nilai, perangkat dan pengguna
  conflicts resolve ID --use local|remote
                       putuskan konflik: nilai yang dipilih ditulis ulang, disinkronkan dan diaudit

Opsi global:
  --db PATH            berkas database (atau env KSBB_DB; bawaan: database aplikasi desktop)
  --user NAMA          bertindak sebagai akun ini (kata sandi dari prompt atau env
                       KSBB_PASSWORD); tanpa --user: pemilik berkas database (admin)
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
