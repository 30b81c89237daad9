import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerSearchWords, prefixMatch, searchWords } from '../../electron/core/search/fts';

describe('search words', () => {
  it('splits like the FTS5 unicode61 tokenizer: lower case, accents dropped, punctuation separates', () => {
    expect(searchWords('Café  "Ñusantara"-Jaya (2020)')).toEqual(['cafe', 'nusantara', 'jaya', '2020']);
    expect(searchWords('001/PKS/KSBB/-1.863/2020')).toEqual(['001', 'pks', 'ksbb', '1', '863', '2020']);
    expect(searchWords('  ')).toEqual([]);
  });

  it('searches partners by their name without legal forms, so the three Bank DKI spellings search alike', () => {
    for (const q of ['PT. Bank DKI', 'Bank DKI, PT', 'BANK DKI']) expect(partnerSearchWords(q)).toEqual(['bank', 'dki']);
    // Nothing but a legal form: searched as typed rather than not at all.
    expect(partnerSearchWords('Yayasan')).toEqual(['yayasan']);
    expect(partnerSearchWords('PT.')).toEqual(['pt']);
  });

  it('builds a prefix query of quoted words, or null when there is nothing to search', () => {
    expect(prefixMatch(['bank', 'dki'])).toBe('"bank"* "dki"*');
    expect(prefixMatch([])).toBeNull();
    expect(prefixMatch(['a"b'])).toBe('"a""b"*');
  });
});

describe('prefix queries against a real FTS5 index', () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE s USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')`);
    const insert = db.prepare('INSERT INTO s (rowid, text) VALUES (?, ?)');
    insert.run(1, 'bank dki PT. Bank DKI');
    insert.run(2, 'sinar jaya PT Sinar Jaya (Persero)');
    insert.run(3, 'or not near komunitas OR NOT NEAR');
    insert.run(4, 'kasih bangsa Yayasan Kasih Bangsa');
  });
  afterAll(() => db.close());
  const search = (q: string, words = partnerSearchWords) => {
    const match = prefixMatch(words(q));
    return match === null ? null : db.prepare('SELECT rowid FROM s WHERE s MATCH ? ORDER BY rowid').pluck().all(match);
  };

  it('finds a partner from any spelling and from the beginnings of its words', () => {
    for (const q of ['PT. Bank DKI', 'Bank DKI, PT', 'BANK DKI', 'ban d', 'Yayasan Bank']) expect(search(q), q).toEqual([1]);
    expect(search('Yayasan Kasih')).toEqual([4]);
    expect(search('sin JAY')).toEqual([2]);
  });

  it('never lets user text become FTS5 syntax: it never throws and matches the words literally', () => {
    const hostile = [
      '"',
      '""',
      'bank"',
      '"bank dki',
      '*',
      'bank*',
      '* dki',
      '-bank',
      'bank -dki',
      'bank OR sinar',
      'OR',
      'NOT',
      'bank NOT dki',
      'AND',
      'NEAR(bank dki)',
      '(bank',
      'bank)',
      '((',
      'text:bank',
      '{text}: bank',
      '^bank',
      'bank + dki',
      "bank's",
      '\\',
      '\u0000',
    ];
    for (const q of hostile) {
      expect(() => search(q), q).not.toThrow();
      expect(() => search(q, searchWords), q).not.toThrow();
    }
    // OR / NOT / NEAR are words here, found only where those words are written.
    expect(search('bank OR sinar')).toEqual([]);
    expect(search('or not near')).toEqual([3]);
    expect(search('NEAR(bank dki)')).toEqual([]);
    expect(search('(bank')).toEqual([1]);
    expect(search('-bank')).toEqual([1]);
    expect(search('text:bank')).toEqual([]);
    expect(search('bank*')).toEqual([1]);
    expect(search('*')).toBeNull();
  });
});
