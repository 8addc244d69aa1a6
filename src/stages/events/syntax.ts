/**
 * Shallow syntax over tagged tokens and actor mentions: who is the subject of a trigger, what is
 * its object or prepositional target, is it passive, which actors are coordinated with which.
 */
import type { ActorMention, Doc, Token } from '../../document.js';
import type { Cues } from '../../dictionaries/cameo.js';
import { headClass, transparentBeforeOf, type NpSlot } from './generic.js';
import { lookup as timeWord } from '../time/lexicon.js';

export interface Ctx {
  doc: Doc;
  tokens: Token[];
  cues: Cues;
  /** token index → the mention covering it (the widest non-possessive one, else a possessive one). */
  at: (ActorMention | undefined)[];
  /** token index → mention whose noun phrase ends at this token (npEnd - 1). */
  npEndAt: (ActorMention[] | undefined)[];
  sentStart: number;
  sentEnd: number;
  /** Tokens consumed by an event pattern. */
  used: Uint8Array;
  /** Compound group id → its member mentions. */
  groups: Map<string, ActorMention[]>;
}

export interface Arg {
  mentions: ActorMention[];
  /** How the argument was found (feeds confidence). */
  how: 'subject' | 'object' | 'prep' | 'inherited' | 'possessive' | 'agent' | 'between' | 'modifier' | 'light' | 'speaker' | 'antecedent';
  confidence: number;
  /** For an inherited subject: the earlier verb it came from. */
  verb?: number;
  /** Inherited by a participle/infinitive adjunct (not a coordinated verb phrase). */
  adjunct?: boolean;
}

const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re", 'get', 'got', 'gets', 'getting']);
const PREP_BLOCK = new Set(['in', 'at', 'on', 'from', 'of', 'for', 'with', 'by', 'after', 'before', 'during', 'to', 'against', 'about', 'over', 'under', 'among', 'between', 'including', 'like', 'than', 'as', 'via', 'into', 'toward', 'towards', 'near', 'since', 'despite', 'regarding', 'amid', 'following', 'per']);
const CLAUSE_STOP = new Set([';', ':', '—', '–', '(', ')']);
/** Deictic day words that, like a weekday (time lexicon), can stand between a subject and its verb ("Israel Friday reimposed"). */
const DEICTIC_DAY = new Set(['today', 'yesterday', 'tomorrow', 'tonight']);
const bareTime = (w: string): boolean => DEICTIC_DAY.has(w) || timeWord('weekday', w) !== undefined;
const TIME_NOUN = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tomorrow', 'week', 'month', 'year', 'weekend', 'night', 'morning', 'evening', 'afternoon', 'day', 'time', 'person', 'phone', 'telephone']);
const SUBORD = new Set(['while', 'although', 'though', 'because', 'since', 'whereas', 'after', 'before', 'when', 'as', 'if', 'unless', 'until']);

export function isFiniteVerb(t: Token): boolean {
  return (t.pos === 'VERB' || t.pos === 'AUX') && (t.form === 'VBD' || t.form === 'VBZ' || t.form === 'VBP' || t.form === 'MD');
}

/** Start of the verb group ending at trigger i: auxiliaries, modals, adverbs, negation, chain verbs + "to". */
export function verbGroupStart(c: Ctx, i: number): number {
  let g = i;
  for (let k = i - 1; k >= c.sentStart; k--) {
    const t = c.tokens[k];
    if (c.at[k]) break;
    if (t.pos === 'AUX' || t.pos === 'PART' || t.pos === 'ADV' || t.norm === 'to' || t.norm === 'not' || t.norm === "n't") { g = k; continue; }
    if ((t.pos === 'VERB' || t.pos === 'NOUN') && (c.cues.chain.has(t.lemma) || t.lemma === 'plan' || t.lemma === 'agree' || t.lemma === 'threaten') && c.tokens[k + 1]?.norm === 'to') { g = k; continue; }
    break;
  }
  return g;
}

export function isPassive(c: Ctx, i: number): boolean {
  const t = c.tokens[i];
  if (t.form !== 'VBN' && t.form !== 'VBD') return false;
  for (let k = i - 1; k >= Math.max(c.sentStart, i - 4); k--) {
    const p = c.tokens[k];
    if (BE.has(p.norm) || (p.lemma === 'be' && p.pos === 'AUX')) return true;
    if (p.pos !== 'ADV' && p.pos !== 'PART' && p.pos !== 'AUX') return false;
  }
  return false;
}

function mentionStartsAt(c: Ctx, m: ActorMention): number {
  return Math.max(c.sentStart, Math.min(m.npStart, m.tokenStart));
}

/** Is the mention the object of a preposition (looking left over determiners/adjectives/numbers)? */
export function prepBefore(c: Ctx, m: ActorMention): string | null {
  for (let k = mentionStartsAt(c, m) - 1, n = 0; k >= c.sentStart && n < 4; k--, n++) {
    const t = c.tokens[k];
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM' || t.norm === 'both' || t.norm === 'all') continue;
    if (t.pos === 'ADP' || PREP_BLOCK.has(t.norm)) return t.norm;
    return null;
  }
  return null;
}

/** Mentions coordinated with m (its compound group; "X and Y", "X, Y and Z", "X as well as Y"). */
export function coordinated(c: Ctx, m: ActorMention, dir: 'left' | 'right' | 'both'): ActorMention[] {
  const out: ActorMention[] = [m];
  const seen = new Set<string>([m.id]);
  const add = (x: ActorMention) => {
    if (seen.has(x.id) || seen.has(`a:${x.actor}`)) return false;
    seen.add(x.id);
    out.push(x);
    return true;
  };
  seen.add(`a:${m.actor}`);
  if (m.group) for (const x of c.groups.get(m.group) ?? []) if (x.sentence === m.sentence) add(x);
  if (dir !== 'right') {
    let cur = m;
    for (let guard = 0; guard < 8; guard++) {
      let k = mentionStartsAt(c, cur) - 1;
      if (k < c.sentStart) break;
      const t = c.tokens[k];
      if (!(t.norm === 'and' || t.norm === ',' || t.norm === '&' || t.norm === 'or')) break;
      k--;
      if (k >= c.sentStart && c.tokens[k].norm === ',') k--;
      const prev = k >= c.sentStart ? (c.npEndAt[k]?.[0] ?? c.at[k]) : undefined;
      if (!prev || prev.possessive) break;
      add(prev);
      cur = prev;
    }
  }
  if (dir !== 'left') {
    let cur = m;
    for (let guard = 0; guard < 8; guard++) {
      let k = Math.max(cur.npEnd, cur.tokenEnd);
      if (k >= c.sentEnd) break;
      let t = c.tokens[k];
      let ok = false;
      let viaComma = false;
      if (t.norm === ',' ) {
        viaComma = true;
        k++;
        t = c.tokens[k];
        if (!t || t.norm === 'both' || t.pos === 'SCONJ' || c.cues.relative.has(t.norm)) break;
        ok = true;
      }
      if (k < c.sentEnd && (t.norm === 'and' || t.norm === 'or' || t.norm === '&')) { k++; ok = true; }
      else if (k + 2 < c.sentEnd && t.norm === 'as' && c.tokens[k + 1].norm === 'well' && c.tokens[k + 2].norm === 'as') { k += 3; ok = true; }
      else if (k + 1 < c.sentEnd && (t.norm === 'along' || t.norm === 'together') && c.tokens[k + 1].norm === 'with') { k += 2; ok = true; }
      if (!ok) break;
      while (k < c.sentEnd && (c.tokens[k].pos === 'DET' || c.tokens[k].norm === 'both')) k++;
      const next = k < c.sentEnd ? c.at[k] : undefined;
      if (!next || next.possessive) break;
      const after = c.tokens[Math.max(next.tokenEnd, next.npEnd)];
      if (viaComma && after && isFiniteVerb(after)) break; // ", X and Y said …": the next clause's subject
      if (!add(next) && next.actor !== cur.actor) break;
      cur = next;
    }
  }
  return out;
}

/** Skip backwards over a parenthetical ", who … ," or ", the X ," ending at comma index k; returns the index before it or -1. */
function skipParenthetical(c: Ctx, k: number): number {
  let finite = false;
  for (let j = k - 1; j >= Math.max(c.sentStart, k - 14); j--) {
    if (c.tokens[j].norm === ',') {
      const next = c.tokens[j + 1];
      // ", who led …,", ", the defence minister,", ", like most members,"
      if (c.cues.relative.has(next.norm)) return j - 1;
      if (!finite && (next.pos === 'DET' || next.pos === 'ADJ' || next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADP' || next.pos === 'ADV')) return j - 1;
      return -1;
    }
    if (CLAUSE_STOP.has(c.tokens[j].text)) return -1;
    if (isFiniteVerb(c.tokens[j])) finite = true;
  }
  return -1;
}

/**
 * The subject of the verb group starting at g: the nearest actor mention to its left that is not
 * inside a prepositional phrase, a possessive modifier or a parenthetical, without crossing another
 * finite verb. Returns null when there is none.
 */
export function findSubject(c: Ctx, g: number, subjectOf: (verb: number) => Arg | null): Arg | null {
  // Coordinated verb phrase: "X criticized Y and floated Z" → subject of the earlier verb.
  let k = g - 1;
  if (k >= c.sentStart && (c.tokens[k].norm === 'and' || c.tokens[k].norm === 'but' || c.tokens[k].norm === 'or')) {
    const before = c.tokens[k - 1];
    const m = before ? (c.npEndAt[k - 1]?.[0] ?? c.at[k - 1]) : undefined;
    // "Russia and Ukraine agreed" is a coordinated subject, not a coordinated verb phrase
    if (!(m && !m.possessive && (m.npEnd >= k || m.tokenEnd >= k) && !isObjectPosition(c, m))) {
      for (let j = k - 1; j >= c.sentStart; j--) {
        const t = c.tokens[j];
        if (CLAUSE_STOP.has(t.text)) break;
        if (isFiniteVerb(t) && t.pos === 'VERB') {
          const s = subjectOf(j);
          return s ? { mentions: s.mentions, how: 'inherited', confidence: s.confidence * 0.85, verb: j } : null;
        }
      }
    }
  }
  // ", killing 17 soldiers", ", capturing the base": a participle clause after a comma shares the subject of the
  // finite verb before it
  if (c.tokens[g]?.form === 'VBG' && k >= c.sentStart && c.tokens[k].norm === ',') {
    for (let j = k - 1; j >= c.sentStart; j--) {
      const t = c.tokens[j];
      if (CLAUSE_STOP.has(t.text)) break;
      if (isFiniteVerb(t) && t.pos === 'VERB') {
        if (c.cues.reporting.has(t.lemma)) break;
        const s = subjectOf(j);
        return s ? { mentions: s.mentions, how: 'inherited', confidence: s.confidence * 0.8, verb: j, adjunct: true } : null;
      }
    }
  }
  let possessiveFallback: ActorMention | null = null;
  let ofFallback: ActorMention | null = null;
  for (; k >= c.sentStart; k--) {
    const t = c.tokens[k];
    if (t.text === ')') {
      // "Hizbollah (Party of God) group declared": skip the bracket
      let j = k - 1;
      while (j >= c.sentStart && c.tokens[j].text !== '(' && k - j < 12) j--;
      if (j >= c.sentStart && c.tokens[j].text === '(') { k = j; continue; }
    }
    if (CLAUSE_STOP.has(t.text)) break;
    if (t.norm === ',' ) {
      const j = skipParenthetical(c, k);
      // A comma directly after a mention: keep looking at that mention (apposition ends here).
      if (j >= 0 && !(c.npEndAt[k - 1] || c.at[k - 1])) { k = j + 1; continue; }
      if (c.npEndAt[k - 1] || c.at[k - 1]) continue;
      // "Following the talks, Trump said": the subject is to the right of the comma, already passed.
      break;
    }
    if (c.cues.relative.has(t.norm) && k === g - 1) {
      // "… Umerov, who led …": the antecedent is the subject.
      let j = k - 1;
      if (j >= c.sentStart && c.tokens[j].norm === ',') j--;
      const ante = j >= c.sentStart ? (c.npEndAt[j]?.[0] ?? c.at[j]) : undefined;
      if (ante && !ante.possessive) return { mentions: coordinated(c, ante, 'left'), how: 'antecedent', confidence: 0.7 };
      return null;
    }
    if (SUBORD.has(t.norm) && t.pos === 'SCONJ') break;
    const m = c.npEndAt[k]?.find((x) => !x.possessive) ?? c.at[k];
    if (m) {
      const start = mentionStartsAt(c, m);
      const after = c.tokens[Math.max(m.tokenEnd, k + 1)];
      // "Israel Friday reimposed …": a bare weekday or "today" after the subject is an adverb, not a noun it modifies
      const modifier = after && after.i < g && (after.text === '-' || after.text === '–' || ((after.pos === 'NOUN' || after.pos === 'PROPN') && !c.at[after.i] && !bareTime(after.norm)));
      if (m.possessive || modifier) {
        if (!possessiveFallback) possessiveFallback = m;
        k = start;
        continue;
      }
      const prep = prepBefore(c, m);
      if ((prep && prep !== 'both') || afterPlainVerb(c, m)) {
        // "A group of Moroccan diplomats held …": the of-phrase names who acted
        if ((prep === 'of' || prep === 'in') && !ofFallback && headNounBefore(c, m)) ofFallback = m;
        k = start;
        continue;
      }
      return { mentions: coordinated(c, m, 'left'), how: 'subject', confidence: 1 };
    }
    if (t.pos === 'PRON' && SUBJ_PRON.has(t.norm)) {
      // An unresolved pronoun is the subject: "Trump said he would …" → the speaker, else nothing.
      let j = k - 1;
      if (j >= c.sentStart && c.tokens[j].norm === 'that') j--;
      if (j >= c.sentStart && c.tokens[j].pos === 'VERB' && c.cues.reporting.has(c.tokens[j].lemma) && (t.norm === 'he' || t.norm === 'she' || t.norm === 'it' || t.norm === 'they')) {
        const s = subjectOf(j);
        if (s) return { mentions: s.mentions, how: 'inherited', confidence: s.confidence * 0.7, verb: k, adjunct: true };
      }
      break;
    }
    // "the divided island": a participle after a determiner (often tagged as a past tense) is a modifier
    if (t.pos === 'VERB' && (t.form === 'VBD' || t.form === 'VBN') && k > c.sentStart && c.tokens[k - 1].pos === 'DET') continue;
    if (t.pos === 'VERB' && (t.form === 'VBD' || t.form === 'VBN') && k + 1 < g) {
      // "warplanes supported by Russia pounded …": a reduced relative inside the subject noun phrase
      if (c.tokens[k + 1].norm === 'by') continue;
      // "the Yemeni army and allied fighters have hit …": a participle before the subject's last noun
      let j = k + 1;
      while (j < g && (c.tokens[j].pos === 'NOUN' || c.tokens[j].pos === 'PROPN')) j++;
      if (j > k + 1 && j === g) continue;
    }
    if (isFiniteVerb(t) && t.pos === 'VERB') {
      // "… issued a declaration demanding that …", "… sent personnel to Bosnia to investigate":
      // a participle or infinitive adjunct shares the subject of the finite verb before it
      const trig = c.tokens[g];
      const nonFinite = trig && (trig.norm === 'to' || c.tokens[g].form === 'VBG');
      if (nonFinite && !c.cues.reporting.has(t.lemma) && !ofFallback && !possessiveFallback) {
        const s = subjectOf(k);
        if (s) return { mentions: s.mentions, how: 'inherited', confidence: s.confidence * 0.7, verb: k, adjunct: true };
      }
      break;
    }
  }
  if (ofFallback && (!possessiveFallback || ofFallback.tokenStart > possessiveFallback.tokenStart)) {
    return { mentions: coordinated(c, ofFallback, 'left'), how: 'possessive', confidence: 0.7 };
  }
  if (possessiveFallback) {
    // "Moscow's forces attacked": the possessor stands for the subject.
    return { mentions: [possessiveFallback], how: 'possessive', confidence: 0.6 };
  }
  return null;
}

const SUBJ_PRON = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
/** Prepositions that still introduce the target after a direct-object noun ("held talks with", "mediation between"). */
const AFTER_NOUN_PREPS = new Set(['with', 'to', 'for', 'by', 'from']);
const PARTICLE = new Set(['up', 'off', 'down', 'out', 'away', 'back']);
/** Approximators before a number: part of the noun phrase, not a preposition ("around 20,000 civilians"). */
const APPROX = new Set(['around', 'about', 'over', 'some', 'nearly', 'almost', 'approximately', 'roughly', 'under', 'up']);

/** "demilitarize Ukraine, protect …": a mention right after a (non-speech) verb is that verb's object. */
function afterPlainVerb(c: Ctx, m: ActorMention): boolean {
  for (let k = mentionStartsAt(c, m) - 1; k >= c.sentStart; k--) {
    const t = c.tokens[k];
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM') continue;
    // "and allied fighters", "the exiled leaders": a participle modifier, not a verb taking an object
    if ((t.form === 'VBD' || t.form === 'VBN') && k > c.sentStart && (c.tokens[k - 1].pos === 'CCONJ' || c.tokens[k - 1].pos === 'DET')) return false;
    return t.pos === 'VERB' && !c.cues.reporting.has(t.lemma) && t.lemma !== 'be';
  }
  return false;
}

/** "groups in Zimbabwe", "a group of diplomats": a plain head noun right before the preposition. */
function headNounBefore(c: Ctx, m: ActorMention): boolean {
  for (let k = mentionStartsAt(c, m) - 1; k > c.sentStart; k--) {
    const t = c.tokens[k];
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM') continue;
    if (t.pos === 'ADP') {
      const h = c.tokens[k - 1];
      // "a group of diplomats", "groups in Zimbabwe" — not "the island of Cyprus", "a camp in Kabul"
      if (!h || h.pos !== 'NOUN' || c.at[k - 1]) return false;
      const cls = headClass(h);
      return cls !== 'place' && cls !== 'facility';
    }
    return false;
  }
  return false;
}

/** A mention right after a finite verb or a preposition is an object, not a subject. */
function isObjectPosition(c: Ctx, m: ActorMention): boolean {
  if (prepBefore(c, m)) return true;
  for (let k = mentionStartsAt(c, m) - 1; k >= c.sentStart; k--) {
    const t = c.tokens[k];
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM') continue;
    return t.pos === 'VERB';
  }
  return false;
}

/**
 * The object or prepositional target after the match: the first actor mention to the right in the
 * same clause that is a direct object or follows a target preposition.
 */
export function findObject(c: Ctx, from: number, skip: Set<number>, preps: Set<string>, allowDirect: boolean, allowPossessive: boolean, exclude?: Set<string>, thatClause = false, againstAfterNoun: boolean | 'on' = false, slots?: NpSlot[]): Arg | null {
  let lastPrep: string | null = null;
  let sawNoun = false;
  // slots: noun phrases without an actor that sit where an actor would be taken (for generic.ts)
  let slotFrom = from;
  let slotOpen = true;
  // "launched a mediation effort between X and Y": "between" right after the pattern's noun still names the parties
  let nounsSinceSkip = 99;
  /** Token right after the direct object's first noun run (an appositive name may start there). */
  let apposAt = -1;
  let directClosed = false;
  const slotOk = (): boolean =>
    (lastPrep === null && allowDirect && !sawNoun && !directClosed) ||
    (lastPrep !== null && preps.has(lastPrep) && (!sawNoun || !allowDirect || AFTER_NOUN_PREPS.has(lastPrep) || (lastPrep === 'between' && nounsSinceSkip <= 1) || (againstAfterNoun && (lastPrep === 'against' || (againstAfterNoun === 'on' && lastPrep === 'on')))));
  // Verbs inside the matched pattern's span ("promised to continue military aid") do not end the clause.
  let spanEnd = from;
  for (const k of skip) if (k > spanEnd) spanEnd = k;
  for (let k = from; k < c.sentEnd; k++) {
    const t = c.tokens[k];
    // a token of the pattern itself ("launched cyber attacks on …"): the nouns before it modified the pattern's noun
    if (skip.has(k)) {
      lastPrep = null;
      // the pattern's own noun is the object: later prepositions may name the target, a later bare noun phrase may not
      if (t.pos === 'NOUN' || t.pos === 'PROPN') { sawNoun = false; directClosed = true; nounsSinceSkip = 0; apposAt = k + 1; }
      else if (t.pos === 'ADP') directClosed = false; // the pattern ends on its preposition ("call for sanctions against")
      slotFrom = k + 1;
      slotOpen = true;
      continue;
    }
    if (CLAUSE_STOP.has(t.text)) return null;
    if (t.norm === ',' ) {
      const n = c.tokens[k + 1];
      if (n && (c.cues.relative.has(n.norm) || SUBORD.has(n.norm) || n.norm === 'and' || n.norm === 'but' || n.pos === 'VERB')) return null;
      if (attributionAfter(c, k + 1)) return null; // ", a UN official said": the speaker, not an argument
      lastPrep = null;
      slotFrom = k + 1;
      slotOpen = true;
      continue;
    }
    const m = c.at[k];
    if (m && overlaps(m, skip)) { k = Math.max(k, m.tokenEnd - 1); continue; } // a mention the pattern itself matched ("a new military offensive")
    if (m) {
      // "offered its troops": a possessive pronoun is a determiner; the source itself is not its own target
      if ((m.possessive && (!allowPossessive || m.how === 'pronoun')) || exclude?.has(m.actor)) { k = Math.max(k, m.tokenEnd - 1); continue; }
      // "shelled the regional capital Juba", "meet his counterpart President X": a descriptive noun in apposition
      const appos = lastPrep === null && allowDirect && (sawNoun || directClosed) && m.tokenStart === apposAt && c.tokens[k].cap && !c.tokens[k - 1].cap;
      if (appos || (lastPrep === null && allowDirect && !sawNoun && !directClosed) || (lastPrep !== null && preps.has(lastPrep) && (!sawNoun || !allowDirect || AFTER_NOUN_PREPS.has(lastPrep) || (lastPrep === 'between' && nounsSinceSkip <= 1) || (againstAfterNoun && (lastPrep === 'against' || (againstAfterNoun === 'on' && lastPrep === 'on')))))) {
        const how: Arg['how'] = lastPrep ? (lastPrep === 'between' ? 'between' : 'prep') : 'object';
        return { mentions: coordinated(c, m, 'right'), how, confidence: lastPrep || !sawNoun ? 1 : 0.8 };
      }
      k = Math.max(k, Math.max(m.tokenEnd, m.npEnd) - 1);
      if (lastPrep === null) sawNoun = true;
      lastPrep = null;
      continue;
    }
    // quantities are part of the noun phrase: "more than 500 civilians", "at least 75 people", "some of the protesters"
    if (t.norm === 'than' && k > from && (c.tokens[k - 1].norm === 'more' || c.tokens[k - 1].norm === 'less' || c.tokens[k - 1].norm === 'fewer')) continue;
    if (t.norm === 'at' && (c.tokens[k + 1]?.norm === 'least' || c.tokens[k + 1]?.norm === 'most')) { k++; continue; }
    if (APPROX.has(t.norm) && (c.tokens[k + 1]?.pos === 'NUM' || (t.norm === 'up' && c.tokens[k + 1]?.norm === 'to' && c.tokens[k + 2]?.pos === 'NUM'))) { if (t.norm === 'up') k++; continue; }
    if (t.norm === 'of' && k > from && transparentBeforeOf(c.tokens, k - 1, c.sentEnd) && !c.at[k - 1] && (lastPrep !== null || allowDirect)) continue;
    // a verb particle right after the verb ("beat up", "cut off", "shot down") is not a preposition
    if (PARTICLE.has(t.norm) && (k === from || skip.has(k - 1)) && c.tokens[k - 1]?.pos === 'VERB') { slotFrom = k + 1; continue; }
    if (t.pos === 'ADP' || (PREP_BLOCK.has(t.norm) && t.pos !== 'VERB')) { lastPrep = t.norm; slotFrom = k + 1; slotOpen = true; continue; }
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM' || t.norm === 'both' || t.pos === 'ADV' || t.pos === 'PART' && t.norm !== 'to') continue;
    if (t.norm === 'to') { lastPrep = 'to'; slotFrom = k + 1; slotOpen = true; continue; }
    if (t.pos === 'VERB' && c.tokens[k + 1]?.text === '-') continue; // "war-torn": a compound modifier mis-tagged as a verb
    // "the rebel-held enclave", "the besieged town": a participle inside a noun phrase (often tagged VBD)
    if (t.pos === 'VERB' && k > from && (c.tokens[k - 1].text === '-' || c.tokens[k - 1].pos === 'DET') && k + 1 < c.sentEnd && (c.tokens[k + 1].pos === 'NOUN' || c.tokens[k + 1].pos === 'PROPN' || c.tokens[k + 1].pos === 'ADJ' || !!c.at[k + 1])) continue;
    if (thatClause && t.norm === 'that' && !sawNoun && lastPrep === null) continue;
    if ((isFiniteVerb(t) || (t.pos === 'VERB' && c.tokens[k - 1]?.norm === 'to')) && k > spanEnd) return null;
    if (c.cues.relative.has(t.norm) && (t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'SCONJ')) return null;
    if (SUBORD.has(t.norm) && t.pos === 'SCONJ') return null;
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON' || t.text === '-') {
      // "dozens of X", "supporters of X": X fills the slot
      if (t.pos === 'NOUN' && transparentBeforeOf(c.tokens, k, c.sentEnd) && (lastPrep !== null || allowDirect)) continue;
      if (slots && slotOpen && slots.length < 4 && (t.pos === 'NOUN' || t.pos === 'PROPN') && !TIME_NOUN.has(t.norm) && slotOk()) {
        slots.push({ k, prep: lastPrep, from: slotFrom });
        slotOpen = false;
      }
      // inside a prepositional phrase the noun phrase continues ("to war-torn Mozambique");
      // outside one, a plain noun is the direct object, so a later PP attaches to it
      if (lastPrep === null && !TIME_NOUN.has(t.norm) && t.text !== '-') {
        if (!sawNoun || apposAt === k) apposAt = k + 1;
        sawNoun = true;
        nounsSinceSkip++;
      }
      if (lastPrep !== null && (t.pos === 'PRON' || TIME_NOUN.has(t.norm))) lastPrep = null;
      continue;
    }
    if (t.pos === 'CCONJ') { if (sawNoun) { lastPrep = null; } continue; }
    if (t.pos === 'VERB') {
      if (k <= spanEnd) { slotFrom = k + 1; continue; } // a verb inside the pattern ("promised to continue … aid")
      if (lastPrep !== null && (t.form === 'VBN' || t.form === 'VBG')) continue; // "to war-torn X", "against the ruling party"
      sawNoun = true;
      lastPrep = null;
      continue;
    }
  }
  return null;
}

/** Does an attribution clause start at k (a short noun phrase, then a speech verb: ", a UN official said")? */
function attributionAfter(c: Ctx, k: number): boolean {
  for (let j = k; j < Math.min(c.sentEnd, k + 9); j++) {
    const t = c.tokens[j];
    if (t.pos === 'VERB' || t.pos === 'AUX') return t.pos === 'VERB' && c.cues.reporting.has(t.lemma) && j > k;
    if (t.pos === 'PUNCT' || t.pos === 'ADP' && t.norm !== 'of' || t.pos === 'SCONJ' || t.pos === 'CCONJ') return false;
  }
  return false;
}

function overlaps(m: ActorMention, skip: Set<number>): boolean {
  for (let k = m.tokenStart; k < m.tokenEnd; k++) if (skip.has(k)) return true;
  return false;
}

/** The agent of a passive: the first mention after "by" in the clause. */
export function findAgent(c: Ctx, from: number): Arg | null {
  for (let k = from; k < Math.min(c.sentEnd, from + 10); k++) {
    const t = c.tokens[k];
    if (CLAUSE_STOP.has(t.text) || isFiniteVerb(t)) return null;
    if (t.norm === 'by') {
      for (let j = k + 1; j < Math.min(c.sentEnd, k + 6); j++) {
        const m = c.at[j];
        if (m) return { mentions: coordinated(c, m, 'right'), how: 'agent', confidence: 1 };
        const tj = c.tokens[j];
        if (!(tj.pos === 'DET' || tj.pos === 'ADJ' || tj.pos === 'NUM')) break;
      }
      return null;
    }
  }
  return null;
}

/** The author of an object noun phrase, or (with patientPreps) those it is aimed at. */
export interface Owner {
  /** An actor mention that owns the object ("the call of the European Parliament"), coordinated ones included. */
  mentions?: ActorMention[];
  /** A group noun inside the object with no actor ("the [Kirkuk council] decision"), for generic.ts. */
  slot?: NpSlot;
  /** Country adjectives with no mention ("a Japanese-drafted resolution", "the Iraqi and Turkish demands"). */
  adjs?: number[];
  how: 'by' | 'of' | 'hyphen' | 'premodifier' | 'on' | 'lead';
}

const OWNER_PREPS = new Set(['of', 'by', 'from']);
/** Prepositional phrases with no actor that may stand between an object's head and its author. */
const STEP_PREPS = new Set(['of', 'for', 'on', 'to', 'in', 'about', 'over']);
const PATIENT_PREPS = new Set(['on', 'against']);
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const isTimeWord = (t: Token): boolean => TIME_NOUN.has(t.norm) || (MONTHS.has(t.norm) && t.cap);
const usable = (m: ActorMention | undefined, exclude?: Set<string>): m is ActorMention => !!m && m.how !== 'pronoun' && !exclude?.has(m.actor);

/**
 * The actor behind an abstract object ("rejected the call of the European Parliament", "vetoed a
 * Japanese-drafted resolution", "accepted the proposal submitted by X", "rejected the Iraqi and Turkish
 * demands"): CAMEO codes such acts against the one who made the proposal, demand or decision. With
 * patientPreps, "lifted the ban imposed on X" / "eased restrictions on X" name X instead.
 * leadPreps: prepositions that may open the object ("concern for X's health"). Returns null when the
 * object is itself an actor or a people/group noun phrase (findObject and generic.ts handle those), or
 * when nothing inside the object names an actor.
 */
export function objectOwner(c: Ctx, from: number, skip: Set<number>, exclude: Set<string> | undefined, patientPreps: boolean, leadPreps: Set<string> | null): Owner | null {
  const { tokens } = c;
  const end = c.sentEnd;
  let k = from;
  let lead = false;
  // time adverbials between the verb and its object: "vetoed on Friday a …", "rejected again the …"
  for (let guard = 0; guard < 6 && k < end; guard++) {
    const t = tokens[k];
    if (t.pos === 'ADV' && !c.at[k]) { k++; continue; }
    if (isTimeWord(t) && !c.at[k]) { k++; continue; }
    if ((t.norm === 'on' || t.norm === 'in' || t.norm === 'last' || t.norm === 'this') && k + 1 < end && isTimeWord(tokens[k + 1])) { k += 2; continue; }
    break;
  }
  // the pattern ends on its own object noun ("lifted sanctions", "expressed concern"): the object's head is
  // given; a preposition after it opens the real object ("concern for X's health")
  const given = k === from && from - 1 >= c.sentStart && skip.has(from - 1) && (tokens[from - 1].pos === 'NOUN' || tokens[from - 1].pos === 'PROPN');
  if (k < end && leadPreps && leadPreps.has(tokens[k].norm) && !skip.has(k)) { k++; lead = true; }
  else if (given) return ownerAfterHead(c, k, from - 1, exclude, patientPreps);
  const start = k;
  const pre: ActorMention[] = [];
  let hyphen: ActorMention | null = null;
  let hyphenAdj = -1;
  let groupNoun = -1;
  let head = -1;
  let headMention: ActorMention | null = null;
  /** Capitalised premodifiers with no mention (country adjectives the actors stage left alone). */
  const adjs: number[] = [];
  for (; k < end; k++) {
    const t = tokens[k];
    const mm = c.at[k];
    if (mm && !skip.has(k)) {
      if (mm.how === 'pronoun' && !mm.possessive) return null;
      headMention = mm;
      if (mm.how !== 'pronoun' && !exclude?.has(mm.actor)) pre.push(mm);
      k = Math.max(k, mm.tokenEnd - 1);
      continue;
    }
    if (t.pos === 'ADJ' && t.cap && k > start) adjs.push(k);
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM' || t.norm === "'s" || t.norm === '’s' || t.norm === "'" || (t.pos === 'PRON' && (t.norm === 'its' || t.norm === 'their' || t.norm === 'his' || t.norm === 'her'))) {
      if (t.norm === 'that' || t.norm === 'which') break;
      continue;
    }
    if ((t.text === '-' || t.text === '–') && k > start && k + 1 < end) continue;
    // "the Iraqi and Turkish demands": coordinated premodifiers
    if (t.norm === 'and' && k > start && k + 1 < end && (tokens[k + 1].pos === 'ADJ' || tokens[k + 1].pos === 'PROPN' || !!c.at[k + 1])) continue;
    // "Japanese-drafted", "US-backed", "Saudi-led": the actor before the hyphen made the object
    if (t.pos === 'VERB' && (t.form === 'VBN' || t.form === 'VBD') && k - 2 >= start && (tokens[k - 1].text === '-' || tokens[k - 1].text === '–')) {
      const a = c.at[k - 2];
      if (usable(a, exclude)) hyphen = a;
      else if (!a) hyphenAdj = k - 2;
      continue;
    }
    // "repeated offers", "the proposed deal": a participle before the head
    if (t.pos === 'VERB' && (t.form === 'VBN' || t.form === 'VBD') && head < 0 && k + 1 < end && (tokens[k + 1].pos === 'NOUN' || tokens[k + 1].pos === 'ADJ')) continue;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      if (isTimeWord(t) && head >= 0) break;
      if (t.pos === 'PROPN' && t.cap) adjs.push(k);
      const cls = headClass(t);
      // "the Kirkuk council decision": a group noun before the head owns it
      if (cls === 'group' || cls === 'people') groupNoun = k;
      head = k;
      headMention = null;
      continue;
    }
    break;
  }
  if (headMention) {
    // the object is an actor: only a leading preposition makes it ours ("concern about Russia")
    return lead && usable(headMention, exclude) ? { mentions: coordinated(c, headMention, 'right'), how: 'lead' } : null;
  }
  if (head < 0) return null;
  const hc = headClass(tokens[head]);
  if (hc === 'people' || hc === 'group') return null;
  const after = ownerAfterHead(c, k, head, exclude, patientPreps);
  if (after) return after;
  if (hyphen) return { mentions: [hyphen], how: 'hyphen' };
  if (hyphenAdj >= 0) return { adjs: [hyphenAdj], how: 'hyphen' };
  const before = adjs.filter((q) => q < head);
  if (pre.length) {
    const all: ActorMention[] = [];
    for (const x of pre) for (const y of coordinated(c, x, 'right')) if (!all.includes(y) && !exclude?.has(y.actor)) all.push(y);
    return { mentions: all, adjs: before, how: 'premodifier' };
  }
  // a group noun named by a proper noun ("the Kirkuk council"), not a bare "government reset"
  if (groupNoun > start && groupNoun < head && tokens[groupNoun - 1].cap && tokens[groupNoun - 1].pos === 'PROPN') return { slot: { k: groupNoun, prep: null, from: start, end: groupNoun + 1 }, how: 'premodifier' };
  if (before.length) return { adjs: before, how: 'premodifier' };
  return null;
}

/** The complements after an object's head at k: "of X", "by X", "submitted by X", "laid out by X", "imposed on X". */
function ownerAfterHead(c: Ctx, k: number, head: number, exclude: Set<string> | undefined, patientPreps: boolean): Owner | null {
  const { tokens } = c;
  const end = c.sentEnd;
  if (head < c.sentStart) return null;
  const mentionAt = (j: number): ActorMention | null => {
    while (j < end && (tokens[j].pos === 'DET' || tokens[j].pos === 'ADJ' || tokens[j].pos === 'NUM')) j++;
    const mm = j < end ? c.at[j] : undefined;
    return usable(mm, exclude) ? mm : null;
  };
  // "lifted the ban imposed on Chadian citizens", "eased restrictions on foreign workers": the patient
  const patientAt = (j: number): Owner | null => {
    const mm = mentionAt(j);
    if (mm) return { mentions: coordinated(c, mm, 'right'), how: 'on' };
    let q = j;
    while (q < end && (tokens[q].pos === 'DET' || tokens[q].pos === 'ADJ' || tokens[q].pos === 'NUM' || APPROX.has(tokens[q].norm))) q++;
    let h = q;
    while (h + 1 < end && (tokens[h + 1].pos === 'NOUN' || tokens[h + 1].pos === 'PROPN') && !c.at[h + 1]) h++;
    // only people or a group ("restrictions on foreign workers"), or a name ("sanctions on Rusal"), not "a ban on imports of …"
    const cls = q < end ? headClass(tokens[h]) : null;
    if (q < end && (tokens[q].pos === 'NOUN' || tokens[q].pos === 'PROPN') && !c.at[q] && (cls === 'people' || cls === 'group' || tokens[h].pos === 'PROPN')) return { slot: { k: q, prep: null, from: j }, how: 'on' };
    return null;
  };
  for (let hop = 0; hop < 2 && k < end; hop++) {
    const t = tokens[k];
    if (OWNER_PREPS.has(t.norm)) {
      let mm = mentionAt(k + 1);
      // past a stepped-over phrase the actor must head its own phrase: not "the use of the Russian language"
      if (mm && hop > 0 && !mm.possessive) {
        const nx = tokens[mm.tokenEnd];
        if (nx && (nx.pos === 'NOUN' || nx.pos === 'PROPN') && !c.at[nx.i]) mm = null;
      }
      if (mm) return { mentions: coordinated(c, mm, 'right'), how: t.norm === 'of' ? 'of' : 'by' };
      if (t.norm !== 'of') break;
    }
    if (patientPreps && PATIENT_PREPS.has(t.norm)) return patientAt(k + 1);
    if (STEP_PREPS.has(t.norm)) {
      // "the demolition of a village …", "offers for peace talks by X": step over a plain phrase once
      let j = k + 1;
      while (j < end && (tokens[j].pos === 'DET' || tokens[j].pos === 'ADJ' || tokens[j].pos === 'NUM' || tokens[j].pos === 'NOUN' || tokens[j].pos === 'PROPN') && !c.at[j]) j++;
      if (j === k + 1) break;
      k = j;
      continue;
    }
    if (t.pos === 'VERB' && (t.form === 'VBN' || t.form === 'VBD')) {
      let j = k + 1;
      if (j < end && PARTICLE.has(tokens[j].norm)) j++;
      if (j < end && (tokens[j].norm === 'forward')) j++;
      if (j < end && tokens[j].norm === 'by') {
        const mm = mentionAt(j + 1);
        if (mm) return { mentions: coordinated(c, mm, 'right'), how: 'by' };
      }
      if (j < end && patientPreps && PATIENT_PREPS.has(tokens[j].norm)) return patientAt(j + 1);
      break;
    }
    break;
  }
  return null;
}
