import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DOCUMENT_BYTES, type DocumentMediaType } from '../../api/procedures/agreements';
import { AppError } from '../../api/errors';

/**
 * The content-addressed document store (PKS scans): each file lives once under
 * `<documentsDir>/<first two hex digits>/<sha256>`, whatever it was called and however often it
 * is attached. The original name is only ever a display name, never part of a path.
 */

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** Longest display name kept (the extension is kept when shortening). */
const MAX_NAME_LENGTH = 180;
const VIEW_DIR = '.view';

interface AcceptedType {
  mediaType: DocumentMediaType;
  /** The bytes every file of this type starts with. */
  magic: Buffer;
  /** What the type is called in messages. */
  label: string;
}

const pdf: AcceptedType = { mediaType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1'), label: 'PDF' };
const png: AcceptedType = { mediaType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), label: 'PNG' };
const jpeg: AcceptedType = { mediaType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]), label: 'JPEG' };

const acceptedExtensions: Record<string, AcceptedType> = { pdf, png, jpg: jpeg, jpeg };
const extensionOf: Record<DocumentMediaType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * The original file name reduced to a safe display name: only the last part of any path (`/` or
 * `\`), without control or bidirectional-override characters, trimmed and shortened (keeping
 * the extension). `../../etc/passwd.pdf` → `passwd.pdf`, `C:\x\y.pdf` → `y.pdf`.
 */
export function displayFileName(original: string): string {
  const last = original.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // C0/C1 controls and the Unicode bidi controls that can disguise an extension (U+202E …).
  const cleaned = last
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : '';
  return chars.slice(0, MAX_NAME_LENGTH - [...extension].length).join('').trimEnd() + extension;
}

export interface CheckedDocument {
  /** The display name (see `displayFileName`); never used in a path. */
  fileName: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
}

/**
 * Accepts PDF, JPEG and PNG up to 50 MiB whose first bytes match their extension; anything else
 * is refused with a message naming the file. Checks only: nothing is written.
 */
export function checkDocument(originalName: string, size: number, head: Uint8Array): CheckedDocument {
  const fileName = displayFileName(originalName);
  const dot = fileName.lastIndexOf('.');
  const type = dot >= 0 ? acceptedExtensions[fileName.slice(dot + 1).toLowerCase()] : undefined;
  if (!type) throw new AppError('document_type_not_allowed', { fileName: fileName || '?' });
  if (size > MAX_DOCUMENT_BYTES) throw new AppError('document_too_large', { fileName, size, max: MAX_DOCUMENT_BYTES });
  if (head.length < type.magic.length || !type.magic.equals(Buffer.from(head.buffer, head.byteOffset, type.magic.length))) {
    throw new AppError('document_content_mismatch', { fileName, expected: type.label });
  }
  return { fileName, mediaType: type.mediaType, sizeBytes: size };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the bytes with this SHA-256 live; refuses anything that is not a SHA-256 (a synced row could hold anything). */
export function storedPath(documentsDir: string, sha256: string): string {
  if (!SHA256_PATTERN.test(sha256)) throw new AppError('document_corrupt', { fileName: '?', sha256: sha256.slice(0, 64) });
  return join(documentsDir, sha256.slice(0, 2), sha256);
}

/** SHA-256 of a stored file read in chunks (files are up to 50 MiB), or null when it is not there. */
export function hashStoredFile(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(1024 * 1024);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

export interface StoredBytes {
  sha256: string;
  /** The store already held these exact bytes: nothing was written. */
  alreadyStored: boolean;
}

/**
 * Puts bytes into the store: written to a temporary file in the target folder and renamed into
 * place, so the store never holds half a file under a SHA-256 name. Bytes already there (and
 * still intact) are not written again; a damaged copy is replaced.
 */
export function storeBytes(documentsDir: string, bytes: Uint8Array): StoredBytes {
  const sha256 = sha256Of(bytes);
  const path = storedPath(documentsDir, sha256);
  const found = hashStoredFile(path);
  if (found === sha256) return { sha256, alreadyStored: true };
  // A damaged copy is replaced (removed first: renaming over a read-only file fails on Windows).
  if (found !== null) rmSync(path, { force: true });
  const dir = join(documentsDir, sha256.slice(0, 2));
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.tmp-${process.pid}-${randomBytes(8).toString('hex')}`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o444, flush: true });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { sha256, alreadyStored: false };
}

/** Reads a stored file after checking it still has its SHA-256. */
export function readStored(documentsDir: string, doc: { sha256: string; fileName: string }): Buffer {
  const path = storedPath(documentsDir, doc.sha256);
  if (!existsSync(path)) throw new AppError('document_missing', { fileName: doc.fileName, sha256: doc.sha256 });
  const bytes = readFileChunked(path);
  if (sha256Of(bytes) !== doc.sha256) throw new AppError('document_corrupt', { fileName: doc.fileName, sha256: doc.sha256 });
  return bytes;
}

function readFileChunked(path: string): Buffer {
  const size = statSync(path).size;
  const bytes = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === size ? bytes : bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/**
 * A read-only copy of a stored (and checked) file named `<sha256>.<ext>` in the store's `.view`
 * folder, for the system viewer: a viewer that saves over it cannot touch the evidence, and the
 * extension tells the system which program opens it.
 */
export function viewCopy(documentsDir: string, doc: { sha256: string; fileName: string; mediaType: DocumentMediaType }): string {
  const source = storedPath(documentsDir, doc.sha256);
  if (hashStoredFile(source) !== doc.sha256) {
    if (!existsSync(source)) throw new AppError('document_missing', { fileName: doc.fileName, sha256: doc.sha256 });
    throw new AppError('document_corrupt', { fileName: doc.fileName, sha256: doc.sha256 });
  }
  const dir = join(documentsDir, VIEW_DIR);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${doc.sha256}.${extensionOf[doc.mediaType]}`);
  if (hashStoredFile(target) === doc.sha256) return target;
  rmSync(target, { force: true });
  copyFileSync(source, target);
  chmodSync(target, 0o444);
  return target;
}
