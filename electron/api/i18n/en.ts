import type { Messages } from './id';

export const en: Messages = {
  app: {
    name: 'KSBB Desk',
    tagline: 'Secretariat of Jakarta Large-Scale Social Collaboration (KSBB)',
    version: 'Version {{version}} · schema {{schema}}',
    database: 'Database: {{path}}',
  },
  nav: {
    dashboard: 'Home',
    regions: 'Regions',
    language: 'Language',
  },
  common: {
    loading: 'Loading…',
    refresh: 'Refresh',
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
    not_found: '{{what}} not found: {{id}}',
    internal: 'Internal error: {{reason}}',
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

Global options:
  --db PATH            database file (or env KSBB_DB; default: the desktop app's database)
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
