/**
 * Resolvers: a recognised expression (`Desc`) + a reference date + the clause's direction
 * (past / present / future) → a TIMEX3 value. Relative expressions without a reference date get
 * TIMEX3 placeholders ("XXXX-WXX-1", "XXXX-05").
 */
import type { Precision, Token, TimeType } from '../../document.js';
import type { Desc, Dir } from './recognize.js';
import {
  addDays, addMonths, daysInMonth, easter, fmtDay, fmtMonth, fmtWeek, nthWeekday, pad, quarterOf, validDate, weekday, type YMD,
} from './calendar.js';

export interface Context {
  /** Reference date: the publication date, or the statement date for a quote. */
  ref: YMD | null;
  /** Direction of the clause: -1 past, 0 present/unknown, 1 future. */
  dir: -1 | 0 | 1;
  /** The last day-precision date mentioned before (for "the next day"). */
  lastDay: YMD | null;
  /** The last quarter mentioned before (for "the quarter", "a year earlier"). */
  lastQuarter: { y: number; q: number } | null;
  /** The year of the last dated expression (for "that year"). */
  lastYear?: number | null;
  /** A day mentioned in this or the previous sentence (the day of a bare clock time). */
  nearDay?: YMD | null;
}

export interface Resolved {
  type: TimeType;
  value: string;
  precision: Precision;
  /** True when the text alone gives the value. */
  stated: boolean;
  /** The calendar day, when the value is one (for statement anchors and "the next day"). */
  day?: YMD;
}

const SEASON_IDX: Record<string, number> = { SP: 0, SU: 1, FA: 2, WI: 3 };

export function precisionOf(value: string, type: TimeType): Precision {
  if (type === 'DURATION' || type === 'SET') return 'none';
  if (/T\d\d:\d\d:\d\d/.test(value)) return 'second';
  if (/T\d\d:\d\d/.test(value)) return 'minute';
  if (/T(MO|AF|EV|NI|\d\d)$/.test(value)) return 'hour';
  if (/^[\dX]{4}-[\dX]{2}-[\dX]{2}$/.test(value)) return 'day';
  if (/^[\dX]{4}-W[\dX]{2}(-WE|-\d)?$/.test(value)) return /-\d$/.test(value) ? 'day' : 'week';
  if (/^[\dX]{4}-[\dX]{2}$/.test(value)) return 'month';
  if (/^[\dX]{4}-Q[\dX]$/.test(value)) return 'quarter';
  if (/^[\dX]{4}-(SP|SU|FA|WI)$/.test(value)) return 'quarter';
  if (/^[\dX]{2,4}(-H\d)?$/.test(value)) return 'year';
  return 'none';
}

const dayNum = (a: YMD): number => Date.UTC(a.y, a.m - 1, a.d) / 86400000;

/**
 * Pick the year for a month/day without one: the last before ref in a past clause, the next after
 * in a future one, else the nearest with a bias to the past (news mostly reports what happened).
 * A tense-chosen date a year away loses to one within six weeks on the other side.
 */
function pickYear(ref: YMD, dir: -1 | 0 | 1, m: number, d: number, wd?: number): number {
  const r = dayNum(ref);
  const cands = [ref.y - 1, ref.y, ref.y + 1].map((y) => ({ y, k: dayNum({ y, m, d: Math.min(d, daysInMonth(y, m)) }) - r }));
  if (wd !== undefined) {
    // "Saturday, April 25": the year whose April 25 is a Saturday, if one is near
    const ok = cands.filter((c) => weekday({ y: c.y, m, d: Math.min(d, daysInMonth(c.y, m)) }) === wd);
    if (ok.length === 1) return ok[0].y;
  }
  const past = cands.filter((c) => c.k <= 0).sort((x, z) => z.k - x.k)[0];
  const fut = cands.filter((c) => c.k >= 0).sort((x, z) => x.k - z.k)[0];
  if (dir < 0) return fut && fut.k <= 45 && -past.k > 270 ? fut.y : past.y;
  if (dir > 0) return past && -past.k <= 45 && fut.k > 270 ? past.y : fut.y;
  return 1.5 * fut.k < -past.k ? fut.y : past.y;
}

function resolveWeekday(ref: YMD, wd: number, explicit: Dir | 2, dir: -1 | 0 | 1): YMD {
  if (explicit === 2) dir = 0;
  const cur = weekday(ref);
  if (explicit === -1) return addDays(ref, -(((cur - wd + 7) % 7) || 7));
  if (explicit === 1) return addDays(ref, ((wd - cur + 7) % 7) || 7);
  if (explicit === 0) return addDays(ref, wd - cur);
  if (dir > 0) return addDays(ref, (wd - cur + 7) % 7);
  if (dir < 0) return addDays(ref, -((cur - wd + 7) % 7));
  // no tense: the nearest such day, ties to the past
  const back = (cur - wd + 7) % 7;
  const fwd = (wd - cur + 7) % 7;
  return 2 * fwd < back ? addDays(ref, fwd) : addDays(ref, -back);
}

function seasonOf(ref: YMD): { y: number; idx: number } {
  const m = ref.m;
  if (m >= 3 && m <= 5) return { y: ref.y, idx: 0 };
  if (m >= 6 && m <= 8) return { y: ref.y, idx: 1 };
  if (m >= 9 && m <= 11) return { y: ref.y, idx: 2 };
  return { y: m === 12 ? ref.y : ref.y - 1, idx: 3 };
}

function holidayDate(md: string, y: number): YMD | null {
  if (md === 'EASTER') return easter(y);
  const th = /^(\d\d)-TH(\d)$/.exec(md);
  if (th) return nthWeekday(y, +th[1], 4, +th[2]);
  const f = /^(\d\d)-(\d\d)$/.exec(md);
  return f ? { y, m: +f[1], d: +f[2] } : null;
}

const date = (value: string, stated: boolean, day?: YMD): Resolved => ({ type: 'DATE', value, precision: precisionOf(value, 'DATE'), stated, day });

export function resolve(desc: Desc, ctx: Context): Resolved | null {
  const { ref, dir } = ctx;
  switch (desc.k) {
    case 'date': {
      if (desc.y !== undefined) {
        if (!validDate(desc.y, desc.m, desc.d)) return null;
        const day = { y: desc.y, m: desc.m, d: desc.d };
        return date(fmtDay(day), true, day);
      }
      if (desc.m < 1 || desc.m > 12 || desc.d > 31) return null;
      if (!ref) return date(`XXXX-${pad(desc.m)}-${pad(desc.d)}`, false);
      const y = pickYear(ref, dir, desc.m, desc.d, desc.wd);
      if (!validDate(y, desc.m, desc.d)) return null;
      const day = { y, m: desc.m, d: desc.d };
      return date(fmtDay(day), false, day);
    }
    case 'monthyear':
      return date(fmtMonth(desc.y, desc.m), true);
    case 'month': {
      if (!ref) return date(`XXXX-${pad(desc.m)}`, false);
      if (desc.yOff !== undefined) return date(fmtMonth(ref.y + desc.yOff, desc.m), false);
      let y: number;
      if (desc.dir === -1) y = desc.m < ref.m ? ref.y : ref.y - 1;
      else if (desc.dir === 1) y = desc.m > ref.m ? ref.y : ref.y + 1;
      else if (desc.dir === 0) y = ref.y;
      else if (dir < 0) y = desc.m <= ref.m ? ref.y : ref.y - 1;
      else if (dir > 0) y = desc.m >= ref.m ? ref.y : ref.y + 1;
      else y = nearestMonthYear(ref, desc.m);
      void 0;
      return date(fmtMonth(y, desc.m), false);
    }
    case 'weekday': {
      if (!ref) return date(`XXXX-WXX-${desc.wd}`, false);
      const day = resolveWeekday(ref, desc.wd, desc.possessive && desc.dir === null ? 2 : desc.dir, dir);
      return date(fmtDay(day), false, day);
    }
    case 'deictic': {
      if (!ref) return date('XXXX-XX-XX', false);
      const day = addDays(ref, desc.off);
      return date(fmtDay(day), false, day);
    }
    case 'rel': {
      const off = desc.off;
      if (!ref) {
        const ph: Record<string, string> = { W: 'XXXX-WXX', WE: 'XXXX-WXX-WE', M: 'XXXX-XX', Y: 'XXXX', Q: 'XXXX-QX', DE: 'XXX', CE: 'XX' };
        return date(ph[desc.unit] ?? 'XXXX', false);
      }
      switch (desc.unit) {
        case 'W':
          return date(fmtWeek(addDays(ref, 7 * off)), false);
        case 'WE':
          // "the weekend" in a past clause written on a weekday is the one before
          return date(fmtWeek(addDays(ref, 7 * (off === 0 && dir < 0 && weekday(ref) < 6 ? -1 : off))) + '-WE', false);
        case 'M': {
          const a = addMonths(ref.y, ref.m, off);
          return date(fmtMonth(a.y, a.m), false);
        }
        case 'Y':
          return date(pad(ref.y + off, 4), false);
        case 'Q': {
          const a = addMonths(ref.y, ref.m, 3 * off);
          return date(`${pad(a.y, 4)}-Q${quarterOf(a.m)}`, false);
        }
        case 'DE':
          return date(String(Math.floor(ref.y / 10) + off), false);
        case 'CE':
          return date(pad(Math.floor(ref.y / 100) + off), false);
        default:
          return null;
      }
    }
    case 'ago': {
      const n = desc.n;
      if (!ref) {
        const ph: Record<string, string> = { D: 'XXXX-XX-XX', W: 'XXXX-WXX', M: 'XXXX-XX', Y: 'XXXX', DE: 'XXXX', CE: 'XXXX', Q: 'XXXX-QX', H: 'XXXX-XX-XX' };
        return date(ph[desc.unit] ?? 'XXXX-XX-XX', false);
      }
      switch (desc.unit) {
        case 'D': {
          const day = addDays(ref, n);
          return date(fmtDay(day), false, day);
        }
        case 'W':
        case '2W':
          return date(fmtWeek(addDays(ref, 7 * n * (desc.unit === '2W' ? 2 : 1))), false);
        case 'M': {
          const a = addMonths(ref.y, ref.m, n);
          return date(fmtMonth(a.y, a.m), false);
        }
        case 'Y':
          return date(pad(ref.y + n, 4), false);
        case 'DE':
          return date(pad(ref.y + 10 * n, 4), false);
        case 'CE':
          return date(pad(ref.y + 100 * n, 4), false);
        case 'Q': {
          const a = addMonths(ref.y, ref.m, 3 * n);
          return date(`${pad(a.y, 4)}-Q${quarterOf(a.m)}`, false);
        }
        default:
          return date(fmtDay(ref), false, ref);
      }
    }
    case 'season': {
      if (desc.y !== undefined) return date(`${pad(desc.y, 4)}-${desc.s}`, true);
      if (!ref) return date(`XXXX-${desc.s}`, false);
      const cur = seasonOf(ref);
      const t = SEASON_IDX[desc.s];
      const k = cur.y * 4 + cur.idx;
      let y: number;
      const eff: Dir = desc.dir ?? (dir < 0 ? -2 as unknown as Dir : dir > 0 ? 2 as unknown as Dir : 0);
      if (eff === -1) y = cur.y * 4 + t < k ? cur.y : cur.y - 1;
      else if (eff === 1) y = cur.y * 4 + t > k ? cur.y : cur.y + 1;
      else if ((eff as number) === -2) y = cur.y * 4 + t <= k ? cur.y : cur.y - 1;
      else if ((eff as number) === 2) y = cur.y * 4 + t >= k ? cur.y : cur.y + 1;
      else y = cur.y;
      return date(`${pad(y, 4)}-${desc.s}`, false);
    }
    case 'quarter': {
      if (desc.half) {
        if (desc.y !== undefined) return date(`${pad(desc.y, 4)}-H${desc.q}`, true);
        if (!ref) return date(`XXXX-H${desc.q}`, false);
        if (desc.yOff !== undefined) return date(`${pad(ref.y + desc.yOff, 4)}-H${desc.q}`, false);
        const y = (desc.q ?? 1) === 2 && ref.m <= 6 && dir <= 0 ? ref.y - 1 : ref.y;
        return date(`${pad(y, 4)}-H${desc.q}`, false);
      }
      if (desc.q === null) {
        if (ctx.lastQuarter) return date(`${pad(ctx.lastQuarter.y, 4)}-Q${ctx.lastQuarter.q}`, false);
        if (!ref) return date('XXXX-QX', false);
        const a = addMonths(ref.y, ref.m, -3);
        return date(`${pad(a.y, 4)}-Q${quarterOf(a.m)}`, false);
      }
      if (desc.y !== undefined) return date(`${pad(desc.y, 4)}-Q${desc.q}`, true);
      if (!ref) return date(`XXXX-Q${desc.q}`, false);
      if (desc.yOff !== undefined) return date(`${pad(ref.y + desc.yOff, 4)}-Q${desc.q}`, false);
      const y = desc.q > quarterOf(ref.m) && dir <= 0 ? ref.y - 1 : ref.y;
      return date(`${pad(y, 4)}-Q${desc.q}`, false);
    }
    case 'yearago': {
      if (ctx.lastQuarter) return date(`${pad(ctx.lastQuarter.y - 1, 4)}-Q${ctx.lastQuarter.q}`, false);
      if (!ref) return date('XXXX', false);
      return date(pad(ref.y - 1, 4), false);
    }
    case 'year':
      return date(pad(desc.y, 4), true);
    case 'decade':
      return date(desc.v, true);
    case 'century':
      return date(desc.v, true);
    case 'ref':
      return { type: 'DATE', value: desc.v, precision: 'none', stated: true };
    case 'dur':
      return { type: 'DURATION', value: desc.v, precision: 'none', stated: true };
    case 'set':
      return { type: 'SET', value: desc.v, precision: 'none', stated: true };
    case 'clock': {
      const dayR = desc.day ? resolve(desc.day, ctx) : null;
      const base = dayR?.day ?? (desc.day ? null : ctx.nearDay ?? ref);
      const prefix = base ? fmtDay(base) : dayR && /^X/.test(dayR.value) ? dayR.value : 'XXXX-XX-XX';
      const value = `${prefix.includes('W') ? 'XXXX-XX-XX' : prefix}T${pad(desc.h)}:${pad(desc.mi)}`;
      return { type: 'TIME', value, precision: 'minute', stated: false, day: base ?? undefined };
    }
    case 'part': {
      const dayR = desc.day ? resolve(desc.day, ctx) : null;
      const base = dayR?.day ?? null;
      const prefix = base ? fmtDay(base) : dayR?.value && !dayR.value.includes('W') ? dayR.value : 'XXXX-XX-XX';
      return { type: 'TIME', value: `${prefix}T${desc.p}`, precision: 'hour', stated: false, day: base ?? undefined };
    }
    case 'discourse': {
      if (desc.unit === 'Y' && ctx.lastYear) return date(pad(ctx.lastYear + desc.off, 4), false);
      const base = ctx.lastDay ?? ref;
      if (!base) return date(desc.unit === 'D' ? 'XXXX-XX-XX' : desc.unit === 'W' ? 'XXXX-WXX' : desc.unit === 'M' ? 'XXXX-XX' : 'XXXX', false);
      switch (desc.unit) {
        case 'D': {
          const day = addDays(base, desc.off);
          return date(fmtDay(day), false, day);
        }
        case 'W':
          return date(fmtWeek(addDays(base, 7 * desc.off)), false);
        case 'M': {
          const a = addMonths(base.y, base.m, desc.off);
          return date(fmtMonth(a.y, a.m), false);
        }
        default:
          return date(pad(base.y + desc.off, 4), false);
      }
    }
    case 'holiday': {
      if (desc.y !== undefined) {
        const day = holidayDate(desc.md, desc.y);
        return day ? date(fmtDay(day), true, day) : null;
      }
      if (!ref) {
        const f = /^(\d\d)-(\d\d)$/.exec(desc.md);
        return date(f ? `XXXX-${f[1]}-${f[2]}` : 'XXXX-XX-XX', false);
      }
      const r = ref.y * 400 + ref.m * 32 + ref.d;
      const days = [ref.y - 1, ref.y, ref.y + 1].map((y) => holidayDate(desc.md, y)).filter((x): x is YMD => !!x);
      const key = (a: YMD) => a.y * 400 + a.m * 32 + a.d;
      let pick: YMD | undefined;
      if (dir < 0) pick = [...days].reverse().find((a) => key(a) <= r);
      else if (dir > 0) pick = days.find((a) => key(a) >= r);
      else pick = days.reduce((b, a) => (Math.abs(key(a) - r) < Math.abs(key(b) - r) ? a : b));
      return pick ? date(fmtDay(pick), false, pick) : null;
    }
    default:
      return null;
  }
}

function nearestMonthYear(ref: YMD, m: number): number {
  // the month this year if it has begun, unless next year's is much closer
  const past = m <= ref.m ? ref.m - m : ref.m + 12 - m;
  const fut = m > ref.m ? m - ref.m : m + 12 - ref.m;
  const pastY = m <= ref.m ? ref.y : ref.y - 1;
  const futY = m > ref.m ? ref.y : ref.y + 1;
  return 1.5 * fut < past ? futY : pastY;
}

// ---------------------------------------------------------------------------------------------
// Clause direction from the segment stage's tense/form/MD tags.

const BOUNDARY = new Set([';', ':', '“', '”', '"', '(', ')', '—', '–', '?', '!', '‘', '’', '``', "''"]);
const CLAUSE_WORD = new Set(['but', 'while', 'although', 'though', 'because', 'whereas', 'which', 'who', 'when', 'if', 'unless', 'since']);
const FUTURE_MD = new Set(['will', "'ll", 'shall', 'wo']);
const FUT_TO = new Set(['due', 'set', 'expected', 'scheduled', 'planned', 'planning', 'plans', 'plan', 'going', 'poised', 'slated', 'aims', 'aim', 'hopes', 'hope', 'intends', 'intend', 'preparing', 'prepares', 'likely', 'ready', 'wants', 'want', 'is', 'are', 'am', 'expects', 'expect', 'agreed', 'agree', 'agrees', 'promised', 'promises', 'vowed', 'vows', 'threatened', 'threatens', 'pledged', 'pledges', 'decided', 'decides', 'voted', 'votes']);
/** Verbs whose complement date lies ahead even when they are in the past tense ("postponed until Tuesday"). */
const FORWARD_LEMMA = new Set(['postpone', 'delay', 'adjourn', 'defer', 'schedule', 'reschedule', 'plan', 'slate', 'extend', 'expect', 'set', 'announce', 'due', 'call']);
const FORWARD_PREP = new Set(['until', 'till', 'by', 'before', 'to', 'for']);
const PAST_AUX = new Set(['was', 'were', 'had', "'d"]);
const HAVE = new Set(['has', 'have', "'ve", "'s"]);
const BE_PRESENT = new Set(['is', 'are', 'am', "'s", "'re", "'m"]);
const NEG = new Set(['not', "n't", 'never']);

const isVerb = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX' || t.form === 'MD';

/** The verb group (aux chain + main verb) around verb token v. */
function verbGroup(tokens: Token[], lo: number, hi: number, v: number): { first: number; main: number } {
  let main = v;
  while (main + 1 < hi && (tokens[main].pos === 'AUX' || tokens[main].form === 'MD')) {
    const nx = tokens[main + 1];
    if (isVerb(nx)) main++;
    else if ((nx.pos === 'ADV' || NEG.has(nx.norm)) && main + 2 < hi && isVerb(tokens[main + 2])) main += 2;
    else break;
  }
  let first = v;
  for (;;) {
    const p = tokens[first - 1];
    if (first - 1 < lo || !p) break;
    if (isVerb(p) && (p.pos === 'AUX' || p.form === 'MD')) first--;
    else if ((p.pos === 'ADV' || NEG.has(p.norm)) && first - 2 >= lo && (tokens[first - 2].pos === 'AUX' || tokens[first - 2].form === 'MD')) first -= 2;
    else break;
  }
  return { first, main };
}

function groupDirection(tokens: Token[], lo: number, hi: number, v: number, depth: number): -1 | 0 | 1 | 2 {
  const { first, main } = verbGroup(tokens, lo, hi, v);
  const group = tokens.slice(first, main + 1);
  const norms = group.map((t) => t.norm);
  if (norms.some((n) => FUTURE_MD.has(n))) return 1;
  if (norms.includes('would')) return norms.includes('have') ? -1 : 1;
  const mainTok = tokens[main];
  // "to" + base verb: "X to call Putin Monday", "is due to meet", "plans to visit", "had been due to expire"
  const before = tokens[first - 1];
  if (before && before.norm === 'to' && (mainTok.form === 'VB' || mainTok.form === '')) {
    const govIdx = first - 2;
    const gov = tokens[govIdx];
    if (!gov || govIdx < lo) return 1; // headline: "Trump to call Putin Monday"
    if (FUT_TO.has(gov.norm) || (gov.pos === 'ADJ' && FUT_TO.has(gov.norm))) {
      const g = verbGroup(tokens, lo, hi, govIdx);
      if (tokens.slice(g.first, g.main + 1).some((t) => t.norm === 'had')) return -1;
      return 1;
    }
    if (gov.pos === 'PROPN' || gov.pos === 'NOUN' || gov.pos === 'PRON') {
      // headline style "Putin, Zelensky to meet Tuesday": no finite verb before the subject
      let finite = false;
      for (let k = lo; k < govIdx; k++) if (isVerb(tokens[k])) finite = true;
      if (!finite) return 1;
    }
    if (isVerb(gov) && depth < 2) {
      const g = groupDirection(tokens, lo, hi, govIdx, depth + 1);
      return g === 2 ? 0 : g;
    }
    if (gov.pos === 'ADJ' || gov.pos === 'ADV') return 1; // "ready to leave", "likely to meet"
    return 0;
  }
  if (mainTok.form === 'VBG') {
    if (norms.some((n) => PAST_AUX.has(n))) return -1;
    if (norms.some((n) => BE_PRESENT.has(n))) return 1;
    if (norms.some((n) => HAVE.has(n))) return -1;
  }
  if (norms.some((n) => PAST_AUX.has(n))) return -1;
  if (norms.some((n) => HAVE.has(n)) && group.length > 1) return -1;
  if (norms.some((n) => n === 'could' || n === 'might' || n === 'may' || n === 'should' || n === 'must' || n === 'can')) return 0;
  if (group.some((t) => t.tense === 'past') || mainTok.form === 'VBD') return -1;
  if (mainTok.form === 'VBN' && group.length === 1) return -1; // reduced relative / headline passive: "talks held Wednesday"
  // present simple of a scheduled event: "the vote is on Friday", "the summit opens Monday"
  // (but not the headline present of reporting verbs: "Putin says Monday ...")
  if ((mainTok.form === 'VBZ' || mainTok.form === 'VBP') && !SPEECH.has(mainTok.lemma) && depth === 0) return 2;
  return 0;
}

const SPEECH = new Set(['say', 'tell', 'announce', 'claim', 'warn', 'report', 'confirm', 'deny', 'insist', 'argue', 'add', 'state', 'write', 'accuse', 'urge', 'call', 'ask', 'suggest', 'believe', 'think', 'know', 'show', 'indicate', 'have', 'do']);

/**
 * Direction of the clause around tokens [s, e): -1 past, 1 future, 0 unknown, 2 present simple of a
 * non-reporting verb (a scheduled event for a weekday: "the vote is on Friday"; unknown otherwise).
 */
export function clauseDirection(tokens: Token[], lo: number, hi: number, s: number, e: number): -1 | 0 | 1 | 2 {
  let left = -1;
  for (let k = s - 1; k >= lo && k >= s - 14; k--) {
    const t = tokens[k];
    if (BOUNDARY.has(t.text) || (CLAUSE_WORD.has(t.norm) && (t.pos === 'SCONJ' || t.pos === 'CCONJ' || t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'ADV'))) break;
    if (isVerb(t)) {
      left = k;
      break;
    }
  }
  let right = -1;
  let comma = false;
  for (let k = e; k < hi && k < e + 14; k++) {
    const t = tokens[k];
    if (BOUNDARY.has(t.text)) break;
    if (t.text === ',') comma = true;
    if (isVerb(t)) {
      right = k;
      break;
    }
  }
  let v = left;
  if (left < 0) v = right;
  else if (right >= 0 && !comma && right - e + 2 < s - left - 1) v = right;
  if (v < 0) return 0;
  const dir = groupDirection(tokens, lo, hi, v, 0);
  if (dir < 0 && v === left) {
    // "postponed until Tuesday", "extended to Nov. 20": the complement date lies ahead
    const prep = tokens[s - 1];
    const { main } = verbGroup(tokens, lo, hi, v);
    if (prep && FORWARD_PREP.has(prep.norm) && FORWARD_LEMMA.has(tokens[main].lemma)) return 1;
    if (/^(plan|schedule|slate|expect)$/.test(tokens[main].lemma)) return 1;
    if (tokens[main].lemma === 'set' && tokens[main].form !== 'VBD') return 1;
  }
  // a deadline with no tense to go by: "by February", "effective Feb. 1", "until Nov. 20"
  if (dir === 0 && s > lo && DEADLINE_PREP.has(tokens[s - 1].norm)) return 1;
  return dir;
}

const DEADLINE_PREP = new Set(['by', 'until', 'till', 'effective', 'starting', 'beginning']);
