import type { Widen } from './widen';

/**
 * Messages of the Peta sasaran screen (its controls, tooltip, keyboard help and table). Registered
 * under `mapScreen` in `id.ts` and `en.ts`. Measure names, legend headings, titles and a wilayah's
 * place in words are the map model's, under `map`; figure names the recaps', under `recaps`.
 */
const id = {
  title: 'Peta sasaran',
  subtitle: 'Di mana bantuan sudah sampai dan di mana masih kurang. Setiap wilayah membuka rekapnya sampai RW.',
  measure: 'Ukuran',
  level: 'Tingkat wilayah',
  display: {
    label: 'Tampilan',
    map: 'Peta',
    table: 'Tabel',
  },
  /** The item type the quantity figures are of, when no item type is filtered. */
  itemChosen: 'Angka jumlah dihitung untuk {{itemType}} ({{program}}, satuan {{unit}}): jenis bantuan yang paling banyak disalurkan dalam filter ini. Pilih jenis bantuan di filter untuk yang lain.',
  noItem: 'Tidak ada jenis bantuan dalam filter ini; angka jumlah bernilai 0.',
  keyboard: 'Tab masuk ke peta; tombol panah berpindah ke wilayah di sebelahnya; Enter atau klik membuka rekap wilayah itu; Esc menyembunyikan keterangan.',
  /** A wilayah on the map for a screen reader: where it is, then the mapped figure. */
  featureLabel: '{{place}}. {{measure}}: {{value}}',
  noData: 'tidak ada data',
  openRecap: 'Klik atau Enter: buka rekap sampai RW',
  /** Figure names the recaps and the map model have no short word for. */
  figure: {
    openNeed: 'Belum terpenuhi',
    families: 'Keluarga rentan',
    realisedPerFamily: 'Per keluarga rentan',
  },
  /** A table heading of a quantity: the figure, then the item type's unit. */
  withUnit: '{{label}} ({{unit}})',
  totals: 'Seluruh DKI Jakarta',
  table: {
    hint: 'Klik judul kolom untuk mengurutkan; Enter atau klik pada baris membuka rekap wilayah itu.',
  },
  download: {
    button: 'Unduh peta',
    svg: 'SVG (gambar vektor, untuk laporan)',
    png: 'PNG (gambar)',
    done: 'Peta disimpan sebagai {{fileName}}.',
  },
};

const en: Widen<typeof id> = {
  title: 'Target map',
  subtitle: 'Where help has arrived and where it is still short. Every wilayah opens its recap down to the RW.',
  measure: 'Measure',
  level: 'Region level',
  display: {
    label: 'View',
    map: 'Map',
    table: 'Table',
  },
  itemChosen: 'Quantities are counted for {{itemType}} ({{program}}, in {{unit}}): the item type delivered most within these filters. Choose an item type in the filters for another.',
  noItem: 'No item type within these filters; quantities are 0.',
  keyboard: 'Tab into the map; arrow keys move to the neighbouring wilayah; Enter or a click opens its recap; Esc hides the details.',
  featureLabel: '{{place}}. {{measure}}: {{value}}',
  noData: 'no data',
  openRecap: 'Click or Enter: open the recap down to RW',
  figure: {
    openNeed: 'Open need',
    families: 'Vulnerable families',
    realisedPerFamily: 'Per vulnerable family',
  },
  withUnit: '{{label}} ({{unit}})',
  totals: 'All of DKI Jakarta',
  table: {
    hint: 'Click a column heading to sort; Enter or a click on a row opens that wilayah’s recap.',
  },
  download: {
    button: 'Download map',
    svg: 'SVG (vector image, for reports)',
    png: 'PNG (image)',
    done: 'Map saved as {{fileName}}.',
  },
};

export const mapScreenMessages = { id, en };
