import { sql } from 'drizzle-orm';
import { bestMatches, inRowidOrder } from '../../../db/queries/search';
import type { Output, ParsedInput } from '../../api/contract';
import type { CoreDeps } from '../context';
import { partnerSearchWords, prefixMatch, searchWords } from './fts';

type Hit = Output<'search:global'>['partners'][number];

/** Matches looked at per kind before merged/deleted ones are dropped. */
const POOL_FACTOR = 4;

const subtitle = (...parts: (string | null)[]) => {
  const shown = parts.filter((part): part is string => part !== null && part !== '');
  return shown.length > 0 ? shown.join(' · ') : null;
};

const rowidList = (rowids: readonly number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(rowids)}))`;

/**
 * The one search box: partners (name ignoring legal forms, contact, e-mail), PKS agreements
 * (number, partner name, notes) and targets (name, PIC, wilayah). Every word typed must begin a
 * word of the record; best matches first (see `bestMatches`); merged and deleted records never
 * appear, archived partners do (flagged).
 */
export function globalSearch(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'search:global'>): Output<'search:global'> {
  const { db } = deps;
  const partnerMatch = prefixMatch(partnerSearchWords(input.q));
  const plainMatch = prefixMatch(searchWords(input.q));
  const pool = input.limit * POOL_FACTOR;

  let partners: Hit[] = [];
  let agreements: Hit[] = [];
  let targets: Hit[] = [];
  if (partnerMatch !== null) {
    const partnerRowids = bestMatches(db, 'partner_search', partnerMatch, pool);
    const partnerRows = db.all<{ rowid: number; id: string; name: string; kind: string; archivedAt: string | null; contactName: string | null; regionName: string | null }>(sql`
      SELECT p.rowid AS rowid, p.id, p.name, p.entity_kind AS kind, p.archived_at AS archivedAt, p.contact_name AS contactName, r.name AS regionName
      FROM partner p LEFT JOIN region r ON r.code = p.region_code
      WHERE p.rowid IN ${rowidList(partnerRowids)} AND p.deleted_at IS NULL AND p.merged_into_id IS NULL`);
    partners = inRowidOrder(partnerRows, partnerRowids)
      .slice(0, input.limit)
      .map((row) => ({ id: row.id, title: row.name, subtitle: subtitle(row.contactName, row.regionName), kind: row.kind, archived: row.archivedAt !== null }));

    const agreementRowids = bestMatches(db, 'agreement_search', partnerMatch, pool);
    const agreementRows = db.all<{ rowid: number; id: string; number: string; status: string; partnerName: string | null; validUntil: string | null }>(sql`
      SELECT a.rowid AS rowid, a.id, a.number, a.status, p.name AS partnerName, a.valid_until AS validUntil
      FROM agreement a LEFT JOIN partner p ON p.id = a.partner_id
      WHERE a.rowid IN ${rowidList(agreementRowids)} AND a.deleted_at IS NULL`);
    agreements = inRowidOrder(agreementRows, agreementRowids)
      .slice(0, input.limit)
      .map((row) => ({ id: row.id, title: row.number, subtitle: subtitle(row.partnerName, row.validUntil), kind: row.status, archived: false }));
  }
  if (plainMatch !== null) {
    const targetRowids = bestMatches(db, 'target_search', plainMatch, pool);
    const targetRows = db.all<{ rowid: number; id: string; name: string; kind: string; picName: string | null; regionName: string | null; kelurahanName: string | null }>(sql`
      SELECT t.rowid AS rowid, t.id, t.name, t.kind, t.pic_name AS picName, r.name AS regionName,
             CASE WHEN length(t.region_code) > 13 THEN (SELECT name FROM region WHERE code = substr(t.region_code, 1, 13)) END AS kelurahanName
      FROM target t LEFT JOIN region r ON r.code = t.region_code
      WHERE t.rowid IN ${rowidList(targetRowids)} AND t.deleted_at IS NULL`);
    targets = inRowidOrder(targetRows, targetRowids)
      .slice(0, input.limit)
      .map((row) => ({
        id: row.id,
        title: row.name,
        subtitle: subtitle(row.picName, row.kelurahanName === null ? row.regionName : `${row.regionName ?? ''} ${row.kelurahanName}`.trim()),
        kind: row.kind,
        archived: false,
      }));
  }
  return { partners, agreements, targets };
}
