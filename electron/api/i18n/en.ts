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
import type { Messages } from './id';

export const en: Messages = {
  app: {
    name: 'KSBB Desk',
    tagline: 'Secretariat of Jakarta Large-Scale Social Collaboration (KSBB)',
    version: 'Version {{version}} · schema {{schema}}',
    database: 'Database: {{path}}',
  },
  nav: {
    partners: 'Partners',
    agreements: 'Agreements (PKS)',
    targets: 'Targets',
    agencies: 'Agencies (SKPD)',
    dashboard: 'Home',
    regions: 'Regions',
    imports: 'Imports',
    recaps: 'Recaps',
    map: 'Target map',
    verify: 'Verify a file',
    distributionsVerify: 'Verify distributions',
    openTargets: 'Open targets',
    reports: 'Festival report',
    language: 'Language',
  },
  common: {
    loading: 'Loading…',
    refresh: 'Refresh',
    rowsFound: '{{formatted}} rows',
    noRows: 'No matching rows',
    search: 'Search',
    retry: 'Try again',
    errorTitle: 'Something went wrong',
    empty: 'No data yet',
  },
  dashboard: {
    title: 'Home',
    subtitle: 'What this database holds',
    registry: 'Registry',
    activity: 'Activity',
    money: 'Value (Rupiah)',
    partners: 'Partners',
    collaborators: 'Collaborators',
    aggregators: 'Aggregators',
    agreements: 'Agreements (PKS)',
    targets: 'Targets',
    needs: 'Need assessments',
    pledges: 'Pledges',
    distributions: 'Distributions',
    distributionsRejected: 'Distributions rejected',
    fundTransfers: 'Fund transfers via aggregators',
    pledgedRupiah: 'Pledged value',
    distributedRupiah: 'Distributed value',
    transferredRupiah: 'Funds via aggregators',
    regionsReached: 'Regions reached',
    kotaReached: 'Cities/regencies',
    kelurahanReached: 'Kelurahan',
    rwReached: 'RW',
    period: 'Distribution period: {{from}} – {{to}}',
    countedNote: 'Distributions = every distribution report. Distributed value, regions reached and the Regions table leave out reports rejected at verification. Values in Rupiah as reported by partners.',
    noActivity: 'No distributions yet. Import data or run `ksbb demo` for sample data.',
  },
  regions: {
    title: 'Regions',
    subtitle: 'City/regency → district → kelurahan → RW (Kemendagri codes)',
    code: 'Code',
    name: 'Name',
    children: 'Sub-regions',
    targets: 'Targets',
    distributions: 'Distributions',
    distributedRupiah: 'Distributed value',
    root: 'DKI Jakarta',
  },
  level: {
    provinsi: 'Province',
    kota: 'City/regency',
    kecamatan: 'District',
    kelurahan: 'Kelurahan',
    rw: 'RW',
  },
  language: {
    id: 'Bahasa Indonesia',
    en: 'English',
  },
  agreements: agreementsMessages.en,
  importValues: importValuesMessages.en,
  partners: partnersMessages.en,
  imports: importsMessages.en,
  importWizard: importWizardMessages.en,
  recaps: recapsMessages.en,
  recapScreens: recapScreensMessages.en,
  map: mapMessages.en,
  mapScreen: mapScreenMessages.en,
  reports: reportsMessages.en,
  backup: backupMessages.en,
  sync: syncMessages.en,
  hub: hubMessages.en,
  auth: authMessages.en,
  verification: verificationMessages.en,
  errors: {
    invalid_input: 'Invalid input: {{issues}}',
    unknown_procedure: 'Unknown procedure: {{name}}',
    not_sqlite: 'The file {{path}} is not a KSBB database (not an SQLite file). The file was not changed.',
    not_ksbb_database: 'The file {{path}} is another SQLite database, not a KSBB database. The file was not changed.',
    newer_schema:
      'The database {{path}} was made by a newer KSBB Desk (schema {{found}}; this version knows up to {{known}}). Update the app; the file was not changed.',
    database_unreadable: 'The database {{path}} cannot be opened: {{reason}}',
    database_not_empty:
      'The database {{path}} already holds data ({{partners}} partners, {{targets}} targets, {{distributions}} distributions). Demo data is only made in an empty database; nothing was changed.',
    forbidden: 'Access denied: open the full address (with its token) printed by `ksbb serve`.',
    not_found: '{{what,messageList}} not found: {{id}}',
    field_required: '{{recordKind,messageList}} "{{record}}": {{fieldLabel,messageList}} is required ({{expected,messageList}}).',
    field_required_new: '{{recordKind,messageList}}: {{fieldLabel,messageList}} is required ({{expected,messageList}}).',
    field_invalid: '{{recordKind,messageList}} "{{record}}": {{fieldLabel,messageList}} is not valid ("{{value}}"); expected {{expected,messageList}}.',
    field_invalid_new: '{{recordKind,messageList}}: {{fieldLabel,messageList}} is not valid ("{{value}}"); expected {{expected,messageList}}.',
    already_exists: '{{what,messageList}} with code {{id}} already exists.',
    partner_merged: 'Partner "{{name}}" was merged into another partner ({{into}}); edit that partner, or undo the merge first.',
    merge_refused: 'Partner "{{merge}}" cannot be merged into "{{keep}}": {{reason,messageList}}.',
    unmerge_refused: 'The merge of partner "{{name}}" cannot be undone: {{reason,messageList}}.',
    internal: 'Internal error: {{reason}}',
    aggregator_not_authorised: 'A transaction via aggregator {{aggregator}} on {{date,isoDate}} is refused: {{missing,messageList}}.',
    partner_inactive: 'Partner {{name}} is archived or was merged into another partner; record the transaction on the active partner.',
    partner_not_collaborator: 'Partner {{name}} is not registered as a collaborator.',
    item_type_archived: 'Item type {{name}} is archived.',
    date_out_of_range: 'Date {{date}} is outside the accepted range ({{from,isoDate}} to today, {{to,isoDate}}).',
    distribution_place_required: 'A distribution must name a target or a region.',
    pledge_destination_required: 'A pledge must name a target, a region or an aggregator.',
    target_region_mismatch: 'Target {{target}} lies in region {{targetRegion}}, not in {{region}}.',
    rupiah_value_mismatch: 'For help in Rupiah the value ({{value}}) must equal the quantity ({{quantity}}).',
    agreement_number_taken: 'Partner {{partner}} already has an agreement numbered {{number}}.',
    agreement_dates_invalid: 'Valid from ({{validFrom,isoDate}}) is after valid until ({{validUntil,isoDate}}).',
    agreement_signed_on_required: 'Agreement {{number}} is marked signed but has no signing date.',
    agreement_parent_other_partner: 'Parent agreement {{parent}} belongs to another partner; an addendum must be of the same partner.',
    agreement_parent_cycle: 'Agreement {{number}} cannot be an addendum of itself or of its own addendum.',
    document_type_not_allowed: 'File {{fileName}} is not accepted: only PDF, JPG/JPEG or PNG.',
    document_content_mismatch: 'The content of {{fileName}} is not {{expected}} as its extension says; the file was not stored.',
    document_too_large: 'File {{fileName}} is too big ({{size}} bytes; at most {{max}} bytes); the file was not stored.',
    document_missing: 'The file of document {{fileName}} (SHA-256 {{sha256}}) is not in the document store.',
    document_corrupt: 'The file of document {{fileName}} no longer matches its SHA-256 {{sha256}}; it has been changed.',
    import_file_unusable: 'File {{file}} cannot be imported: {{reason,messageList}}. Nothing was saved.',
    import_not_ready: 'This import is not ready or already finished (phase: {{phase}}).',
    import_already_imported: 'This file was already imported as batch {{batchId}} ({{importedAt}}); nothing is imported again. Roll that batch back first to import it again.',
    import_cancelled: 'Import cancelled; nothing was written.',
    import_rollback_refused: 'Batch {{batchId}} cannot be rolled back: {{reason,messageList}}',
    import_needs_choice: 'File {{file}} needs a choice first: {{question,messageList}}. {{detail}}',
    recap_level_invalid: 'Region level {{level}} does not lie below region {{parent}} ({{parentLevel}}).',
    export_too_large: 'The {{kind}} export has {{rows}} rows; a spreadsheet sheet holds at most {{max}}. Narrow the filters.',
    map_geometry_invalid: 'The boundary file {{file}} is not valid at {{where}}: {{reason}}.',
    report_program_unknown: 'There is no program "{{value}}"; the programs are: {{allowed}}.',
    report_printer_missing: 'The PDF cannot be printed: no Chromium found at {{path}}. Install the chromium package or point the CHROMIUM_PATH environment variable at it.',
    map_region_without_geometry: 'Wilayah {{code}} ({{name}}) has no boundary on the map (resources/geo/kelurahan-dki.geojson); the map cannot be drawn.',
    backup_not_archive: 'File {{file}} is not a KSBB Desk backup (it has no backup manifest). Nothing was changed.',
    backup_truncated: 'Backup file {{file}} is truncated (incomplete, perhaps an interrupted copy). Nothing was changed; use an intact copy.',
    backup_damaged: 'Backup file {{file}} is damaged (at {{entry}}). Nothing was changed; use an intact copy.',
    backup_checksum_mismatch: 'The content of {{entry}} in backup {{file}} does not match the SHA-256 in its manifest: the backup was changed or damaged. Nothing was changed.',
    backup_newer_version:
      'Backup {{file}} was made by KSBB Desk {{appVersion}} (schema {{schemaVersion}}), newer than this version ({{currentVersion}}, schemas up to {{knownSchema}}). Update the app first; nothing was changed.',
    backup_integrity_failed: 'The database in backup {{file}} fails the SQLite integrity check ({{detail}}). Nothing was changed.',
    backup_target_unwritable: 'Cannot write to {{path}} ({{reason}}). Choose a writable folder; nothing was changed.',
    database_in_use: 'Database {{path}} is in use (the KSBB Desk app or `ksbb serve` is still running). Close it and try again; nothing was changed.',
    role_required: 'Access denied: {{action}} needs the role {{roles,messageList}}; you are signed in as {{role,messageList}}.',
    program_out_of_scope: 'Access denied: program {{program}} is not a program of your SKPD ({{agency}}); only the Secretariat role can change it.',
    sign_in_required: 'Please sign in first.',
    sign_in_failed: 'Wrong username or password.',
    account_locked: 'Account {{username}} is locked until {{until}} after {{attempts}} failed sign-ins; try again later or ask the Secretariat to reset its password.',
    session_expired: 'The session ended after {{minutes}} minutes without activity; please sign in again.',
    admin_exists: 'The administrator account already exists; sign in with an existing account.',
    password_too_short: 'Password too short: at least {{min}} characters.',
    cli_not_database_owner: 'The system user {{osUser}} does not own the database file {{path}}; run with --user NAME (password from the prompt or KSBB_PASSWORD).',
    verification_wrong_status: 'Distribution {{id}} is {{status,messageList}}; verification only moves forward one level, so this row cannot become {{to,messageList}}.',
    verification_nothing_selected: 'None of the selected distributions can become {{to,messageList}}.',
    verification_four_eyes: '{{rows}} rows were reported or imported by {{actor}}: someone else must verify them (four-eyes). Only the Secretariat may override, and the override is recorded.',
    verification_reset_confirm: 'Distribution {{id}} is already {{status,messageList}}; changing it sets it back to reported. Confirm before saving.',
    distribution_rejected_correct: 'A rejected distribution is not edited: create its correction (a new version that replaces it).',
    distribution_not_rejected: 'Distribution {{id}} is {{status,messageList}}; only a rejected distribution is corrected with a new version.',
    distribution_already_corrected: 'Distribution {{id}} was already corrected by {{by}}.',
    assignment_beyond_pledge: 'Only {{unassigned}} of the pledge is left to assign; {{asked}} was asked.',
    assignment_beyond_need: 'Target {{target}} needs only {{open}} more ({{asked}} asked). Confirm if it really goes beyond the need.',
    sync_not_enrolled: 'This database is not enrolled as a device of a central server yet: run ksbb sync --server URL --enrol CODE (a code from the administrator, ksbb server enrol-code).',
    sync_unreachable: 'The central server {{url}} cannot be reached: {{reason}}. Nothing is lost; changes wait in the outbox until the next sync.',
    sync_refused: 'The central server {{url}} refused ({{status}} {{code}}): {{reason}}',
    sync_device_revoked: 'The central server {{url}} has revoked this device: it no longer accepts its changes nor sends it any. Ask the administrator for a new code and enrol it again: ksbb sync --server URL --enrol CODE.',
    hub_data_in_use: 'The hub data folder {{dir}} is open in another process (pid {{pid}}); PGlite serves one process at a time, so nothing was opened. Stop that process first (e.g. stop ksbb server, make a code with ksbb server enrol-code, start it again), or run the hub on PostgreSQL (--database-url) so that several processes can share the data.',
    sync_update_required: 'Please update: this device speaks sync protocol {{client}}, the central server {{url}} speaks {{hub}}; update the older one. {{reason}}',
    sync_conflict_resolved: 'Conflict {{id}} was already decided by {{by}}; nothing was changed.',
    audit_log_append_only: 'The audit trail is append-only; entries cannot be changed or deleted.',
    skpd_agency_required: 'Account {{username}} has the SKPD role: choose its SKPD (the programs the account may change).',
  },
  cli: {
    usage: `Usage: ksbb [global options] <command> [options]

Commands:
  init                 create or migrate the database and load reference data (safe to repeat)
  demo                 fill an empty database with reproducible sample data
      --seed N           random seed (default 1)
      --partners N       number of partners (default 200)
      --pledges N        number of pledges (default 2000)
      --distributions N  number of distributions (default 5000)
  serve                run the app in a browser (127.0.0.1 only)
      --port N           port (default: random)
  partner list         list partners (archived ones left out; merged ones never listed)
      --q TEXT           search the name (PT, CV, Tbk, Yayasan… ignored), contact, e-mail
      --role ROLE        collaborator or aggregator
      --kind KIND        entity kind, e.g. dunia_usaha, lembaga_sosial, perorangan
      --program ID       only partners in this program, e.g. pangan
      --archived         include archived partners
      --sort COLUMN      name (default), entityKind or createdAt; --desc for descending
      --limit N          at most N partners (default: all); --offset N skips the first N
  partner show ID      one partner in full, with its pledge, distribution, PKS and fund transfer counts
  agreement list       list agreements (PKS); statuses as of today
      --expiring DAYS    only agreements in force that end within DAYS days
      --q TEXT           search number, partner or notes
      --status S         draft, signed, expired or terminated
      --partner ID       only one partner's agreements
  document add --agreement ID FILE
                       attach a PKS scan (PDF, JPG/JPEG, PNG; at most 50 MB) and print
                       its SHA-256; the same content is stored once
  document verify      check every stored document against its SHA-256
                       (exit 1 naming each document that is missing or changed)
  alert list           alerts: agreements ending within 90 days, ended agreements with
                       later activity, aggregators without a valid agreement or licence
      --as-of DATE       as of this date (default: today)
  recap --by program|wilayah
                       recap by program or by region (need, pledged, realised,
                       collaborators, aggregators, targets, Rupiah values; regions reached)
      --level LEVEL      for --by wilayah: kota (default), kecamatan, kelurahan or rw
      --program NAME     one program only, e.g. Pangan
      --from DATE        period from (YYYY-MM-DD); --to DATE period to
      --out FILE         also write the recap to FILE.xlsx (with a Manifest) or FILE.csv
  map --measure MEASURE --out FILE.svg|FILE.png
                       map by kelurahan (offline): realised, coverage, open-need,
                       partners, overlap (or realised-per-family)
      --program NAME     one program only; --from/--to DATE period
      --level LEVEL      kelurahan (default), kecamatan or kota
  export KIND --out FILE
                       export partners, agreements, pledges, distributions, needs,
                       fund-transfers (also recap-program, recap-wilayah, overlap)
                       to .xlsx (with a Manifest) or .csv
  report festival      issue the Festival Kolaborasi report (PDF + XLSX, frozen)
      --year YEAR        one calendar year (default: this year); or --from/--to DATE
      --program NAME     only this program (may be repeated); default every program
      --basis BASIS      terverifikasi (default: only realisations the secretariat verified)
                         or dilaporkan (every one not rejected)
      --pdf FILE.pdf     write its PDF; --xlsx FILE.xlsx write its workbook
      --json             print the report's figures (the structure the template renders)
  report list          list the issued reports
  verify FILE          check an exported workbook against its Manifest: exit 0 intact,
                       1 changed (naming the sheet and cell), 2 not a KSBB workbook
  import FILE          import a submission (.xlsx, .xls, .ods, .csv): read, check every row,
                       save the accepted rows as one batch; exit 1 when rows were rejected
      --kind KIND        partners, agreements, needs, pledges, distributions,
                         fund-transfers or auto (default: the best match)
      --sheet NAME       the sheet to read (default: the one that matches best)
      --dry-run          check and report only; nothing is saved
      --errors OUT.xlsx  write the rejected rows with an Alasan Penolakan column
      --all-or-nothing   save nothing when any row was rejected
      --submitter NAME   who sent the file (its column mapping is remembered)
  template KIND --out FILE.xlsx
                       write the submission template of a kind
  batch list           import batches, newest first (--kind, --limit, --offset)
  batch rollback ID    roll a whole import batch back (audited); its file may be
                       imported again
  backup --out FILE.tar.gz
                       back up the database (consistent while the app writes) and every
                       document into one archive with a manifest and SHA-256s
  restore FILE         restore a backup: every checksum and the integrity are checked
                       first, the current database is kept as a backup; close the app first
  check                check SQLite integrity, foreign keys, documents against their
                       SHA-256 and the audit chain (exit 1 on problems)
  user add NAME --role sekretariat|skpd|auditor [--agency ID] [--display-name TEXT]
                       create an account; password from the prompt or env KSBB_NEW_PASSWORD
  user list            list the accounts
  user disable NAME    disable an account (its sessions end)
  user password NAME   reset a password (also unlocks the account)
  audit verify         check the audit trail's hash chain; exit 1 naming the first
                       broken entry (edited, deleted, reordered)
  audit export --out FILE.xlsx [--actor T] [--table T] [--record ID] [--from D] [--to D]
                       export the audit trail with its Manifest (check with ksbb verify)
  server               run the central sync hub (protocol in server/PROTOCOL.md)
      --port N           port (default 4870; every interface, or env KSBB_HUB_HOST)
      --data FOLDER      data in embedded PGlite (default: a hub folder beside the app's data)
      --database-url URL PostgreSQL (or env DATABASE_URL)
  server enrol-code    print a one-time device enrolment code (valid 24 hours)
      --data FOLDER | --database-url URL   the same hub data as ksbb server
  server devices       the enrolled devices: id, name, enrolled, last seen, revoked
  server revoke-device ID
                       refuse a device's token from now on (exit 1: no such device or already
                       revoked); the device must be enrolled again with a new code
  sync --server URL --enrol CODE
                       enrol this database as a device of the hub (code from ksbb server enrol-code)
  sync [--server URL]  push and pull until level with the hub: pushed, pulled, conflicts;
                       exit 1 when conflicts wait, exit 2 when the hub is unreachable or refuses
  conflicts list       conflicts waiting for a decision: both values, devices and users
  conflicts resolve ID --use local|remote
                       decide a conflict: the chosen value is written again, synced and audited

Global options:
  --db PATH            database file (or env KSBB_DB; default: the desktop app's database)
  --user NAME          act as this account (password from the prompt or env
                       KSBB_PASSWORD); without --user: the database file's owner (admin)
  --json               machine output on stdout, messages on stderr
  --lang id|en         message language
  --version            print the version
  --help               print this help

Exit codes: 0 success; 1 finished but found problems; 2 bad usage or unusable input.`,
    unknownCommand: 'Unknown command: {{name}}. See `ksbb --help`.',
    missingCommand: 'No command given. See `ksbb --help`.',
    badOption: '{{reason}}. See `ksbb --help`.',
    unknownOption: 'Unknown option {{option}} for `{{command}}`. See `ksbb --help`.',
    missingValue: 'Incomplete option: {{reason}}. See `ksbb --help`.',
    missingArgument: 'Missing argument for `{{command}}`. See `ksbb --help`.',
    unexpectedArgument: 'Unexpected argument: {{value}}. See `ksbb --help`.',
    rendererMissing: 'The user interface is not built ({{path}} is missing). Run `npm run build` first.',
    badNumber: 'Option --{{option}} must be a whole number {{min}}–{{max}}, not "{{value}}".',
    badNow: 'KSBB_NOW must be an ISO date/time (e.g. 2021-10-01T00:00:00Z), not "{{value}}".',
    badLang: 'Option --lang must be "id" or "en", not "{{value}}".',
    initDone:
      'Database ready: {{path}} (schema {{schemaVersion}}). {{regions}} regions, {{programs}} programs, {{itemTypes}} item types, {{agencies}} agencies; {{changed}} reference rows added or updated.',
    demoProgress: 'Making demo data: {{done}} of {{total}} distributions',
    demoDone:
      'Demo data made (seed {{seed}}): {{partners}} partners ({{aggregators}} aggregators), {{agreements}} agreements, {{targets}} targets, {{needs}} needs, {{pledges}} pledges, {{distributions}} distributions, {{fundTransfers}} fund transfers.',
    serving: 'KSBB Desk is running at {{url}}\nOpen this address in a browser (the token is included). Press Ctrl+C to stop.',
    stopped: 'Server stopped.',
  },
};
