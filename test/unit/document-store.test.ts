import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { MAX_DOCUMENT_BYTES } from '../../electron/api/procedures/agreements';
import { checkDocument, displayFileName, hashStoredFile, readStored, storeBytes, storedPath } from '../../electron/core/documents/store';
import { JPEG, PDF, PNG } from '../fixtures/documents';


const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
};

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

describe('displayFileName', () => {
  it('keeps only the last part of a path, whichever separator it uses', () => {
    expect(displayFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(displayFileName('C:\\x\\y.pdf')).toBe('y.pdf');
    expect(displayFileName('/home/sekretariat/PKS 001.pdf')).toBe('PKS 001.pdf');
    expect(displayFileName('..\\..\\..\\windows\\system32\\evil.png')).toBe('evil.png');
  });

  it('drops control and bidi-override characters and leading dots', () => {
    expect(displayFileName('scan\u0000\u0007\n.pdf')).toBe('scan.pdf');
    // With U+202E the name would display reversed after it; without it, it shows what it is.
    expect(displayFileName('PKS\u202Efdp.png')).toBe('PKSfdp.png');
    expect(displayFileName('..hidden.pdf')).toBe('hidden.pdf');
  });

  it('shortens a very long name but keeps its extension', () => {
    const name = displayFileName(`${'a'.repeat(500)}.pdf`);
    expect(name.length).toBeLessThanOrEqual(180);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('checkDocument', () => {
  it('accepts PDF, PNG and JPEG whose first bytes match the extension', () => {
    expect(checkDocument('PKS.pdf', PDF.length, PDF)).toEqual({ fileName: 'PKS.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
    expect(checkDocument('scan.PNG', PNG.length, PNG).mediaType).toBe('image/png');
    expect(checkDocument('foto.jpg', JPEG.length, JPEG).mediaType).toBe('image/jpeg');
    expect(checkDocument('foto.jpeg', JPEG.length, JPEG).mediaType).toBe('image/jpeg');
  });

  it('refuses a file that is not what its extension says', () => {
    expect(codeOf(() => checkDocument('PKS.pdf', PNG.length, PNG))).toBe('document_content_mismatch');
    expect(codeOf(() => checkDocument('scan.png', JPEG.length, JPEG))).toBe('document_content_mismatch');
    expect(codeOf(() => checkDocument('foto.jpg', PDF.length, PDF))).toBe('document_content_mismatch');
    const html = Buffer.from('<html><script>alert(1)</script>');
    expect(codeOf(() => checkDocument('PKS.pdf', html.length, html))).toBe('document_content_mismatch');
    expect(codeOf(() => checkDocument('PKS.pdf', 0, Buffer.alloc(0)))).toBe('document_content_mismatch');
    // Four of the five PDF magic bytes are not enough.
    expect(codeOf(() => checkDocument('PKS.pdf', 4, Buffer.from('%PDF')))).toBe('document_content_mismatch');
  });

  it('refuses other types, including a PDF disguised with another extension', () => {
    expect(codeOf(() => checkDocument('PKS.exe', PDF.length, PDF))).toBe('document_type_not_allowed');
    expect(codeOf(() => checkDocument('PKS.pdf.exe', PDF.length, PDF))).toBe('document_type_not_allowed');
    expect(codeOf(() => checkDocument('PKS', PDF.length, PDF))).toBe('document_type_not_allowed');
    expect(codeOf(() => checkDocument('PKS.docx', PDF.length, PDF))).toBe('document_type_not_allowed');
  });

  it('accepts exactly 50 MiB and refuses one byte more', () => {
    expect(checkDocument('big.pdf', MAX_DOCUMENT_BYTES, PDF).sizeBytes).toBe(MAX_DOCUMENT_BYTES);
    expect(codeOf(() => checkDocument('big.pdf', MAX_DOCUMENT_BYTES + 1, PDF))).toBe('document_too_large');
  });
});

describe('the content-addressed store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ksbb-docs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under <sha256[0..2]>/<sha256> and the same bytes only once', () => {
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(storeBytes(dir, PDF)).toEqual({ sha256: sha, alreadyStored: false });
    expect(storeBytes(dir, Buffer.from(PDF))).toEqual({ sha256: sha, alreadyStored: true });
    expect(filesUnder(dir)).toEqual([join(sha.slice(0, 2), sha)]);
    expect(readFileSync(storedPath(dir, sha)).equals(PDF)).toBe(true);
    storeBytes(dir, PNG);
    expect(filesUnder(dir)).toHaveLength(2);
  });

  it('leaves no temporary file behind and stores read-only', () => {
    const { sha256 } = storeBytes(dir, JPEG);
    expect(filesUnder(dir).every((f) => !f.includes('.tmp-'))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(storedPath(dir, sha256)).mode & 0o222).toBe(0);
  });

  it('replaces a damaged copy when the same bytes are stored again', () => {
    const { sha256 } = storeBytes(dir, PDF);
    const path = storedPath(dir, sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, 'tampered');
    expect(hashStoredFile(path)).not.toBe(sha256);
    expect(codeOf(() => readStored(dir, { sha256, fileName: 'PKS.pdf' }))).toBe('document_corrupt');
    expect(storeBytes(dir, PDF).alreadyStored).toBe(false);
    expect(readStored(dir, { sha256, fileName: 'PKS.pdf' }).equals(PDF)).toBe(true);
  });

  it('never builds a path from anything but a SHA-256', () => {
    expect(codeOf(() => storedPath(dir, '../../etc/passwd'))).toBe('document_corrupt');
    expect(codeOf(() => storedPath(dir, 'A'.repeat(64)))).toBe('document_corrupt');
    const sha = 'ab'.repeat(32);
    expect(storedPath(dir, sha).startsWith(dir + sep)).toBe(true);
    expect(codeOf(() => readStored(dir, { sha256: sha, fileName: 'x.pdf' }))).toBe('document_missing');
  });
});
