import type { RegionLevel } from '../../../db/schema/regions';

/** Length of a Kemendagri code at each level: `31`, `31.71`, `31.71.01`, `31.71.01.1001`, `31.71.01.1001.005`. */
export const codeLength: Record<RegionLevel, number> = {
  provinsi: 2,
  kota: 5,
  kecamatan: 8,
  kelurahan: 13,
  rw: 17,
};

export const childLevel: Record<RegionLevel, RegionLevel | null> = {
  provinsi: 'kota',
  kota: 'kecamatan',
  kecamatan: 'kelurahan',
  kelurahan: 'rw',
  rw: null,
};

export const PROVINCE_CODE = '31';

/** Code of RW number `rw` of a kelurahan: `31.71.01.1001` + 5 → `31.71.01.1001.005`. */
export function rwCode(kelurahanCode: string, rw: number): string {
  if (!Number.isInteger(rw) || rw < 1 || rw > 999) throw new RangeError(`RW must be 1–999, not ${rw}`);
  if (kelurahanCode.length !== codeLength.kelurahan) throw new RangeError(`not a kelurahan code: ${kelurahanCode}`);
  return `${kelurahanCode}.${String(rw).padStart(3, '0')}`;
}

/**
 * Bounds of every code under `code` for a range scan that an index can serve:
 * `code.` ≤ x < `code/` (`/` sorts right after `.`).
 */
export function descendantRange(code: string): [string, string] {
  return [`${code}.`, `${code}/`];
}
