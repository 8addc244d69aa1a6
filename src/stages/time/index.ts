/**
 * Stage `time`: date expressions → TIMEX3 values with precision, anchored on the publication date.
 *
 * Recognizers (recognize.ts) read token patterns sentence by sentence; the resolver (resolve.ts)
 * turns each into a value using a reference date and the clause's direction:
 * - a bare weekday, month or date looks back in a past-tense clause and forward in a future one;
 * - inside a quotation the reference is the statement date (a day-precision date outside the quote
 *   in the same or the previous sentence), else the publication date;
 * - "the next day" follows the last day mentioned; "the quarter" / "a year earlier" the last quarter.
 * Without a publication date, absolute dates keep their values and relative ones get TIMEX3
 * placeholders (XXXX-WXX-1).
 */
import type { Doc, TimeExpr } from '../../document.js';
import type { Stage } from '../types.js';
import { Recognizer, type Candidate } from './recognize.js';
import { clauseDirection, resolve, type Context } from './resolve.js';
import { parseYMD, type YMD } from './calendar.js';
import { lookup, timeLexicon, LEXICON_FILE } from './lexicon.js';

/** Character ranges inside quotation marks, paragraph by paragraph. */
export function quoteRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (text.indexOf('"') < 0 && text.indexOf('“') < 0) return out;
  let open = -1;
  let straight = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (open >= 0) out.push([open, i]);
      if (straight >= 0) out.push([straight, i]);
      open = straight = -1;
    } else if (c === 0x201c) {
      if (open < 0) open = i;
    } else if (c === 0x201d) {
      if (open >= 0) out.push([open, i + 1]);
      open = -1;
    } else if (c === 34) {
      if (straight < 0) straight = i;
      else {
        out.push([straight, i + 1]);
        straight = -1;
      }
    }
  }
  if (open >= 0) out.push([open, text.length]);
  if (straight >= 0) out.push([straight, text.length]);
  return out;
}

const inRanges = (r: [number, number][], a: number, b: number): boolean => r.some(([s, e]) => a >= s && b <= e);

/** Relative kinds whose value depends on the moment of speaking. */
const DEICTIC = new Set(['weekday', 'deictic', 'rel', 'ago', 'month', 'season', 'clock', 'part', 'holiday', 'date']);

export function runTime(doc: Doc): void {
  if (!doc.tokens.length) return;
  const lex = timeLexicon();
  const source = `data/${LEXICON_FILE}@${lex.version}`;
  const pub = parseYMD(doc.published);
  const rec = new Recognizer(doc.tokens, doc.text);
  let quotes: [number, number][] | null = null;
  let lastDay: YMD | null = null;
  let lastDaySentence = -10;
  let lastYear: number | null = null;
  let lastQuarter: { y: number; q: number } | null = null;
  /** Day-precision dates outside quotes, per sentence (statement anchors). */
  const statementDay = new Map<number, YMD>();
  /**
   * The statement date in the next sentence of the same paragraph, for a quote whose attribution
   * follows it (“… tomorrow.” He said this on Sunday.): its first day-precision date outside quotes.
   */
  const peekStatementDay = (j: number): YMD | undefined => {
    const nx = doc.sentences[j];
    const cur = doc.sentences[j - 1];
    if (!nx || !cur || nx.paragraph !== cur.paragraph) return undefined;
    for (const c of rec.scan(nx.tokenStart, nx.tokenEnd)) {
      const a = doc.tokens[c.s].start;
      const b = doc.tokens[c.e - 1].end;
      if (c.rule === 'reject' || inRanges((quotes ??= quoteRanges(doc.text)), a, b)) continue;
      const d0 = clauseDirection(doc.tokens, nx.tokenStart, nx.tokenEnd, c.s, c.e);
      const r = resolve(c.desc, { ref: pub, dir: d0 === 2 ? 1 : d0, lastDay: null, lastQuarter: null });
      if (r?.day && r.type !== 'DURATION') return r.day;
    }
    return undefined;
  };
  for (const s of doc.sentences) {
    const cands = rec.scan(s.tokenStart, s.tokenEnd).filter((c) => c.rule !== 'reject');
    if (!cands.length) continue;
    const items = cands.map((c) => {
      const start = doc.tokens[c.s].start;
      let end = doc.tokens[c.e - 1].end;
      // wink keeps a sentence-final full stop on some words ("March."): not part of the expression
      const last = doc.tokens[c.e - 1].norm;
      if (last.length > 1 && last.endsWith('.') && !/\..*\./.test(last)) {
        const bare = last.slice(0, -1);
        if (lookup('month-abbr', bare) === undefined && lookup('weekday-abbr', bare) === undefined) end--;
      }
      return { c, start, end, quoted: inRanges((quotes ??= quoteRanges(doc.text)), start, end) };
    });
    // Outside quotes first, so a quote's "tomorrow" can use the statement date of its own sentence.
    const order = [...items.filter((x) => !x.quoted), ...items.filter((x) => x.quoted)];
    const made = new Map<Candidate, TimeExpr>();
    for (const it of order) {
      const { c } = it;
      let ref = pub;
      let rule = c.rule;
      let note: string | undefined;
      if (it.quoted && DEICTIC.has(c.desc.k) && pub) {
        const said = statementDay.get(s.i) ?? peekStatementDay(s.i + 1) ?? (s.i > 0 ? statementDay.get(s.i - 1) : undefined);
        if (said) {
          ref = said;
          rule += '+quote-anchor';
          note = 'resolved against the date the quote was given';
        }
      }
      const d0 = clauseDirection(doc.tokens, s.tokenStart, s.tokenEnd, c.s, c.e);
      const k = c.desc.k;
      const dir = d0 === 2 ? (k === 'weekday' || k === 'part' || k === 'clock' ? 1 : 0) : d0;
      const ctx: Context = { ref, dir, lastDay, lastQuarter, lastYear, nearDay: lastDaySentence >= s.i - 1 ? lastDay : null };
      const r = resolve(c.desc, ctx);
      if (!r) continue;
      const text = doc.text.slice(it.start, it.end);
      // Without a reference date nothing is implied: the placeholder value is all the text says.
      if (!ref && !r.stated && /X/.test(r.value)) r.stated = true;
      const t: TimeExpr = {
        id: '',
        start: it.start,
        end: it.end,
        text,
        type: r.type,
        value: r.value,
        precision: r.precision,
        anchor: r.stated ? 'stated' : 'implied',
        sentence: s.i,
        evidence: {
          stage: 'time',
          rule,
          source,
          anchor: r.stated ? 'stated' : 'implied',
          confidence: confidenceOf(c, r.stated, dir),
          ...(note ? { note } : {}),
        },
      };
      made.set(c, t);
      if (r.day && !it.quoted && r.type !== 'DURATION') statementDay.set(s.i, r.day);
      if (r.day) {
        lastDay = r.day;
        lastDaySentence = s.i;
      }
      if (/^\d{4}/.test(r.value) && r.type !== 'DURATION') lastYear = +r.value.slice(0, 4);
      const q = /^(\d{4})-Q(\d)$/.exec(r.value);
      if (q && ((c.desc.k === 'quarter' && c.desc.q !== null) || c.desc.k === 'rel')) lastQuarter = { y: +q[1], q: +q[2] };
    }
    for (const c of cands) {
      const t = made.get(c);
      if (!t) continue;
      t.id = doc.nextId('t');
      doc.times.push(t);
    }
  }
}

function confidenceOf(c: Candidate, stated: boolean, dir: number): number {
  if (stated) return c.desc.k === 'year' ? 0.85 : 0.95;
  if (c.desc.k === 'weekday' || c.desc.k === 'month' || (c.desc.k === 'date' && c.desc.y === undefined)) return dir === 0 ? 0.7 : 0.85;
  if (c.desc.k === 'discourse' || c.desc.k === 'yearago' || (c.desc.k === 'quarter' && c.desc.q === null)) return 0.6;
  return 0.9;
}

export const timeStage: Stage = {
  name: 'time',
  run(doc: Doc): void {
    runTime(doc);
  },
};
