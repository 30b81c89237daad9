import type { EntityKind } from '../../../db/schema/partners';
import type { Random } from './random';

/** Word lists for plausible Indonesian names in demo data (no real person is named). */
const firstNames = [
  'Agus', 'Budi', 'Dewi', 'Siti', 'Rina', 'Andi', 'Yusuf', 'Fitri', 'Hendra', 'Wahyu', 'Nur', 'Ratna',
  'Bambang', 'Sri', 'Rudi', 'Indah', 'Eko', 'Lestari', 'Fajar', 'Ayu', 'Dimas', 'Putri', 'Reza', 'Maya',
];
const lastNames = [
  'Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Kusuma', 'Pratama', 'Lubis', 'Siregar', 'Nasution', 'Harahap',
  'Simanjuntak', 'Sitompul', 'Rahman', 'Setiawan', 'Gunawan', 'Hakim', 'Permana', 'Utami', 'Wibowo', 'Susanto',
];
const companyWords = [
  'Sinar', 'Maju', 'Bangun', 'Karya', 'Mitra', 'Sentosa', 'Abadi', 'Jaya', 'Nusantara', 'Sejahtera', 'Makmur',
  'Cahaya', 'Prima', 'Mandiri', 'Gemilang', 'Perkasa', 'Utama', 'Lestari', 'Bahari', 'Citra', 'Dharma', 'Mulia',
];
const foundationWords = ['Peduli', 'Kasih', 'Amal', 'Insan', 'Berbagi', 'Harapan', 'Cinta', 'Bakti', 'Sahabat', 'Cahaya'];
const communityWords = ['Relawan', 'Pemuda', 'Sedekah', 'Berbagi', 'Nasi', 'Jumat Berkah', 'Bersih', 'Hijau', 'Literasi'];
const associationFields = ['Pengusaha Ritel', 'Pengusaha Kuliner', 'Pengembang Perumahan', 'Logistik', 'Tekstil', 'Farmasi'];
const agencyWords = ['Kantor Wilayah', 'Balai', 'Perwakilan'];

export const aggregatorNames = [
  'BAZNAS (BAZIS) Provinsi DKI Jakarta',
  'PMI Provinsi DKI Jakarta',
  'Yayasan Aksi Cepat Tanggap',
  'Dompet Dhuafa Republika',
  'Rumah Zakat Indonesia',
  'Lazismu DKI Jakarta',
  'NU Care-LAZISNU DKI Jakarta',
  'Yayasan Kitabisa',
  'Human Initiative',
  'Yayasan Benih Baik',
];

export const collaboratorKinds: readonly (readonly [EntityKind, number])[] = [
  ['dunia_usaha', 45],
  ['bumn_bumd', 8],
  ['lembaga_sosial', 10],
  ['lembaga_filantropi', 5],
  ['asosiasi', 6],
  ['komunitas', 10],
  ['kelompok_masyarakat', 6],
  ['perorangan', 8],
  ['instansi_pemerintah', 2],
];

export function personName(random: Random): string {
  return `${random.pick(firstNames)} ${random.pick(lastNames)}`;
}

export function partnerName(random: Random, kind: EntityKind, kelurahanName: string): string {
  const words = () => `${random.pick(companyWords)} ${random.pick(companyWords)}`;
  switch (kind) {
    case 'dunia_usaha':
      return `PT ${words()}${random.chance(0.1) ? ' Tbk' : ''}`;
    case 'bumn_bumd':
      return random.chance(0.5) ? `Perumda ${words()}` : `PT ${words()} (Persero)`;
    case 'lembaga_sosial':
      return `Yayasan ${random.pick(foundationWords)} ${random.pick(companyWords)}`;
    case 'lembaga_filantropi':
      return `Filantropi ${random.pick(foundationWords)} ${random.pick(companyWords)}`;
    case 'asosiasi':
      return `Asosiasi ${random.pick(associationFields)} ${random.pick(companyWords)}`;
    case 'komunitas':
      return `Komunitas ${random.pick(communityWords)} ${random.pick(companyWords)}`;
    case 'kelompok_masyarakat':
      return `Karang Taruna ${kelurahanName}`;
    case 'perorangan':
      return personName(random);
    case 'instansi_pemerintah':
      return `${random.pick(agencyWords)} ${random.pick(companyWords)} ${random.pick(companyWords)}`;
  }
}

export function institutionName(random: Random, kind: 'pesantren' | 'panti_asuhan' | 'panti_werdha' | 'panti_disabilitas'): string {
  const base = `${random.pick(foundationWords)} ${random.pick(companyWords)}`;
  switch (kind) {
    case 'pesantren':
      return `Pondok Pesantren ${random.pick(['Al-Hikmah', 'Darul Ulum', 'Nurul Iman', 'Al-Falah', 'Baitul Quran'])} ${random.pick(companyWords)}`;
    case 'panti_asuhan':
      return `Panti Asuhan ${base}`;
    case 'panti_werdha':
      return `Panti Werdha ${base}`;
    case 'panti_disabilitas':
      return `Panti Disabilitas ${base}`;
  }
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 20);
}
