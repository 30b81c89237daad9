import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt and a random salt per account. The stored hash names its
 * parameters (`scrypt$N$r$p$hex`), so stronger ones can be used later without breaking old hashes.
 */

const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 64;

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function hashPassword(password: string, salt: string): string {
  const key = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${key.toString('hex')}`;
}

export function passwordMatches(password: string, salt: string, stored: string): boolean {
  const [scheme, n, r, p, hex] = stored.split('$');
  if (scheme !== 'scrypt' || !hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const key = scryptSync(password.normalize('NFC'), salt, expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}
