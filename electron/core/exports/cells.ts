/** What a spreadsheet would start evaluating as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Untrusted text as it is written into any workbook or CSV this app produces: text that a
 * spreadsheet would evaluate gets a leading apostrophe, so it stays text wherever it is opened.
 * The one neutraliser for exports, templates and rejected-row workbooks.
 */
export function neutraliseFormulaText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
