import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../api/errors';
import { translator } from '../../api/i18n';
import type {
  ImportCommitResult,
  ImportError,
  ImportMapping,
  ImportPhase,
  ImportPreview,
  ImportPreviewRow,
  ImportRowStatus,
  ImportStatus,
  SubmissionKind,
} from '../../api/procedures/imports';
import { today } from '../agreements/dates';
import { newId } from '../clock';
import type { CallContext, CoreDeps } from '../context';
import { normalizePartnerName } from '../partners/normalize';
import { commitBatch, importBatchCount, importedBatchOf } from './commit';
import { submissionFields } from './kinds';
import { type ImportWrites, writesOfRows } from './scope';
import { createLookups } from './lookups';
import type { FromWorker, ReadRequest, RegionRef, RejectedRequest, RememberedMapping, SheetChoice, ToWorker } from './protocol';
import { type CheckedRow, createRowChecker, type RowReason } from './validate';

/**
 * Import jobs: each submitted file is read and parsed in a worker thread, its rows checked against
 * the database in the core as they arrive (one chunk per message, so other calls are answered in
 * between), previewed, and committed in one transaction. Cancelling at any point before the
 * commit's transaction writes nothing. Jobs live in the object `createImportJobs` answers, one per
 * core; a finished job is dropped after a while.
 */

/** A finished job is kept this long after it was last asked about. */
const KEEP_MS = 60 * 60 * 1000;
/** At most this many jobs are kept; the oldest finished ones go first. */
const MAX_JOBS = 20;
const CHUNK_ROWS = 2000;
const FIRST_PAGE = 100;
const MAX_PREVIEW_ERRORS = 1000;

export interface JobOptions {
  kind: SubmissionKind | 'auto';
  sheet: string | null;
  mapping: ImportMapping | null;
}

interface Job {
  id: string;
  actor: string;
  fileName: string;
  bytes: Uint8Array;
  submitter: string | null;
  options: JobOptions;
  /** Incremented by every (re)start: messages of an earlier worker are ignored. */
  run: number;
  phase: ImportPhase;
  rowsDone: number;
  rowsTotal: number;
  error: { code: ErrorCode; params: Record<string, string | number> } | null;
  choice: SheetChoice | null;
  alreadyImported: { id: string; importedAt: string } | null;
  rows: CheckedRow[];
  /** Indexes into `rows` by status, for paging a filtered preview. */
  byStatus: Record<ImportRowStatus, number[]>;
  rowsSeen: number;
  /** New partners named by accepted rows, by normalised name, in first-seen order. */
  newPartners: Map<string, string>;
  result: ImportCommitResult | null;
  /** Import batches recorded when the rows were checked for duplicates. */
  batchesAtCheck: number;
  worker: Worker | null;
  /** Resolves when reading and checking have ended (ready, failed or cancelled). */
  settled: Promise<void>;
  settle: () => void;
  touchedAt: number;
}

/**
 * The ESM entry of tsx's register API. A worker thread does not inherit the loader hooks of the
 * thread that starts it (Node 20), so a worker of TypeScript code registers tsx itself first.
 */
function tsxRegisterUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> }).exports;
  const entry = exportsMap['./esm/api']?.import?.default;
  if (entry === undefined) throw new AppError('internal', { reason: 'tsx has no ./esm/api export' });
  return pathToFileURL(join(dirname(packageJson), entry)).href;
}

/**
 * Starts the import worker: next to this module when it runs as TypeScript (CLI, tests, web host
 * through tsx), else the bundled `import-worker.js` beside the core host (Electron build).
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./worker.ts', here).href;
    const boot = `import(${JSON.stringify(tsxRegisterUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true });
  }
  for (const candidate of ['./import-worker.js', '../import-worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return new Worker(url);
  }
  throw new AppError('internal', { reason: 'import-worker.js is missing from the build' });
}

function startWorker(request: ToWorker, onMessage: (message: FromWorker) => void, onFailure: (reason: string) => void): Worker {
  const worker = spawnWorker();
  worker.on('message', onMessage);
  worker.on('error', (error) => onFailure(error.message));
  worker.on('exit', (code) => {
    if (code !== 0) onFailure(`worker stopped (${code})`);
  });
  worker.postMessage(request);
  return worker;
}

const emptyByStatus = (): Record<ImportRowStatus, number[]> => ({ accepted: [], rejected: [], duplicate: [] });

/** What a job knows before its file is read (again). */
function freshReading() {
  return {
    phase: 'reading',
    rowsDone: 0,
    rowsTotal: 0,
    error: null,
    choice: null,
    alreadyImported: null,
    rows: [],
    byStatus: emptyByStatus(),
    rowsSeen: 0,
    newPartners: new Map(),
    result: null,
    batchesAtCheck: 0,
  } satisfies Partial<Job>;
}

export function submitterKey(submitter: string | null): string | null {
  if (submitter === null) return null;
  const key = normalizePartnerName(submitter);
  return key === '' ? null : key;
}

export function createImportJobs(deps: CoreDeps) {
  const jobs = new Map<string, Job>();

  function sweep(): void {
    const now = Date.now();
    const finished = [...jobs.values()].filter((j) => j.worker === null && j.phase !== 'committing');
    for (const job of finished) if (now - job.touchedAt > KEEP_MS) jobs.delete(job.id);
    const excess = jobs.size - MAX_JOBS;
    if (excess > 0) for (const job of finished.sort((a, b) => a.touchedAt - b.touchedAt).slice(0, excess)) jobs.delete(job.id);
  }

  function jobOf(jobId: string): Job {
    sweep();
    const job = jobs.get(jobId);
    if (!job) throw new AppError('not_found', { what: 'imports.what.job', id: jobId });
    job.touchedAt = Date.now();
    return job;
  }

  function regions(): RegionRef[] {
    return deps.db.$client
      .prepare<[], RegionRef>("SELECT code, level, name, parent_code AS parentCode FROM region WHERE level IN ('provinsi', 'kota', 'kecamatan', 'kelurahan')")
      .all();
  }

  function remembered(submitter: string | null): RememberedMapping[] {
    const key = submitterKey(submitter);
    if (key === null) return [];
    return deps.db.$client
      .prepare<[string], { kind: SubmissionKind; headerSignature: string; mapping: string }>(
        'SELECT kind, header_signature AS headerSignature, mapping FROM import_mapping WHERE submitter_key = ?',
      )
      .all(key)
      .map((r) => ({ kind: r.kind, headerSignature: r.headerSignature, mapping: JSON.parse(r.mapping) as Record<string, number> }));
  }

  function stopWorker(job: Job): void {
    const worker = job.worker;
    job.worker = null;
    if (worker) void worker.terminate();
  }

  /** Reads and checks the job's file (again) with its current options. */
  function begin(job: Job): void {
    stopWorker(job);
    job.run += 1;
    const run = job.run;
    Object.assign(job, freshReading());
    job.settle();
    job.settled = new Promise((resolve) => (job.settle = resolve));
    let check: ((row: Parameters<ReturnType<typeof createRowChecker>>[0]) => CheckedRow) | null = null;
    const finish = (phase: ImportPhase, error: Job['error'] = null) => {
      if (job.run !== run || job.worker === null) return;
      stopWorker(job);
      job.phase = phase;
      job.error = error;
      job.settle();
    };
    const request: ReadRequest = {
      type: 'read',
      bytes: job.bytes,
      fileName: job.fileName,
      kind: job.options.kind,
      sheet: job.options.sheet,
      mapping: job.options.mapping,
      remembered: remembered(job.submitter),
      regions: regions(),
      chunkSize: CHUNK_ROWS,
    };
    const handle = (message: FromWorker) => {
      switch (message.type) {
        case 'chosen': {
          const choice = message.choice;
          job.choice = choice;
          job.rowsTotal = choice.rowsTotal;
          job.alreadyImported = importedBatchOf(deps, choice.sha256);
          job.batchesAtCheck = importBatchCount(deps);
          if (choice.questions.length === 0 && choice.kind !== null && choice.layout !== null) {
            job.phase = 'validating';
            check = createRowChecker({ db: deps.db, kind: choice.kind, layout: choice.layout, lookups: createLookups(deps.db), today: today(deps.clock) });
          }
          break;
        }
        case 'rows':
          if (!check) break;
          for (const read of message.rows) {
            const checked = check(read);
            job.byStatus[checked.status].push(job.rows.length);
            job.rows.push(checked);
            const partner = checked.record?.newPartner;
            if (partner && !job.newPartners.has(partner.key)) job.newPartners.set(partner.key, partner.name);
          }
          job.rowsDone = job.rows.length;
          break;
        case 'done':
          job.rowsSeen = message.rowsSeen;
          finish('ready');
          break;
        case 'failed':
          finish('failed', { code: message.code, params: message.params });
          break;
        case 'workbook':
          break;
      }
    };
    // The worker's messages are handled one per turn of the event loop: a chunk of rows is checked,
    // then other calls (status, cancel) get their answer before the next chunk.
    const queue: FromWorker[] = [];
    const pump = () => {
      const message = queue.shift();
      if (message === undefined || job.run !== run || job.worker === null) return;
      try {
        handle(message);
      } catch (error) {
        finish('failed', error instanceof AppError ? { code: error.code, params: error.params } : { code: 'internal', params: { reason: String(error) } });
      }
      if (queue.length > 0) setImmediate(pump);
    };
    const onMessage = (message: FromWorker) => {
      queue.push(message);
      if (queue.length === 1) setImmediate(pump);
    };
    job.worker = startWorker(request, onMessage, (reason) => finish('failed', { code: 'internal', params: { reason } }));
  }

  function create(input: { fileName: string; bytes: Uint8Array; submitter: string | null } & JobOptions, ctx: CallContext): Job {
    sweep();
    const job: Job = {
      id: newId(),
      actor: ctx.actor,
      fileName: input.fileName,
      bytes: input.bytes,
      submitter: input.submitter,
      options: { kind: input.kind, sheet: input.sheet, mapping: input.mapping },
      run: 0,
      ...freshReading(),
      worker: null,
      settled: Promise.resolve(),
      settle: () => undefined,
      touchedAt: Date.now(),
    };
    jobs.set(job.id, job);
    begin(job);
    return job;
  }

  function reasonOf(reason: RowReason, t: ReturnType<typeof translator>): ImportError {
    return { row: reason.row, column: reason.column, value: reason.value, code: reason.code, message: t(reason.messageKey, reason.params) };
  }

  function previewRow(row: CheckedRow, t: ReturnType<typeof translator>): ImportPreviewRow {
    return { row: row.row, status: row.status, values: row.texts, reasons: row.reasons.map((r) => reasonOf(r, t)), duplicateOfBatchId: row.duplicateOfBatchId };
  }

  function counts(job: Job) {
    return { rows: job.rows.length, accepted: job.byStatus.accepted.length, rejected: job.byStatus.rejected.length, duplicates: job.byStatus.duplicate.length };
  }

  function preview(job: Job, ctx: CallContext): ImportPreview | null {
    const choice = job.choice;
    if (!choice) return null;
    const t = translator(ctx.lang);
    const errors: ImportError[] = [];
    let errorCount = 0;
    for (const index of job.byStatus.rejected) {
      const row = job.rows[index] as CheckedRow;
      errorCount += row.reasons.length;
      for (const reason of row.reasons) if (errors.length < MAX_PREVIEW_ERRORS) errors.push(reasonOf(reason, t));
    }
    const fields = choice.kind === null ? [] : submissionFields[choice.kind];
    return {
      file: choice.file,
      sha256: choice.sha256,
      alreadyImportedBatchId: job.alreadyImported?.id ?? null,
      alreadyImportedAt: job.alreadyImported?.importedAt ?? null,
      sheets: choice.sheets.map((s) => ({ ...s, requiredMissing: s.requiredMissing as ImportPreview['requiredMissing'] })),
      sheet: choice.sheet,
      kind: choice.kind,
      questions: choice.questions,
      candidates: choice.candidates.map((c) => ({ ...c, requiredMissing: c.requiredMissing as ImportPreview['requiredMissing'] })),
      fields: fields.map((f) => ({ key: f.key, header: f.header, required: f.required, example: f.example })),
      layout: choice.layout && { headerRow: choice.layout.headerRow, mapping: choice.layout.mapping, columns: choice.layout.columns, source: choice.layout.source },
      requiredMissing: choice.requiredMissing as ImportPreview['requiredMissing'],
      submitter: job.submitter,
      ...counts(job),
      newPartners: [...job.newPartners.values()],
      firstRows: { total: job.rows.length, rows: job.rows.slice(0, FIRST_PAGE).map((r) => previewRow(r, t)) },
      errors,
      errorCount,
    };
  }

  function status(job: Job, ctx: CallContext): ImportStatus {
    const t = translator(ctx.lang);
    const total = Math.max(job.rowsTotal, job.rowsDone);
    const progress = job.phase === 'ready' || job.phase === 'done' ? 1 : total === 0 ? 0 : Math.min(1, job.rowsDone / total);
    return {
      jobId: job.id,
      phase: job.phase,
      progress,
      rowsDone: job.rowsDone,
      rowsTotal: total,
      error: job.error && { code: job.error.code, message: t(`errors.${job.error.code}`, job.error.params) },
      preview: preview(job, ctx),
      result: job.result,
    };
  }

  /** The job must have been read and checked, with nothing left to ask, and not be written yet. */
  function assertCommittable(job: Job): SheetChoice {
    const choice = job.choice;
    if (job.phase !== 'ready' || !choice || choice.questions.length > 0 || choice.kind === null || choice.sheet === null || !choice.layout) {
      throw new AppError('import_not_ready', { phase: job.phase });
    }
    if (job.alreadyImported) throw new AppError('import_already_imported', { batchId: job.alreadyImported.id, importedAt: job.alreadyImported.importedAt });
    return choice;
  }

  async function commit(job: Job, allOrNothing: boolean): Promise<ImportCommitResult> {
    const choice = assertCommittable(job);
    const c = counts(job);
    if (allOrNothing && c.rejected > 0) return { batchId: null, accepted: 0, rejected: c.rejected, duplicates: c.duplicates, newPartners: [], refused: true };
    if (c.accepted === 0) {
      job.result = { batchId: null, accepted: 0, rejected: c.rejected, duplicates: c.duplicates, newPartners: [], refused: false };
      job.phase = 'done';
      return job.result;
    }
    job.phase = 'committing';
    job.rowsDone = 0;
    job.rowsTotal = c.accepted;
    // Let a status call see `committing` (and a cancel arrive) before the transaction holds the core.
    await new Promise((resolve) => setImmediate(resolve));
    if (job.phase !== 'committing') throw new AppError('import_cancelled', {});
    const layout = choice.layout as NonNullable<SheetChoice['layout']>;
    const key = submitterKey(job.submitter);
    const mapping = Object.fromEntries(Object.entries(layout.mapping).filter((entry): entry is [string, number] => entry[1] !== null));
    try {
      const outcome = commitBatch(deps, job.actor, {
        kind: choice.kind as SubmissionKind,
        fileName: job.fileName,
        sha256: choice.sha256,
        sheet: choice.sheet as string,
        rows: job.rows,
        rowsSeen: job.rowsSeen,
        batchesAtCheck: job.batchesAtCheck,
        mappingMemory: key !== null && layout.source === 'given' ? { submitterKey: key, headerSignature: layout.headerSignature, mapping } : null,
      });
      job.result = { ...outcome, refused: false };
      // Written: the prepared records are no longer needed, only what the preview shows.
      for (const row of job.rows) row.record = null;
      job.rowsDone = outcome.accepted;
      job.phase = 'done';
      return job.result;
    } catch (error) {
      job.phase = 'ready';
      throw error;
    }
  }

  async function rejectedWorkbook(job: Job, ctx: CallContext): Promise<{ fileName: string; bytes: Uint8Array }> {
    const choice = job.choice;
    if (!choice?.sheet || !choice.layout || (job.phase !== 'ready' && job.phase !== 'done')) throw new AppError('import_not_ready', { phase: job.phase });
    const t = translator(ctx.lang);
    const rows = job.byStatus.rejected.map((index) => {
      const row = job.rows[index] as CheckedRow;
      return { row: row.row, reasons: row.reasons.map((r) => `${r.column}: ${t(r.messageKey, r.params)}`).join('; ') };
    });
    const request: RejectedRequest = {
      type: 'rejected',
      bytes: job.bytes,
      fileName: job.fileName,
      sheet: choice.sheet,
      headerRow: choice.layout.headerRow,
      rows,
      reasonHeader: t('imports.rejectedColumn'),
    };
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      let done = false;
      const worker = startWorker(
        request,
        (message) => {
          if (message.type === 'workbook') resolve(message.bytes);
          else if (message.type === 'failed') reject(new AppError(message.code, message.params));
          else return;
          done = true;
          void worker.terminate();
        },
        (reason) => {
          if (!done) reject(new AppError('internal', { reason }));
        },
      );
    });
    const stem = job.fileName.replace(/\.[^.]+$/, '');
    return { fileName: `${stem} - ditolak.xlsx`, bytes };
  }

  return {
    /** Starts reading and checking a file; answers at once. */
    start(input: { fileName: string; bytes: Uint8Array; submitter: string | null } & JobOptions, ctx: CallContext): { jobId: string } {
      return { jobId: create(input, ctx).id };
    },
    /** Reads the same file again with another kind, sheet or mapping. */
    revise(jobId: string, options: JobOptions): { jobId: string } {
      const job = jobOf(jobId);
      if (job.phase === 'committing' || job.phase === 'done') throw new AppError('import_not_ready', { phase: job.phase });
      job.options = options;
      begin(job);
      return { jobId };
    },
    status: (jobId: string, ctx: CallContext) => status(jobOf(jobId), ctx),
    /** Resolves once the job has been read and checked (or failed, or was cancelled). */
    settled: (jobId: string) => jobOf(jobId).settled,
    rows(input: { jobId: string; status: ImportRowStatus | 'all'; offset: number; limit: number }, ctx: CallContext) {
      const job = jobOf(input.jobId);
      const t = translator(ctx.lang);
      const indexes = input.status === 'all' ? null : job.byStatus[input.status];
      const total = indexes ? indexes.length : job.rows.length;
      const picked = indexes
        ? indexes.slice(input.offset, input.offset + input.limit).map((i) => job.rows[i] as CheckedRow)
        : job.rows.slice(input.offset, input.offset + input.limit);
      return { total, rows: picked.map((r) => previewRow(r, t)) };
    },
    /** Why reading or checking failed, as the error to raise; null when it did not. */
    failure(jobId: string): AppError | null {
      const error = jobOf(jobId).error;
      return error && new AppError(error.code, error.params);
    },
    /** Every reason of every rejected row, in the caller's language (the CLI's `errors`). */
    errors(jobId: string, ctx: CallContext): ImportError[] {
      const job = jobOf(jobId);
      const t = translator(ctx.lang);
      return job.byStatus.rejected.flatMap((i) => (job.rows[i] as CheckedRow).reasons.map((r) => reasonOf(r, t)));
    },
    cancel(jobId: string): { jobId: string; phase: ImportPhase } {
      const job = jobOf(jobId);
      if (job.phase === 'done') throw new AppError('import_not_ready', { phase: job.phase });
      stopWorker(job);
      job.run += 1;
      job.phase = 'cancelled';
      job.rows = [];
      job.byStatus = emptyByStatus();
      job.newPartners = new Map();
      job.settle();
      return { jobId, phase: job.phase };
    },
    /** What committing would write (null before the kind is known), for the caller's scope check. */
    writes(jobId: string): ImportWrites | null {
      const job = jobOf(jobId);
      return job.choice?.kind ? writesOfRows(job.choice.kind, job.rows) : null;
    },
    commit: (jobId: string, allOrNothing: boolean) => commit(jobOf(jobId), allOrNothing),
    rejectedWorkbook: (jobId: string, ctx: CallContext) => rejectedWorkbook(jobOf(jobId), ctx),
    /** Stops every running worker (the host is closing). */
    close(): void {
      for (const job of jobs.values()) stopWorker(job);
      jobs.clear();
    },
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;
