import type { Widen } from './widen';

/**
 * Messages of reading a submitted file: why a cell's value cannot be used (the codes of
 * electron/core/imports/values.ts) and why a whole file is refused (`unusable.*`, the reasons of
 * `import_file_unusable`). Each says what was found and what is expected. Registered under
 * `importValues` in `id.ts` and `en.ts`.
 */
const id = {
  empty: 'Kosong; kolom ini harus diisi.',
  not_a_number: '"{{value}}" bukan angka; tulis angkanya saja, misalnya 1.500 atau 1500.',
  ambiguous_number:
    '"{{value}}" bukan angka yang jelas; tulis misalnya 1.500 atau 1500 (titik memisahkan ribuan, koma memisahkan desimal; tulis "juta" atau "miliar", bukan M atau K).',
  not_integer: '"{{value}}" bukan bilangan bulat; yang diharapkan bilangan bulat tanpa pecahan, misalnya 2 (bukan 1,5).',
  not_positive: '"{{value}}" harus lebih besar dari 0.',
  negative: '"{{value}}" negatif; nilai Rupiah harus 0 atau lebih.',
  number_too_large: '"{{value}}" terlalu besar untuk dicatat.',
  date_number: '"{{value}}" adalah angka, bukan tanggal; format selnya sebagai tanggal atau tulis tanggalnya, misalnya 24/04/2020.',
  not_a_date: '"{{value}}" bukan tanggal; tulis misalnya 24/04/2020, 2020-04-24 atau 24 April 2020 (hari/bulan/tahun).',
  impossible_date:
    '"{{value}}" bukan tanggal yang ada: terbaca tanggal {{day}}, bulan {{month}}, tahun {{year}} (urutannya selalu hari/bulan/tahun).',
  year_two_digits: '"{{value}}": tulis tahun dengan 4 angka, misalnya 24/04/2020.',
  not_rw: '"{{value}}" bukan nomor RW; tulis misalnya 5, 05, RW 05 atau RW 005/RT 003.',
  rw_out_of_range: '"{{value}}": nomor RW harus 1 sampai 999.',
  unknown_kota: '"{{value}}" bukan Kota/Kabupaten Administrasi di DKI Jakarta; tulis misalnya Jakarta Selatan atau Kepulauan Seribu.',
  unknown_kota_suggestion: '"{{value}}" bukan Kota/Kabupaten Administrasi di DKI Jakarta; mungkin maksudnya {{suggestion}}?',
  ambiguous_kota: '"{{value}}" cocok dengan beberapa kota ({{candidates}}); tulis nama lengkapnya.',
  unknown_kecamatan: '"{{value}}" bukan kecamatan di DKI Jakarta.',
  unknown_kecamatan_suggestion: '"{{value}}" bukan kecamatan di DKI Jakarta; mungkin maksudnya {{suggestion}}?',
  ambiguous_kecamatan: 'Kecamatan "{{value}}" ada di beberapa kota ({{candidates}}); isi kolom Kota/Kabupaten.',
  kecamatan_elsewhere: 'Kecamatan "{{value}}" tidak berada di {{within}}; kecamatan itu ada di {{candidates}}.',
  unknown_kelurahan: '"{{value}}" bukan kelurahan di DKI Jakarta.',
  unknown_kelurahan_suggestion: '"{{value}}" bukan kelurahan di DKI Jakarta; mungkin maksudnya {{suggestion}}?',
  ambiguous_kelurahan: 'Kelurahan "{{value}}" ada di beberapa kecamatan ({{candidates}}); isi kolom Kecamatan.',
  kelurahan_elsewhere: 'Kelurahan "{{value}}" tidak berada di {{within}}; kelurahan itu ada di {{candidates}}.',
  unusable: {
    empty: 'berkasnya kosong',
    file_too_large: 'berkasnya lebih besar dari {{limit}} byte',
    not_spreadsheet: 'isinya bukan lembar kerja (.xlsx, .xls, .ods atau .csv), apa pun nama ekstensinya',
    unsupported_format: 'bentuk berkas ini (mis. .xlsb, atau halaman HTML/XML yang dinamai .xls) tidak didukung; simpan ulang sebagai .xlsx',
    encrypted: 'berkasnya dilindungi kata sandi; buka di Excel, hapus kata sandinya, simpan, lalu kirim ulang',
    corrupt: 'berkasnya rusak dan tidak dapat dibaca; minta pengirim menyimpan ulang dan mengirimkannya lagi',
    truncated: 'berkasnya terpotong (unduhan atau lampiran yang tidak lengkap); kirim ulang berkas yang utuh',
    unpacked_too_large: 'isi berkas yang dimampatkan ini menjadi lebih dari {{limit}} byte saat dibuka',
    too_many_rows: 'lembar "{{sheet}}" mencapai lebih dari {{limit}} baris; hapus baris di bawah data atau bagi berkasnya',
    too_many_columns: 'lembar "{{sheet}}" mencapai lebih dari {{limit}} kolom; hapus kolom di sebelah kanan data',
    too_many_cells: 'lembar "{{sheet}}" memuat lebih dari {{limit}} sel; bagi berkasnya',
    cell_too_long: 'sel {{cell}} di lembar "{{sheet}}" berisi lebih dari {{limit}} karakter',
  },
};

const en: Widen<typeof id> = {
  empty: 'Empty; this column must be filled in.',
  not_a_number: '"{{value}}" is not a number; write the number only, e.g. 1.500 or 1500.',
  ambiguous_number:
    '"{{value}}" is not a clear number; write e.g. 1.500 or 1500 (dots separate thousands, a comma separates decimals; write "juta" or "miliar", not M or K).',
  not_integer: '"{{value}}" is not a whole number; a whole number without fraction is expected, e.g. 2 (not 1,5).',
  not_positive: '"{{value}}" must be greater than 0.',
  negative: '"{{value}}" is negative; a Rupiah value must be 0 or more.',
  number_too_large: '"{{value}}" is too large to record.',
  date_number: '"{{value}}" is a number, not a date; format the cell as a date or type the date, e.g. 24/04/2020.',
  not_a_date: '"{{value}}" is not a date; write e.g. 24/04/2020, 2020-04-24 or 24 April 2020 (day/month/year).',
  impossible_date: '"{{value}}" is not a real date: it reads as day {{day}}, month {{month}}, year {{year}} (the order is always day/month/year).',
  year_two_digits: '"{{value}}": write the year with 4 digits, e.g. 24/04/2020.',
  not_rw: '"{{value}}" is not an RW number; write e.g. 5, 05, RW 05 or RW 005/RT 003.',
  rw_out_of_range: '"{{value}}": an RW number is 1 to 999.',
  unknown_kota: '"{{value}}" is not a city or regency of DKI Jakarta; write e.g. Jakarta Selatan or Kepulauan Seribu.',
  unknown_kota_suggestion: '"{{value}}" is not a city or regency of DKI Jakarta; did you mean {{suggestion}}?',
  ambiguous_kota: '"{{value}}" matches several cities ({{candidates}}); write the full name.',
  unknown_kecamatan: '"{{value}}" is not a kecamatan of DKI Jakarta.',
  unknown_kecamatan_suggestion: '"{{value}}" is not a kecamatan of DKI Jakarta; did you mean {{suggestion}}?',
  ambiguous_kecamatan: 'Kecamatan "{{value}}" exists in several cities ({{candidates}}); fill in the city column.',
  kecamatan_elsewhere: 'Kecamatan "{{value}}" is not in {{within}}; it is in {{candidates}}.',
  unknown_kelurahan: '"{{value}}" is not a kelurahan of DKI Jakarta.',
  unknown_kelurahan_suggestion: '"{{value}}" is not a kelurahan of DKI Jakarta; did you mean {{suggestion}}?',
  ambiguous_kelurahan: 'Kelurahan "{{value}}" exists in several kecamatan ({{candidates}}); fill in the Kecamatan column.',
  kelurahan_elsewhere: 'Kelurahan "{{value}}" is not in {{within}}; it is in {{candidates}}.',
  unusable: {
    empty: 'the file is empty',
    file_too_large: 'the file is larger than {{limit}} bytes',
    not_spreadsheet: 'its content is not a spreadsheet (.xlsx, .xls, .ods or .csv), whatever its extension says',
    unsupported_format: 'this kind of file (e.g. .xlsb, or an HTML/XML page named .xls) is not supported; save it again as .xlsx',
    encrypted: 'the file is password-protected; open it in Excel, remove the password, save it and send it again',
    corrupt: 'the file is damaged and cannot be read; ask the sender to save it again and resend it',
    truncated: 'the file is cut short (an incomplete download or attachment); send the whole file again',
    unpacked_too_large: 'this compressed file grows beyond {{limit}} bytes when opened',
    too_many_rows: 'sheet "{{sheet}}" reaches beyond {{limit}} rows; delete the rows below the data or split the file',
    too_many_columns: 'sheet "{{sheet}}" reaches beyond {{limit}} columns; delete the columns right of the data',
    too_many_cells: 'sheet "{{sheet}}" holds more than {{limit}} cells; split the file',
    cell_too_long: 'cell {{cell}} of sheet "{{sheet}}" holds more than {{limit}} characters',
  },
};

export const importValuesMessages = { id, en };
