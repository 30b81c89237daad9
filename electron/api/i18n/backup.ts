import type { Widen } from './widen';

/**
 * Messages of backups, restore and the database check: `ksbb backup|restore|check` and the
 * Cadangan screen. Registered under `backup` in `id.ts` and `en.ts`.
 */
const id = {
  cli: {
    fileNotFound: 'Berkas cadangan {{path}} tidak ditemukan. Tidak ada yang diubah.',
    outRequired: 'Sebutkan berkas tujuan: ksbb backup --out BERKAS.tar.gz',
    backupDone: 'Cadangan dibuat: {{path}} ({{size}} byte; database skema {{schemaVersion}} dan {{documents}} dokumen, masing-masing dengan SHA-256 di manifest).',
    restoreDone:
      'Cadangan {{file}} (dibuat {{createdAt}} oleh versi {{appVersion}}) dipulihkan ke {{path}}: semua checksum dan pemeriksaan integritas lolos; {{documentsAdded}} dokumen ditambahkan ke penyimpanan.',
    restoreKept: 'Database sebelumnya disimpan sebagai {{keptAs}}.',
    checkOk: 'Pemeriksaan lolos: integritas SQLite, kunci asing, {{documents}} dokumen sesuai SHA-256-nya, rantai audit {{entries}} entri utuh.',
    checkFailed: 'Pemeriksaan menemukan masalah:',
    checkIntegrity: '- integritas SQLite ({{count}}): {{first}}',
    checkForeignKeys: '- kunci asing ({{count}}): baris {{rowid}} di {{table}} merujuk {{parent}} yang tidak ada',
    checkDocument: '- dokumen {{fileName}} (SHA-256 {{sha256}}): {{problem}}',
    documentMissing: 'berkasnya hilang',
    documentMismatch: 'isinya berubah',
    checkAudit: '- rantai audit putus di entri #{{seq}}: {{reason}}',
    audit: { edited: 'isi entri diubah', deleted: 'entri sebelumnya dihapus', reordered: 'urutan entri diubah' },
  },
  nav: 'Cadangan',
  record: 'Cadangan',
  menu: { backUpTo: 'Cadangkan ke…', backup: 'Cadangan dan pemeriksaan…' },
  screen: {
    title: 'Cadangan dan pemeriksaan',
    intro:
      'Cadangan berisi database (salinan konsisten walau aplikasi sedang menulis) dan semua dokumen, dengan manifest dan SHA-256 setiap berkas. Aplikasi membuat cadangan otomatis sekali sehari (7 harian dan 4 mingguan disimpan). Memulihkan: tutup aplikasi, lalu jalankan perintah ksbb restore BERKAS di terminal.',
    create: 'Buat cadangan sekarang',
    saveAs: 'Simpan salinan…',
    saveAsTitle: 'Simpan salinan cadangan',
    created: 'Cadangan dibuat: {{fileName}} ({{size}})',
    folder: 'Folder cadangan: {{folder}}',
    none: 'Belum ada cadangan.',
    columns: { createdAt: 'Dibuat', kind: 'Jenis', fileName: 'Berkas', size: 'Ukuran' },
    kind: { auto: 'Otomatis', manual: 'Manual', 'before-restore': 'Sebelum pemulihan' },
    check: 'Periksa database',
    checkOk: 'Database utuh: integritas SQLite dan kunci asing lolos, {{documents}} dokumen sesuai SHA-256-nya, rantai audit {{entries}} entri utuh.',
    checkProblems: 'Pemeriksaan menemukan masalah',
    integrityProblems: 'Integritas SQLite: {{count}} masalah',
    foreignKeyProblems: 'Kunci asing: {{count}} baris merujuk data yang tidak ada',
    documentProblems: 'Dokumen: {{count}} hilang atau berubah',
    auditBroken: 'Rantai audit putus di entri #{{seq}}',
  },
};

const en: Widen<typeof id> = {
  cli: {
    fileNotFound: 'Backup file {{path}} not found. Nothing was changed.',
    outRequired: 'Name the target file: ksbb backup --out FILE.tar.gz',
    backupDone: 'Backup written: {{path}} ({{size}} bytes; database schema {{schemaVersion}} and {{documents}} documents, each with its SHA-256 in the manifest).',
    restoreDone:
      'Backup {{file}} (made {{createdAt}} by version {{appVersion}}) restored to {{path}}: every checksum and the integrity check passed; {{documentsAdded}} documents added to the store.',
    restoreKept: 'The previous database was kept as {{keptAs}}.',
    checkOk: 'Check passed: SQLite integrity, foreign keys, {{documents}} documents match their SHA-256, audit chain of {{entries}} entries intact.',
    checkFailed: 'The check found problems:',
    checkIntegrity: '- SQLite integrity ({{count}}): {{first}}',
    checkForeignKeys: '- foreign keys ({{count}}): row {{rowid}} of {{table}} refers to a missing {{parent}}',
    checkDocument: '- document {{fileName}} (SHA-256 {{sha256}}): {{problem}}',
    documentMissing: 'its file is missing',
    documentMismatch: 'its content changed',
    checkAudit: '- audit chain broken at entry #{{seq}}: {{reason}}',
    audit: { edited: 'the entry’s content was changed', deleted: 'an entry before it was removed', reordered: 'entries were reordered' },
  },
  nav: 'Backups',
  record: 'Backup',
  menu: { backUpTo: 'Back up to…', backup: 'Backups and check…' },
  screen: {
    title: 'Backups and check',
    intro:
      'A backup holds the database (a consistent copy even while the app writes) and every document, with a manifest and the SHA-256 of each file. The app makes an automatic backup once a day (7 daily and 4 weekly are kept). To restore: close the app, then run ksbb restore FILE in a terminal.',
    create: 'Back up now',
    saveAs: 'Save a copy…',
    saveAsTitle: 'Save a copy of the backup',
    created: 'Backup written: {{fileName}} ({{size}})',
    folder: 'Backup folder: {{folder}}',
    none: 'No backups yet.',
    columns: { createdAt: 'Made', kind: 'Kind', fileName: 'File', size: 'Size' },
    kind: { auto: 'Automatic', manual: 'Manual', 'before-restore': 'Before a restore' },
    check: 'Check the database',
    checkOk: 'The database is intact: SQLite integrity and foreign keys pass, {{documents}} documents match their SHA-256, audit chain of {{entries}} entries intact.',
    checkProblems: 'The check found problems',
    integrityProblems: 'SQLite integrity: {{count}} problems',
    foreignKeyProblems: 'Foreign keys: {{count}} rows refer to missing data',
    documentProblems: 'Documents: {{count}} missing or changed',
    auditBroken: 'Audit chain broken at entry #{{seq}}',
  },
};

export const backupMessages = { id, en };
