import { describe, expect, it } from 'vitest';
import { en } from '../../electron/api/i18n/en';
import { id } from '../../electron/api/i18n/id';
import { translator } from '../../electron/api/i18n';

/** Every leaf of a message tree as `path → text`; a non-string leaf fails the test. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value !== null && typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else throw new Error(`${path} is neither text nor a group`);
  }
  return out;
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]));

describe('i18n messages', () => {
  const idMessages = leaves(id);
  const enMessages = leaves(en);

  it('has the same keys in Bahasa Indonesia and English', () => {
    expect([...enMessages.keys()].sort()).toEqual([...idMessages.keys()].sort());
    expect(idMessages.size).toBeGreaterThan(50);
  });

  it('has no empty message', () => {
    for (const [key, text] of [...idMessages, ...enMessages]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same {{placeholders}} in both languages', () => {
    let checked = 0;
    for (const [key, idText] of idMessages) {
      const enText = enMessages.get(key) ?? '';
      expect(placeholders(enText), key).toEqual(placeholders(idText));
      checked += placeholders(idText).size;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('interpolates values through the translator', () => {
    expect(translator('en')('errors.unknown_procedure', { name: 'x:y' })).toBe('Unknown procedure: x:y');
    expect(translator('id')('errors.unknown_procedure', { name: 'x:y' })).toBe('Perintah tidak dikenal: x:y');
  });
});
