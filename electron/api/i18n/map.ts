import type { Widen } from './widen';

/**
 * Messages of the map model, its SVG and `ksbb map`: measure names, titles, legend headings, the
 * figures of a wilayah (each path's `<title>`). Registered under `map` in `id.ts` and `en.ts`.
 */
const id = {
  measure: {
    realised: 'Realisasi',
    'realised-per-family': 'Realisasi per keluarga rentan',
    coverage: 'Cakupan kebutuhan',
    'open-need': 'Kebutuhan belum terpenuhi',
    partners: 'Jumlah kolaborator',
    overlap: 'Tumpang tindih',
  },
  /** A quantity measure names its item type; the counts do not. */
  title: {
    item: '{{measure}} {{itemType}} ({{unit}}) per {{level}}',
    count: '{{measure}} per {{level}}',
  },
  unit: {
    realised: '{{unit}}',
    'realised-per-family': '{{unit}} per keluarga',
    coverage: '% kebutuhan',
    'open-need': '{{unit}}',
    partners: 'kolaborator',
    overlap: 'kasus',
  },
  inset: 'Kepulauan Seribu',
  noData: 'Tidak ada data',
  /** A path's `<title>`: the wilayah, where it lies, its figures. */
  feature: {
    kelurahan: 'Kelurahan {{name}}, Kec. {{kecamatan}}, {{kota}}',
    kecamatan: 'Kecamatan {{name}}, {{kota}}',
    kota: '{{name}}',
    figures:
      'Realisasi {{realised}} {{unit}} · kebutuhan {{need}} · cakupan {{coverage}} · belum terpenuhi {{openNeed}} · keluarga rentan {{families}} · per keluarga {{perFamily}} · kolaborator {{partners}} · agregator {{aggregators}} · tumpang tindih {{overlap}}',
    none: '–',
  },
  cli: {
    missingMeasure: '--measure wajib diisi: {{allowed}}.',
    badMeasure: 'Ukuran --measure "{{value}}" tidak dikenal; pilih salah satu: {{allowed}}.',
    badLevel: 'Tingkat --level "{{value}}" tidak dikenal; pilih kelurahan, kecamatan atau kota.',
    missingOut: '--out BERKAS.svg atau --out BERKAS.png wajib diisi.',
    badOut: 'Berkas keluaran "{{value}}" harus berakhiran .svg atau .png.',
    written: 'Peta "{{title}}" ({{features}} wilayah) ditulis ke {{path}}, {{bytes}} byte.',
  },
};

const en: Widen<typeof id> = {
  measure: {
    realised: 'Realised',
    'realised-per-family': 'Realised per vulnerable family',
    coverage: 'Need coverage',
    'open-need': 'Open need',
    partners: 'Number of collaborators',
    overlap: 'Overlap',
  },
  title: {
    item: '{{measure}} {{itemType}} ({{unit}}) per {{level}}',
    count: '{{measure}} per {{level}}',
  },
  unit: {
    realised: '{{unit}}',
    'realised-per-family': '{{unit}} per family',
    coverage: '% of need',
    'open-need': '{{unit}}',
    partners: 'collaborators',
    overlap: 'cases',
  },
  inset: 'Kepulauan Seribu',
  noData: 'No data',
  feature: {
    kelurahan: 'Kelurahan {{name}}, {{kecamatan}} district, {{kota}}',
    kecamatan: '{{name}} district, {{kota}}',
    kota: '{{name}}',
    figures:
      'Realised {{realised}} {{unit}} · need {{need}} · coverage {{coverage}} · open need {{openNeed}} · vulnerable families {{families}} · per family {{perFamily}} · collaborators {{partners}} · aggregators {{aggregators}} · overlap {{overlap}}',
    none: '–',
  },
  cli: {
    missingMeasure: '--measure is required: {{allowed}}.',
    badMeasure: 'Unknown --measure "{{value}}"; choose one of: {{allowed}}.',
    badLevel: 'Unknown --level "{{value}}"; choose kelurahan, kecamatan or kota.',
    missingOut: '--out FILE.svg or --out FILE.png is required.',
    badOut: 'The output file "{{value}}" must end in .svg or .png.',
    written: 'Map "{{title}}" ({{features}} wilayah) written to {{path}}, {{bytes}} bytes.',
  },
};

export const mapMessages = { id, en };
