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
    expect(normalizePartnerName('Yayasanku Kasih 2')).toBe('yayasanku kasih 2');
  });

  it('makes "PT. Bank DKI", "Bank DKI, PT" and "BANK DKI" one partner', () => {
    const spellings = ['PT. Bank DKI', 'Bank DKI, PT', 'BANK DKI', 'PT Bank DKI', ' bank  dki. '];
    expect(new Set(spellings.map(normalizePartnerName))).toEqual(new Set(['bank dki']));
    expect(normalizePartnerName('PT Bank DKI Syariah')).toBe('bank dki syariah');
  });

  it('drops Yayasan and CV like the other legal forms', () => {
    expect(normalizePartnerName('Yayasan Kasih Bangsa')).toBe('kasih bangsa');
    expect(normalizePartnerName('Kasih Bangsa, Yayasan')).toBe('kasih bangsa');
    expect(normalizePartnerName('YAYASAN Yayasan Kasih')).toBe('kasih');
    expect(normalizePartnerName('CV Maju Jaya')).toBe('maju jaya');
    expect(normalizePartnerName('Maju Jaya, CV.')).toBe('maju jaya');
    expect(normalizePartnerName('PT Bank Rakyat Indonesia (Persero) Tbk')).toBe('bank rakyat indonesia');
  });

  it('tells different partners apart', () => {
    expect(normalizePartnerName('PT Sinar Jaya')).not.toBe(normalizePartnerName('PT Sinar Jaya Abadi'));
  });
});
