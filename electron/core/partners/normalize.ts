/** Legal-form words that say nothing about which partner it is ("PT.", "Tbk", "Yayasan", …). */
export const legalForms: ReadonlySet<string> = new Set(['pt', 'tbk', 'persero', 'cv', 'ud', 'perum', 'perumda', 'yayasan']);

/**
 * The key partners are matched on: case, accents, punctuation, spacing and legal-form words
 * ignored, so "PT. Sinar Jaya, Tbk", "Sinar Jaya, PT" and "sinar  jaya" are the same partner, and
 * "Yayasan Kasih" is "Kasih".
 */
export function normalizePartnerName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word !== '' && !legalForms.has(word))
    .join(' ');
}
