/**
 * Quotation marks → quoted spans, one paragraph (line) at a time.
 *
 * Double marks: curly “…”, low „…“, guillemets «…», straight "…" (toggled), and two apostrophes
 * ''…'' (a house style of some papers) as a straight double mark. Single marks ‘…’ and
 * straight '…' only count outside a double-quoted span and only at word edges, so apostrophes
 * (it’s, Russia’s) are never read as marks. A double quote left open at the end of a line runs to
 * the line end; when the next line opens with a mark, the quote continues there (the news
 * convention for quotes running over several paragraphs).
 */

export interface Marked {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the quote runs to the end of the line. */
  close: number;
  /** Content span, marks excluded, surrounding spaces and a trailing attribution comma trimmed. */
  start: number;
  end: number;
  single: boolean;
  /** Index of the line (paragraph) the quote is in. */
  line: number;
  /** True when this quote opens a line that continues an unclosed quote of the previous line. */
  continues: boolean;
  /** True when the quote was left open at the end of its line. */
  unclosed: boolean;
}

const OPEN_D = new Set(['“', '„', '«']);
const CLOSE_D = new Set(['”', '»']);
const isWordChar = (c: string | undefined): boolean => !!c && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);

function trimContent(text: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /[\s,;]/.test(text[e - 1])) e--;
  return [s, e];
}

const MARK_RE = /["“”„«»‘’'\n]/g;

export function findMarked(text: string): Marked[] {
  const out: Marked[] = [];
  if (!text) return out;
  // Collect mark positions per line with one regex scan (no per-character loop).
  let lineNo = 0;
  let lineStart = 0;
  let lineHasText = false;
  let prevUnclosed = false;
  let marks: number[] = [];
  const flush = (lineEnd: number) => {
    let e = lineEnd;
    if (e > lineStart && text[e - 1] === '\r') e--;
    lineHasText = false;
    for (let k = lineStart; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9 && c !== 160 && c !== 13 && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff) {
        lineHasText = true;
        break;
      }
    }
    if (lineHasText) {
      prevUnclosed = scanLine(text, lineStart, e, marks, lineNo, prevUnclosed, out);
      lineNo++;
    }
    marks = [];
  };
  MARK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARK_RE.exec(text))) {
    if (m[0] === '\n') {
      flush(m.index);
      lineStart = m.index + 1;
    } else marks.push(m.index);
  }
  flush(text.length);
  out.sort((a, b) => a.open - b.open);
  return out;
}

/** Pair the marks of one line [ls, lineEnd); returns whether a double quote was left open. */
function scanLine(text: string, ls: number, lineEnd: number, marks: number[], lineNo: number, prevUnclosed: boolean, out: Marked[]): boolean {
  let firstMark = ls;
  while (firstMark < lineEnd && /\s/.test(text[firstMark])) firstMark++;
  let open = -1;
  const doubles: Marked[] = [];
  for (let x = 0; x < marks.length; x++) {
    const p = marks[x];
    const c = text[p];
    if (OPEN_D.has(c)) {
      open = p;
    } else if (CLOSE_D.has(c)) {
      if (open >= 0) {
        doubles.push(mk(text, open, p, false, lineNo));
        open = -1;
      }
    } else if (c === '"') {
      if (open >= 0) {
        doubles.push(mk(text, open, p, false, lineNo));
        open = -1;
      } else open = p;
    } else if (c === "'" && text[p + 1] === "'" && text[p + 2] !== "'") {
      // two apostrophes stand for a double mark ('' … '', the New York Times' house style)
      if (open >= 0) {
        doubles.push(mk(text, open, p, false, lineNo));
        open = -1;
      } else open = p + 1;
      x++;
    }
  }
  let unclosed = false;
  if (open >= 0) {
    const m = mk(text, open, -1, false, lineNo, lineEnd);
    if (m.end - m.start > 1) {
      doubles.push(m);
      unclosed = true;
    }
  }
  if (prevUnclosed && doubles.length && doubles[0].open === firstMark) doubles[0].continues = true;
  for (const d of doubles) out.push(d);
  // Single marks outside double spans.
  let sOpen = -1;
  let sChar = '';
  for (const p of marks) {
    const c = text[p];
    if (c !== '‘' && c !== '’' && c !== "'") continue;
    if (c === "'" && (text[p + 1] === "'" || text[p - 1] === "'")) continue;
    let inDouble = false;
    for (const d of doubles) if (p > d.open && p < (d.close < 0 ? lineEnd : d.close)) inDouble = true;
    if (inDouble) continue;
    const before = p > ls ? text[p - 1] : undefined;
    const after = p + 1 < lineEnd ? text[p + 1] : undefined;
    if (sOpen < 0) {
      if ((c === '‘' || c === "'") && !isWordChar(before) && isWordChar(after)) {
        sOpen = p;
        sChar = c;
      }
    } else {
      const closes = (c === '’' && sChar === '‘') || (c === "'" && sChar === "'") || (c === '’' && sChar === "'");
      if (closes && !isWordChar(after) && !isSpace(before)) {
        if (p - sOpen <= 240) out.push(mk(text, sOpen, p, true, lineNo));
        sOpen = -1;
      } else if (c === '‘' && !isWordChar(before)) {
        sOpen = p;
        sChar = c;
      }
    }
  }
  return unclosed;
}

function mk(text: string, open: number, close: number, single: boolean, line: number, lineEnd = close): Marked {
  const [s, e] = trimContent(text, open + 1, close < 0 ? lineEnd : close);
  return { open, close, start: s, end: e, single, line, continues: false, unclosed: close < 0 };
}
