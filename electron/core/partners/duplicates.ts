import { partnersMatching, partnersWithNormalizedName } from '../../../db/queries/partners';
import type { Output, ParsedInput } from '../../api/contract';
import type { CoreDeps } from '../context';
import { partnerSearchWords, prefixMatch } from '../search/fts';
import { normalizePartnerName } from './normalize';

const MAX_CANDIDATES = 5;
/** Search hits looked at for "similar": some may hold the words only in a contact name or e-mail. */
const SIMILAR_POOL = 50;

/**
 * Possible duplicates of a partner being typed: first those whose normalised name is the same
 * ("PT. Bank DKI" = "Bank DKI, PT" = "BANK DKI"), then those whose name holds every typed word as
 * the beginning of one of its words ("Bank DK" → "Bank DKI Syariah"). Merged partners never
 * appear; archived ones do (with `archivedAt`), since re-registering them is the usual mistake.
 */
export function findDuplicates(deps: Pick<CoreDeps, 'db'>, input: ParsedInput<'partner:duplicates'>): Output<'partner:duplicates'> {
  const { db } = deps;
  const normalized = normalizePartnerName(input.name);
  if (normalized === '') return { candidates: [] };
  const candidates: Output<'partner:duplicates'>['candidates'] = [];
  const seen = new Set<string>(input.excludeId === undefined ? [] : [input.excludeId]);
  const add = (row: ReturnType<typeof partnersWithNormalizedName>[number], reason: 'same_name' | 'similar') => {
    if (seen.has(row.id) || candidates.length >= MAX_CANDIDATES) return;
    seen.add(row.id);
    const { normalizedName: _normalized, ...rest } = row;
    candidates.push({ ...rest, reason });
  };
  for (const row of partnersWithNormalizedName(db, normalized, MAX_CANDIDATES + 1)) add(row, 'same_name');
  const words = partnerSearchWords(input.name);
  const match = prefixMatch(words);
  if (match !== null && candidates.length < MAX_CANDIDATES) {
    for (const row of partnersMatching(db, match, SIMILAR_POOL)) {
      // The search index also holds contact names and e-mail: keep only names that hold every word.
      const nameWords = row.normalizedName.split(' ');
      if (words.every((word) => nameWords.some((nameWord) => nameWord.startsWith(word)))) add(row, 'similar');
    }
  }
  return { candidates };
}
