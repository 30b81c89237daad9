import type { Widen } from './widen';

/** Messages of the sync hub's commands: `ksbb server`, `server enrol-code`, `server devices`, `server revoke-device`. Registered under `hub`. */
const id = {
  cli: {
    storeConflict: 'Pilih salah satu: --data FOLDER (PGlite bawaan) atau --database-url URL (PostgreSQL), bukan keduanya.',
    listening: 'Hub sinkronisasi berjalan di {{url}} (protokol {{protocol}}; data: {{database}}). Tekan Ctrl+C untuk berhenti.',
    stopped: 'Hub sinkronisasi dihentikan.',
    enrolCode: 'Kode pendaftaran perangkat: {{code}}\nBerlaku sekali sampai {{expiresAt}}. Masukkan kode ini di perangkat yang didaftarkan.',
    device: '{{id}}  {{name}}  terdaftar {{enrolledAt}}  terakhir terlihat {{lastSeenAt}}  {{state}}',
    active: 'aktif',
    revokedAt: 'dicabut {{at}}',
    noDevices: 'Belum ada perangkat yang terdaftar.',
    badDeviceId: 'ID perangkat tidak sah: {{value}} (huruf, angka dan tanda hubung, seperti yang dicetak ksbb server devices).',
    revoked: 'Perangkat {{deviceId}} dicabut: tokennya ditolak mulai sekarang. Untuk memakainya lagi, daftarkan ulang dengan kode baru.',
    alreadyRevoked: 'Perangkat {{deviceId}} sudah dicabut sejak {{at}}; tidak ada yang diubah.',
    unknownDevice: 'Tidak ada perangkat terdaftar dengan ID {{deviceId}} (lihat ksbb server devices); tidak ada yang diubah.',
  },
};

const en: Widen<typeof id> = {
  cli: {
    storeConflict: 'Choose one: --data FOLDER (embedded PGlite) or --database-url URL (PostgreSQL), not both.',
    listening: 'Sync hub running at {{url}} (protocol {{protocol}}; data: {{database}}). Press Ctrl+C to stop.',
    stopped: 'Sync hub stopped.',
    enrolCode: 'Device enrolment code: {{code}}\nValid once, until {{expiresAt}}. Enter it on the device being enrolled.',
    device: '{{id}}  {{name}}  enrolled {{enrolledAt}}  last seen {{lastSeenAt}}  {{state}}',
    active: 'active',
    revokedAt: 'revoked {{at}}',
    noDevices: 'No device is enrolled yet.',
    badDeviceId: 'Not a device id: {{value}} (letters, digits and dashes, as ksbb server devices prints them).',
    revoked: 'Device {{deviceId}} revoked: its token is refused from now on. To use it again, enrol it again with a new code.',
    alreadyRevoked: 'Device {{deviceId}} was already revoked at {{at}}; nothing was changed.',
    unknownDevice: 'No enrolled device has the id {{deviceId}} (see ksbb server devices); nothing was changed.',
  },
};

export const hubMessages = { id, en };
