/**
 * Neutralises spreadsheet formulas (docs/security.md, CSV exports): a cell beginning with
 * = + - @, tab or carriage return gets a leading apostrophe.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
