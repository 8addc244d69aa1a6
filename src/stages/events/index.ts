/**
 * Stage `events`: who did what to whom — CAMEO code, modality, date, place, evidence.
 *
 * Recognizer: dictionary patterns (data/verbs/*.json) anchored on a token's lemma (match.ts).
 * Arguments: shallow syntax over tokens and actor mentions (syntax.ts) — subject, object,
 * prepositional target, passive agent, noun modifiers and possessors, coordination.
 * Refiners: modality from cue words (modality.ts); a coercive act under a condition becomes a
 * threat; statement verbs are kept only when nothing else in the sentence is coded; compound and
 * reciprocal statements expand to one event per actor pair sharing a group id. When nothing fits,
 * nothing is coded.
 */
import type { Actor, ActorMention, CodedEvent, Doc, EventActorRef, EventDate, Modality, Place, Quote, Token } from '../../document.js';
import type { Stage } from '../types.js';
import { composeCode, loadCameo, type CameoDictionary } from '../../dictionaries/cameo.js';
import { eventDate, type ClauseRef } from '../time/attach.js';
import { eventPlace } from '../places/attach.js';
import { matchAt, presentWords, type Match } from './match.js';
import { coordinated, findAgent, findObject, findSubject, isFiniteVerb, isPassive, objectOwner, verbGroupStart, type Arg, type Ctx, type Owner } from './syntax.js';
import { modalityOf } from './modality.js';
import { POSS_PRON, commitGeneric, countryAdjective, genericArgument, headClass, ownGenericObject, resetGeneric, type NpSlot } from './generic.js';

/** Roots whose infinitive / gerund complement is part of the event itself ("agreed to exchange", "accused X of sending"). */
const EMBEDDING_ROOTS = new Set(['02', '03', '10', '11', '12', '13']);
/** Coercive codes that become threats when they depend on a condition. */
function threatFor(code: string): string | null {
  if (code === '163' || code === '1312') return '1312';
  if (code.startsWith('162')) return '1311';
  if (code === '161') return '1313';
  if (code === '164') return '134';
  if (code.startsWith('172')) return '132';
  if (code.startsWith('18') || code.startsWith('19') || code.startsWith('20')) return '138';
  if (code === '166' || code.startsWith('166')) return '136';
  return null;
}
const FIRST_PERSON = new Set(['we', 'i', 'us', 'our', 'my', 'me']);

interface Candidate {
  match: Match;
  sources: ActorMention[];
  targets: ActorMention[];
  reciprocal: boolean;
  code: string;
  modality: Modality;
  cue: { start: number; end: number } | null;
  confidence: number;
  quote: Quote | null;
  speaker: string | null;
  /** An implied target actor id (a country taken from a place after the trigger), when no actor is the target. */
  implied: string | null;
  /** The event date, when already asked of the time hook. */
  date: EventDate | null | undefined;
  /** How the target was implied from the object's author or patient ("of", "by", "hyphen", …), when it was. */
  owner: string | null;
}

function buildIndex(doc: Doc): Pick<Ctx, 'at' | 'npEndAt' | 'groups'> {
  const groups = new Map<string, ActorMention[]>();
  for (const m of doc.mentions) if (m.group) (groups.get(m.group) ?? groups.set(m.group, []).get(m.group)!).push(m);
  const n = doc.tokens.length;
  const at: (ActorMention | undefined)[] = new Array(n);
  const npEndAt: (ActorMention[] | undefined)[] = new Array(n);
  for (const m of doc.mentions) {
    if (!(m.tokenEnd > m.tokenStart) || m.tokenStart < 0 || m.tokenEnd > n) continue;
    for (let k = m.tokenStart; k < m.tokenEnd; k++) {
      const cur = at[k];
      if (!cur) at[k] = m;
      else if (cur.possessive && !m.possessive) at[k] = m;
      else if (!!cur.possessive === !!m.possessive && m.tokenEnd - m.tokenStart > cur.tokenEnd - cur.tokenStart) at[k] = m;
    }
    const e = m.tokenEnd - 1;
    (npEndAt[e] ??= []).push(m);
  }
  return { at, npEndAt, groups };
}

export function codeEvents(doc: Doc): void {
  const tokens = doc.tokens;
  if (!tokens.length || !doc.sentences.length) return;
  const dict = loadCameo();
  if (!AID_PREPS.size) AID_PREPS = new Set([...dict.cues.targetPrep, 'for', 'from']);
  // "rejected calls by Belarus's rulers", "dismissed an appeal from the president"
  if (!REJECT_PREPS.size) REJECT_PREPS = new Set([...dict.cues.targetPrep, 'by', 'from']);
  // "confiscated weapons from the rebels", "seized the town from X"
  if (!TAKE_PREPS.size) TAKE_PREPS = new Set([...dict.cues.targetPrep, 'from']);
  resetGeneric(doc);
  const { at, npEndAt, groups } = buildIndex(doc);
  quoteIndex = quotesByStart(doc);
  placeIndex = new Map();
  for (const p of doc.places) if (p.country) placeIndex.set(p.start, p);
  countryActors = new Map();
  const used = new Uint8Array(tokens.length);
  let groupN = 0;
  for (const sent of doc.sentences) {
    const c: Ctx = { doc, tokens, cues: dict.cues, at, npEndAt, groups, sentStart: sent.tokenStart, sentEnd: sent.tokenEnd, used };
    const subjCache = new Map<number, Arg | null>();
    const subjectOf = (verb: number): Arg | null => {
      if (subjCache.has(verb)) return subjCache.get(verb)!;
      subjCache.set(verb, null); // guards against cycles
      const r = findSubject(c, verbGroupStart(c, verb), subjectOf);
      subjCache.set(verb, r);
      return r;
    };
    const matches: Match[] = [];
    const present = presentWords(dict, tokens, sent.tokenStart, sent.tokenEnd);
    for (let i = sent.tokenStart; i < sent.tokenEnd; i++) {
      if (used[i] || at[i]) continue;
      const m = matchAt(dict, tokens, i, sent.tokenEnd, sent.tokenStart, used, (mm) => hasObject(c, mm), present);
      if (!m) continue;
      for (const k of m.tokens) used[k] = 1;
      // The complement verb of an appeal/intent/demand/accusation/rejection/threat is part of it;
      // a generic one takes its code from the act ("agreed to withdraw" → 0356, "refused to meet" → 125).
      const root = m.pattern.entry.code.slice(0, 2);
      if (EMBEDDING_ROOTS.has(root) && !m.pattern.entry.weak) {
        let v = complementVerb(c, m);
        if (v < 0 && m.pattern.entry.role === 'modal-demand') {
          let j = m.last + 1;
          while (j < sent.tokenEnd && (tokens[j].pos === 'ADV' || tokens[j].pos === 'PART') && tokens[j].norm !== 'not') j++;
          if (j < sent.tokenEnd && tokens[j].pos === 'VERB') v = j;
        }
        if (v >= 0) {
          const kind = OUTER_KIND[root];
          if (kind && (GENERIC.has(m.pattern.entry.code) || !m.pattern.steps.length)) {
            const inner = matchAt(dict, tokens, v, sent.tokenEnd, sent.tokenStart, used, () => true, present);
            const composed = inner ? composeCode(kind, inner.pattern.entry.code) : null;
            if (inner && composed) {
              m.code = composed;
              for (const k of inner.tokens) {
                used[k] = 1;
                m.tokens.push(k);
                if (k > m.last) m.last = k;
              }
            }
          }
          used[v] = 1;
          // the complement belongs to the event's span, so its object can still be the target
          if (!m.tokens.includes(v)) {
            m.tokens.push(v);
            if (v > m.last) m.last = v;
          }
        }
      }
      matches.push(m);
    }
    const cands: Candidate[] = [];
    for (const m of matches) {
      const cand = argumentsFor(c, dict, m, subjectOf);
      if (cand) cands.push(cand);
    }
    const strong = cands.some((x) => !x.match.pattern.entry.weak);
    const kept = pruneSecondary(cands.filter((x) => !(x.match.pattern.entry.weak && strong)));
    for (const cand of kept) {
      groupN = emit(doc, dict, sent.i, cand, groupN);
    }
  }
}

const hasSource = (x: Candidate): boolean => x.sources.length > 0 || !!x.speaker;
const actorKey = (x: Candidate): string =>
  (x.speaker ? [x.speaker] : x.sources.map((m) => m.actor)).sort().join(',') + '>' + x.targets.map((m) => m.actor).sort().join(',');

/**
 * One sentence usually reports one or two events; secondary candidates that add nothing cost precision:
 * - an event with no source of its own (a participle modifier, "the besieged town") when another event
 *   of the sentence has one;
 * - an event noun that repeats a verb event of the sentence with the same actors ("agreed … the deal");
 * - a generic (root-level) code when a specific code of the same root has the same actors.
 */
function pruneSecondary(cands: Candidate[]): Candidate[] {
  if (cands.length < 2) return cands;
  const anySource = cands.some(hasSource);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  // each candidate's dyad key once (the checks below compare every pair)
  const keys = new Map<Candidate, string>();
  for (const x of cands) keys.set(x, actorKey(x));
  const keyOf = (y: Candidate): string => keys.get(y)!;
  const srcKey = (k: string): string => k.slice(0, k.indexOf('>'));
  for (const x of cands) {
    if (anySource && !hasSource(x) && !x.reciprocal) continue;
    const key = keyOf(x);
    // "launched rocket fire against …, killing or wounding 50": the same code between the same actors once
    if (seen.has(x.code + '|' + key)) continue;
    seen.add(x.code + '|' + key);
    const isNoun = x.match.pattern.entry.pos === 'noun';
    if (isNoun && cands.some((y) => y !== x && y.match.pattern.entry.pos !== 'noun' && y.code.slice(0, 2) === x.code.slice(0, 2) && keyOf(y) === key)) continue;
    if (x.code.length === 3 && x.code.endsWith('0') && cands.some((y) => y !== x && y.code !== x.code && y.code.startsWith(x.code.slice(0, 2)) && keyOf(y) === key)) continue;
    // "demonstrated … demanding independence": the demand is the protest's purpose, coded in the 14x code
    if (x.code.startsWith('10') && cands.some((y) => y !== x && y.code.startsWith('14') && srcKey(key) === srcKey(keyOf(y)))) continue;
    out.push(x);
  }
  return out.length ? out : cands;
}

/** Is the noun at k the object of a preposition ("among the topics")? */
function afterPrep(c: Ctx, k: number): boolean {
  for (let j = k - 1; j >= Math.max(c.sentStart, k - 4); j--) {
    const t = c.tokens[j];
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM') continue;
    return t.pos === 'ADP';
  }
  return false;
}

const WEAK_PREPS = new Set(['to']);
const ADJ_PREPS = new Set(['to', 'with', 'of', 'about', 'in', 'on']);
const LOCATION_TARGET = new Set(['03', '04', '07', '08', '09', '16', '18', '19', '20']);
/** Roots where only a place (not an actor in a locative PP) stands for the target. */
const PLACE_TARGET = new Set([...LOCATION_TARGET, '02', '05', '06', '10', '11', '12', '13', '14', '15', '17']);
/** Roots whose own-country object is given, not targeted ("contribute troops to …"). */
const OWN_OBJECT_ROOTS = new Set(['03', '07']);
/** Roots where a place of the source's own country is still the target ("imposed a curfew in Cizre", "shelled Juba"). */
const SAME_COUNTRY_PLACE = new Set(['03', '08', '14', '17', '18', '19', '20']);
const LOCATION_PREPS = new Set(['in', 'into', 'from', 'at', 'inside', 'across', 'near', 'to']);
let AID_PREPS = new Set<string>();
let REJECT_PREPS = new Set<string>();
let TAKE_PREPS = new Set<string>();

function clauseOf(c: Ctx, tk: Token): ClauseRef {
  const sent = c.doc.sentences[tk.sentence];
  return { sentence: tk.sentence, trigger: { start: tk.start, end: tk.end }, clause: { start: sent.start, end: sent.end } };
}

function hasObject(c: Ctx, m: Match): boolean {
  const skip = new Set(m.tokens);
  return findObject(c, m.anchor + 1, skip, c.cues.targetPrep, true, true) !== null;
}

/** The infinitive or gerund complement of a match ("agreed to exchange", "accused X of sending"), or -1. */
function complementVerb(c: Ctx, m: Match): number {
  for (let k = m.anchor + 1; k < Math.min(c.sentEnd, m.anchor + 8); k++) {
    const t = c.tokens[k];
    if (c.used[k] && !m.tokens.includes(k)) return -1;
    if (t.text === ',' || t.text === ';' || t.text === '.') return -1;
    if ((t.norm === 'to' || t.norm === 'of' || t.norm === 'for') && k + 1 < c.sentEnd) {
      let j = k + 1;
      if (c.tokens[j].pos === 'ADV' && j + 1 < c.sentEnd) j++;
      const v = c.tokens[j];
      if (v.pos === 'VERB' && (v.form === 'VB' || v.form === 'VBG' || v.form === '')) return j;
      // "threatened to cut off": an irregular base form after "to" is often tagged as a past tense
      if (t.norm === 'to' && v.pos === 'VERB' && (v.form === 'VBD' || v.form === 'VBP')) return j;
    }
    if (t.pos === 'VERB' && !c.at[k]) return -1;
  }
  return -1;
}

const OUTER_KIND: Record<string, 'appeal' | 'intent' | 'demand' | 'reject' | 'threat'> = { '02': 'appeal', '03': 'intent', '10': 'demand', '12': 'reject', '13': 'threat' };
const GENERIC = new Set(['020', '030', '100', '120', '130']);

/** Roots whose abstract object's author is the target ("rejected the proposal by X"). */
const OWNER_ROOTS = new Set(['01', '02', '03', '04', '05', '06', '08', '09', '10', '11', '12', '13', '16']);
/** Roots whose pattern noun may be followed by the real object ("expressed concern for X's health"). */
const LEAD_ROOTS = new Set(['01', '02', '04', '05', '10', '11', '12', '13']);
const LEAD_PREPS = new Set(['about', 'over', 'for', 'at', 'regarding', 'with', 'in', 'to', 'on']);
/** Roots whose pattern's own people noun is the patient ("freed 37 prisoners", "detained 18 protesters"). */
const PATIENT_NOUN_ROOTS = new Set(['08', '10', '11', '12', '13', '16', '17', '18', '19', '20']);
/** Roots where "the ban imposed on X", "restrictions on X" name the target. */
const PATIENT_ROOTS = new Set(['08', '16']);

function ownerArgument(c: Ctx, ow: Owner, root: string, self: Set<string> | undefined): Arg | null {
  const mentions = [...(ow.mentions ?? [])];
  for (const k of ow.adjs ?? []) {
    const g = countryAdjective(c, k, root);
    if (g && !self?.has(g.actor)) mentions.push(g);
  }
  mentions.sort((a, b) => a.start - b.start);
  if (mentions.length) return { mentions, how: 'object', confidence: ow.how === 'premodifier' ? 0.75 : 0.8 };
  if (ow.slot) {
    const g = genericArgument(c, [ow.slot], root, self);
    return g ? { mentions: [g], how: 'object', confidence: 0.7 } : null;
  }
  return null;
}

function argumentsFor(c: Ctx, dict: CameoDictionary, m: Match, subjectOf: (v: number) => Arg | null): Candidate | null {
  const e = m.pattern.entry;
  let ownerHow: Owner['how'] | null = null;
  const isNoun = e.pos === 'noun';
  const skip = new Set(m.tokens);
  let src: Arg | null = null;
  let tgt: Arg | null = null;
  let impliedPlace: Place | null = null;
  let groupStart = m.anchor;
  let scanFrom = c.sentStart;
  if (e.role === 'modal-demand') {
    // "Britain said Sudan must return the helicopter": target = the subject of "must", source = the speaker
    const subj = subjectOf(m.anchor);
    let speakerArg: Arg | null = null;
    for (let k = m.anchor - 1; k >= c.sentStart; k--) {
      const t = c.tokens[k];
      if (t.pos === 'VERB' && c.cues.reporting.has(t.lemma)) { speakerArg = subjectOf(k); break; }
    }
    if (!subj || !speakerArg) return null;
    src = speakerArg;
    tgt = subj;
    groupStart = m.anchor;
    scanFrom = m.anchor;
  } else if (!isNoun) {
    groupStart = verbGroupStart(c, Math.min(m.anchor, m.first));
    let passive = isPassive(c, m.anchor);
    const at0 = c.tokens[m.anchor];
    const prevTok = c.tokens[m.anchor - 1];
    // "the topics discussed": a participle after a noun is a modifier, not a clause of its own
    // — only where the sentence has another finite verb to be its clause's verb ("Members of parliament met X" has none)
    if (!passive && (at0.form === 'VBN' || at0.form === 'VBD') && prevTok && prevTok.pos === 'NOUN' && !c.at[m.anchor - 1] && afterPrep(c, m.anchor - 1) && !findAgent(c, m.last + 1) && otherFiniteVerb(c, m)) return null;
    // "the occupied West Bank", "a besieged town": an attributive participle is a modifier, not an event
    const nextTok = c.tokens[m.anchor + 1];
    if ((at0.form === 'VBN' || at0.form === 'VBG') && prevTok && (prevTok.pos === 'DET' || prevTok.pos === 'ADJ') && m.last === m.anchor && nextTok && (nextTok.pos === 'NOUN' || nextTok.pos === 'PROPN' || nextTok.pos === 'ADJ' || c.at[m.anchor + 1])) return null;
    const subj = subjectOf(m.anchor);
    if (subj) scanFrom = Math.min(...subj.mentions.map((x) => x.tokenStart));
    // "is committed to", "was prepared to": an adjectival participle with its own preposition, not a passive
    const agent = passive ? findAgent(c, m.last + 1) : null;
    const firstStep = m.pattern.steps[0]?.alts[0]?.[0];
    if (passive && !agent && firstStep && ADJ_PREPS.has(firstStep)) passive = false;
    if (passive) {
      tgt = subj;
      src = agent;
      // "A camp for Congolese refugees was attacked by …": the passive subject noun phrase with no actor
      const root = (m.code ?? e.code).slice(0, 2);
      if (!tgt && !e.weak && root !== '01') {
        const slot = passiveSubjectSlot(c, groupStart);
        if (slot) {
          const g = genericArgument(c, [slot], root, agent ? new Set(agent.mentions.map((x) => x.actor)) : undefined);
          if (g) tgt = { mentions: [g], how: 'subject', confidence: 0.7 };
        }
      }
    } else {
      src = subj;
      // "A female rebel commander has surrendered", "the Green Party submitted": a subject noun phrase with
      // no dictionary actor right before the verb group is a generic source (people and groups only)
      if (!src && !m.pattern.entry.weak) {
        const slot = passiveSubjectSlot(c, groupStart);
        const g = slot ? genericArgument(c, [slot], (m.code ?? e.code).slice(0, 2), undefined, true) : null;
        if (g) {
          src = { mentions: [g], how: 'subject', confidence: 0.7 };
          scanFrom = g.tokenStart;
        }
      }
      const tell = !!e.weak && c.tokens[m.anchor].lemma === 'tell';
      const root = e.code.slice(0, 2);
      const preps = e.weak ? WEAK_PREPS : root === '03' || root === '07' || root === '02' || root === '10' ? AID_PREPS : root === '12' || root === '11' || e.code === '016' ? REJECT_PREPS : root === '17' ? TAKE_PREPS : c.cues.targetPrep;
      const self = subj ? new Set(subj.mentions.map((x) => x.actor)) : undefined;
      // "demanded that the US cancel …", "urged that Russia …": the embedded subject is the target
      // "restrictions against German goods": after a conflictual act's object noun, "against" still names the target
      const slots: NpSlot[] = [];
      // "launched air strikes on X": after a violent act's object noun, "on" still names the target
      tgt = findObject(c, m.anchor + 1, skip, preps, !e.weak || tell, true, self, root === '02' || root === '10', root >= '18' ? 'on' : root >= '09' || root === '02', slots);
      const ownObject = (t: Arg | null): Arg | null => {
        // "contribute troops to a force in Liberia": the source's own people given, lent or withdrawn are the
        // object of a cooperative act, not its target
        if (t && subj && OWN_OBJECT_ROOTS.has(root)) {
          const sc = new Set(subj.mentions.map((x) => c.doc.actors.get(x.actor)?.country ?? ''));
          if (t.mentions.every((x) => { const k = c.doc.actors.get(x.actor)?.country; return !!k && sc.has(k); })) return null;
        }
        return t;
      };
      tgt = ownObject(tgt);
      // "detained 18 people", "attacked an army camp in western Kabul": a direct object noun phrase with no
      // dictionary actor is a generic target (generic.ts decides which heads qualify for which roots)
      let innerActor = false;
      for (let k = m.anchor + 1; k <= m.last && !innerActor; k++) if (c.at[k] && c.at[k]!.how !== 'pronoun') innerActor = true;
      const genericOk = !e.weak && root !== '01' && slots.length > 0 && !innerActor;
      if (!tgt && genericOk && slots[0].prep === null && !ownGenericObject(m.code ?? e.code)) {
        const g = genericArgument(c, slots.slice(0, 1), root, self);
        if (g) tgt = { mentions: [g], how: 'object', confidence: 0.8 };
      }
      // "rejected the call of the European Parliament", "vetoed a Japanese-drafted resolution", "lifted the ban
      // imposed on X": the actor behind an abstract object (or the one a ban is aimed at) is the target
      // a pattern with a gap after its anchor ("vetoed … resolution … on Syria"): the object starts right after the verb
      let nextTok = m.last;
      for (const k of m.tokens) if (k > m.anchor && k < nextTok) nextTok = k;
      const gap = innerActor && nextTok > m.anchor + 4;
      if (!tgt && subj && !e.weak && (!innerActor || gap) && OWNER_ROOTS.has((m.code ?? e.code).slice(0, 2))) {
        const lead = LEAD_ROOTS.has(root) ? LEAD_PREPS : null;
        const ow = objectOwner(c, gap ? m.anchor + 1 : m.last + 1, gap ? new Set<number>() : skip, self, PATIENT_ROOTS.has(root), lead);
        let t = ow ? ownerArgument(c, ow, root, self) : null;
        // "completed its withdrawal of troops", "lifted its blockade of Yemen": for an act on the source's own
        // forces only another country named in the object is a target
        if (t && ownGenericObject(m.code ?? e.code)) {
          const sc = new Set(subj!.mentions.map((x) => c.doc.actors.get(x.actor)?.country ?? ''));
          const ok = t.mentions.filter((x) => { const a = c.doc.actors.get(x.actor); return a?.kind === 'country' && !!a.country && !sc.has(a.country); });
          t = ok.length ? { ...t, mentions: ok } : null;
        }
        if (t) { tgt = t; ownerHow = ow!.how; }
      }
      // Where no actor is the object, the place of a visit, aid, withdrawal or attack stands for the target country.
      if (!tgt && LOCATION_TARGET.has(root) && (root !== '04' || e.code === '042')) {
        const loc = findObject(c, m.anchor + 1, skip, LOCATION_PREPS, false, true, self);
        if (loc) tgt = ownObject({ mentions: loc.mentions, how: 'prep', confidence: 0.7 });
      }
      // "expelled two Russian diplomats": an actor inside the pattern's own object span is the target
      if (!tgt && !e.weak && root !== '01') {
        const selfCountries = new Set(subj ? subj.mentions.map((x) => c.doc.actors.get(x.actor)?.country ?? '') : []);
        for (let k = m.anchor + 1; k <= m.last; k++) {
          const mm = c.at[k];
          if (!mm || (mm.possessive && mm.how === 'pronoun') || mm.how === 'pronoun') continue;
          const ctry = c.doc.actors.get(mm.actor)?.country ?? null;
          if (self?.has(mm.actor) || (ctry && selfCountries.has(ctry))) continue;
          if (!m.tokens.some((t) => t >= mm.tokenStart && t < mm.tokenEnd) && m.tokens.some((t) => t > mm.tokenEnd)) continue;
          tgt = { mentions: [mm], how: 'object', confidence: 0.85 };
          break;
        }
      }
      // "withdraw its troops from Lebanon", "arrived in Amman": a place in a PP after the trigger stands
      // for its country (CAMEO convention) when no actor is the object.
      if (!tgt && PLACE_TARGET.has(root) && (root !== '04' || e.code === '042')) {
        const pl = placeAfter(c, m, skip);
        if (pl) impliedPlace = pl;
      }
      // "criticized Russia … and floated sanctions": the second verb shares the first one's target
      if (!tgt && subj?.how === 'inherited' && subj.verb !== undefined && !e.weak && root !== '01' && (!subj.adjunct || root === '04')) {
        const prior = findObject(c, subj.verb + 1, new Set<number>(), c.cues.targetPrep, true, true);
        if (prior) tgt = { mentions: prior.mentions, how: 'inherited', confidence: 0.8 };
      }
      // "sent a medical team to the hospital", "hosting a dinner for …": a prepositional target noun phrase,
      // when neither an actor nor a place is the target
      if (!tgt && !impliedPlace && genericOk) {
        const g = genericArgument(c, slots.filter((x) => x.prep !== null), root, self);
        if (g) tgt = { mentions: [g], how: 'prep', confidence: 0.75 };
      }
      // "expressed condolences to the families of the victims": a statement addressed to people or a group
      if (!tgt && root === '01' && !e.weak && !innerActor) {
        // only right after the pattern ("condolences to …"), not "… in messages to the media"
        const g = genericArgument(c, slots.filter((x) => (x.prep === 'to' || x.prep === 'with' || x.prep === 'against') && x.from === m.last + 2), root, self, false, true);
        if (g) tgt = { mentions: [g], how: 'prep', confidence: 0.7 };
      }
      // "freed 37 prisoners", "released 280 child soldiers": the pattern's own object noun names people
      if (!tgt && !impliedPlace && !e.weak && PATIENT_NOUN_ROOTS.has(root) && !innerActor && !ownGenericObject(m.code ?? e.code)) {
        for (let i = m.tokens.length - 1; i >= 0; i--) {
          const k = m.tokens[i];
          if (k <= m.anchor || c.at[k] || c.tokens[k].pos !== 'NOUN') continue;
          const cls = headClass(c.tokens[k]);
          if (cls !== 'people') break;
          const g = genericArgument(c, [{ k, prep: null, from: m.anchor + 1 }], root, self);
          if (g) tgt = { mentions: [g], how: 'object', confidence: 0.75 };
          break;
        }
      }
    }
  } else {
    const r = nounArgs(c, m, subjectOf);
    src = r.src;
    tgt = r.tgt;
    groupStart = r.npStart;
    scanFrom = Math.max(c.sentStart, r.npStart - 3);
  }
  // Inside a quote: first-person or missing subjects are the speaker.
  const q = quoteAt(c.doc, c.tokens[m.anchor].start);
  let speaker: string | null = null;
  if (q && q.speaker?.actor && !isNoun) {
    const firstPerson = src ? src.mentions.every((x) => FIRST_PERSON.has(x.text.toLowerCase())) : FIRST_PERSON.has(c.tokens[groupStart - 1]?.norm ?? '');
    if (firstPerson) {
      speaker = q.speaker.actor;
      src = null;
    }
  }
  // No subject actor where the clause has no subject noun phrase or an unresolved pronoun: the sentence's
  // attribution speaker ("…, Norway's foreign minister said") or the quote's speaker, with less confidence.
  let fallback = false;
  if (!src && !speaker && tgt && !isNoun && e.role !== 'modal-demand' && subjectlessClause(c, groupStart)) {
    const sp = attributionSpeaker(c, m, subjectOf) ?? q?.speaker?.actor ?? null;
    if (sp && !tgt.mentions.some((x) => x.actor === sp)) { speaker = sp; fallback = true; }
  }
  let sources = src ? src.mentions : [];
  let targets = tgt ? tgt.mentions : [];
  // Drop self-targets; a reciprocal event with two or more subjects and no target runs both ways.
  const srcActors = new Set(sources.map((x) => x.actor));
  if (speaker) srcActors.add(speaker);
  targets = targets.filter((x) => !srcActors.has(x.actor));
  let implied: string | null = null;
  if (impliedPlace && !targets.length && !tgt) {
    const srcCountries = new Set(sources.map((x) => c.doc.actors.get(x.actor)?.country ?? null));
    if (speaker) srcCountries.add(c.doc.actors.get(speaker)?.country ?? null);
    if (!srcCountries.has(impliedPlace.country) || SAME_COUNTRY_PLACE.has(e.code.slice(0, 2))) implied = countryActor(c.doc, impliedPlace.country, impliedPlace.name, `the place "${impliedPlace.text}" (${impliedPlace.start}–${impliedPlace.end}) after an event trigger`, 'events/place-target');
  }
  // A protest, strike or riot with no stated target is aimed at the protesters' own country (CAMEO convention).
  if (!implied && !targets.length && !tgt && !isNoun && e.code.startsWith('14') && sources.length) {
    const sc = c.doc.actors.get(sources[0].actor)?.country;
    if (sc && sc.length === 3) implied = countryActor(c.doc, sc, sc, 'the protesters\' own country (no target stated)', 'events/domestic-target');
  }
  let reciprocal = false;
  // "Turkey and Russia announced a ceasefire in Idlib": a place of a third country is the target, not each other
  if (e.reciprocal && !targets.length && !implied && sources.length >= 2 && sources.length <= 3) reciprocal = true;
  if (e.reciprocal && !targets.length && sources.length > 3) return null; // too many parties to pair up
  if (e.reciprocal && !sources.length && !speaker && targets.length >= 2 && tgt?.how === 'between') {
    sources = targets;
    targets = [];
    reciprocal = true;
  }
  if (!sources.length && !targets.length && !speaker) return null;
  if (isNoun && !sources.length && !speaker && !reciprocal) return null;
  if (e.needs === 'target' && !targets.length) return null;
  const mod = modalityOf(c, m.anchor, groupStart, scanFrom, isNoun);
  let code = m.code ?? e.code;
  let modality = mod.modality;
  let cue = mod.cue;
  let date: EventDate | null | undefined;
  if (modality === 'asserted' && c.doc.published) {
    // an event dated after publication ("Monday's call" in a Sunday article) has not happened yet
    const tk = c.tokens[m.anchor];
    const d = (date = eventDate(c.doc, clauseOf(c, tk)));
    if (d && d.time !== null && d.value.length >= 10 && d.value.slice(0, 10) > c.doc.published.slice(0, 10) && d.start !== undefined && d.end !== undefined) {
      modality = 'future';
      cue = { start: d.start, end: d.end };
    }
  }
  if (mod.conditional) {
    const th = threatFor(code);
    if (th) {
      code = th;
      // the threatened party is the condition's subject: "… should it continue to stall"
      if (!targets.length && mod.condAt !== undefined && mod.condAt >= 0) {
        for (let k = mod.condAt + 1; k < Math.min(c.sentEnd, mod.condAt + 4); k++) {
          const cm = c.at[k];
          if (cm && !srcActors.has(cm.actor)) { targets = [cm]; break; }
        }
      }
    }
  }
  if (isNoun && modality === 'asserted' && c.doc.published) {
    // a date inside the noun phrase: "Monday's Trump-Putin call" in a Sunday article
    const npFrom = c.tokens[groupStart].start;
    for (const t of c.doc.times) {
      if (t.start >= npFrom && t.end <= c.tokens[m.anchor].start && t.type === 'DATE' && t.value.length >= 10 && t.value.slice(0, 10) > c.doc.published.slice(0, 10)) {
        modality = 'future';
        cue = { start: t.start, end: t.end };
      }
    }
  }
  let conf = isNoun ? 0.75 : e.weak ? 0.5 : 0.85;
  if (src) conf *= src.confidence;
  if (!sources.length && !speaker) conf *= 0.6;
  if (!targets.length && !reciprocal) conf *= implied ? 0.75 : 0.9;
  if (m.pattern.steps.some((s) => s.wide)) conf *= 0.95;
  if (speaker) conf *= fallback ? 0.6 : 0.85;
  if (!dict.codes.has(code)) return null;
  return { match: m, sources, targets, reciprocal, code, modality, cue, date, confidence: Math.max(0.05, Math.min(0.99, Math.round(conf * 100) / 100)), quote: q, speaker, implied, owner: ownerHow && targets.length && tgt?.how === 'object' ? ownerHow : null };
}

interface NounArgs {
  src: Arg | null;
  tgt: Arg | null;
  npStart: number;
}

const NP_INNER = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);

function nounArgs(c: Ctx, m: Match, subjectOf: (v: number) => Arg | null): NounArgs {
  const { tokens } = c;
  // Walk left over the noun phrase's premodifiers.
  let k = m.first - 1;
  let npStart = m.first;
  const mods: ActorMention[] = [];
  const seen = new Set<string>();
  for (; k >= c.sentStart; k--) {
    const t = tokens[k];
    const mm = c.at[k];
    if (mm) {
      if (!seen.has(mm.id)) { seen.add(mm.id); mods.unshift(mm); }
      k = Math.max(c.sentStart, mm.tokenStart);
      npStart = k;
      continue;
    }
    // "its (long-)threatened invasion": a participle tagged as a past tense after a determiner, a possessive or a
    // hyphen, and an adverb joined by a hyphen, are premodifiers too
    const prevTok = k > c.sentStart ? tokens[k - 1] : undefined;
    const participle = t.pos === 'VERB' && (t.form === 'VBN' || (t.form === 'VBD' && !!prevTok && (prevTok.pos === 'DET' || prevTok.text === '-' || POSS_PRON.has(prevTok.norm))));
    const hyphenAdv = t.pos === 'ADV' && tokens[k + 1]?.text === '-';
    if (NP_INNER.has(t.pos) || t.text === '-' || t.norm === "'s" || t.norm === "'" || t.norm === '’s' || participle || hyphenAdv || t.norm === 'and' && mods.length) {
      // a plain noun between a modifier and the event noun ends the modifier run unless it is a role word inside a mention
      npStart = k;
      continue;
    }
    break;
  }
  let src: Arg | null = null;
  let tgt: Arg | null = null;
  const modsOk = mods.filter((x) => !(x.how === 'pronoun' && !x.possessive));
  if (modsOk.length >= 2) {
    const all: ActorMention[] = [];
    for (const x of modsOk) for (const y of coordinated(c, x, 'both')) if (!all.includes(y)) all.push(y);
    // "Trump-Putin call": first → second; "Ukrainian and Russian delegations' talks": all of them.
    const hyphen = modsOk.length === 2 && tokens.slice(modsOk[0].tokenEnd, modsOk[1].tokenStart).some((t) => t.text === '-' || t.text === '–');
    if (hyphen) {
      src = { mentions: [modsOk[0]], how: 'modifier', confidence: 0.9 };
      tgt = { mentions: [modsOk[1]], how: 'modifier', confidence: 0.9 };
    } else src = { mentions: all, how: 'modifier', confidence: 0.9 };
  } else if (modsOk.length === 1) {
    const x = modsOk[0];
    src = { mentions: coordinated(c, x, 'left'), how: x.possessive ? 'possessive' : 'modifier', confidence: 0.9 };
  }
  // "the leaders of X … held a call" is handled by the verb patterns; here: a light verb governing the noun.
  if (!src) {
    let j = npStart - 1;
    while (j >= c.sentStart && (tokens[j].pos === 'DET' || tokens[j].pos === 'ADJ')) j--;
    if (j >= c.sentStart && tokens[j].pos === 'VERB' && c.cues.light.has(tokens[j].lemma)) {
      const s = subjectOf(j);
      if (s) src = { mentions: s.mentions, how: 'light', confidence: s.confidence * 0.9 };
    }
  }
  const agent = findAgent(c, m.last + 1);
  if (agent && !src) src = agent;
  const slots: NpSlot[] = [];
  const after = findObject(c, m.last + 1, new Set(m.tokens), c.cues.nounTargetPrep, false, true, undefined, false, false, slots);
  if (after && !tgt) tgt = after;
  // "A car bombing by X killed 75 people": the noun phrase is the subject of an event verb whose object is its target
  if (!tgt && !m.pattern.entry.weak) {
    let j = m.last + 1;
    if (agent) for (const x of agent.mentions) j = Math.max(j, x.tokenEnd, x.npEnd);
    const v = tokens[j];
    if (v && c.used[j] && v.pos === 'VERB' && isFiniteVerb(v) && !c.cues.reporting.has(v.lemma)) {
      const vs: NpSlot[] = [];
      const o = findObject(c, j + 1, new Set([j]), c.cues.targetPrep, true, true, src ? new Set(src.mentions.map((x) => x.actor)) : undefined, false, false, vs);
      if (o) tgt = { mentions: o.mentions, how: 'object', confidence: 0.8 };
      else if (vs.length && vs[0].prep === null) {
        const g = genericArgument(c, vs.slice(0, 1), (m.code ?? m.pattern.entry.code).slice(0, 2), src ? new Set(src.mentions.map((x) => x.actor)) : undefined);
        if (g) tgt = { mentions: [g], how: 'object', confidence: 0.7 };
      }
    }
  }
  // "attacks on the rebel-held Ghouta region", "the killing of 18 people": a generic noun phrase target
  const root = (m.code ?? m.pattern.entry.code).slice(0, 2);
  if (!tgt && slots.length && root !== '01' && !m.pattern.entry.weak) {
    const self = src ? new Set(src.mentions.map((x) => x.actor)) : undefined;
    const g = genericArgument(c, slots, root, self);
    if (g) tgt = { mentions: [g], how: 'prep', confidence: 0.7 };
  }
  return { src, tgt, npStart };
}

const PASSIVE_PP = new Set(['for', 'of', 'in', 'near', 'outside', 'at']);

/** The noun phrase right before a passive verb group ("the town was shelled"), as a generic slot, or null. */
/** Whether the sentence has a finite verb outside match m (a clause verb other than m's own). */
function otherFiniteVerb(c: Ctx, m: Match): boolean {
  for (let j = c.sentStart; j < c.sentEnd; j++) {
    if (j >= m.first && j <= m.last) continue;
    const t = c.tokens[j];
    if (t.pos === 'VERB' && isFiniteVerb(t)) return true;
  }
  return false;
}

function passiveSubjectSlot(c: Ctx, g: number): NpSlot | null {
  let h = g - 1;
  // "a camp for Congolese refugees was attacked": the head is the noun before the prepositional phrase
  const pm = h >= c.sentStart ? c.at[h] : undefined;
  if (pm) {
    const p = pm.tokenStart - 1;
    if (p > c.sentStart && PASSIVE_PP.has(c.tokens[p].norm)) h = p - 1;
    else return null;
  } else if (h > c.sentStart + 1 && c.tokens[h].pos === 'PROPN' && placeIndex.has(c.tokens[h].start) && PASSIVE_PP.has(c.tokens[h - 1].norm)) {
    // "A court in Istanbul has lifted …": the head is the noun before a place with no actor mention
    h -= 2;
  }
  if (h < c.sentStart || c.at[h] || !(c.tokens[h].pos === 'NOUN' || c.tokens[h].pos === 'PROPN')) return null;
  let k = h;
  let from = h;
  for (let j = h - 1; j >= c.sentStart && h - j < 8; j--) {
    const t = c.tokens[j];
    const mm = c.at[j];
    if (mm && !mm.possessive) break;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') { k = j; from = j; continue; }
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM' || t.text === '-' || mm) { from = j; continue; }
    break;
  }
  return { k, prep: null, from };
}

/** Is there no subject noun phrase before the verb group at g in its clause (nothing, or an unresolved pronoun)? */
function subjectlessClause(c: Ctx, g: number): boolean {
  for (let k = g - 1; k >= c.sentStart; k--) {
    const t = c.tokens[k];
    if (t.pos === 'ADV' || t.pos === 'AUX' || t.pos === 'PART') continue;
    if (t.pos === 'PRON') return !c.at[k] && !FIRST_PERSON.has(t.norm);
    return false;
  }
  return true;
}

/** The subject of a reporting verb of the sentence outside the event's own span ("…, the minister said"). */
function attributionSpeaker(c: Ctx, m: Match, subjectOf: (v: number) => Arg | null): string | null {
  for (let k = c.sentEnd - 1; k >= c.sentStart; k--) {
    if (k >= m.first && k <= m.last) continue;
    const t = c.tokens[k];
    if (t.pos !== 'VERB' || !c.cues.reporting.has(t.lemma)) continue;
    const s = subjectOf(k);
    const a = s?.mentions.find((x) => x.how !== 'pronoun');
    if (a) return a.actor;
  }
  return null;
}

let placeIndex = new Map<number, Place>();
let countryActors = new Map<string, string>();
const PLACE_STOP = new Set([',', ';', ':', '(', '"', '“', '”', 'which', 'who', 'that', 'after', 'before', 'since', 'because', 'while', 'but']);

/** A place with a country in a prepositional phrase after the trigger, inside the same clause. */
function placeAfter(c: Ctx, m: Match, skip: Set<number>): Place | null {
  const end = Math.min(c.sentEnd, m.last + 14);
  // "arrived in Amman": the pattern may end on the preposition itself
  const lastTok = c.tokens[m.last];
  let prep = lastTok.pos === 'ADP' && LOCATION_PREPS.has(lastTok.norm);
  for (let k = m.last + 1; k < end; k++) {
    const t = c.tokens[k];
    if (PLACE_STOP.has(t.norm)) return null;
    // a participle after a determiner is a modifier ("the besieged town"), not a new clause
    const modifier = (t.form === 'VBN' || t.form === 'VBG') && (c.tokens[k - 1].pos === 'DET' || c.tokens[k - 1].pos === 'ADJ');
    if (c.used[k] && !skip.has(k) && t.pos === 'VERB' && !modifier) return null;
    if (t.pos === 'ADP' && LOCATION_PREPS.has(t.norm)) prep = true;
    if (!prep) continue;
    const p = placeIndex.get(t.start);
    if (p) return p;
  }
  return null;
}

/** The country actor an implied target stands for: an existing country actor of the article, else a new implied one. */
function countryActor(doc: Doc, ctry: string | null, name: string, why: string, rule: string): string | null {
  if (!ctry) return null;
  const have = countryActors.get(ctry);
  if (have) return have;
  for (const a of doc.actors.values()) {
    if (a.kind === 'country' && a.country === ctry && (a.code === ctry || a.code === null)) {
      countryActors.set(ctry, a.id);
      return a.id;
    }
  }
  const id = doc.nextId('a');
  const a: Actor = {
    id,
    name: name || ctry,
    code: ctry,
    country: ctry,
    type: null,
    kind: 'country',
    evidence: { stage: 'events', rule, anchor: 'implied', confidence: 0.6, note: `country implied by ${why}` },
  };
  doc.actors.set(id, a);
  countryActors.set(ctry, id);
  return id;
}

/** Direct and partial quotes sorted by start, for a binary search per trigger. */
let quoteIndex: Quote[] = [];
function quotesByStart(doc: Doc): Quote[] {
  return doc.quotes.filter((q) => q.kind !== 'indirect').sort((a, b) => a.start - b.start);
}

function quoteAt(_doc: Doc, pos: number): Quote | null {
  const qs = quoteIndex;
  let lo = 0;
  let hi = qs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid].start <= pos) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  // quotes do not nest in practice; check a few before the last one starting at or before pos
  for (let k = best; k >= 0 && k > best - 4; k--) if (pos >= qs[k].start && pos < qs[k].end) return qs[k];
  return null;
}

function ref(doc: Doc, m: ActorMention | null, actorId?: string): EventActorRef | null {
  const id = m ? m.actor : actorId;
  if (!id) return null;
  const a = doc.actors.get(id);
  const r: EventActorRef = { actor: id, code: a?.code ?? null, country: a?.country ?? null };
  if (m) r.mention = m.id;
  return r;
}

function emit(doc: Doc, dict: CameoDictionary, sentence: number, cand: Candidate, groupN: number): number {
  const info = dict.codes.get(cand.code)!;
  const sent = doc.sentences[sentence];
  const m = cand.match;
  const trigTok = doc.tokens[m.anchor];
  const trigger = { start: trigTok.start, end: trigTok.end, text: doc.text.slice(trigTok.start, trigTok.end) };
  const pairs: [EventActorRef | null, EventActorRef | null][] = [];
  for (const x of cand.targets) if (x.how === 'generic') commitGeneric(doc, x);
  for (const x of cand.sources) if (x.how === 'generic') commitGeneric(doc, x);
  const srcRefs: (EventActorRef | null)[] = cand.speaker ? [ref(doc, null, cand.speaker)] : cand.sources.map((x) => ref(doc, x));
  if (cand.reciprocal) {
    for (const a of srcRefs) for (const b of srcRefs) if (a && b && a.actor !== b.actor) pairs.push([a, b]);
  } else {
    const tg: (EventActorRef | null)[] = cand.targets.length ? cand.targets.map((x) => ref(doc, x)) : [cand.implied ? ref(doc, null, cand.implied) : null];
    const sr = srcRefs.length ? srcRefs : [null];
    // an implied domestic target may be the source's own country actor ("Iraqi Kurds demonstrated" → IRQ → IRQ)
    for (const a of sr) for (const b of tg) if (!(a && b && a.actor === b.actor) || (cand.implied && b?.actor === cand.implied)) pairs.push([a, b]);
  }
  if (!pairs.length) return groupN;
  const group = pairs.length > 1 ? `g${++groupN}` : null;
  const clause: ClauseRef = { sentence, trigger: { start: trigger.start, end: trigger.end }, clause: { start: sent.start, end: sent.end } };
  const date = cand.date !== undefined ? cand.date : eventDate(doc, clause);
  const place = eventPlace(doc, clause);
  for (const [s, t] of pairs) {
    const ev: CodedEvent = {
      id: doc.nextId('e'),
      code: info.code,
      root: info.root,
      name: info.name,
      goldstein: info.goldstein,
      quad: info.quad,
      plover: info.plover ? { type: info.plover.type, mode: info.plover.mode, context: info.plover.context } : null,
      source: s,
      target: t,
      group,
      modality: cand.modality,
      date,
      place,
      quote: cand.quote ? cand.quote.id : null,
      evidence: {
        sentence,
        start: sent.start,
        end: sent.end,
        text: sent.text,
        // a target implied from the object's author or patient names the rule that found it
        rule: `${m.pattern.file}:${m.pattern.entry.id}${cand.owner ? ` + events/object-owner:${cand.owner} (target implied from the object)` : ''}`,
        confidence: cand.confidence,
        trigger,
        source: m.pattern.source,
      },
    };
    if (cand.cue) ev.evidence.modalityCue = { start: cand.cue.start, end: cand.cue.end, text: doc.text.slice(cand.cue.start, cand.cue.end) };
    doc.events.push(ev);
  }
  return groupN;
}

export const eventsStage: Stage = {
  name: 'events',
  run(doc: Doc): void {
    codeEvents(doc);
  },
};
