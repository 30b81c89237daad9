import type { entityKindValues, licenceKindValues } from '../../api/procedures/partners';
import type { targetKindValues } from '../../api/procedures/targets';
import { normaliseLabel } from './values';

/**
 * The fixed lists a submission names in words (jenis lembaga, peran, jenis sasaran, status PKS,
 * jenis izin): the label the template offers first, then the other ways people write it.
 */

type Choices<V extends string> = readonly (readonly [V, readonly [string, ...string[]]])[];

export const entityKindChoices: Choices<(typeof entityKindValues)[number]> = [
  ['instansi_pemerintah', ['Instansi pemerintah', 'Pemerintah', 'Instansi', 'Kementerian', 'Lembaga pemerintah']],
  ['dunia_usaha', ['Dunia usaha', 'Swasta', 'Perusahaan', 'Badan usaha', 'Korporasi']],
  ['bumn_bumd', ['BUMN/BUMD', 'BUMN', 'BUMD', 'BUMN BUMD']],
  ['lembaga_sosial', ['Lembaga sosial/yayasan', 'Lembaga sosial', 'Yayasan', 'LSM', 'Ormas']],
  ['lembaga_filantropi', ['Lembaga filantropi', 'Filantropi', 'Lembaga zakat', 'LAZ']],
  ['asosiasi', ['Asosiasi', 'Perhimpunan']],
  ['komunitas', ['Komunitas']],
  ['kelompok_masyarakat', ['Kelompok masyarakat', 'Masyarakat', 'Warga']],
  ['perorangan', ['Perorangan', 'Individu', 'Pribadi', 'Perseorangan']],
];

/** A partner's roles as a submission writes them. */
export const roleChoices: Choices<'collaborator' | 'aggregator' | 'both'> = [
  ['collaborator', ['Kolaborator', 'Co-creator', 'Donatur']],
  ['aggregator', ['Agregator', 'Lembaga agregator']],
  ['both', ['Kolaborator dan Agregator', 'Kolaborator & Agregator', 'Kolaborator/Agregator', 'Keduanya']],
];

export const targetKindChoices: Choices<(typeof targetKindValues)[number]> = [
  ['rw', ['RW', 'Rukun Warga']],
  ['pesantren', ['Pesantren', 'Pondok pesantren', 'Ponpes']],
  ['panti_asuhan', ['Panti asuhan', 'Yatim piatu']],
  ['panti_disabilitas', ['Panti disabilitas', 'Disabilitas', 'Difabel']],
  ['panti_werdha', ['Panti werdha', 'Panti jompo', 'Panti wreda', 'Lansia']],
  ['panti_sosial', ['Panti sosial lainnya', 'Panti sosial', 'Panti']],
  ['kampung', ['Kampung']],
  ['umkm', ['UMKM', 'Usaha mikro']],
  ['sekolah', ['Sekolah', 'SD', 'SMP', 'SMA', 'SMK']],
];

export const agreementStatusChoices: Choices<'draft' | 'signed' | 'expired' | 'terminated'> = [
  ['draft', ['Draf', 'Draft', 'Rancangan']],
  ['signed', ['Ditandatangani', 'Berlaku', 'Aktif', 'Sudah ditandatangani', 'Signed']],
  ['expired', ['Kedaluwarsa', 'Berakhir', 'Expired', 'Kadaluarsa', 'Kadaluwarsa']],
  ['terminated', ['Diakhiri', 'Diputus', 'Dihentikan', 'Terminated']],
];

export const licenceKindChoices: Choices<(typeof licenceKindValues)[number]> = [
  ['izin_pub', ['PUB', 'Izin PUB', 'Izin pengumpulan uang atau barang', 'Pengumpulan uang dan barang']],
  ['lpds', ['LPDS', 'Izin LPDS', 'Lembaga pengumpul dana sosial']],
];

/** The label a template offers for each value. */
export function choiceLabels<V extends string>(choices: Choices<V>): string[] {
  return choices.map(([, labels]) => labels[0]);
}

/** The value a label names (any of its spellings, or the code itself), or null. */
export function matchChoice<V extends string>(choices: Choices<V>, text: string): V | null {
  const wanted = normaliseLabel(text);
  for (const [value, labels] of choices) {
    if (normaliseLabel(value) === wanted || labels.some((label) => normaliseLabel(label) === wanted)) return value;
  }
  return null;
}

