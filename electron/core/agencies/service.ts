import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connection';
import { agency } from '../../../db/schema';
import type { Output, ParsedInput } from '../../api/contract';
import { AppError } from '../../api/errors';
import { inTransaction, journalWrite, updatedChanges } from '../audit/journal';
import type { CallContext, CoreDeps } from '../context';
import { fieldRequired, type RecordRef } from '../fields';

/**
 * SKPD (agencies): reference-like rows with a stable slug id, edited by the secretariat. Every
 * change is audited; they are not synced row by row (each device loads the same reference file).
 */

type AgencyRow = Output<'agency:create'>;

function agencyRows(db: Db, id?: string): AgencyRow[] {
  const rows = db.all<Omit<AgencyRow, 'programIds'> & { programIds: string }>(sql`
    SELECT a.id, a.name, a.short_name AS shortName,
           (SELECT json_group_array(id) FROM (SELECT id FROM program WHERE agency_id = a.id ORDER BY sort_order)) AS programIds,
           coalesce(g.n, 0) AS agreementCount
    FROM agency a
    LEFT JOIN (SELECT agency_id, count(*) AS n FROM agreement WHERE deleted_at IS NULL GROUP BY agency_id) g ON g.agency_id = a.id
    ${id === undefined ? sql`` : sql`WHERE a.id = ${id}`}
    ORDER BY a.name COLLATE NOCASE`);
  return rows.map((row) => ({ ...row, programIds: JSON.parse(row.programIds) as string[] }));
}

function agencyRow(db: Db, id: string): AgencyRow {
  const [row] = agencyRows(db, id);
  if (!row) throw new AppError('not_found', { what: 'partners.record.agency', id });
  return row;
}

export function listAgencies(deps: Pick<CoreDeps, 'db'>): Output<'agency:list'> {
  return { rows: agencyRows(deps.db) };
}

function checkAgency(values: { name: string; shortName: string }, record: RecordRef<'agency'>): { name: string; shortName: string } {
  const name = values.name.trim();
  const shortName = values.shortName.trim();
  if (name === '') throw fieldRequired(record, 'name', 'text');
  if (shortName === '') throw fieldRequired(record, 'shortName', 'text');
  return { name, shortName };
}

export function createAgency(deps: CoreDeps, input: ParsedInput<'agency:create'>, ctx: CallContext): AgencyRow {
  const { db } = deps;
  const values = checkAgency(input, { kind: 'agency', name: input.name });
  return inTransaction(db, () => {
    if (db.select({ id: agency.id }).from(agency).where(eq(agency.id, input.id)).get()) {
      throw new AppError('already_exists', { what: 'partners.record.agency', id: input.id, field: 'id' });
    }
    db.insert(agency).values({ id: input.id, ...values }).run();
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'create', tableName: 'agency', recordId: input.id, changes: { name: [null, values.name], shortName: [null, values.shortName] } },
      { tableName: 'agency', recordId: input.id, op: 'upsert', payload: values },
    );
    return agencyRow(db, input.id);
  });
}

export function updateAgency(deps: CoreDeps, input: ParsedInput<'agency:update'>, ctx: CallContext): AgencyRow {
  const { db } = deps;
  return inTransaction(db, () => {
    const before = db.select().from(agency).where(eq(agency.id, input.id)).get();
    if (!before) throw new AppError('not_found', { what: 'partners.record.agency', id: input.id });
    const after = checkAgency({ name: input.name ?? before.name, shortName: input.shortName ?? before.shortName }, { kind: 'agency', name: before.name });
    const changed = (['name', 'shortName'] as const).filter((key) => after[key] !== before[key]);
    if (changed.length === 0) return agencyRow(db, input.id);
    db.update(agency).set(after).where(eq(agency.id, input.id)).run();
    // Synced: partners, agreements and SKPD accounts on other devices name this agency.
    journalWrite(
      deps,
      { actor: ctx.actor, action: 'update', tableName: 'agency', recordId: input.id, changes: updatedChanges(before, after, changed) },
      { tableName: 'agency', recordId: input.id, op: 'upsert', payload: Object.fromEntries(changed.map((key) => [key, after[key]])) },
    );
    return agencyRow(db, input.id);
  });
}
