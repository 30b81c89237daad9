import type { ParsedInput } from '../../api/contract';
import { requireProgramScope, requireRole, roleOf } from '../auth/scope';
import type { CallContext, CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { exportTable } from './service';
import { verifyWorkbook } from './verify';

/**
 * An SKPD account exports its own programs only: the export must be filtered to one of them
 * (partners and PKS by their list's program). Sekretariat and auditors export everything.
 */
function requireExportScope(ctx: CallContext, input: ParsedInput<'export:table'>): void {
  if (roleOf(ctx) !== 'skpd') return;
  const list = input.kind === 'partners' ? input.partnerList : input.kind === 'agreements' ? input.agreementList : input.filters;
  const programId = list?.programId;
  if (programId === undefined) requireRole(ctx, 'export:table', 'sekretariat', 'auditor');
  else requireProgramScope(ctx, [programId], 'export:table');
}

/** Workbook exports and their verification, as the screens ask for them (the file travels as base64). */
export function exportHandlers(deps: CoreDeps): DomainHandlers<'export:table' | 'export:verify'> {
  return {
    'export:table': (input, ctx) => {
      requireExportScope(ctx, input);
      const file = exportTable(deps, input, ctx);
      return { fileName: file.fileName, contentBase64: file.bytes.toString('base64'), rows: file.rows, sha256: file.sha256 };
    },
    'export:verify': (input) => verifyWorkbook(Buffer.from(input.contentBase64, 'base64'), input.fileName),
  };
}
