import type { Output } from '../../api/contract';
import { verifyAudit } from '../audit/trail';
import type { CoreDeps } from '../context';
import { verifyDocuments } from '../documents/service';

/** Most integrity or foreign-key problems listed; the count says how many there were. */
const MAX_LISTED = 100;

/**
 * `ksbb check` and the Cadangan screen's check: SQLite's own integrity check, every foreign key,
 * every stored document against its SHA-256, and the audit chain. Read-only.
 */
export function runCheck(deps: Pick<CoreDeps, 'db' | 'paths'>): Output<'check:run'> {
  const client = deps.db.$client;
  const integrity = (client.pragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .filter((message) => message !== 'ok');
  const foreignKeys = client
    .prepare<[], { table: string; rowid: number | null; parent: string; fkid: number }>('PRAGMA foreign_key_check')
    .all();
  const documents = verifyDocuments(deps);
  const audit = verifyAudit(deps);
  return {
    ok: integrity.length === 0 && foreignKeys.length === 0 && documents.problems.length === 0 && audit.intact,
    integrity: { problems: integrity.slice(0, MAX_LISTED), count: integrity.length },
    foreignKeys: {
      problems: foreignKeys.slice(0, MAX_LISTED).map((fk) => ({ table: fk.table, rowid: fk.rowid, parent: fk.parent })),
      count: foreignKeys.length,
    },
    documents,
    audit,
  };
}
