/**
 * Small noun-phrase helpers over tagged tokens: the subject before a cue verb ("a senior official in
 * Zelensky's office said"), the phrase after it ("said a Kremlin spokesperson"), the subject of a
 * sentence ("Following the talks, Trump said …"). No parser: part-of-speech runs with a few
 * attachments (of/for/at/in + a name, possessive 's, relative clauses and appositions between commas).
 */
import type { Token } from '../../document.js';

export interface NP {
  /** Token range [a, b). */
  a: number;
  b: number;
  /** Head token index. */
  head: number;
  pronoun: boolean;
}

export const PERSONAL = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
const POSSESSIVE = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);
const NP_ADP_BACK = new Set(['of', 'for', 'at', 'in', 'from', 'to']);
export const TIME_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'week', 'weekend', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'earlier', 'later', 'recently',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'last', 'this', 'next', 'previously', 'meanwhile', 'day', 'days', 'weeks', 'months', 'years', 'ago',
]);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom', 'a', 'an', 'the', 'himself', 'herself', 'itself', 'also', 'now', 'then', 'formerly', 'both', 'each']);

const isPoss = (t: Token): boolean => t.norm === "'s" || t.norm === '’s' || t.norm === "'" || (t.pos === 'PART' && /^['’]s?$/.test(t.text));
/** Nouns and names; wink tags some unknown capitalised names as verbs ("…," Lynch said). */
const nominal = (t: Token): boolean => t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'VERB' && t.cap && t.form !== 'VBD' && t.form !== 'VBG');
/** A hyphen at k written without spaces between two words ("conservative-leaning"). */
function glued(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || (t.text !== '-' && t.text !== '‑')) return false;
  const p = tokens[k - 1];
  const n = tokens[k + 1];
  return !!p && !!n && p.end === t.start && n.start === t.end && p.pos !== 'PUNCT' && n.pos !== 'PUNCT';
}

function npToken(t: Token): boolean {
  if (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'DET') return true;
  if (t.pos === 'PRON' && POSSESSIVE.has(t.norm)) return true;
  if (isPoss(t)) return true;
  if (t.pos === 'PUNCT' && (t.text === '-' || t.text === '.')) return true;
  // wink tags a few title words as verbs (Acting, Deputy), and gerund adjectives (ruling party)
  if (t.pos === 'VERB' && t.cap && t.form !== 'VBD') return true;
  return false;
}

function headOf(tokens: Token[], a: number, b: number): number {
  let stop = b;
  for (let k = a + 1; k < b; k++) {
    if (tokens[k].pos === 'ADP') {
      stop = k;
      break;
    }
  }
  for (let k = stop - 1; k >= a; k--) if (nominal(tokens[k])) return k;
  for (let k = b - 1; k >= a; k--) if (nominal(tokens[k]) || tokens[k].pos === 'PRON') return k;
  return b - 1;
}

/** Skip adverbs, auxiliaries, "not", time adjuncts ("on Sunday", "last week") leftwards from j. */
export function skipLeft(tokens: Token[], j: number, lo: number): number {
  while (j >= lo) {
    const t = tokens[j];
    if (t.pos === 'ADV' || t.pos === 'AUX' || t.norm === 'not' || t.norm === "n't" || (t.pos === 'PART' && !isPoss(t))) {
      j--;
      continue;
    }
    if (TIME_WORDS.has(t.norm) && j - 1 >= lo) {
      // "on Sunday", "last week", "earlier this month"
      let k = j;
      while (k >= lo && (TIME_WORDS.has(tokens[k].norm) || tokens[k].pos === 'NUM' || tokens[k].pos === 'DET')) k--;
      if (k >= lo && (tokens[k].norm === 'on' || tokens[k].norm === 'in' || tokens[k].norm === 'at' || tokens[k].norm === 'during')) k--;
      if (k < j && k >= lo - 1) {
        j = k;
        continue;
      }
    }
    break;
  }
  return j;
}

/** The noun phrase ending at token j (inclusive), not before lo. Skips one relative clause or apposition between commas. */
/** Skip a parenthesis ending at j ("Jason Chaffetz (R-Utah) said"): the index before its "(", or j. */
function skipParen(tokens: Token[], j: number, lo: number): number {
  if (tokens[j]?.text !== ')') return j;
  for (let k = j - 1; k >= lo && k >= j - 10; k--) if (tokens[k].text === '(') return k - 1;
  return j;
}

export function npBefore(tokens: Token[], j: number, lo: number, skipApposition = true): NP | null {
  j = skipParen(tokens, j, lo);
  if (j < lo) return null;
  let t = tokens[j];
  if (skipApposition && (t.text === ',' || t.text === '—' || t.text === '–')) {
    // "Umerov, who led Kyiv's delegation, said" / "Clinton, 35, the daughter of …, said" /
    // "After winning Ohio, Gov. John Kasich (R-OH), said"
    let end = j;
    for (let guard = 0; guard < 4; guard++) {
      let k = end - 1;
      while (k >= lo && k >= end - 30 && tokens[k].text !== t.text && !(t.text !== ',' && tokens[k].text === ',')) {
        const u = tokens[k].text;
        if (u === '.' || u === ';' || u === '“' || u === '”' || u === '"') return null;
        k--;
      }
      if (k < lo - 1 || k < end - 30) return null;
      const first = tokens[k + 1];
      const seg = npAfter(tokens, k + 1, end);
      const segEnd = seg ? (tokens[seg.b]?.text === '(' ? skipParenForward(tokens, seg.b, end) : seg.b) : -1;
      const apposition = RELATIVE.has(first?.norm) || first?.pos === 'DET' || first?.pos === 'NUM' || first?.pos === 'ADJ' || (first?.pos === 'NOUN' && !first.cap);
      if (!apposition && seg && segEnd === end && tokens[seg.head].pos === 'PROPN') return seg;
      if (k < lo) return null;
      const np = npBefore(tokens, k - 1, lo, false);
      if (np && !np.pronoun && (np.a === lo || tokens[np.a - 1].text !== ',' || tokens[np.head].pos === 'PROPN')) return np;
      if (!apposition && !(first?.pos === 'NOUN' || first?.pos === 'PROPN')) return null;
      end = k;
    }
    return null;
  }
  if (t.pos === 'PRON' && PERSONAL.has(t.norm)) return { a: j, b: j + 1, head: j, pronoun: true };
  if (!npToken(t) || t.pos === 'DET' || t.pos === 'ADJ' || isPoss(t) || t.pos === 'PUNCT') {
    if (!(nominal(t) || t.pos === 'NUM')) return null;
  }
  let k = j;
  while (k >= lo) {
    t = tokens[k];
    if (k - 2 >= lo && glued(tokens, k - 1)) {
      k -= 2;
      continue;
    }
    if (npToken(t)) {
      if (t.pos === 'DET' && !isPoss(t)) {
        k--;
        break; // a determiner opens the phrase
      }
      if (t.pos === 'PUNCT' && !(k - 1 >= lo && nominal(tokens[k - 1]))) break;
      k--;
      continue;
    }
    if (t.pos === 'ADP' && NP_ADP_BACK.has(t.norm) && k - 1 >= lo && nominal(tokens[k - 1]) && k + 1 <= j && (tokens[k + 1].pos === 'PROPN' || tokens[k + 1].pos === 'DET' || POSSESSIVE.has(tokens[k + 1].norm))) {
      k--;
      continue;
    }
    if (t.norm === 'and' && k - 1 >= lo && tokens[k - 1].pos === 'PROPN' && tokens[k + 1]?.pos === 'PROPN') {
      k--;
      continue;
    }
    break;
  }
  let a = k + 1;
  while (a <= j && (tokens[a].pos === 'ADP' || tokens[a].pos === 'PUNCT' || tokens[a].pos === 'CCONJ' || isPoss(tokens[a]))) a++;
  // Leading time words are adjuncts ("Sunday the president said" never happens, "Monday Trump said" does)
  while (a < j && TIME_WORDS.has(tokens[a].norm) && tokens[a + 1] && nominal(tokens[a + 1])) a++;
  if (a > j) return null;
  let hasNominal = false;
  for (let q = a; q <= j; q++) if (nominal(tokens[q])) hasNominal = true;
  if (!hasNominal) return null;
  return { a, b: j + 1, head: headOf(tokens, a, j + 1), pronoun: false };
}

/** The index after a parenthesis opening at k, if it closes before hi. */
function skipParenForward(tokens: Token[], k: number, hi: number): number {
  for (let q = k + 1; q < hi && q <= k + 10; q++) if (tokens[q].text === ')') return q + 1;
  return k;
}

/** The noun phrase starting at token i, not past hi (exclusive). */
export function npAfter(tokens: Token[], i: number, hi: number): NP | null {
  if (i >= hi) return null;
  const t0 = tokens[i];
  if (t0.pos === 'PRON' && PERSONAL.has(t0.norm)) return { a: i, b: i + 1, head: i, pronoun: true };
  let k = i;
  let seenNominal = false;
  while (k < hi) {
    const t = tokens[k];
    if (TIME_WORDS.has(t.norm) && seenNominal && !t.cap) break;
    if (glued(tokens, k) && k + 2 <= hi) {
      // "conservative-leaning", "low-ranking": a hyphenated compound is one word
      k += 2;
      continue;
    }
    if (npToken(t)) {
      if (t.pos === 'DET' && seenNominal && !isPoss(t) && tokens[k - 1]?.pos !== 'ADP') break;
      if (t.pos === 'PUNCT' && !(seenNominal && k + 1 < hi && nominal(tokens[k + 1]))) break;
      if (TIME_WORDS.has(t.norm) && t.cap && seenNominal && /day$/.test(t.norm)) break; // "said Putin Sunday"
      if (nominal(t)) seenNominal = true;
      k++;
      continue;
    }
    if (t.pos === 'ADP' && seenNominal && (t.norm === 'of' || t.norm === 'for' || t.norm === 'at' || t.norm === 'in' || t.norm === 'from' || t.norm === 'to') && k + 1 < hi) {
      const n1 = tokens[k + 1];
      const n2 = tokens[k + 2];
      const ok =
        n1.pos === 'PROPN' ||
        POSSESSIVE.has(n1.norm) ||
        (n1.pos === 'DET' && n2 && (n2.pos === 'PROPN' || ((t.norm === 'of' || t.norm === 'for') && n2.pos !== 'VERB'))) ||
        ((t.norm === 'of' || t.norm === 'for') && (n1.pos === 'NOUN' || n1.pos === 'ADJ'));
      if (ok && !TIME_WORDS.has(n1.norm) && !(n2 && TIME_WORDS.has(n2.norm) && n1.pos === 'DET')) {
        k++;
        continue;
      }
    }
    if (t.norm === 'and' && seenNominal && tokens[k - 1]?.pos === 'PROPN' && tokens[k + 1]?.pos === 'PROPN') {
      k++;
      continue;
    }
    break;
  }
  let b = k;
  while (b > i && (tokens[b - 1].pos === 'ADP' || tokens[b - 1].pos === 'DET' || tokens[b - 1].pos === 'PUNCT' || tokens[b - 1].pos === 'CCONJ')) b--;
  if (!seenNominal || b <= i) return null;
  return { a: i, b, head: headOf(tokens, i, b), pronoun: false };
}

/** The subject of a sentence: skip a fronted adjunct ("Following the talks,", "On Sunday,", "Meanwhile,"), then a noun phrase followed by a verb. */
export function sentenceSubject(tokens: Token[], s: number, limit: number): NP | null {
  let i = s;
  while (i < limit && (tokens[i].pos === 'PUNCT')) i++;
  const t = tokens[i];
  if (!t) return null;
  if (t.pos === 'ADP' || t.pos === 'SCONJ' || t.pos === 'ADV' || (t.pos === 'VERB' && (t.form === 'VBG' || t.form === 'VBN' || t.form === 'VBD')) || t.pos === 'CCONJ') {
    let c = -1;
    for (let k = i; k < limit && k < i + 30; k++) if (tokens[k].text === ',') {
      c = k;
      break;
    }
    if (c < 0) {
      if (t.pos === 'CCONJ' || t.pos === 'ADV') i++;
      else return null;
    } else i = c + 1;
  }
  let np = npAfter(tokens, i, limit);
  if (!np) return null;
  // "Hours later, Trump …": a fronted time phrase
  if (tokens[np.b]?.pos === 'ADV' && tokens[np.b + 1]?.text === ',') {
    np = npAfter(tokens, np.b + 2, limit);
    if (!np) return null;
  }
  // skip a parenthesis, an apposition or a relative clause after the subject
  let nx = np.b;
  if (tokens[nx]?.text === '(') nx = skipParenForward(tokens, nx, limit);
  if (tokens[nx]?.text === ',') {
    for (let k = nx + 1; k < limit && k < nx + 25; k++) if (tokens[k].text === ',') {
      nx = k + 1;
      break;
    }
  }
  const v = tokens[nx];
  if (!v || nx > limit) return np;
  if (v.pos === 'VERB' || v.pos === 'AUX' || v.pos === 'ADV') return np;
  return null;
}
