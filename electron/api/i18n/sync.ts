import type { Widen } from './widen';

/** Messages of the sync client: `ksbb sync`, `ksbb conflicts list` and the header's status indicator. Registered under `sync` in `id.ts` and `en.ts`. */
const id = {
  cli: {
    enrolled: 'Perangkat {{deviceId}} terdaftar di server pusat {{server}}.',
    serverChanged: 'Alamat server pusat sekarang {{server}}.',
    done: 'Sinkronisasi dengan {{server}} selesai: {{pushed}} perubahan dikirim (pushed), {{pulled}} catatan diterima (pulled), {{conflicts}} konflik menunggu keputusan (conflicts); {{pending}} perubahan masih menunggu.',
    conflictsWaiting: 'Ada konflik yang menunggu keputusan: lihat ksbb conflicts list.',
    rejected: 'Ditolak server pusat dan disimpan di kotak keluar: {{tableName}} {{recordId}} (#{{seq}}): {{reason}}',
    missingFiles: '{{count}} berkas dokumen belum ada di perangkat ini maupun di server pusat (misalnya {{first}}); sinkronisasi berikutnya mencobanya lagi.',
    noConflicts: 'Tidak ada konflik yang menunggu.',
    conflict: '{{tableName}} {{recordId}} kolom {{field}}: di sini {{localValue}} ({{localUser}}, perangkat {{localDevice}}), di server {{remoteValue}} ({{remoteUser}}, perangkat {{remoteDevice}}); dipakai: {{winner}}',
    winnerLocal: 'nilai perangkat ini',
    winnerRemote: 'nilai server pusat',
    enrolNeedsServer: 'Pendaftaran perangkat memerlukan alamat server: ksbb sync --server URL --enrol KODE',
    badServer: 'Alamat server "{{value}}" tidak valid; yang diharapkan http://HOST:PORT atau https://HOST:PORT. Tidak ada yang diubah.',
  },
  status: {
    label: 'Status sinkronisasi',
    online: 'Tersinkron',
    offline: 'Luring',
    never_synced: 'Belum sinkron',
    server: 'Server pusat: {{server}}',
    lastSync: 'Sinkron terakhir: {{at}}',
    neverSynced: 'Belum pernah sinkron',
    lastError: 'Percobaan terakhir {{at}} gagal: server tidak menjawab atau menolak ({{code}})',
    pending: '{{count}} perubahan menunggu dikirim',
    rejected: '{{count}} perubahan ditolak server (lihat ksbb sync)',
    conflicts: '{{count}} konflik menunggu keputusan (ksbb conflicts list)',
  },
};

const en: Widen<typeof id> = {
  cli: {
    enrolled: 'Device {{deviceId}} is enrolled with the central server {{server}}.',
    serverChanged: 'The central server address is now {{server}}.',
    done: 'Sync with {{server}} done: {{pushed}} changes pushed, {{pulled}} records pulled, {{conflicts}} conflicts waiting for a decision; {{pending}} changes still waiting.',
    conflictsWaiting: 'Conflicts are waiting for a decision: see ksbb conflicts list.',
    rejected: 'Refused by the central server and kept in the outbox: {{tableName}} {{recordId}} (#{{seq}}): {{reason}}',
    missingFiles: '{{count}} document files are neither on this device nor on the central server yet (e.g. {{first}}); the next sync asks again.',
    noConflicts: 'No conflicts waiting.',
    conflict: '{{tableName}} {{recordId}} field {{field}}: here {{localValue}} ({{localUser}}, device {{localDevice}}), on the server {{remoteValue}} ({{remoteUser}}, device {{remoteDevice}}); kept: {{winner}}',
    winnerLocal: "this device's value",
    winnerRemote: "the central server's value",
    enrolNeedsServer: 'Enrolling a device needs the server address: ksbb sync --server URL --enrol CODE',
    badServer: 'The server address "{{value}}" is not valid; expected http://HOST:PORT or https://HOST:PORT. Nothing was changed.',
  },
  status: {
    label: 'Sync status',
    online: 'Synced',
    offline: 'Offline',
    never_synced: 'Not synced yet',
    server: 'Central server: {{server}}',
    lastSync: 'Last sync: {{at}}',
    neverSynced: 'Never synced',
    lastError: 'The last attempt at {{at}} failed: the server did not answer or refused ({{code}})',
    pending: '{{count}} changes waiting to be pushed',
    rejected: '{{count}} changes refused by the server (see ksbb sync)',
    conflicts: '{{count}} conflicts waiting for a decision (ksbb conflicts list)',
  },
};

export const syncMessages = { id, en };
