import { describe, expect, it } from 'vitest';
import { normalizePartnerName } from '../../electron/core/partners/normalize';

describe('normalizePartnerName', () => {
  it('ignores case, punctuation, spacing and legal-form words', () => {
    expect(normalizePartnerName('PT. Sinar Jaya, Tbk')).toBe('sinar jaya');
    expect(normalizePartnerName('  sinar   jaya ')).toBe('sinar jaya');
    expect(normalizePartnerName('PT Pertamina (Persero)')).toBe('pertamina');
    expect(normalizePartnerName('CV. Maju-Jaya')).toBe('maju jaya');
    expect(normalizePartnerName('Perumda Pasar Jaya')).toBe('pasar jaya');
    expect(normalizePartnerName('UD Makmur')).toBe('makmur');
  });

  it('strips accents', () => {
    expect(normalizePartnerName('Café Ñusantara')).toBe('cafe nusantara');
  });

  it('keeps words that only contain a legal form', () => {
    expect(normalizePartnerName('Cvjaya Ptkarya')).toBe('cvjaya ptkarya');
    expect(normalizePartnerName('Yayasan Kasih 2')).toBe('yayasan kasih 2');
  });

  it('tells different partners apart', () => {
    expect(normalizePartnerName('PT Sinar Jaya')).not.toBe(normalizePartnerName('PT Sinar Jaya Abadi'));
  });
});
