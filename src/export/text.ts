/**
 * Cell encoders shared by the exporters.
 *
 * - CSV: RFC 4180 (fields with comma, quote, CR or LF are quoted; quotes doubled; CRLF line ends
 *   are the RFC's, LF by default here as most tools expect) plus a guard against CSV/formula
 *   injection: a text cell that starts with = + - @ (or a tab / carriage return, which some
 *   spreadsheets strip before evaluating) is prefixed with a single quote. Numbers are written as
 *   numbers and never prefixed, so -3.5 stays a number.
 * - TSV (GDELT): tabs, CR and LF inside a value become spaces — GDELT files have no quoting.
 */

export type Cell = string | number | null | undefined | boolean;

const INJECTION = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(v: Cell, opts: { guard?: boolean } = {}): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (opts.guard !== false && INJECTION.test(s)) s = "'" + s;
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csvLine(cells: Cell[], opts: { guard?: boolean; eol?: string } = {}): string {
  return cells.map((c) => csvCell(c, opts)).join(',') + (opts.eol ?? '\n');
}

export function tsvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return v.replace(/[\t\r\n]+/g, ' ');
}

export function tsvLine(cells: Cell[]): string {
  return cells.map(tsvCell).join('\t') + '\n';
}

/**
 * Parse one RFC 4180 CSV text into rows (used by tests and by anyone re-reading an export).
 * Handles quoted fields with commas, doubled quotes and newlines.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else q = false;
      } else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
