import { normalizePartnerName } from '../partners/normalize';

/** At most this many words of a search text are searched for; the rest only narrow further. */
const MAX_WORDS = 12;
/** Longer "words" (a pasted hash, a URL) are cut: FTS5 prefix queries on them find nothing anyway. */
const MAX_WORD_LENGTH = 64;

/**
 * The words of a search text split as FTS5's `unicode61 remove_diacritics 2` tokenizer splits
 * the indexed text: lower case, accents dropped, every character that is not a letter or a
 * digit a separator.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/**
 * The words to look a partner up by: its name normalised (legal forms such as PT, Tbk, CV,
 * Yayasan, Persero dropped), so "PT. Bank DKI", "Bank DKI, PT" and "BANK DKI" search alike.
 * A text that is nothing but legal forms ("PT", "Yayasan") is searched as written.
 */
export function partnerSearchWords(text: string): string[] {
  const words = normalizePartnerName(text).split(' ').filter((word) => word !== '');
  return words.length > 0 ? words.slice(0, MAX_WORDS) : searchWords(text);
}

/**
 * An FTS5 MATCH expression that finds rows holding every word as a prefix: `"bank"* "dki"*`.
 * Each word is a quoted string (a `"` doubled, though the words above never hold one), so no
 * user text can become FTS5 syntax: OR, AND, NOT, NEAR, `-`, `*`, `^`, `:` and parentheses are
 * either separators already dropped or plain text inside quotes. Null when there is no word.
 */
export function prefixMatch(words: readonly string[]): string | null {
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
