import type { Lang } from './i18n';

/**
 * id-ID formatting used by every screen, export and CLI message. Numbers and Rupiah keep the
 * Indonesian convention in both languages (the figures are Indonesian public money); month names
 * follow the UI language.
 */
const numberFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 });
const rupiahFormat = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});
const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** `1234567` → `1.234.567` */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** `1000000000` → `Rp 1.000.000.000` (with a no-break space, so it never wraps). */
export function formatRupiah(value: number): string {
  return rupiahFormat.format(value);
}

const compactFormat = new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * `217773075000` → `217,8 M`, `567500000` → `567,5 jt`, `950000` → `950 rb` (miliar, juta, ribu):
 * Rupiah in a crowded table, whose exact value is shown beside it (tooltip, detail, export).
 */
export function formatCompact(value: number): string {
  return compactFormat.format(value);
}

const decimalFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** `0.35` → `0,35`, `1.5` → `1,5`: a ratio such as paket per keluarga rentan. */
export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

/** `0.4567` → `45,7%` */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

const monthFormats: Record<Lang, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoToDate(value: string): Date {
  const match = isoDate.exec(value);
  if (!match) throw new RangeError(`not an ISO date: ${value}`);
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // Date.UTC rolls impossible days over (2020-02-30 → 1 March); such a value is not a date.
  if (date.toISOString().slice(0, 10) !== value) throw new RangeError(`not an ISO date: ${value}`);
  return date;
}

/** `2020-04-24` → `24 April 2020` (id) or `24 April 2020` (en); `2020-05-01` → `1 Mei 2020` / `1 May 2020`. */
export function formatDate(value: string, lang: Lang): string {
  return dateFormats[lang].format(isoToDate(value));
}

/** `2020-05-01` → `Mei 2020` (id) or `May 2020` (en): a month of a timeline. */
export function formatMonth(value: string, lang: Lang): string {
  return monthFormats[lang].format(isoToDate(value));
}

/**
 * The deliverers of a tumpang-tindih place in one line, each with what it delivered and what was
 * assigned to it there (the same words on screen and in the exported workbook).
 */
export function overlapPartnersText(
  partners: readonly { name: string; realised: number; assigned: number | null }[],
  amount: (value: number) => string,
  t: (key: string, values: Record<string, string>) => string,
): string {
  return partners
    .map((p) => {
      const values = { name: p.name, realised: amount(p.realised), assigned: amount(p.assigned ?? 0) };
      if (p.assigned === null) return t('recaps.overlapPartnerNoTarget', values);
      return t(p.assigned === 0 ? 'recaps.overlapPartnerUnassigned' : 'recaps.overlapPartner', values);
    })
    .join('; ');
}
