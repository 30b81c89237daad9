import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeNpwp, normalizePhone } from '../../electron/api/contact-fields';

describe('normalizePhone', () => {
  it('stores every Indonesian spelling as +62 and the digits', () => {
    for (const text of ['0812-3456-7890', '0812 3456 7890', '+62 812 3456 7890', '62812.3456.7890', '+62-812-3456-7890', ' 081234567890 ']) {
      expect(normalizePhone(text), text).toBe('+6281234567890');
    }
    expect(normalizePhone('(021) 3822 255')).toBe('+62213822255');
  });

  it('takes 8 to 13 digits after the prefix, not starting with 0', () => {
    expect(normalizePhone('0' + '8'.repeat(8))).toBe('+62' + '8'.repeat(8));
    expect(normalizePhone('0' + '8'.repeat(13))).toBe('+62' + '8'.repeat(13));
    expect(normalizePhone('0' + '8'.repeat(7))).toBeNull();
    expect(normalizePhone('0' + '8'.repeat(14))).toBeNull();
    expect(normalizePhone('0081234567')).toBeNull();
  });

  it('refuses numbers of other countries, letters and other separators', () => {
    for (const text of ['+1 415 555 0100', '+6581234567', '0812-3456-789O', '0812/3456/7890', '', 'telepon']) {
      expect(normalizePhone(text), text).toBeNull();
    }
  });
});

describe('normalizeNpwp', () => {
  it('accepts 15 digits with or without dots and dash, and stores the usual form', () => {
    expect(normalizeNpwp('012345678901000')).toBe('01.234.567.8-901.000');
    expect(normalizeNpwp('01.234.567.8-901.000')).toBe('01.234.567.8-901.000');
    expect(normalizeNpwp(' 01 234 567 8 901 000 ')).toBe('01.234.567.8-901.000');
  });

  it('accepts the 16-digit form as plain digits', () => {
    expect(normalizeNpwp('3171012345678901')).toBe('3171012345678901');
    expect(normalizeNpwp('3171.0123.4567.8901')).toBe('3171012345678901');
  });

  it('refuses other lengths and letters', () => {
    for (const text of ['01234567890100', '01234567890100012', '01.234.567.8-901.00A', 'NPWP 012345678901000']) {
      expect(normalizeNpwp(text), text).toBeNull();
    }
  });
});

describe('normalizeEmail', () => {
  it('keeps a valid address with the domain in lower case', () => {
    expect(normalizeEmail(' Humas@BankDKI.co.id ')).toBe('Humas@bankdki.co.id');
    expect(normalizeEmail('a.b+c@sub.mitra.or.id')).toBe('a.b+c@sub.mitra.or.id');
  });

  it('refuses what is not an address', () => {
    for (const text of ['humas', 'humas@', '@bankdki.co.id', 'humas@bankdki', 'hu mas@bankdki.co.id', 'a@b@c.id', 'a..b@c.id', '.a@c.id', 'a@-c.id']) {
      expect(normalizeEmail(text), text).toBeNull();
    }
  });
});
