import { basename } from 'node:path';
import { runCheck } from '../check/service';
import type { CoreDeps } from '../context';
import type { DomainHandlers } from '../handlers';
import { DATABASE_ENTRY } from './archive';
import { backupIntoFolder, listBackups, locateBackup } from './service';

export function backupHandlers(deps: CoreDeps): DomainHandlers<'backup:create' | 'backup:list' | 'backup:locate' | 'check:run'> {
  return {
    'backup:create': async () => {
      const made = await backupIntoFolder(deps, 'manual');
      return {
        fileName: basename(made.path),
        path: made.path,
        kind: 'manual',
        createdAt: made.manifest.createdAt,
        sizeBytes: made.sizeBytes,
        files: made.manifest.files.length,
        documents: made.manifest.files.filter((f) => f.path !== DATABASE_ENTRY).length,
        schemaVersion: made.manifest.schemaVersion,
      };
    },
    'backup:list': () => listBackups(deps),
    'backup:locate': (input) => locateBackup(deps, input.fileName),
    'check:run': () => runCheck(deps),
  };
}
