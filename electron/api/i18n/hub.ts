import type { Widen } from './widen';

/** Messages of the sync hub's commands: `ksbb server` and `ksbb server enrol-code`. Registered under `hub`. */
const id = {
  cli: {
    storeConflict: 'Pilih salah satu: --data FOLDER (PGlite bawaan) atau --database-url URL (PostgreSQL), bukan keduanya.',
    listening: 'Hub sinkronisasi berjalan di {{url}} (protokol {{protocol}}; data: {{database}}). Tekan Ctrl+C untuk berhenti.',
    stopped: 'Hub sinkronisasi dihentikan.',
    enrolCode: 'Kode pendaftaran perangkat: {{code}}\nBerlaku sekali sampai {{expiresAt}}. Masukkan kode ini di perangkat yang didaftarkan.',
  },
};

const en: Widen<typeof id> = {
  cli: {
    storeConflict: 'Choose one: --data FOLDER (embedded PGlite) or --database-url URL (PostgreSQL), not both.',
    listening: 'Sync hub running at {{url}} (protocol {{protocol}}; data: {{database}}). Press Ctrl+C to stop.',
    stopped: 'Sync hub stopped.',
    enrolCode: 'Device enrolment code: {{code}}\nValid once, until {{expiresAt}}. Enter it on the device being enrolled.',
  },
};

export const hubMessages = { id, en };
