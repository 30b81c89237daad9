/**
 * The few bytes of the POSIX tar (ustar) format a backup needs: regular files only, written and
 * read as streams, so any tar tool (7-Zip, tar, WinRAR) can open a KSBB backup too. The archive is
 * gzip-compressed by the caller.
 */

export const BLOCK = 512;
/** ustar stores the size in 11 octal digits: files up to 8 GiB. */
const MAX_ENTRY_BYTES = 8 ** 11 - 1;

function writeField(header: Buffer, offset: number, length: number, text: string): void {
  header.write(text, offset, length, 'latin1');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** The 512-byte header of a regular file. */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  if (Buffer.byteLength(name, 'latin1') > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new RangeError(`tar name not representable: ${name}`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_BYTES) throw new RangeError(`tar entry too large: ${name} (${size} bytes)`);
  const header = Buffer.alloc(BLOCK);
  writeField(header, 0, 100, name);
  writeField(header, 100, 8, octal(0o644, 8));
  writeField(header, 108, 8, octal(0, 8));
  writeField(header, 116, 8, octal(0, 8));
  writeField(header, 124, 12, octal(size, 12));
  writeField(header, 136, 12, octal(Math.max(0, Math.floor(mtimeSeconds)), 12));
  writeField(header, 148, 8, ' '.repeat(8));
  writeField(header, 156, 1, '0');
  writeField(header, 257, 6, 'ustar\0');
  writeField(header, 263, 2, '00');
  const sum = header.reduce((total, byte) => total + byte, 0);
  writeField(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** Zero bytes that bring an entry of `size` bytes to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of an archive: two zero blocks. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

export interface TarEntryHeader {
  name: string;
  size: number;
}

/**
 * Reads one header block: the entry, `null` for a zero block (the end), or an error message when
 * the block is not a ustar header of a regular file (not a tar, or damaged).
 */
export function parseTarHeader(block: Buffer): TarEntryHeader | null | string {
  if (block.every((byte) => byte === 0)) return null;
  const text = (offset: number, length: number) => block.toString('latin1', offset, offset + length).replace(/\0.*$/s, '');
  if (text(257, 6) !== 'ustar') return 'no ustar header';
  const stored = Number.parseInt(text(148, 8).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  if (stored !== sum) return 'header checksum mismatch';
  const type = text(156, 1);
  if (type !== '0' && type !== '') return `entry type ${type} is not a regular file`;
  const sizeText = text(124, 12).trim();
  if (!/^[0-7]+$/.test(sizeText)) return 'size field is not octal';
  return { name: text(0, 100), size: Number.parseInt(sizeText, 8) };
}
