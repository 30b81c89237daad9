import type { CellValue, ParsedValue } from './submission';

/**
 * Turning what people type into cells into values: amounts, Rupiah, dates, RW numbers and
 * wilayah. Each parser answers a value or a message key under `importValues.` with the text it
 * found, and never throws on bad data. Nothing is guessed: a text that could mean two things is
 * refused and the message says how to write it.
 */

type Failure = { ok: false; code: string; params?: Record<string, string | number> };

const ok = <T>(value: T): ParsedValue<T> => ({ ok: true, value });
const fail = (code: string, params?: Record<string, string | number>): Failure => (params ? { ok: false, code, params } : { ok: false, code });

// ---- text ----

/** Whitespace other than single spaces, or invisible characters pasted from the web. */
const UNTIDY_SPACE = /\s\s|[^\S ]|[\u200b-\u200d\u2060\ufeff]/;

/**
 * A cell as one line of text: trimmed, runs of spaces, tabs and line breaks collapsed to one
 * space, invisible characters dropped; a number as a person reads it (`1500000`, `0.25`, never
 * `1e+21` or `1499999.9999999998`); a date cell as its ISO day; an empty cell as ''.
 */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') {
    const text = cell.trim();
    return UNTIDY_SPACE.test(text) ? text.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim() : text;
  }
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.isoDate;
}

/** A number with the 15 significant digits a spreadsheet shows, without exponent. */
function numberText(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  const shown = Number(value.toPrecision(15));
  const text = String(shown);
  return text.includes('e') ? shown.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

const PLAIN_LABEL = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/**
 * The form labels are compared in (item types, programs, target kinds, headers): accents
 * dropped, lower case, apostrophes removed inside words (`Jum'at` = `jumat`), every other
 * punctuation a word break, single spaces: `Paket  Sembako` = `paket sembako`, `Kab/Kota` = `kab kota`.
 */
export function normaliseLabel(text: string): string {
  if (PLAIN_LABEL.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---- numbers ----

/** An exact decimal: `digits` with the last `scale` of them after the decimal separator. */
interface Decimal {
  digits: bigint;
  scale: number;
}

type NumberReading = Decimal | 'ambiguous' | 'invalid';

const GROUPED_DOTS = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const GROUPED_COMMAS = /^[1-9]\d{0,2}(?:,\d{3})+$/;
const DIGITS = /^\d+$/;

function decimal(whole: string, fraction: string): Decimal {
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/**
 * Reads digits with `.` and `,` (no sign, no words). The rules, Indonesian first:
 * - `1234`, `05` — digits only.
 * - `1.234.567`, `1.500` — dots between groups of exactly three digits are thousands separators
 *   (so `1.500` is 1500, never 1,5).
 * - `1.234.567,00`, `1,5` — a single comma after such a number is the decimal separator.
 * - `1,234,567`, `1,234,567.00` — two or more commas between groups of three are English thousands
 *   separators, and then a single dot is the decimal point.
 * - `1.5`, `12.75`, `0.500` — a single dot that cannot be a thousands separator (not followed by
 *   exactly three digits, or after a 0 or more than three digits) is a decimal point.
 * - `1,500` — one comma before exactly three digits is 1500 in English and 1,5 in Indonesian:
 *   ambiguous. So is every other mix that fits no rule: `1.5.3`, `1,23,4`, `1.234,567.0`.
 */
function readNumber(text: string): NumberReading {
  if (DIGITS.test(text)) return decimal(text, '');
  if (!/^[\d.,]+$/.test(text) || !/^\d/.test(text) || !/\d$/.test(text)) return 'invalid';
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastComma < 0) {
    if (GROUPED_DOTS.test(text)) return decimal(text.replaceAll('.', ''), '');
    const [whole = '', fraction = '', extra] = text.split('.');
    return extra === undefined ? decimal(whole, fraction) : 'ambiguous';
  }
  if (lastDot < 0) {
    const parts = text.split(',');
    if (parts.length > 2) return GROUPED_COMMAS.test(text) ? decimal(text.replaceAll(',', ''), '') : 'ambiguous';
    const [whole = '', fraction = ''] = parts;
    if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) return 'ambiguous';
    return decimal(whole, fraction);
  }
  const [integer, fraction, grouped, separator] =
    lastComma > lastDot
      ? [text.slice(0, lastComma), text.slice(lastComma + 1), GROUPED_DOTS, '.']
      : [text.slice(0, lastDot), text.slice(lastDot + 1), GROUPED_COMMAS, ','];
  if (!DIGITS.test(fraction) || !grouped.test(integer)) return 'ambiguous';
  return decimal(integer.replaceAll(separator, ''), fraction);
}

/** Words for thousands and more that people write after a number; single letters (M, K, B, T) are not among them. */
const MAGNITUDES = new Map<string, bigint>([
  ['rb', 1_000n],
  ['ribu', 1_000n],
  ['jt', 1_000_000n],
  ['juta', 1_000_000n],
  ['miliar', 1_000_000_000n],
  ['milyar', 1_000_000_000n],
  ['milliar', 1_000_000_000n],
  ['triliun', 1_000_000_000_000n],
  ['trilyun', 1_000_000_000_000n],
]);
/** Letters that would be a magnitude in someone's head and a different one in another's (M = juta or miliar?). */
const AMBIGUOUS_SUFFIX = /^[mkbt]$/;
const CURRENCY_PREFIX = /^(?:rp|idr)\.?\s*/;
const CURRENCY_SUFFIX = /\s*(?:rupiah|rp|idr)\.?$/;
/** `Rp 1.000.000,-`, `1.000,--`: the dash after the comma says "no cents". */
const NO_CENTS = /[.,]\s*-+$/;

/** An amount as text: an optional Rp/IDR, a sign, the number and an optional magnitude word (`Rp 1,5 jt`). */
function readAmount(raw: string): { value: bigint; scale: number } | 'ambiguous' | 'invalid' {
  let text = raw.toLowerCase().replace(CURRENCY_PREFIX, '').replace(NO_CENTS, '').replace(CURRENCY_SUFFIX, '').trim();
  let negative = false;
  if (text.startsWith('-') || text.startsWith('\u2212')) {
    negative = true;
    text = text.slice(1).trimStart();
  }
  let magnitude = 1n;
  const worded = /^([\d.,]+)\s*([a-z]+)\.?$/.exec(text);
  if (worded) {
    const word = worded[2] as string;
    const known = MAGNITUDES.get(word);
    if (known === undefined) return AMBIGUOUS_SUFFIX.test(word) ? 'ambiguous' : 'invalid';
    magnitude = known;
    text = worded[1] as string;
  }
  const reading = readNumber(text);
  if (typeof reading === 'string') return reading;
  const value = reading.digits * magnitude;
  return { value: negative ? -value : value, scale: reading.scale };
}

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** A whole number from an exact decimal, or why not. */
function wholeOf(amount: { value: bigint; scale: number }, shown: string): ParsedValue<number> {
  const unit = 10n ** BigInt(amount.scale);
  if (amount.value % unit !== 0n) return fail('not_integer', { value: shown });
  const whole = amount.value / unit;
  if (whole > SAFE_MAX || whole < -SAFE_MAX) return fail('number_too_large', { value: shown });
  return ok(Number(whole));
}

/** A number cell as a whole number: spreadsheet arithmetic noise (`2.9999999999999996`) is rounded away, real fractions are not. */
function wholeOfNumber(value: number, shown: string): ParsedValue<number> {
  if (!Number.isFinite(value)) return fail('not_a_number', { value: shown });
  const rounded = Math.round(value);
  if (Math.abs(value - rounded) > 1e-6) return fail('not_integer', { value: shown });
  if (!Number.isSafeInteger(rounded)) return fail('number_too_large', { value: shown });
  return ok(rounded);
}

function wholeAmount(cell: CellValue): ParsedValue<number> {
  const shown = cellText(cell);
  if (shown === '') return fail('empty');
  if (typeof cell === 'number') return wholeOfNumber(cell, shown);
  if (typeof cell !== 'string') return fail('not_a_number', { value: shown });
  if (/^\d{1,15}$/.test(shown)) return ok(Number(shown));
  const amount = readAmount(shown);
  if (amount === 'ambiguous') return fail('ambiguous_number', { value: shown });
  if (amount === 'invalid') return fail('not_a_number', { value: shown });
  return wholeOf(amount, shown);
}

/**
 * A quantity: a whole number above zero. Number cells as they are (`2.9999999999999996` from a
 * formula is 3); text read by the rules of `readNumber` (`1.234.567`, `1.234.567,00`, `1,234,567`,
 * `1.500` = 1500), with an optional `Rp` and magnitude word as for Rupiah. `1,5` and `1.5` are
 * not whole (`not_integer`); `1,500`, `1.5.3`, `1,23,4`, `1M` are `ambiguous_number`.
 */
export function parseQuantity(cell: CellValue): ParsedValue<number> {
  const whole = wholeAmount(cell);
  if (whole.ok && whole.value <= 0) return fail('not_positive', { value: cellText(cell) });
  return whole;
}

/**
 * An amount in whole Rupiah, zero or more: as `parseQuantity`, and also `Rp 1.000.000`,
 * `Rp1.000.000,-`, `IDR 1,000,000`, `1.000.000 rupiah`, `Rp 1 juta`, `1,5 jt` (= 1.500.000),
 * `2 rb`/`ribu`, `Rp 1 miliar`/`milyar`, `1 triliun`. A part of a Rupiah (`Rp 1.000,50`, `0,5 rb` is
 * fine: 500) is `not_integer`; `1M`, `5K` are `ambiguous_number` (juta or miliar?).
 */
export function parseRupiah(cell: CellValue): ParsedValue<number> {
  const whole = wholeAmount(cell);
  if (whole.ok && whole.value < 0) return fail('negative', { value: cellText(cell) });
  return whole;
}

// ---- dates ----

const MONTHS = new Map<string, number>([
  ['januari', 1], ['january', 1], ['jan', 1],
  ['februari', 2], ['pebruari', 2], ['february', 2], ['feb', 2], ['peb', 2],
  ['maret', 3], ['march', 3], ['mar', 3], ['mrt', 3],
  ['april', 4], ['apr', 4],
  ['mei', 5], ['may', 5],
  ['juni', 6], ['june', 6], ['jun', 6],
  ['juli', 7], ['july', 7], ['jul', 7],
  ['agustus', 8], ['august', 8], ['agu', 8], ['agt', 8], ['ags', 8], ['agus', 8], ['aug', 8],
  ['september', 9], ['sep', 9], ['sept', 9],
  ['oktober', 10], ['october', 10], ['okt', 10], ['oct', 10],
  ['november', 11], ['nopember', 11], ['nov', 11], ['nop', 11],
  ['desember', 12], ['december', 12], ['des', 12], ['dec', 12],
]);
const WEEKDAYS = new Set([
  'senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu', 'ahad',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'sen', 'sel', 'rab', 'kam', 'jum', 'sab', 'min', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
]);
const TIME = String.raw`(?:[ t]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?: ?(?:wib|z))?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const DAY_MONTH_NAME = /^(\d{1,2})[\s./-]*([a-z]+)\.?[\s.,/-]*(\d{4}|\d{2})$/;
const MONTH_NAME_DAY = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const WEEKDAY_PREFIX = /^([a-z']+)\.?,?\s+/;

function dayOf(year: number, month: number, day: number, shown: string): ParsedValue<string> {
  const last = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > last) return fail('impossible_date', { value: shown, day, month, year });
  return ok(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

/**
 * A date as an ISO day. A date cell of the workbook as it is; a number is not a date (a bare
 * `43945` is refused: format the cell as a date or type the date). Text, always day before month:
 * `24/04/2020`, `24-04-2020`, `24.04.2020` (a time after it ignored), `2020-04-24`, `24 April 2020`,
 * `24 Apr 2020`, `24-Apr-2020`, `April 24, 2020`, with Indonesian or English month names
 * (`Mei`, `Agustus`, `Agt`, `Okt`, `Des`, old spellings `Pebruari`, `Nopember`) and a weekday in
 * front ignored (`Jumat, 24 April 2020`). `04/24/2020` is month 24: refused, never swapped;
 * `31/02/2020` does not exist; a two-digit year is refused rather than given a century.
 */
export function parseDate(cell: CellValue): ParsedValue<string> {
  const shown = cellText(cell);
  if (shown === '') return fail('empty');
  if (typeof cell === 'object' && cell !== null) return ok(cell.isoDate);
  if (typeof cell === 'number') return fail('date_number', { value: shown });
  if (typeof cell !== 'string') return fail('not_a_date', { value: shown });
  let text = shown.toLowerCase();
  const weekday = WEEKDAY_PREFIX.exec(text);
  if (weekday && WEEKDAYS.has((weekday[1] as string).replaceAll("'", ''))) text = text.slice(weekday[0].length);

  let m = YEAR_FIRST.exec(text);
  if (m) return dayOf(Number(m[1]), Number(m[3]), Number(m[4]), shown);
  m = DAY_FIRST.exec(text);
  if (m) {
    if ((m[4] as string).length === 2) return fail('year_two_digits', { value: shown });
    return dayOf(Number(m[4]), Number(m[3]), Number(m[1]), shown);
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) {
    const month = MONTHS.get(m[2] as string);
    if (month === undefined) return fail('not_a_date', { value: shown });
    if ((m[3] as string).length === 2) return fail('year_two_digits', { value: shown });
    return dayOf(Number(m[3]), month, Number(m[1]), shown);
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m) {
    const month = MONTHS.get(m[1] as string);
    if (month !== undefined) return dayOf(Number(m[3]), month, Number(m[2]), shown);
  }
  return fail('not_a_date', { value: shown });
}

// ---- RW ----

const RT_RW = /\brt\s*[./]\s*rw\b\D*?(\d+)\s*[/.-]\s*(\d+)/;
const RW_LABEL = /(?:^|[^a-z])rw\s*[.:\-/]?\s*(?:no\.?\s*)?(\d+)/;

/**
 * An RW number 1–999: `5`, `05`, `005`, `RW 05`, `RW.05`, `Rw:5`, `RW 005/ RT 003`, `RT 003/RW 005`,
 * `RT/RW 003/005` (the RT is ignored). Digits with no label are an RW only on their own: `005/003`
 * is refused (RT/RW or RW/RT?).
 */
export function parseRw(cell: CellValue): ParsedValue<number> {
  const shown = cellText(cell);
  if (shown === '') return fail('empty');
  let digits: string | undefined;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) return fail('not_rw', { value: shown });
    digits = shown;
  } else if (typeof cell === 'string') {
    const text = shown.toLowerCase();
    digits = DIGITS.test(text) ? text : (RT_RW.exec(text)?.[2] ?? RW_LABEL.exec(text)?.[1]);
  }
  if (digits === undefined) return fail('not_rw', { value: shown });
  const rw = Number(digits);
  if (!Number.isSafeInteger(rw) || rw < 1 || rw > 999) return fail('rw_out_of_range', { value: shown });
  return ok(rw);
}

// ---- wilayah ----

export interface RegionRow {
  code: string;
  level: string;
  name: string;
  parentCode: string | null;
}

export interface RegionMatcher {
  kota(cell: CellValue): ParsedValue<string>;
  kecamatan(cell: CellValue, kotaCode: string | null): ParsedValue<string>;
  kelurahan(cell: CellValue, within: { kotaCode: string | null; kecamatanCode: string | null }): ParsedValue<string>;
}

/** Words in front of a region's name that say its level, not which one it is. */
const LEVEL_WORDS: Record<'kota' | 'kecamatan' | 'kelurahan', ReadonlySet<string>> = {
  kota: new Set(['provinsi', 'dki', 'kota', 'kotamadya', 'kodya', 'kabupaten', 'kab', 'administrasi', 'administratif', 'adm']),
  kecamatan: new Set(['kecamatan', 'kec']),
  kelurahan: new Set(['kelurahan', 'kel', 'desa']),
};

/** How the words of DKI names are shortened in practice (`Jaksel`, `Jak-Sel`, `Kep. Seribu`, `Cempaka Putih Tim.`). */
const WORD_FORMS = new Map<string, readonly string[]>([
  ['jakarta', ['jakarta', 'jkt', 'jak']],
  ['pusat', ['pusat', 'pus', 'pst']],
  ['utara', ['utara', 'ut', 'utr']],
  ['barat', ['barat', 'bar', 'brt']],
  ['selatan', ['selatan', 'sel', 'slt']],
  ['timur', ['timur', 'tim', 'tmr']],
  ['tengah', ['tengah', 'teng', 'tgh']],
  ['kepulauan', ['kepulauan', 'kep', 'pulau']],
  ['pulau', ['pulau', 'p', 'pl']],
]);

/** The words of a region's name or of a cell, level words in front dropped. */
function nameWords(text: string, level: keyof typeof LEVEL_WORDS): string[] {
  const words = normaliseLabel(text).split(' ').filter((word) => word !== '');
  let start = 0;
  while (start < words.length - 1 && LEVEL_WORDS[level].has(words[start] as string)) start++;
  return words.slice(start);
}

/** Every spelling of a name made of its words' short forms, spaces removed (`jakarta selatan` → `jaksel`, `jktselatan`, …). */
function spellings(words: readonly string[]): string[] {
  let out = [''];
  for (const word of words) {
    const forms = WORD_FORMS.get(word) ?? [word];
    out = out.flatMap((prefix) => forms.map((form) => prefix + form));
  }
  return out;
}

/** Edits (insert, delete, replace) from one text to another, to suggest the name someone meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Matches kota, kecamatan and kelurahan cells against the wilayah reference. Kota by any usual
 * spelling (`Jakarta Selatan`, `Jaksel`, `JAKARTA SELATAN`, `Kota Adm. Jakarta Selatan`,
 * `Kota Administrasi Jakarta Selatan`, `Jak-Sel`, `Jakarta Sel.`, `Kep. Seribu`,
 * `Kab. Adm. Kepulauan Seribu`); kecamatan and kelurahan case-, spacing- and punctuation-
 * insensitive, within the kota and kecamatan of the same row, since names repeat. A Kemendagri
 * code of the right level is accepted too. A name that is not found is reported with the closest
 * name in scope when one is a typo away — suggested, never picked. Answers are remembered per
 * matcher, so 100,000 rows naming the same places cost a few lookups.
 */
export function createRegionMatcher(regions: readonly RegionRow[]): RegionMatcher {
  const byCode = new Map<string, RegionRow>();
  const bySpelling = { kota: new Map<string, string[]>(), kecamatan: new Map<string, string[]>(), kelurahan: new Map<string, string[]>() };
  const canonical = new Map<string, string>();
  for (const region of regions) {
    if (region.level !== 'kota' && region.level !== 'kecamatan' && region.level !== 'kelurahan') continue;
    byCode.set(region.code, region);
    const words = nameWords(region.name, region.level);
    canonical.set(region.code, words.join(''));
    const index = bySpelling[region.level];
    for (const spelling of new Set(spellings(words))) {
      const codes = index.get(spelling);
      if (codes === undefined) index.set(spelling, [region.code]);
      else if (!codes.includes(region.code)) codes.push(region.code);
    }
  }
  /** A region as messages name it: `Kecamatan Tebet`, `Kelurahan Manggarai`; a kota's own name already says `Kota Administrasi`. */
  const label = (code: string | null): string => {
    const region = code === null ? undefined : byCode.get(code);
    if (region === undefined) return code ?? '';
    return region.level === 'kota' ? region.name : `${region.level === 'kecamatan' ? 'Kecamatan' : 'Kelurahan'} ${region.name}`;
  };
  const parentLabel = (code: string) => label(byCode.get(code)?.parentCode ?? null);
  const inside = (code: string, scope: string | null) => scope === null || code.startsWith(`${scope}.`);
  const answers = new Map<string, ParsedValue<string>>();

  /** The closest name within scope, if it is a typo away from what was written. */
  const suggestion = (level: 'kota' | 'kecamatan' | 'kelurahan', written: string, scope: string | null): string | null => {
    const allowed = written.length >= 8 ? 2 : written.length >= 4 ? 1 : 0;
    let best: string | null = null;
    let bestDistance = allowed + 1;
    let tie = false;
    for (const region of byCode.values()) {
      if (region.level !== level || !inside(region.code, scope)) continue;
      const name = canonical.get(region.code) ?? '';
      if (Math.abs(name.length - written.length) > allowed) continue;
      const distance = editDistance(written, name);
      if (distance < bestDistance) {
        best = region.name;
        bestDistance = distance;
        tie = false;
      } else if (distance === bestDistance) tie = true;
    }
    return best !== null && !tie ? best : null;
  };

  const unknown = (level: 'kota' | 'kecamatan' | 'kelurahan', shown: string, written: string, scope: string | null): Failure => {
    const closest = suggestion(level, written, scope);
    return closest === null ? fail(`unknown_${level}`, { value: shown }) : fail(`unknown_${level}_suggestion`, { value: shown, suggestion: closest });
  };

  const match = (level: 'kota' | 'kecamatan' | 'kelurahan', cell: CellValue, scope: string | null): ParsedValue<string> => {
    const shown = cellText(cell);
    const key = `${level}|${scope ?? ''}|${shown}`;
    const known = answers.get(key);
    if (known !== undefined) return known;
    let answer: ParsedValue<string>;
    if (shown === '') answer = fail('empty');
    else {
      const coded = byCode.get(shown);
      const written = nameWords(shown, level).join('');
      const codes = coded?.level === level ? [coded.code] : (bySpelling[level].get(written) ?? []);
      const inScope = codes.filter((code) => inside(code, scope));
      if (codes.length === 0) answer = unknown(level, shown, written, scope);
      else if (inScope.length === 1) answer = ok(inScope[0] as string);
      else if (inScope.length > 1) {
        answer = fail(`ambiguous_${level}`, { value: shown, candidates: inScope.map(level === 'kota' ? label : parentLabel).join(', ') });
      } else answer = fail(`${level}_elsewhere`, { value: shown, within: label(scope), candidates: codes.map(parentLabel).join(', ') });
    }
    answers.set(key, answer);
    return answer;
  };

  return {
    kota: (cell) => match('kota', cell, null),
    kecamatan: (cell, kotaCode) => match('kecamatan', cell, kotaCode),
    kelurahan: (cell, within) => match('kelurahan', cell, within.kecamatanCode ?? within.kotaCode),
  };
}
