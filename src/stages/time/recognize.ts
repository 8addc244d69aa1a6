/**
 * Recognizers: token patterns → time expression candidates with a semantic description (`Desc`)
 * that the resolver turns into a TIMEX3 value. One pass over a sentence's tokens; at each position
 * every recognizer may propose a match, the longest wins and the scan resumes after it, so
 * neighbouring expressions ("on Monday, last week") stay apart.
 */
import type { Token, TimeType } from '../../document.js';
import { lookup, timeLexicon } from './lexicon.js';

export type Dir = -1 | 0 | 1 | null;

export type Desc =
  | { k: 'date'; y?: number; m: number; d: number; wd?: number } // calendar date; no year → by tense (and the weekday, when given)
  | { k: 'monthyear'; y: number; m: number }
  | { k: 'month'; m: number; dir: Dir; yOff?: number } // bare month, "last March", "June last year"
  | { k: 'weekday'; wd: number; dir: Dir; possessive?: boolean } // possessive: "Monday's call" (no clause tense)
  | { k: 'deictic'; off: number } // today, yesterday, tomorrow
  | { k: 'rel'; unit: string; off: number } // this/last/next week, month, year, quarter, weekend, decade
  | { k: 'ago'; unit: string; n: number } // two weeks ago (n < 0), in two weeks' time (n > 0)
  | { k: 'season'; s: string; y?: number; dir: Dir }
  | { k: 'quarter'; q: number | null; y?: number; half?: boolean; yOff?: number }
  | { k: 'yearago' } // "a year ago", "year-earlier": the same period a year before (quarter context)
  | { k: 'year'; y: number }
  | { k: 'decade'; v: string }
  | { k: 'century'; v: string }
  | { k: 'ref'; v: string }
  | { k: 'dur'; v: string }
  | { k: 'set'; v: string }
  | { k: 'clock'; h: number; mi: number; day?: Desc }
  | { k: 'part'; p: string; day?: Desc } // morning/afternoon/evening/night of a day
  | { k: 'discourse'; unit: string; off: number } // the next day, the previous week
  | { k: 'holiday'; md: string; y?: number; dir: Dir }
  | { k: 'iso'; v: string; precision: 'day' | 'month' };

export interface Candidate {
  /** Token range [s, e) in doc.tokens. */
  s: number;
  e: number;
  desc: Desc;
  rule: string;
}

const UNIT_SINGULAR = new Set(['second', 'minute', 'hour', 'day', 'week', 'fortnight', 'month', 'year', 'decade', 'century', 'quarter', 'weekend', 'millennium', 'sec', 'min', 'hr']);
const DUR_PREP = new Set(['for', 'over', 'within', 'in', 'during', 'after', 'throughout', 'lasting', 'than', 'took', 'take', 'takes', 'spent', 'spend', 'waited', 'wait']);
const REL_WORD: Record<string, number> = { last: -1, past: -1, previous: -1, this: 0, current: 0, next: 1, coming: 1, following: 1 };
const MONTH_CONTEXT = new Set(['in', 'since', 'until', 'till', 'by', 'early', 'late', 'mid', 'last', 'next', 'this', 'of', 'through', 'from', 'to', 'before', 'after', 'during', 'on', 'between', 'and', 'or', 'that', 'each', 'every', 'throughout', 'around']);
const SEASON_CONTEXT = new Set(['in', 'this', 'last', 'next', 'the', 'early', 'late', 'mid', 'since', 'until', 'by', 'during', 'through', 'throughout', 'past', 'coming', 'of', 'that']);
const AMPM = new Map([['a.m.', 0], ['am', 0], ['a.m', 0], ['p.m.', 12], ['pm', 12], ['p.m', 12]]);
const TZ = new Set(['gmt', 'utc', 'bst', 'cet', 'cest', 'est', 'edt', 'cst', 'cdt', 'pst', 'pdt', 'mst', 'mdt', 'et', 'pt', 'ist', 'jst', 'msk']);
const PRE_MOD = new Set(['early', 'late', 'mid', 'earlier', 'later']);
const BOUND_NOUN = new Set(['end', 'beginning', 'start', 'middle', 'turn', 'close', 'spring', 'summer', 'autumn', 'fall', 'winter']);
/** Modifiers that belong to a duration's span (TimeBank: "nearly three years"; but not "over", "only", "just"). */
const APPROX1 = new Set(['nearly', 'almost', 'about', 'around', 'roughly', 'approximately']);
const APPROX2 = new Set(['more than', 'less than', 'at least', 'up to', 'fewer than', 'close to', 'well over', 'nearly a', 'almost a', 'at most', 'no more than', 'no less than', 'more then']);
/** Nouns after a bare number that show it is a count, not a year ("2022 people"). */
const COUNT_WORD = /^(people|persons|troops|soldiers|deaths|dead|civilians|members|votes|seats|cases|homes|houses|jobs|workers|children|km|miles|metres|meters|feet|tonnes|tons|barrels|dollars|pounds|euros|units|points|times|%|percent|per)$/;

export class Recognizer {
  private readonly toks: Token[];
  constructor(tokens: Token[], private readonly text: string) {
    this.toks = tokens;
  }

  /** Norm of token k, '' outside [lo, hi). */
  private n(k: number, hi: number): string {
    return k >= 0 && k < hi ? this.toks[k].norm : '';
  }
  /** Norm without a trailing full stop ("oct." → "oct"). */
  private a(k: number, hi: number): string {
    const s = this.n(k, hi);
    return s.length > 2 && s.endsWith('.') ? s.slice(0, -1) : s;
  }
  /** A capitalised word inside a sentence that is not its first: part of a title or name ("Suddenly Last Summer"). */
  private midCap(k: number, lo: number): boolean {
    if (k <= lo || !this.toks[k].cap) return false;
    const p = this.toks[k - 1].text;
    return !/^["“‘'(\[:—–-]$/.test(p) && !/[.!?]$/.test(p);
  }

  /** True when tokens k-1 and k touch (no space between): "one-year", "mid-1990s". */
  private touch(k: number): boolean {
    return k > 0 && this.toks[k - 1].end === this.toks[k].start;
  }

  /**
   * Scan sentence tokens [lo, hi) and return non-overlapping candidates. Pre-filter: a sentence
   * without a strong time token (month, weekday, unit, digit, today/now/…) is skipped with one Set
   * check per token; weak starters ("the", "a", "last", "nearly") are only tried when a strong
   * token follows within four tokens.
   */
  scan(lo: number, hi: number): Candidate[] {
    const out: Candidate[] = [];
    const strong = timeLexicon().trigger;
    let lastStrong = -1;
    const isStrong = (k: number): boolean => {
      const t = this.toks[k];
      const w = t.norm;
      const c = w.charCodeAt(0);
      // numbers: years, days, clock times, decades, dates, "24-hour"; not money, percentages or decimals
      if (c >= 48 && c <= 57) return w.length <= 10 && !NOT_TIME_NUMBER.test(w);
      if (w === 'may' || w === 'march' || w === 'sun' || w === 'sat' || w === 'wed') return t.cap;
      if (c === 39 && /^'\d0s$/.test(w)) return true;
      return strong.has(w) || (w.length > 3 && w.endsWith('.') && strong.has(w.slice(0, -1))) || (w.startsWith('mid-') && w.length > 4);
    };
    const flags = new Uint8Array(hi - lo);
    for (let k = lo; k < hi; k++) if (isStrong(k)) {
      flags[k - lo] = 1;
      lastStrong = k;
    }
    if (lastStrong < 0) return out;
    let next = lo; // the next strong token at or after i
    for (let i = lo; i < hi; ) {
      if (next < i) {
        next = i;
        while (next < hi && !flags[next - lo]) next++;
        if (next >= hi) break;
      }
      // an expression starts at most four tokens before its first strong token
      if (next - i > 4) i = next - 4;
      let go = flags[i - lo] === 1;
      if (!go && next - i <= 4 && WEAK_START.has(this.toks[i].norm)) go = true;
      const c = go ? this.best(i, lo, hi) : null;
      if (c) {
        out.push(c);
        i = c.e;
      } else i++;
    }
    return out;
  }

  private best(i: number, lo: number, hi: number): Candidate | null {
    let best: Candidate | null = null;
    const consider = (c: Candidate | null) => {
      if (c && c.e > i && (!best || c.e > best.e)) best = c;
    };
    const w = this.toks[i].norm;
    const the = w === 'the';
    if (the) consider(this.bounded(i, lo, hi));
    if (the || PRE_MOD.has(w) || w.startsWith('mid')) consider(this.premod(i, lo, hi));
    if (!the) consider(this.core(i, lo, hi));
    if (the) consider(this.withThe(i, lo, hi));
    consider(this.duration(i, lo, hi));
    return best;
  }

  /** "the end of 2024", "the beginning of March", "the middle of October". */
  private bounded(i: number, lo: number, hi: number): Candidate | null {
    if (this.n(i, hi) !== 'the' || !BOUND_NOUN.has(this.n(i + 1, hi)) || this.n(i + 2, hi) !== 'of') return null;
    const c = this.core(i + 3, lo, hi);
    if (!c || !isCalendar(c.desc)) return null;
    if (/^(spring|summer|autumn|fall|winter)$/.test(this.n(i + 1, hi))) {
      const s = lookup('season', this.n(i + 1, hi)) as string;
      if (c.desc.k === 'year') return { s: i, e: c.e, desc: { k: 'season', s, y: c.desc.y, dir: null }, rule: 'time/season-of-year' };
      return null;
    }
    return { s: i, e: c.e, desc: c.desc, rule: c.rule + '+bounded' };
  }

  /** "early next year", "late yesterday", "earlier this month", "mid-November", "late 2024". */
  private premod(i: number, lo: number, hi: number): Candidate | null {
    const w = this.n(i, hi);
    if (w === 'the' && PRE_MOD.has(this.n(i + 1, hi))) {
      const c = this.core(i + 2, lo, hi);
      if (c && (c.desc.k === 'decade' || c.desc.k === 'century' || c.desc.k === 'year')) return { ...c, s: i, rule: c.rule + '+mod' };
      return null;
    }
    if (w.startsWith('mid-') && w.length > 4) {
      // wink keeps "mid-1990s" / "mid-November" as one token: read the rest of it.
      const rest = w.slice(4);
      const m = lookup('month', rest) ?? lookup('month-abbr', rest);
      if (m !== undefined) {
        const y = this.yearAt(i + 1, hi, true);
        if (y !== null) return { s: i, e: i + 2 + (this.n(i + 1, hi) === ',' ? 1 : 0), desc: { k: 'monthyear', y, m: +m }, rule: 'time/mid-month-year' };
        return { s: i, e: i + 1, desc: { k: 'month', m: +m, dir: null }, rule: 'time/mid-month' };
      }
      const dec = /^(\d\d\d)0'?s$/.exec(rest);
      if (dec) return { s: i, e: i + 1, desc: { k: 'decade', v: dec[1] }, rule: 'time/mid-decade' };
      if (/^(1\d|20)\d\d$/.test(rest)) return { s: i, e: i + 1, desc: { k: 'year', y: +rest }, rule: 'time/mid-year' };
      return null;
    }
    if (w === 'mid' && this.n(i + 1, hi) === '-') {
      const c = this.core(i + 2, lo, hi);
      if (c && isCalendar(c.desc)) return { ...c, s: i, rule: c.rule + '+mod' };
      return null;
    }
    if (!PRE_MOD.has(w)) return null;
    const hy = this.n(i + 1, hi) === '-' ? 1 : 0;
    const c = this.core(i + 1 + hy, lo, hi);
    if (!c || !isCalendar(c.desc)) return null;
    // "later this week", "earlier Sunday"; "late" before a bare count is not a date modifier.
    return { ...c, s: i, rule: c.rule + '+mod' };
  }

  /** Expressions that take "the": quarters, halves, decades, centuries, the weekend, the future. */
  private withThe(i: number, lo: number, hi: number): Candidate | null {
    if (this.n(i, hi) !== 'the') return null;
    const nx = this.n(i + 1, hi);
    if ((nx === 'future' || (nx === 'near' && this.n(i + 2, hi) === 'future')) && !/^(NOUN|ADJ|PROPN)$/.test(this.toks[i + (nx === 'near' ? 3 : 2)]?.pos ?? ''))
      return { s: i, e: i + (nx === 'near' ? 3 : 2), desc: { k: 'ref', v: 'FUTURE_REF' }, rule: 'time/the-future' };
    if (nx === 'past' && !this.startsQuantity(i + 2, hi) && !this.unitAt(i + 2, hi))
      return { s: i, e: i + 2, desc: { k: 'ref', v: 'PAST_REF' }, rule: 'time/the-past' };
    // "the year ended June 30" is a period; "for the (full|fiscal) year" the current year
    {
      let k = i + 1;
      let latest = false;
      if (this.n(k, hi) === 'latest' || this.n(k, hi) === 'current') {
        latest = this.n(k, hi) === 'latest';
        k++;
      }
      while (this.n(k, hi) === 'full' || this.n(k, hi) === 'fiscal' || this.n(k, hi) === 'calendar') k++;
      if (this.n(k, hi) === 'year' && this.n(k + 1, hi) !== "'s" && this.n(k + 1, hi) !== '-') {
        const after = this.n(k + 1, hi);
        if (after === 'ended' || after === 'ending' || after === 'to' || after === 'through') return { s: i, e: k + 1, desc: { k: 'dur', v: 'P1Y' }, rule: 'time/the-year-ended' };
        if (after === 'two' && this.n(k + 2, hi) === 'thousand') return { s: i, e: k + 3, desc: { k: 'year', y: 2000 }, rule: 'time/the-year-2000' };
        const p = this.n(i - 1, hi);
        if (k > i + 1 || /^(for|of|in|during|through|throughout)$/.test(p))
          return { s: i, e: k + 1, desc: { k: 'rel', unit: 'Y', off: latest ? -1 : 0 }, rule: 'time/the-year' };
      }
      if (nx === 'end' && this.n(i + 2, hi) === 'of' && this.n(i + 3, hi) === 'the' && /^(year|month|week)$/.test(this.n(i + 4, hi)))
        return { s: i, e: i + 5, desc: { k: 'rel', unit: this.n(i + 4, hi) === 'year' ? 'Y' : this.n(i + 4, hi) === 'month' ? 'M' : 'W', off: 0 }, rule: 'time/the-end-of-the-unit' };
      if (nx === 'nineties' || nx === 'eighties' || nx === 'seventies' || nx === 'sixties' || nx === 'fifties' || nx === 'twenties' || nx === 'thirties' || nx === 'forties')
        return { s: i, e: i + 2, desc: { k: 'decade', v: '19' + { twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9 }[nx] }, rule: 'time/the-nineties' };
    }
    if (nx === 'weekend') return { s: i, e: i + 2, desc: { k: 'rel', unit: 'WE', off: 0 }, rule: 'time/the-weekend' };
    if (nx === 'day' && (this.n(i + 2, hi) === 'before' || this.n(i + 2, hi) === 'after')) {
      const nn = this.n(i + 3, hi);
      if (nn === 'yesterday') return { s: i, e: i + 4, desc: { k: 'deictic', off: -2 }, rule: 'time/day-before-yesterday' };
      if (nn === 'tomorrow') return { s: i, e: i + 4, desc: { k: 'deictic', off: 2 }, rule: 'time/day-after-tomorrow' };
      if (nn === '' || nn === '.' || nn === ',' || nn === 'and' || nn === ';')
        return { s: i, e: i + 3, desc: { k: 'discourse', unit: 'D', off: this.n(i + 2, hi) === 'before' ? -1 : 1 }, rule: 'time/the-day-before' };
    }
    // "the next day", "the following week", "the previous year", "the same day"
    const rel = nx === 'same' ? 0 : nx === 'next' || nx === 'following' ? 1 : nx === 'previous' || nx === 'preceding' ? -1 : null;
    if (rel !== null) {
      const u = this.unitAt(i + 2, hi);
      if (u && u.single && (u.unit === 'D' || u.unit === 'W' || u.unit === 'M' || u.unit === 'Y'))
        return { s: i, e: i + 3, desc: { k: 'discourse', unit: u.unit, off: rel }, rule: 'time/discourse-relative' };
      const pd = lookup('partofday', this.n(i + 2, hi));
      if (pd !== undefined && rel !== 0) return { s: i, e: i + 3, desc: { k: 'discourse', unit: 'D', off: rel }, rule: 'time/discourse-relative' };
    }
    const c = this.core(i + 1, lo, hi);
    if (c && (c.desc.k === 'quarter' || c.desc.k === 'decade' || c.desc.k === 'century' || c.desc.k === 'yearago' || c.desc.k === 'season')) {
      // "the third-quarter results": the hyphenated modifier is the expression, without "the"
      if (c.desc.k === 'quarter' && this.n(i + 2, hi) === '-' && this.touch(i + 2)) return null;
      return { ...c, s: i };
    }
    // "the 1988 period", "the year-ago period", "the latest quarter"
    if (nx === 'latest' || nx === 'current' || nx === 'same' || nx === 'recent') {
      const u = this.n(i + 2, hi);
      if (u === 'quarter' || u === 'period') return { s: i, e: i + 3, desc: { k: 'quarter', q: null }, rule: 'time/the-quarter' };
    }
    if (nx === 'quarter' && !this.n(i + 2, hi).startsWith('-')) return { s: i, e: i + 2, desc: { k: 'quarter', q: null }, rule: 'time/the-quarter' };
    if (/^(1\d|20)\d\d$/.test(nx)) {
      const q = this.quarter(i + 2, lo, hi);
      if (q && q.desc.k === 'quarter' && q.desc.y === undefined) return { s: i, e: q.e, desc: { ...q.desc, y: +nx }, rule: 'time/the-year-quarter' };
    }
    if (/^(1\d|20)\d\d$/.test(nx) && (this.n(i + 2, hi) === 'period' || this.n(i + 2, hi) === 'quarter'))
      return { s: i, e: i + 3, desc: { k: 'yearago' }, rule: 'time/the-year-period' };
    return null;
  }

  /** A unit word at k: { unit code, singular? }. */
  private unitAt(k: number, hi: number): { unit: string; single: boolean } | null {
    const w = this.a(k, hi);
    const u = lookup('unit', w);
    if (u === undefined) return null;
    return { unit: String(u), single: UNIT_SINGULAR.has(w) };
  }

  private startsQuantity(k: number, hi: number): boolean {
    const w = this.n(k, hi);
    return /^\d/.test(w) || lookup('number', w) !== undefined || lookup('vague', w) !== undefined;
  }

  /** A number at k: digits, words ("twenty four", "twenty-four"), "a", "a couple of", "a few" (X). */
  private number(k: number, hi: number): { n: number | 'X'; e: number } | null {
    const w = this.n(k, hi);
    if (/^\d+(\.\d+)?$/.test(w) && w.length <= 4) {
      if (/^(19|20)\d\d$/.test(w) && /^(second|first|third|fourth|quarter|half)$/.test(this.n(k + 1, hi))) return null;
      // "2 1/2 years"
      if (this.n(k + 1, hi) === '1/2') return { n: +w + 0.5, e: k + 2 };
      return { n: +w, e: k + 1 };
    }
    if (w === 'a' || w === 'an') {
      const n1 = this.n(k + 1, hi);
      if (n1 === 'few') return { n: 'X', e: k + 2 };
      if (n1 === 'couple' && this.n(k + 2, hi) === 'of') return { n: 2, e: k + 3 };
      if (n1 === 'dozen') return { n: 12, e: k + 2 };
      if (n1 === 'hundred') return { n: 100, e: k + 2 };
      if (n1 === 'thousand') return { n: 1000, e: k + 2 };
      if (n1 === 'half' && this.n(k + 2, hi) === 'dozen') return { n: 6, e: k + 3 };
      if (n1 === 'number' && this.n(k + 2, hi) === 'of') return { n: 'X', e: k + 3 };
      return { n: 1, e: k + 1 };
    }
    const v = lookup('vague', w);
    if (v !== undefined) {
      if ((w === 'dozens' || w === 'hundreds') && this.n(k + 1, hi) === 'of') return { n: 'X', e: k + 2 };
      return { n: 'X', e: k + 1 };
    }
    const n = lookup('number', w);
    if (n === undefined) return null;
    let val = +n;
    let e = k + 1;
    if (val >= 20 && val < 100 && val % 10 === 0) {
      // twenty four / twenty-four
      const hy = this.n(e, hi) === '-' ? 1 : 0;
      const u = lookup('number', this.n(e + hy, hi));
      if (u !== undefined && +u > 0 && +u < 10) {
        val += +u;
        e += hy + 1;
      }
    }
    if (this.n(e, hi) === 'hundred') {
      val *= 100;
      e++;
    }
    return { n: val, e };
  }

  /** A four-digit year at k ("2022", "'98" after a month is not handled); strict: not a count. */
  private yearAt(k: number, hi: number, afterDate: boolean): number | null {
    const w = this.n(k, hi);
    if (!/^(1[0-9]|20|21)\d\d$/.test(w)) return null;
    const y = +w;
    if (!afterDate && (y < 1200 || y > 2100)) return null;
    return y;
  }

  /** Day of month at k: "23", "23rd", "1st". */
  private dayAt(k: number, hi: number): number | null {
    const m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(this.n(k, hi)) ?? /^(\d{1,2})[-–]\d{1,2}()$/.exec(this.n(k, hi));
    if (!m) {
      const o = lookup('ordinal', this.n(k, hi));
      return o !== undefined && +o > 0 && +o <= 31 && this.n(k - 1, hi) === 'the' ? +o : null;
    }
    const d = +m[1];
    return d >= 1 && d <= 31 ? d : null;
  }

  /** Month name at k (abbreviations must be capitalised; "May"/"March" need a cue). */
  private monthAt(k: number, lo: number, hi: number, cue: boolean): number | null {
    if (k < lo || k >= hi) return null;
    const w = this.a(k, hi);
    const tk = this.toks[k];
    let m = lookup('month', w);
    if (m === undefined) {
      m = lookup('month-abbr', w);
      if (m === undefined || !tk.cap) return null;
      if (w === 'mar' || w === 'jan' || w === 'sun' || w === 'dec') {
        // "Mar"/"Dec" need a following day or year
        if (!this.dayAt(k + 1 + (this.n(k + 1, hi) === '.' ? 1 : 0), hi) && this.yearAt(k + 1, hi, true) === null) return null;
      }
      return +m;
    }
    if ((w === 'may' || w === 'march') && !tk.cap) return null;
    if (w === 'may' || w === 'march') {
      const prev = this.n(k - 1, hi);
      const next = this.n(k + 1, hi);
      const ok = cue || MONTH_CONTEXT.has(prev) || this.dayAt(k + 1, hi) !== null || this.yearAt(k + 1, hi, true) !== null || next === ',' && this.yearAt(k + 2, hi, true) !== null ||
        (next === 'last' || next === 'this' || next === 'next') && this.n(k + 2, hi) === 'year';
      if (!ok) return null;
      if (w === 'may' && (prev === 'she' || prev === 'he' || prev === 'theresa' || prev === 'mrs' || prev === 'ms')) return null;
    }
    if (!tk.cap && w !== 'may') {
      // lower-case month names are rare in edited news; keep them only with a day or year
      if (this.dayAt(k + 1, hi) === null && this.yearAt(k + 1, hi, true) === null) return null;
    }
    return +m;
  }

  /** Calendar and deictic expressions starting at i. */
  core(i: number, lo: number, hi: number): Candidate | null {
    if (i >= hi) return null;
    const w = this.n(i, hi);
    const aw = this.a(i, hi);
    const tk = this.toks[i];
    // ISO and numeric dates
    let mm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(w);
    if (mm) return { s: i, e: i + 1, desc: { k: 'date', y: +mm[1], m: +mm[2], d: +mm[3] }, rule: 'time/iso-date' };
    mm = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(w);
    if (mm) {
      let mo = +mm[1], d = +mm[2];
      if (mo > 12 && d <= 12) [mo, d] = [d, mo];
      let y = +mm[3];
      if (y < 100) y += y < 50 ? 2000 : 1900;
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return { s: i, e: i + 1, desc: { k: 'date', y, m: mo, d }, rule: 'time/numeric-date' };
    }
    // deictic days
    if ((aw === 'today' || aw === 'tonight' || aw === 'yesterday' || aw === 'tomorrow') && !(this.midCap(i, lo) && this.toks[i - 1].cap)) {
      const off = aw === 'yesterday' ? -1 : aw === 'tomorrow' ? 1 : 0;
      const day: Desc = { k: 'deictic', off };
      const pd = lookup('partofday', this.n(i + 1, hi));
      if (pd !== undefined && aw !== 'tonight') return { s: i, e: i + 2, desc: { k: 'part', p: String(pd), day }, rule: 'time/deictic-part' };
      if (aw === 'today' && this.n(i + 1, hi) === "'s") {
        // "today's" as a determiner is usually generic ("today's world")
      }
      return { s: i, e: i + 1, desc: day, rule: `time/${aw}` };
    }
    if (w === 'last' && this.n(i + 1, hi) === 'night') return { s: i, e: i + 2, desc: { k: 'part', p: 'NI', day: { k: 'deictic', off: -1 } }, rule: 'time/last-night' };
    if ((w === 'this' || w === 'that') && lookup('partofday', this.n(i + 1, hi)) !== undefined && UNIT_PART.has(this.n(i + 1, hi)))
      return w === 'this' ? { s: i, e: i + 2, desc: { k: 'part', p: String(lookup('partofday', this.n(i + 1, hi))), day: { k: 'deictic', off: 0 } }, rule: 'time/this-part' } : null;
    // references
    const ref = lookup('ref', aw);
    if (ref !== undefined && aw !== 'future') {
      if (aw === 'current') {
        const nx = this.n(i + 1, hi);
        const u = this.unitAt(i + 1, hi);
        if (u) return this.relUnit(i, i + 1, 0, hi);
        if (/^(account|accounts|affairs|events|flows?|carrying|density|state|situation|level|system|trends?|form|status)$/.test(nx)) return null;
        if (this.toks[i].pos !== 'ADJ') return null;
      }
      if (aw === 'recent') {
        // "recent weeks" is a period; the bare adjective ("a recent survey") is not tagged
        const u = this.unitAt(i + 1, hi);
        if (u && !u.single) return { s: i, e: i + 2, desc: { k: 'ref', v: 'PAST_REF' }, rule: 'time/recent-units' };
        return null;
      }
      if (aw === 'now' && this.n(i - 1, hi) === 'from') return null;
      return { s: i, e: i + 1, desc: { k: 'ref', v: String(ref) }, rule: `time/ref-${aw}` };
    }
    if (w === 'future' && /^(in|near|foreseeable)$/.test(this.n(i - 1, hi))) return { s: i, e: i + 1, desc: { k: 'ref', v: 'FUTURE_REF' }, rule: 'time/ref-future' };
    if (w === 'present' && this.n(i - 1, hi) === 'at') return { s: i, e: i + 1, desc: { k: 'ref', v: 'PRESENT_REF' }, rule: 'time/at-present' };
    if (w === 'these' && this.n(i + 1, hi) === 'days') return { s: i, e: i + 2, desc: { k: 'ref', v: 'PRESENT_REF' }, rule: 'time/these-days' };
    // sets
    const set = lookup('set', aw);
    // "daily" as an adverb is a set; "a daily newspaper", "quarterly results" are not time expressions
    if (set !== undefined && (aw !== 'quarterly' && aw !== 'annually' || !/^(NOUN|ADJ|PROPN)$/.test(this.toks[i + 1]?.pos ?? '') || i + 1 >= hi)) return { s: i, e: i + 1, desc: { k: 'set', v: String(set) }, rule: `time/set-${aw}` };
    if (w === 'every' || w === 'each') return this.everySet(i, lo, hi);
    // this / last / next + unit, weekday, month, season
    if (REL_WORD[w] !== undefined && w !== 'following' && !(tk.cap && i > lo && this.toks[i - 1].text !== '"' && this.toks[i + 1]?.cap)) {
      const c = this.relative(i, lo, hi);
      if (c) return c;
    }
    // weekdays
    let wd = lookup('weekday', aw);
    // "Sun", "Sat", "Wed" alone are names and words: only before a date ("Wed., Oct. 4")
    if (wd === undefined && tk.cap && lookup('weekday-abbr', aw) !== undefined) {
      const k = this.n(i + 1, hi) === '.' || this.n(i + 1, hi) === ',' ? i + 2 + (this.n(i + 2, hi) === ',' ? 1 : 0) : i + 1;
      if (this.monthAt(k, lo, hi, true) !== null || (this.dayAt(k, hi) !== null && this.monthAt(k + 1, lo, hi, true) !== null)) wd = lookup('weekday-abbr', aw);
    }
    if (wd !== undefined && (tk.cap || lookup('weekday', aw) !== undefined)) return this.weekdayFrom(i, +wd, null, lo, hi, 'time/weekday');
    const wdp = lookup('weekday-plural', aw);
    if (wdp !== undefined && tk.cap && !(this.midCap(i, lo) && this.toks[i - 1].cap)) {
      const pd = lookup('partofday', this.n(i + 1, hi));
      return pd !== undefined
        ? { s: i, e: i + 2, desc: { k: 'set', v: `XXXX-WXX-${wdp}T${pd}` }, rule: 'time/weekday-plural' }
        : { s: i, e: i + 1, desc: { k: 'set', v: `XXXX-WXX-${wdp}` }, rule: 'time/weekday-plural' };
    }
    // month-first dates
    const mo = this.monthAt(i, lo, hi, false);
    if (mo !== null) return this.monthFrom(i, mo, lo, hi);
    // day-first dates: "19 May 2025", "the 19th of May"
    const d = this.dayAt(i, hi);
    if (d !== null) {
      let k = i + 1;
      // "12-13 June", "12 to 14 June": the first day
      if ((this.n(k, hi) === '-' || this.n(k, hi) === 'to' || this.n(k, hi) === '–') && this.dayAt(k + 1, hi) !== null && /^\d/.test(this.n(k + 1, hi))) k += 2;
      if (this.n(k, hi) === 'of') k++;
      const m2 = this.monthAt(k, lo, hi, true);
      if (m2 !== null) {
        let e = k + 1;
        if (this.n(e, hi) === '.' && lookup('month-abbr', this.n(k, hi)) !== undefined && this.touch(e)) e++;
        let y: number | undefined;
        const y1 = this.yearAt(e, hi, true) ?? (this.n(e, hi) === ',' ? this.yearAt(e + 1, hi, true) : null);
        if (y1 !== null) {
          y = y1;
          e = this.n(e, hi) === ',' ? e + 2 : e + 1;
        }
        return { s: i, e, desc: { k: 'date', y, m: m2, d }, rule: 'time/day-month' };
      }
    }
    // clock times
    const clk = this.clock(i, lo, hi);
    if (clk) return clk;
    // years, decades, centuries
    const dec = /^(\d\d\d)0'?s$/.exec(w) ?? /^'(\d)0s$/.exec(w);
    if (dec) {
      const v = dec[1].length === 1 ? (+dec[1] >= 3 ? '19' : '20') + dec[1] : dec[1];
      return { s: i, e: i + 1, desc: { k: 'decade', v }, rule: 'time/decade' };
    }
    const cen = /^(\d{1,2})(st|nd|rd|th)$/.exec(w) ?? (lookup('ordinal', w) !== undefined ? [w, String(lookup('ordinal', w))] : null);
    if (cen && +cen[1] > 0) {
      let k = i + 1;
      if (this.n(k, hi) === '-') k++;
      if (this.n(k, hi) === 'century') return { s: i, e: k + 1, desc: { k: 'century', v: String(+cen[1] - 1).padStart(2, '0') }, rule: 'time/century' };
    }
    if (w === 'fiscal' || w === 'fy') {
      const y = this.yearAt(i + 1, hi, true);
      if (y !== null) return { s: i, e: i + 2, desc: { k: 'year', y }, rule: 'time/fiscal-year' };
      const q = this.quarter(i + 1, lo, hi);
      if (q) return { ...q, s: i };
    }
    const q = this.quarter(i, lo, hi);
    if (q) return q;
    const y = this.yearAt(i, hi, false);
    if (y !== null && this.plausibleYear(i, lo, hi)) {
      // "2022-23" season/fiscal spans: keep the first year only
      return { s: i, e: i + 1, desc: { k: 'year', y }, rule: 'time/year' };
    }
    if (w === 'year' && ((this.n(i + 1, hi) === '-' && this.n(i + 2, hi) === 'end') || this.n(i + 1, hi) === 'end' || (this.n(i + 1, hi) === "'s" && this.n(i + 2, hi) === 'end'))) {
      const e = this.n(i + 1, hi) === 'end' ? i + 2 : i + 3;
      return { s: i, e, desc: { k: 'rel', unit: 'Y', off: 0 }, rule: 'time/year-end' };
    }
    if (w === 'that') {
      const u = this.n(i + 1, hi);
      if ((u === 'year' || u === 'day' || u === 'month' || u === 'week') && this.n(i + 2, hi) !== "'s" && this.toks[i + 2]?.pos !== 'NOUN')
        return { s: i, e: i + 2, desc: { k: 'discourse', unit: u === 'year' ? 'Y' : u === 'day' ? 'D' : u === 'month' ? 'M' : 'W', off: 0 }, rule: 'time/that-unit' };
      if (u === 'same' && /^(year|day)$/.test(this.n(i + 2, hi)))
        return { s: i, e: i + 3, desc: { k: 'discourse', unit: this.n(i + 2, hi) === 'year' ? 'Y' : 'D', off: 0 }, rule: 'time/that-same-unit' };
    }
    if ((w === 'nineteen' || w === 'twenty') && this.n(i + 1, hi) !== '-') {
      // spoken years: "nineteen ninety-six", "twenty ten"
      const num = this.number(i + 1, hi);
      if (num && num.n !== 'X' && num.n >= 10 && num.n < 100 && !this.unitAt(num.e, hi)) {
        const y = (w === 'nineteen' ? 1900 : 2000) + num.n;
        return { s: i, e: num.e, desc: { k: 'year', y }, rule: 'time/spoken-year' };
      }
    }
    if ((w === 'year' && (this.n(i + 1, hi) === '-' && (this.n(i + 2, hi) === 'earlier' || this.n(i + 2, hi) === 'ago')))) {
      const q = this.quarter(i + 3, lo, hi);
      if (q && q.desc.k === 'quarter' && q.desc.q !== null && q.desc.y === undefined)
        return { s: i, e: q.e, desc: { ...q.desc, yOff: -1 }, rule: 'time/year-ago-quarter' };
      const noun = this.n(i + 3, hi);
      return { s: i, e: i + 3 + (noun === 'quarter' || noun === 'period' ? 1 : 0), desc: { k: 'yearago' }, rule: 'time/year-ago' };
    }
    // seasons
    const se = this.midCap(i, lo) && this.yearAt(i + 1, hi, true) === null ? undefined : lookup('season', aw);
    if (se !== undefined && (SEASON_CONTEXT.has(this.n(i - 1, hi)) || this.yearAt(i + 1, hi, true) !== null) && !(aw === 'fall' && !/^(in|this|last|next|the|early|late|since|until|by|during)$/.test(this.n(i - 1, hi)) && this.yearAt(i + 1, hi, true) === null)) {
      const yy = this.yearAt(i + 1, hi, true) ?? (this.n(i + 1, hi) === 'of' ? this.yearAt(i + 2, hi, true) : null);
      if (yy !== null) return { s: i, e: i + (this.n(i + 1, hi) === 'of' ? 3 : 2), desc: { k: 'season', s: String(se), y: yy, dir: null }, rule: 'time/season-year' };
      if (this.n(i - 1, hi) === 'the' && this.n(i + 1, hi) !== 'of' && this.toks[i - 2]?.pos !== 'ADP') return null;
      return { s: i, e: i + 1, desc: { k: 'season', s: String(se), dir: null }, rule: 'time/season' };
    }
    // holidays
    const hol = timeLexicon().holidays.get(aw);
    if (hol && tk.cap) {
      for (const h of [...hol].sort((x, z) => z.words.length - x.words.length)) {
        let ok = true;
        for (let j = 1; j < h.words.length; j++) if (this.n(i + j, hi) !== h.words[j] && !(h.words[j].endsWith("'s") && this.n(i + j, hi) === h.words[j].slice(0, -2) && this.n(i + j + 1, hi) === "'s")) ok = false;
        if (!ok) continue;
        let e = i + h.words.length;
        // "new year's": wink may split "year's" → "year" "'s"
        for (const hw of h.words) if (hw.endsWith("'s") && this.toks.slice(i, i + h.words.length + 1).some((t) => t.norm === "'s")) e++;
        const yy = this.yearAt(e, hi, true);
        return { s: i, e: yy !== null ? e + 1 : e, desc: { k: 'holiday', md: h.value, y: yy ?? undefined, dir: null }, rule: 'time/holiday' };
      }
    }
    return null;
  }

  private plausibleYear(i: number, lo: number, hi: number): boolean {
    const prev = this.n(i - 1, hi);
    const next = this.n(i + 1, hi);
    const tk = this.toks[i];
    if (tk.start > 0 && /[$£€#]/.test(this.text[tk.start - 1])) return false;
    if (prev === '$' || prev === '£' || prev === '€' || prev === '#' || prev === 'no.' || prev === 'number' || prev === 'route' || prev === 'flight' || prev === 'room' || prev === 'resolution') return false;
    if (next === '%' || next === 'percent' || next === '-' && /^\d+$/.test(this.n(i + 2, hi)) && this.n(i + 2, hi).length !== 2 && this.n(i + 2, hi).length !== 4) return false;
    if (COUNT_WORD.test(next)) return false;
    if (/^(about|nearly|almost|some|than|over|around|approximately|roughly|of)$/.test(prev) && !/^(in|since|by|until|from|before|after)$/.test(this.n(i - 2, hi)) && /^(people|[a-z]+s)$/.test(next) && next !== 'elections') return false;
    if (this.toks[i + 1] && this.toks[i + 1].pos === 'NOUN' && /s$/.test(next) && !/^(elections|olympics|games|talks|polls|accords?|protests|riots|attacks|crisis|'s)$/.test(next) && i + 1 < hi && !/^(in|since|by|until|from|before|after|of|the|during)$/.test(prev)) return false;
    void lo;
    return true;
  }

  private quarter(i: number, lo: number, hi: number): Candidate | null {
    const w = this.n(i, hi);
    let q: number | null = null;
    let k = i + 1;
    const qm = /^q([1-4])$/.exec(w);
    if (qm) {
      q = +qm[1];
    } else {
      const o = lookup('ordinal', w) ?? (/^([1-4])(st|nd|rd|th)$/.exec(w)?.[1]);
      if (o === undefined || +o < -1 || +o > 4 || +o === 0) return null;
      q = +o;
      if (this.n(k, hi) === '-') k++;
      if (this.n(k, hi) === 'fiscal') k++;
      const u = this.n(k, hi);
      if (u === 'half') {
        if (q < 1 || q > 2) return null;
        let e = k + 1;
        let y: number | undefined;
        let yOff: number | undefined;
        if (this.n(e, hi) === 'of') {
          const yy = this.yearAt(e + 1, hi, true);
          const r = this.n(e + 1, hi);
          if (yy !== null) {
            y = yy;
            e += 2;
          } else if ((r === 'the' || r === 'this' || r === 'last' || r === 'next') && this.n(e + 2, hi) === 'year') {
            yOff = r === 'last' ? -1 : r === 'next' ? 1 : 0;
            e += 3;
          }
        }
        return { s: i, e, desc: { k: 'quarter', q, y, half: true, yOff }, rule: 'time/half' };
      }
      if (u !== 'quarter') return null;
      k++;
      if (q === -1) q = null;
    }
    let y: number | undefined;
    let e = k;
    if (this.n(e, hi) === 'of' || this.n(e, hi) === ',') {
      const yy = this.yearAt(e + 1, hi, true);
      if (yy !== null) {
        y = yy;
        e += 2;
      }
    } else {
      const yy = this.yearAt(e, hi, true);
      if (yy !== null) {
        y = yy;
        e += 1;
      }
    }
    // "1998's third quarter" / "this year's third quarter" are read by the caller
    return { s: i, e, desc: { k: 'quarter', q, y }, rule: 'time/quarter' };
  }

  private clock(i: number, lo: number, hi: number): Candidate | null {
    const w = this.n(i, hi);
    let h: number, mi = 0, e: number;
    let mm = /^(\d{1,2})(?::(\d\d))?(am|pm|a\.m\.|p\.m\.)$/.exec(w);
    if (mm) {
      h = +mm[1];
      mi = mm[2] ? +mm[2] : 0;
      if (mm[3].startsWith('p') && h < 12) h += 12;
      if (mm[3].startsWith('a') && h === 12) h = 0;
      e = i + 1;
    } else if ((mm = /^(\d{1,2})(?::(\d\d))?$/.exec(w))) {
      const ap = AMPM.get(this.n(i + 1, hi));
      h = +mm[1];
      mi = mm[2] ? +mm[2] : 0;
      if (ap !== undefined) {
        if (ap === 12 && h < 12) h += 12;
        if (ap === 0 && h === 12) h = 0;
        e = i + 2;
      } else if (mm[2] && (this.n(i - 1, hi) === 'at' || this.n(i - 1, hi) === 'by' || this.n(i - 1, hi) === 'until' || this.n(i - 1, hi) === 'before' || this.n(i - 1, hi) === 'after' || TZ.has(this.n(i + 1, hi)))) {
        e = i + 1;
      } else return null;
    } else if (w === 'noon' || w === 'midday' || w === 'midnight') {
      const p = this.n(i - 1, hi);
      if (!/^(at|by|until|before|after|from|till|around|about|past|since)$/.test(p) && this.weekdayAt(i + 1, hi) === null) return null;
      h = w === 'midnight' ? 24 : 12;
      e = i + 1;
    } else return null;
    if (h > 24 || mi > 59) return null;
    if (TZ.has(this.n(e, hi))) e++;
    else if (this.n(e, hi) === 'local' && this.n(e + 1, hi) === 'time') e += 2;
    // "2 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6"
    let day: Desc | undefined;
    const mk = this.n(e, hi) === ',' || this.n(e, hi) === 'on' ? e + 1 : e;
    const mo = this.monthAt(mk, lo, hi, true);
    if (mo !== null) {
      const c = this.monthFrom(mk, mo, lo, hi);
      if (c.desc.k === 'date') {
        day = c.desc;
        e = c.e;
        return { s: i, e, desc: { k: 'clock', h, mi, day }, rule: 'time/clock-date' };
      }
    }
    const wd = this.weekdayAt(e, hi);
    if (wd !== null) {
      day = { k: 'weekday', wd, dir: null };
      e++;
    } else {
      const dw = this.a(e, hi);
      if (dw === 'today' || dw === 'yesterday' || dw === 'tomorrow') {
        day = { k: 'deictic', off: dw === 'yesterday' ? -1 : dw === 'tomorrow' ? 1 : 0 };
        e++;
      }
    }
    void lo;
    return { s: i, e, desc: { k: 'clock', h, mi, day }, rule: 'time/clock' };
  }

  private weekdayAt(k: number, hi: number): number | null {
    const aw = this.a(k, hi);
    if (k >= hi) return null;
    const wd = lookup('weekday', aw) ?? (this.toks[k].cap ? lookup('weekday-abbr', aw) : undefined);
    return wd === undefined ? null : +wd;
  }

  private weekdayFrom(i: number, wd: number, dir: Dir, lo: number, hi: number, rule: string, s = i): Candidate {
    let e = i + 1;
    if (this.n(e, hi) === '.' && lookup('weekday-abbr', this.n(i, hi)) !== undefined && this.touch(e)) e++;
    // "Friday, Oct. 23" / "Saturday 19 May" → the date
    const k = this.n(e, hi) === ',' ? e + 1 : e;
    const mo = this.monthAt(k, lo, hi, true);
    if (mo !== null) {
      const c = this.monthFrom(k, mo, lo, hi);
      if (c && c.desc.k === 'date') return { s, e: c.e, desc: { ...c.desc, wd }, rule: 'time/weekday-date' };
    }
    const d = this.dayAt(k, hi);
    if (d !== null && /^\d/.test(this.n(k, hi))) {
      const c = this.core(k, lo, hi);
      if (c && c.desc.k === 'date') return { s, e: c.e, desc: { ...c.desc, wd }, rule: 'time/weekday-date' };
    }
    const day: Desc = { k: 'weekday', wd, dir, possessive: this.n(e, hi) === "'s" };
    const pd = lookup('partofday', this.n(e, hi));
    if (pd !== undefined && UNIT_PART.has(this.n(e, hi)) && !this.toks[e].cap) return { s, e: e + 1, desc: { k: 'part', p: String(pd), day }, rule: rule + '-part' };
    // "Saturday Night Takeaway", "Sunday Times": a capitalised name, not a date
    if (e < hi && this.toks[e].cap && this.midCap(e, lo) && (this.toks[e].pos === 'PROPN' || this.toks[e].pos === 'NOUN') && lookup('month', this.a(e, hi)) === undefined &&
      (pd !== undefined || /^(times|telegraph|express|mirror|post|herald|mail|night|morning|league|service|club|school|bloody)$/.test(this.n(e, hi)))) return { s, e, desc: { k: 'ref', v: '' }, rule: 'reject' };
    return { s, e, desc: day, rule };
  }

  private monthFrom(i: number, mo: number, lo: number, hi: number): Candidate {
    let e = i + 1;
    if (this.n(e, hi) === '.' && lookup('month-abbr', this.n(i, hi)) !== undefined && this.touch(e)) e++;
    const d = this.dayAt(e, hi);
    if (d !== null && /^\d/.test(this.n(e, hi)) && this.n(e + 1, hi) !== '-' && !COUNT_WORD.test(this.n(e + 1, hi)) && !(this.yearAt(e, hi, true) !== null)) {
      let f = e + 1;
      let y: number | undefined;
      const k = this.n(f, hi) === ',' ? f + 1 : f;
      const yy = this.yearAt(k, hi, true);
      if (yy !== null) {
        y = yy;
        f = k + 1;
      }
      return { s: i, e: f, desc: { k: 'date', y, m: mo, d }, rule: 'time/month-day' };
    }
    const k = this.n(e, hi) === ',' || this.n(e, hi) === 'of' ? e + 1 : e;
    const yy = this.yearAt(k, hi, true);
    if (yy !== null) return { s: i, e: k + 1, desc: { k: 'monthyear', y: yy, m: mo }, rule: 'time/month-year' };
    if (this.n(k, hi) === 'nineteen' || this.n(k, hi) === 'twenty') {
      // "January nineteen ninety-seven"
      const sp = this.core(k, lo, hi);
      if (sp && sp.desc.k === 'year') return { s: i, e: sp.e, desc: { k: 'monthyear', y: sp.desc.y, m: mo }, rule: 'time/month-spoken-year' };
    }
    const r = this.n(e, hi);
    if ((r === 'last' || r === 'this' || r === 'next') && this.n(e + 1, hi) === 'year')
      return { s: i, e: e + 2, desc: { k: 'month', m: mo, dir: null, yOff: r === 'last' ? -1 : r === 'next' ? 1 : 0 }, rule: 'time/month-rel-year' };
    return { s: i, e, desc: { k: 'month', m: mo, dir: null }, rule: 'time/month' };
  }

  /** this/last/next/past/coming + unit | weekday | month | season. */
  private relative(i: number, lo: number, hi: number): Candidate | null {
    const w = this.n(i, hi);
    const off = REL_WORD[w];
    const nx = this.a(i + 1, hi);
    const u = this.unitAt(i + 1, hi);
    if (u && u.single) return this.relUnit(i, i + 1, off, hi);
    const wd = lookup('weekday', nx);
    if (wd !== undefined && w !== 'past' && w !== 'coming' && w !== 'current' && w !== 'previous')
      return this.weekdayFrom(i + 1, +wd, w === 'last' ? -1 : w === 'next' ? 1 : 0, lo, hi, `time/${w}-weekday`, i);
    const mo = this.monthAt(i + 1, lo, hi, true);
    if (mo !== null && w !== 'current' && w !== 'coming') {
      const c = this.monthFrom(i + 1, mo, lo, hi);
      if (c.desc.k === 'date' && c.desc.y === undefined) return { s: i, e: c.e, desc: c.desc, rule: `time/${w}-month-day` };
      return { s: i, e: i + 2 + (this.n(i + 2, hi) === '.' && this.touch(i + 2) && lookup('month-abbr', this.n(i + 1, hi)) !== undefined ? 1 : 0), desc: { k: 'month', m: mo, dir: off === -1 ? -1 : off === 1 ? 1 : 0 }, rule: `time/${w}-month` };
    }
    const se = lookup('season', nx);
    if (se !== undefined && w !== 'current') return { s: i, e: i + 2, desc: { k: 'season', s: String(se), dir: off === -1 ? -1 : off === 1 ? 1 : 0 }, rule: `time/${w}-season` };
    return null;
  }

  private relUnit(s: number, k: number, off: number, hi: number): Candidate | null {
    const u = this.unitAt(k, hi);
    if (!u) return null;
    const unit = u.unit === '2W' ? 'W' : u.unit;
    if (unit === 'S' || unit === 'M' && this.a(k, hi).startsWith('min') || unit === 'H') {
      // "the last minute", "next hour": durations
      return null;
    }
    if (unit === 'D') {
      // "this day", "next day" without "the": rare and usually idiomatic ("to this day")
      return null;
    }
    // "this year's third quarter"
    if (unit === 'Y' && this.n(k + 1, hi) === "'s") {
      const q = this.quarter(k + 2, 0, hi);
      if (q && q.desc.k === 'quarter') return { s, e: q.e, desc: { k: 'quarter', q: q.desc.q, y: undefined, half: q.desc.half, yOff: off }, rule: 'time/rel-year-quarter' };
    }
    return { s, e: k + 1, desc: { k: 'rel', unit, off }, rule: `time/${this.n(s, hi)}-${this.a(k, hi)}` };
  }

  private everySet(i: number, lo: number, hi: number): Candidate | null {
    let k = i + 1;
    let n: number | 'X' = 1;
    if (this.n(k, hi) === 'other') {
      n = 2;
      k++;
    } else {
      const num = this.number(k, hi);
      if (num && num.n !== 'X' && this.unitAt(num.e, hi)) {
        n = num.n;
        k = num.e;
      }
    }
    const u = this.unitAt(k, hi);
    if (u) {
      const unit = u.unit === '2W' ? 'W' : u.unit;
      if (unit === 'WE') return { s: i, e: k + 1, desc: { k: 'set', v: 'XXXX-WXX-WE' }, rule: 'time/every-weekend' };
      return { s: i, e: k + 1, desc: { k: 'set', v: durValue(n, unit === 'M' && /^min/.test(this.a(k, hi)) ? 'TM' : unit) }, rule: 'time/every-unit' };
    }
    const wd = this.weekdayAt(k, hi);
    if (wd !== null) return { s: i, e: k + 1, desc: { k: 'set', v: `XXXX-WXX-${wd}` }, rule: 'time/every-weekday' };
    const mo = this.monthAt(k, lo, hi, true);
    if (mo !== null) return { s: i, e: k + 1, desc: { k: 'set', v: `XXXX-${String(mo).padStart(2, '0')}` }, rule: 'time/every-month' };
    const pd = lookup('partofday', this.n(k, hi));
    if (pd !== undefined) return { s: i, e: k + 1, desc: { k: 'set', v: `XXXX-XX-XXT${pd}` }, rule: 'time/every-part' };
    const se = lookup('season', this.n(k, hi));
    if (se !== undefined) return { s: i, e: k + 1, desc: { k: 'set', v: `XXXX-${se}` }, rule: 'time/every-season' };
    return null;
  }

  /** Durations: "three years", "nearly three years", "for months", "the past two weeks", "24-hour", "two weeks ago". */
  private duration(i: number, lo: number, hi: number): Candidate | null {
    let k = i;
    let s = i;
    let hadThe = false;
    let rel: number | null = null;
    // modifiers that belong to the span
    const w0 = this.n(k, hi);
    if (w0 === 'the') {
      hadThe = true;
      k++;
    }
    const two = `${this.n(k, hi)} ${this.n(k + 1, hi)}`;
    if (!hadThe && (APPROX2.has(two) || two === 'no more' || two === 'no fewer')) {
      k += two.startsWith('no ') ? 3 : 2;
      if (two === 'nearly a' || two === 'almost a') k--;
    } else if (!hadThe && APPROX1.has(this.n(k, hi)) && this.n(k, hi) !== 'some') k++;
    const rw = this.n(k, hi);
    if (rw === 'past' || rw === 'last' || rw === 'next' || rw === 'coming' || rw === 'previous' || rw === 'first' || rw === 'latest' || rw === 'following' || rw === 'recent') {
      rel = REL_WORD[rw] ?? (rw === 'recent' || rw === 'latest' ? -1 : 0);
      k++;
    }
    if (this.n(k, hi) === 'few' || this.n(k, hi) === 'several' || this.n(k, hi) === 'many') {
      const u = this.unitAt(k + 1, hi);
      if (u && !u.single) {
        if (this.n(k + 2, hi) === 'ago') return { s, e: k + 3, desc: { k: 'ref', v: 'PAST_REF' }, rule: 'time/vague-ago' };
        // "the last few months", "the past several quarters": the recent past
        if (hadThe && rel === -1) return { s, e: k + 2, desc: { k: 'ref', v: 'PAST_REF' }, rule: 'time/the-past-few-units' };
        const v = durValue('X', u.unit);
        return this.durFinish(s, k + 2, v, hi, u.unit, 'X');
      }
    }
    const num = this.number(k, hi);
    if (num) {
      let e = num.e;
      let hy = false;
      if (this.n(e, hi) === '-' && this.touch(e) && this.touch(e + 1)) {
        e++;
        hy = true;
      }
      if (this.n(e, hi) === 'and' && this.n(e + 1, hi) === 'a' && this.n(e + 2, hi) === 'half' && !hy) {
        // "two and a half years"
        const u = this.unitAt(e + 3, hi);
        if (u && num.n !== 'X') return this.durFinish(s, e + 4, durValue(num.n + 0.5, u.unit), hi, u.unit, num.n + 0.5);
      }
      if (this.n(e, hi) === 'more' && !hy) e++; // "20 more years"
      const u = this.unitAt(e, hi);
      if (!u) return null;
      if (this.n(e + 1, hi) === 'old' || (u.unit === 'S' && this.a(e, hi) === 'second' && this.toks[e + 1]?.pos === 'NOUN')) return null; // "52 years old", "a second group"
      if (u.unit === 'Q' && num.n !== 'X') {
        if (!hadThe && rel === null) return null; // "third quarter" is read as a quarter elsewhere
      }
      if (u.unit === 'WE') return null;
      const isA = this.n(k, hi) === 'a' || this.n(k, hi) === 'an';
      // "a year-earlier loss", "a year-ago quarter"
      if (u.unit === 'Y' && num.n === 1 && this.n(e + 1, hi) === '-' && /^(earlier|ago)$/.test(this.n(e + 2, hi)))
        return { s: isA ? k + 1 : s, e: e + 3, desc: { k: 'yearago' }, rule: 'time/year-ago' };
      // "a year" needs a duration cue or an ago/earlier; "$5 a year" is a set
      let e2 = e + 1;
      if (hy && this.n(e2, hi) === '-' && this.n(e2 + 1, hi) === 'old') return null; // an age ("6-year-old"), not a time
      const after = this.n(e2, hi);
      if (!hy && (after === 'ago' || (after === 'from' && this.n(e2 + 1, hi) === 'now'))) {
        if (num.n === 'X') return { s, e: e2 + (after === 'ago' ? 1 : 2), desc: { k: 'ref', v: after === 'ago' ? 'PAST_REF' : 'FUTURE_REF' }, rule: 'time/vague-ago' };
        if (num.n === 1 && u.unit === 'Y' && isA) return { s, e: e2 + 1, desc: { k: 'yearago' }, rule: 'time/a-year-ago' };
        return { s, e: e2 + (after === 'ago' ? 1 : 2), desc: { k: 'ago', unit: u.unit, n: after === 'ago' ? -num.n : num.n }, rule: 'time/ago' };
      }
      if (!hy && isA && num.n === 1 && u.unit === 'Y' && after === 'earlier' && !hadThe && rel === null)
        return { s, e: e2 + 1, desc: { k: 'yearago' }, rule: 'time/a-year-earlier' };
      if (isA && !hadThe && rel === null) {
        const prev = this.n(s - 1, hi);
        const pt = this.toks[s - 1];
        if (prev === 'times' || prev === 'once' || prev === 'twice' || prev === 'thrice' || prev === 'per' || (pt && (pt.pos === 'NUM' || /^(million|billion|trillion|bn|m|dollars|pounds|euros|tonnes|barrels|cents|pence)$/.test(prev)))) {
          // "twice a week", "$5 million a year"
          if (u.single) return { s, e: e + 1, desc: { k: 'set', v: durValue(1, u.unit) }, rule: 'time/rate-set' };
        }
      }
      if (hadThe && rel === null && num.n === 1 && isA) return null;
      if (!u.single && num.n === 1 && !isA) return null;
      if (num.n === 'X' && u.single) return null;
      if (hadThe && rel === null && num.n !== 'X' && !/^\d/.test(this.n(k, hi)) === false && u.unit === 'Y') {
        // "the 1990 year": not a duration
      }
      const v = durValue(num.n, u.unit === 'M' && /^min/.test(this.a(e, hi)) ? 'TM' : u.unit);
      // "the 90-day period": the hyphenated modifier alone
      return this.durFinish(hadThe && rel === null && hy ? s + 1 : s, e2, v, hi, u.unit, num.n, !hy);
    }
    // vague: "for months", "the past few years", "in recent weeks", "coming days"
    const u = this.unitAt(k, hi);
    if (u && !u.single && u.unit !== 'Q' && u.unit !== 'WE') {
      const prev = this.n(i - 1, hi);
      if (rel !== null || DUR_PREP.has(prev) || (hadThe && rel !== null)) return this.durFinish(hadThe && rel === null ? s + 1 : s, k + 1, durValue('X', u.unit), hi, u.unit, 'X');
      if (k === i && (prev === 'of' && /^(years|months|decades|weeks)$/.test(this.a(k, hi)))) return this.durFinish(s, k + 1, durValue('X', u.unit), hi, u.unit, 'X');
    }
    // "the past/last year", "the coming week": periods ending/starting now
    if (u && u.single && rel !== null && hadThe && u.unit !== 'Q' && u.unit !== 'WE' && u.unit !== 'D') {
      const min = u.unit === 'M' && /^min/.test(this.a(k, hi));
      // "the past year", "the last week": the calendar unit before this one (TimeBank); "the past hour" a duration
      if (!min && u.unit !== 'H' && u.unit !== 'S' && rel !== 0) return { s, e: k + 1, desc: { k: 'rel', unit: u.unit === '2W' ? 'W' : u.unit, off: rel }, rule: 'time/the-past-unit' };
      return { s, e: k + 1, desc: { k: 'dur', v: durValue(1, min ? 'TM' : u.unit) }, rule: 'time/the-past-unit' };
    }
    void lo;
    return null;
  }

  private durFinish(s: number, e: number, v: string, hi: number, unit: string, n: number | 'X', canFollow = true): Candidate {
    // "two weeks earlier/later" stay durations (TimeBank convention); "in two weeks' time"
    if (canFollow && this.n(e, hi) === "'" && this.n(e + 1, hi) === 'time') e += 2;
    else if (canFollow && (this.n(e, hi) === 'earlier' || this.n(e, hi) === 'later')) e++; // "a day earlier
    void unit;
    void n;
    return { s, e, desc: { k: 'dur', v }, rule: v.includes('X') ? 'time/vague-duration' : 'time/duration' };
  }
}

/** Digit tokens that cannot be (part of) a time expression: decimals, thousands, money, percentages. */
const NOT_TIME_NUMBER = /[,%$£€]|^\d+\.\d|\d(bn|m|k|mn|km|kg|ft|mph)$/;

/** Words that can begin an expression without being time words themselves. */
const WEAK_START = new Set([
  'the', 'a', 'an', 'last', 'past', 'next', 'this', 'that', 'these', 'coming', 'previous', 'current', 'following', 'early', 'late', 'mid',
  'earlier', 'later', 'nearly', 'almost', 'about', 'around', 'roughly', 'approximately', 'some', 'over', 'under', 'just', 'barely', 'fully',
  'only', 'another', 'more', 'less', 'at', 'up', 'fewer', 'close', 'well', 'no', 'fiscal', 'fy', 'few', 'several', 'many', 'recent', 'first',
  'second', 'third', 'fourth', 'latest', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy',
  'eighty', 'ninety', 'hundred', 'dozen', 'dozens', 'hundreds', 'couple', 'numerous', 'for', 'in', 'of', 'every', 'each',
]);

const UNIT_PART = new Set(['morning', 'afternoon', 'evening', 'night']);

function isCalendar(d: Desc): boolean {
  return d.k !== 'dur' && d.k !== 'set' && d.k !== 'ref';
}

/** TIMEX3 duration value: P3Y, PXM, PT2H, P10Y (decade). */
export function durValue(n: number | 'X', unit: string): string {
  if (n !== 'X' && n % 1 === 0.5) {
    // "2 1/2 years" → P2Y6M, "5 1/2 hours" → PT5H30M
    const w = Math.floor(n);
    if (unit === 'Y') return `P${w ? w + 'Y' : ''}6M`;
    if (unit === 'H') return `PT${w ? w + 'H' : ''}30M`;
    if (unit === 'D') return `P${w ? w + 'D' : ''}T12H`;
    if (unit === 'TM') return `PT${w ? w + 'M' : ''}30S`;
  }
  const num = n === 'X' ? 'X' : String(Math.round(n * 100) / 100);
  switch (unit) {
    case 'S':
      return `PT${num}S`;
    case 'TM':
      return `PT${num}M`;
    case 'H':
      return `PT${num}H`;
    case '2W':
      return n === 'X' ? 'PXW' : `P${2 * n}W`;
    case 'DE':
      return n === 'X' ? 'PXDE' : `P${10 * n}Y`;
    case 'CE':
      return n === 'X' ? 'PXCE' : `P${100 * n}Y`;
    case 'ML':
      return n === 'X' ? 'PXML' : `P${1000 * n}Y`;
    case 'Q':
      return n === 'X' ? 'PXQ' : `P${num}Q`;
    default:
      return `P${num}${unit}`;
  }
}

export type { TimeType };
