import type { Db } from '../../../db/connection';
import { type AuthorityAnswer, checkAggregatorAuthority } from '../rules/aggregator-authority';
import { normalizePartnerName } from '../partners/normalize';
import { descendantRange } from '../regions/codes';
import { normaliseLabel } from './values';

/**
 * What checking a submission asks the database, each answer remembered for the rest of the job:
 * a 100,000-row file names a few hundred partners, items and places, so each is looked up once.
 */

export interface PartnerMatch {
  id: string;
  name: string;
  isCollaborator: boolean;
  isAggregator: boolean;
  archived: boolean;
  importBatchId: string | null;
}

export interface ItemMatch {
  id: string;
  programId: string;
  name: string;
  unit: string;
  money: boolean;
  archived: boolean;
}

export interface ProgramMatch {
  id: string;
  name: string;
}

export interface TargetMatch {
  id: string;
  kind: string;
  label: string;
  regionCode: string;
}

/** `compute` answered once per key (its answers are never undefined). */
function memo<K, V extends NonNullable<unknown>>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** The names an item type is known by: its name, without a leading "paket", each side of a "/", and its id's slug. */
function itemAliases(item: { id: string; name: string }): string[] {
  const name = normaliseLabel(item.name);
  const aliases = new Set([name, normaliseLabel(item.id.split('.').slice(1).join(' ').replaceAll('-', ' '))]);
  if (name.startsWith('paket ')) aliases.add(name.slice('paket '.length));
  for (const part of item.name.split('/')) aliases.add(normaliseLabel(part));
  aliases.delete('');
  return [...aliases];
}

export function createLookups(db: Db) {
  const client = db.$client;
  // A column holds the same few texts over and over: each is normalised once.
  const label = memo(normaliseLabel);
  const programs = client.prepare<[], ProgramMatch>('SELECT id, name FROM program ORDER BY sort_order').all();
  const programByLabel = new Map<string, ProgramMatch>();
  for (const p of programs) {
    programByLabel.set(normaliseLabel(p.name), p);
    programByLabel.set(normaliseLabel(p.id), p);
  }
  const items = client
    .prepare<[], { id: string; programId: string; name: string; unit: string; measure: string; archivedAt: string | null }>(
      'SELECT id, program_id AS programId, name, unit, measure, archived_at AS archivedAt FROM item_type',
    )
    .all()
    .map((i): ItemMatch => ({ id: i.id, programId: i.programId, name: i.name, unit: i.unit, money: i.measure === 'rupiah', archived: i.archivedAt !== null }));
  const itemsByAlias = new Map<string, ItemMatch[]>();
  for (const item of items) {
    for (const alias of itemAliases(item)) itemsByAlias.set(alias, [...(itemsByAlias.get(alias) ?? []), item]);
  }
  const agencies = client.prepare<[], { id: string; name: string; shortName: string }>('SELECT id, name, short_name AS shortName FROM agency').all();
  const agencyByLabel = new Map<string, string>();
  for (const a of agencies) for (const label of [a.id, a.name, a.shortName]) agencyByLabel.set(normaliseLabel(label), a.id);

  const partnersByName = client.prepare<[string], { id: string; name: string; isCollaborator: number; isAggregator: number; archivedAt: string | null; importBatchId: string | null }>(
    `SELECT id, name, is_collaborator AS isCollaborator, is_aggregator AS isAggregator, archived_at AS archivedAt, import_batch_id AS importBatchId
     FROM partner WHERE normalized_name = ? AND deleted_at IS NULL AND merged_into_id IS NULL`,
  );
  const targetsUnder = client.prepare<[string, string, string], { id: string; kind: string; name: string; regionCode: string }>(
    `SELECT id, kind, name, region_code AS regionCode FROM target
     WHERE deleted_at IS NULL AND (region_code = ? OR (region_code >= ? AND region_code < ?))`,
  );

  return {
    programs,
    /** A program by its name or id. */
    program: (text: string): ProgramMatch | null => programByLabel.get(label(text)) ?? null,
    /** Item types a text may name (`Sembako` → Paket sembako), in every program. */
    items: (text: string): ItemMatch[] => itemsByAlias.get(label(text)) ?? [],
    agency: (text: string): string | null => agencyByLabel.get(label(text)) ?? null,
    label,
    /** Live, unmerged partners whose normalised name is `key` (see normalizePartnerName). */
    partners: memo((key: string): PartnerMatch[] =>
      partnersByName.all(key).map((p) => ({
        id: p.id,
        name: p.name,
        isCollaborator: p.isCollaborator === 1,
        isAggregator: p.isAggregator === 1,
        archived: p.archivedAt !== null,
        importBatchId: p.importBatchId,
      })),
    ),
    partnerKey: memo(normalizePartnerName),
    /** The aggregator rule for one aggregator, date and money-or-not. */
    authority: memo((key: string): AuthorityAnswer => {
      const [aggregatorId, date, money] = key.split('|');
      return checkAggregatorAuthority(db, { aggregatorId: aggregatorId ?? '', date: date ?? '', money: money === '1' });
    }),
    /** Live targets at a wilayah or below it, with their names normalised. */
    targetsIn: memo((regionCode: string): TargetMatch[] => {
      const [from, to] = descendantRange(regionCode);
      return targetsUnder.all(regionCode, from, to).map((t) => ({ id: t.id, kind: t.kind, label: normaliseLabel(t.name), regionCode: t.regionCode }));
    }),
  };
}

export type Lookups = ReturnType<typeof createLookups>;
