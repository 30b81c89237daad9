/**
 * How a host turns the report's HTML into a PDF: the CLI and the web host print with headless
 * Chromium (`chromium.ts`), the desktop app with a hidden window's `printToPDF` (electron/main).
 * Both print the same document with the same page settings: A4, the CSS `@page` rules (margins,
 * page numbers), backgrounds on.
 */
export type PrintPdf = (html: string) => Promise<Buffer>;

/** What the host lends the core beyond `CoreDeps`. */
export interface HostServices {
  printPdf?: PrintPdf;
}
