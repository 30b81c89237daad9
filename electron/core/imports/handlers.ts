import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { listBatches, rollbackBatch } from './batches';
import { createImportJobs } from './jobs';
import { requireImportScope, writesOfBatch } from './scope';
import { buildTemplate } from './template';

export type ImportProcedureName =
  | 'import:template'
  | 'import:start'
  | 'import:revise'
  | 'import:status'
  | 'import:rows'
  | 'import:cancel'
  | 'import:commit'
  | 'import:rejected-workbook'
  | 'import:batches'
  | 'import:rollback';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Templates, import jobs (owned by this core's handler table), batches and their rollback. */
export function importHandlers(deps: CoreDeps): DomainHandlers<ImportProcedureName> {
  const jobs = createImportJobs(deps);
  return {
    'import:template': async (input) => {
      const template = await buildTemplate(deps, input.kind);
      return { fileName: template.fileName, contentBase64: base64(template.bytes) };
    },
    'import:start': (input, ctx) =>
      jobs.start(
        {
          fileName: input.fileName,
          bytes: Buffer.from(input.contentBase64, 'base64'),
          submitter: input.submitter,
          kind: input.kind,
          sheet: input.sheet,
          mapping: input.mapping,
        },
        ctx,
      ),
    'import:revise': (input) => jobs.revise(input.jobId, { kind: input.kind, sheet: input.sheet, mapping: input.mapping }),
    'import:status': (input, ctx) => jobs.status(input.jobId, ctx),
    'import:rows': (input, ctx) => jobs.rows(input, ctx),
    'import:cancel': (input) => jobs.cancel(input.jobId),
    'import:commit': (input, ctx) => {
      const writes = jobs.writes(input.jobId);
      if (writes) requireImportScope(deps.db, ctx, writes, 'import:commit');
      return jobs.commit(input.jobId, input.allOrNothing);
    },
    'import:rejected-workbook': async (input, ctx) => {
      const workbook = await jobs.rejectedWorkbook(input.jobId, ctx);
      return { fileName: workbook.fileName, contentBase64: base64(workbook.bytes) };
    },
    'import:batches': (input) => listBatches(deps, input),
    'import:rollback': (input, ctx) => {
      const writes = writesOfBatch(deps.db, input.batchId);
      if (writes) requireImportScope(deps.db, ctx, writes, 'import:rollback');
      return rollbackBatch(deps, input.batchId, ctx);
    },
  };
}
