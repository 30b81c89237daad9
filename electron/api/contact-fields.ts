/**
 * Formats of contact and tax fields, shared by the core (which enforces them) and the renderer
 * (which may check a form before sending it). Pure functions, no imports.
 */

/** Separators people type inside phone numbers: spaces, dashes, dots, brackets around an area code. */
const PHONE_SEPARATORS = /[\s\-.()]/g;
const PHONE_PATTERN = /^(?:\+62|62|0)([1-9]\d{7,12})$/;

/**
 * An Indonesian phone number (mobile `0812-3456-7890`, landline `(021) 3822 255`, or with the
 * country code `+62 812 3456 7890` / `62812…`) stored one way: `+62` and the digits, no spaces
 * (E.164, e.g. `+6281234567890`). The part after `+62`/`62`/`0` is 8–13 digits and does not
 * start with 0. Null when the text is not such a number.
 */
export function normalizePhone(text: string): string | null {
  const match = PHONE_PATTERN.exec(text.trim().replace(PHONE_SEPARATORS, ''));
  return match ? `+62${match[1]}` : null;
}

/**
 * NPWP (tax number): 15 digits (`01.234.567.8-901.000`, the usual dots and dash optional) or the
 * 16-digit form (NIK-based, since 2024). Stored as `99.999.999.9-999.999` for 15 digits and as
 * plain digits for 16. Null when the text is neither.
 */
export function normalizeNpwp(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[\d\s.-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 16) return digits;
  if (digits.length !== 15) return null;
  return `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits.slice(8, 9)}-${digits.slice(9, 12)}.${digits.slice(12)}`;
}

/** An e-mail address: one `@`, a local part and a dotted domain, no spaces. Stored trimmed, domain in lower case. */
export function normalizeEmail(text: string): string | null {
  const trimmed = text.trim();
  const match = /^([^\s@]+)@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/i.exec(trimmed);
  if (!match || trimmed.length > 254 || /\.\./.test(match[1] ?? '') || /^\.|\.$/.test(match[1] ?? '')) return null;
  return `${match[1]}@${(match[2] ?? '').toLowerCase()}`;
}
