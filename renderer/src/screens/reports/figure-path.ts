import type { TFunction } from 'i18next';

/** A key (`realised`) or, in brackets, the name of a line (`[Paket sembako]`). */
const segmentPattern = /\[([^\]]*)\]|([^.[\]]+)/g;

/**
 * A changed figure's path (`kota[Kota Administrasi Jakarta Pusat].items[Paket sembako].realised`)
 * as a reader says it: `Kota › Kota Administrasi Jakarta Pusat › Barang › Paket sembako › terealisasi`.
 * Names stay as they are; keys are translated, and a key without a translation is shown as is.
 */
export function readableFigurePath(path: string, t: TFunction): string {
  const words: string[] = [];
  for (const [, name, key] of path.matchAll(segmentPattern)) {
    if (name !== undefined) words.push(name);
    else if (key !== undefined) words.push(t(`reports.screen.figure.${key}`, { defaultValue: key }));
  }
  return words.join(' › ');
}
