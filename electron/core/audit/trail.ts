import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Output, ParsedInput } from '../../api/contract';
import type { auditFilterSchema } from '../../api/procedures/auth';
import type { CoreDeps } from '../context';
import { verifyAuditChain } from './verify-chain';

type AuditFilters = z.output<typeof auditFilterSchema>;
type AuditEntryRow = Output<'audit:list'>['rows'][number];

/** The first instant of a Jakarta calendar day (WIB, UTC+7, no daylight saving), as stored. */
const jakartaDayStart = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The filters as a WHERE clause over bound parameters (values never enter the SQL text). */
function whereOf(filters: AuditFilters): { clause: string; params: string[] } {
  const parts = ['1 = 1'];
  const params: string[] = [];
  const add = (part: string, value: string) => {
    parts.push(part);
    params.push(value);
  };
  if (filters.actor) add('actor LIKE ?', `%${filters.actor}%`);
  if (filters.tableName) add('table_name = ?', filters.tableName);
  if (filters.recordId) add('record_id = ?', filters.recordId);
  if (filters.from) add('at >= ?', jakartaDayStart(filters.from));
  if (filters.to) add('at < ?', jakartaDayStart(nextDay(filters.to)));
  return { clause: parts.join(' AND '), params };
}

const entryColumns = 'seq, at, actor, action, table_name AS tableName, record_id AS recordId, changes, import_batch_id AS importBatchId, hash';

/** A page of the audit trail, newest first by default, filtered by actor, table, record and Jakarta days. */
export function listAudit(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'audit:list'>): Output<'audit:list'> {
  const { clause, params } = whereOf(input.filters);
  const client = deps.db.$client;
  const direction = input.sort === 'seq' && input.direction === 'asc' ? 'ASC' : 'DESC';
  const total = client.prepare<string[], { n: number }>(`SELECT count(*) AS n FROM audit_log WHERE ${clause}`).get(...params)?.n ?? 0;
  const rows = client
    .prepare<(string | number)[], AuditEntryRow>(`SELECT ${entryColumns} FROM audit_log WHERE ${clause} ORDER BY seq ${direction} LIMIT ? OFFSET ?`)
    .all(...params, input.limit, input.offset);
  return { total, rows };
}

/** Every entry matching `filters` in chain order, for the audit export (streamed, never all in memory at once). */
export function iterateAudit(deps: Pick<CoreDeps, 'db'>, filters: AuditFilters): IterableIterator<AuditEntryRow> {
  const { clause, params } = whereOf(filters);
  return deps.db.$client.prepare<string[], AuditEntryRow>(`SELECT ${entryColumns} FROM audit_log WHERE ${clause} ORDER BY seq`).iterate(...params);
}

/**
 * Checks the whole chain and says what the first broken link most likely is: `edited` (its
 * fields no longer give its hash), `reordered` (it links to an entry that is still there, but
 * elsewhere), `deleted` (it links to an entry that is gone, or entries after the last were removed).
 */
export function verifyAudit(deps: Pick<CoreDeps, 'db'>): Output<'audit:verify'> {
  const { db } = deps;
  const { entries, firstBreak } = verifyAuditChain(db);
  if (firstBreak) {
    if (firstBreak.reason === 'hash') return { intact: false, entries, firstBreak: { seq: firstBreak.seq, kind: 'edited' } };
    const linked = db.get<{ prevHash: string } | undefined>(sql`SELECT prev_hash AS prevHash FROM audit_log WHERE seq = ${firstBreak.seq}`);
    const stillThere = linked !== undefined && db.get(sql`SELECT 1 AS found FROM audit_log WHERE hash = ${linked.prevHash}`) !== undefined;
    return { intact: false, entries, firstBreak: { seq: firstBreak.seq, kind: stillThere ? 'reordered' : 'deleted' } };
  }
  // AUTOINCREMENT remembers the highest seq ever given: entries cut off the end leave it above the last one.
  const highest = db.get<{ seq: number } | undefined>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`)?.seq ?? 0;
  const last = db.get<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM audit_log`).seq ?? 0;
  if (highest > last) return { intact: false, entries, firstBreak: { seq: last + 1, kind: 'deleted' } };
  return { intact: true, entries, firstBreak: null };
}
