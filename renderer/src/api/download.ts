/** Base64 (as the API sends file contents) to the bytes a Blob takes. */
function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a file the API produced (an export, a template, a rejected-rows workbook, a stored
 * document) through the browser's download, under its own name. The renderer has no file system;
 * in the Electron window the same anchor download opens the save dialog.
 */
export function downloadBase64File({ fileName, contentBase64, mediaType }: { fileName: string; contentBase64: string; mediaType?: string }): void {
  const url = URL.createObjectURL(new Blob([bytesOf(contentBase64)], mediaType ? { type: mediaType } : {}));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later it has the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
