import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { exportTable } from './service';
import { verifyWorkbook } from './verify';

/** Workbook exports and their verification, as the screens ask for them (the file travels as base64). */
export function exportHandlers(deps: CoreDeps): DomainHandlers<'export:table' | 'export:verify'> {
  return {
    'export:table': (input, ctx) => {
      const file = exportTable(deps, input, ctx);
      return { fileName: file.fileName, contentBase64: file.bytes.toString('base64'), rows: file.rows, sha256: file.sha256 };
    },
    'export:verify': (input) => verifyWorkbook(Buffer.from(input.contentBase64, 'base64'), input.fileName),
  };
}
