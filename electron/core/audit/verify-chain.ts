import type { Db } from '../../../db/connection';
import { auditHash, GENESIS_HASH } from './journal';

/** Where the audit chain first fails: the entry, and whether its link or its own hash is wrong. */
export interface AuditChainBreak {
  seq: number;
  /** `link`: its prev_hash is not the previous entry's hash (an entry was removed or moved); `hash`: its fields were changed. */
  reason: 'link' | 'hash';
}

export interface AuditChainResult {
  entries: number;
  firstBreak: AuditChainBreak | null;
}

interface ChainRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  tableName: string;
  recordId: string;
  changes: string;
  importBatchId: string | null;
  prevHash: string;
  hash: string;
}

/**
 * The one audit chain check (for `ksbb check`, `ksbb audit verify` and the screen): walks the
 * entries in order, recomputing each hash from the stored fields and the previous entry's hash,
 * and names the first entry that does not fit. Streams the rows: the log can hold millions.
 */
export function verifyAuditChain(db: Db): AuditChainResult {
  const rows = db.$client
    .prepare<[], ChainRow>(
      `SELECT seq, at, actor, action, table_name AS tableName, record_id AS recordId, changes,
              import_batch_id AS importBatchId, prev_hash AS prevHash, hash
       FROM audit_log ORDER BY seq`,
    )
    .iterate();
  let previous = GENESIS_HASH;
  let entries = 0;
  // Leaving the loop early ends the statement (for…of calls the iterator's return()).
  for (const row of rows) {
    entries++;
    if (row.prevHash !== previous) return { entries, firstBreak: { seq: row.seq, reason: 'link' } };
    if (auditHash(row.prevHash, row.at, row, row.changes) !== row.hash) return { entries, firstBreak: { seq: row.seq, reason: 'hash' } };
    previous = row.hash;
  }
  return { entries, firstBreak: null };
}
