/**
 * Generic event arguments: when an event's object or prepositional-target slot holds a noun phrase
 * but no dictionary actor ("detained 18 people", "attacked an army camp in western Kabul", "freed
 * prisoners"), the noun phrase itself becomes an actor of kind `generic`, with its exact offsets.
 *
 * Which heads qualify is data (data/verbs/cues.json, kinds `target-head` and `target-class-roots`):
 * people and groups for every root but statements; places and facilities only for visits, aid,
 * protest, force posture and violence. Abstract nouns ("the decision", "the proposal") never do.
 *
 * The code is never invented: the country comes only from the phrase itself (a country adjective or
 * country actor inside it, or a gazetteer place in its "in/of …" complement); the CAMEO type only
 * from a role noun of data/actors/roles.json or a head listed with a type. Otherwise code is null.
 */
import type { Actor, ActorMention, Doc, Evidence, Place, Token } from '../../document.js';
import { loadData, sourceTag } from '../../dictionaries/load.js';
import { actorLexicon, matchAt as lexMatchAt } from '../../dictionaries/actors.js';
import type { Ctx } from './syntax.js';

/** A noun phrase in an argument slot: its first noun token and the preposition before it (null = direct object). */
export interface NpSlot {
  k: number;
  prep: string | null;
  /** First token after the slot's left boundary (the preposition, the verb, a comma). */
  from: number;
  /** The phrase ends at this token (exclusive), with no complements: an owner inside a larger object ("the [Kirkuk council] decision"). */
  end?: number;
}

interface HeadInfo {
  cls: string;
  type: string | null;
}

interface GenericData {
  heads: Map<string, HeadInfo>;
  roots: Map<string, Set<string>>;
  /** Words that are transparent before "of": "dozens of X", "supporters of X". */
  transparent: Set<string>;
  /** Code prefixes whose direct object is the source's own (given, sent, deployed, withdrawn), not a target. */
  ownObject: string[];
  /** Last words of the role nouns in data/actors/roles.json (a cheap pre-check before the dictionary lookup). */
  roleHeads: Set<string>;
  source: string;
}

const CUES = 'verbs/cues.json';
let data: GenericData | null = null;

function load(): GenericData {
  if (data) return data;
  const f = loadData<{ kind: string; words: string[]; class?: string; type?: string | null }>(CUES, (e) =>
    typeof e.kind === 'string' && Array.isArray(e.words) ? null : 'needs kind and words[]',
  );
  const heads = new Map<string, HeadInfo>();
  const roots = new Map<string, Set<string>>();
  const transparent = new Set<string>();
  const ownObject: string[] = [];
  for (const e of f.entries) {
    if (e.kind === 'own-object-codes') ownObject.push(...e.words);
    if (e.kind === 'target-head' && e.class) {
      for (const w of e.words) if (!heads.has(w.toLowerCase())) heads.set(w.toLowerCase(), { cls: e.class, type: e.type ?? null });
    } else if (e.kind === 'target-class-roots' && e.class) {
      roots.set(e.class, new Set(e.words));
    } else if (e.kind === 'quantity' || e.kind === 'member-of') {
      for (const w of e.words) transparent.add(w.toLowerCase());
    }
  }
  const roleHeads = new Set<string>();
  for (const r of actorLexicon().roles.values()) for (const a of [...r.singular, ...r.plural]) {
    const w = a.toLowerCase().split(/[\s-]+/);
    roleHeads.add(w[w.length - 1].replace(/\./g, ''));
  }
  data = { heads, roots, transparent, ownObject, roleHeads, source: sourceTag(CUES) };
  return data;
}

/** "sent troops", "withdrew inspectors", "deployed soldiers": the direct object of this code is not its target. */
export function ownGenericObject(code: string): boolean {
  return load().ownObject.some((p) => code.startsWith(p));
}

/** The target-head class of a noun (people, group, place, facility) or null. */
export function headClass(t: Token): string | null {
  const d = load();
  return (d.heads.get(t.norm) ?? d.heads.get(t.lemma))?.cls ?? null;
}

/** "dozens of", "some of", "supporters of": a word that passes the slot on to the noun phrase after "of". */
export function transparentBeforeOf(tokens: Token[], k: number, end: number): boolean {
  return k + 1 < end && tokens[k + 1].norm === 'of' && load().transparent.has(tokens[k].norm);
}

const QUANT_ADV = new Set(['some', 'about', 'nearly', 'around', 'almost', 'approximately', 'roughly', 'more', 'less', 'fewer', 'over', 'at', 'as', 'up', 'only', 'another']);
const PP_OF = new Set(['of']);
const TOPIC_PREPS = new Set(['on', 'about', 'over', 'upon']);
/** Prepositions after which an unknown name may be a target (not "between Hindu and Muslim gangs"). */
const NAME_PREPS = new Set(['with', 'to', 'for', 'against', 'on']);
const PP_PLACE = new Set(['in', 'near', 'outside', 'from', 'at', 'for']);
const TIME_HEAD = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tomorrow', 'week', 'month', 'year', 'weekend', 'night', 'morning', 'evening', 'afternoon', 'day', 'time', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

const isNounish = (t: Token): boolean => t.pos === 'NOUN' || t.pos === 'PROPN';
/** Possessive determiners (shared by the events stage's noun-phrase walks). */
export const POSS_PRON = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);

/** Per-document state: places by start offset, generic mentions made so far (by span). */
let placeAt = new Map<number, Place>();
let made = new Map<string, ActorMention>();
/** Generic actors made for candidates, added to the document only when an event that uses them is emitted. */
let pending = new Map<string, Actor>();

/** Add a generic mention's actor and the mention to the document (once). */
export function commitGeneric(doc: Doc, m: ActorMention): void {
  const a = pending.get(m.id);
  if (!a) return;
  pending.delete(m.id);
  doc.actors.set(a.id, a);
  doc.mentions.push(m);
}

/** The actor a pending or committed generic mention stands for. */
export function genericActor(doc: Doc, m: ActorMention): Actor | undefined {
  return pending.get(m.id) ?? doc.actors.get(m.actor);
}

/** Start a document: index its places and drop generic actors of an earlier run (the stage is idempotent). */
export function resetGeneric(doc: Doc): void {
  placeAt = new Map();
  for (const p of doc.places) if (p.country) placeAt.set(p.start, p);
  made = new Map();
  pending = new Map();
  if (doc.mentions.some((m) => m.how === 'generic')) {
    doc.mentions = doc.mentions.filter((m) => m.how !== 'generic');
    for (const [id, a] of doc.actors) if (a.kind === 'generic' && a.evidence.stage === 'events') doc.actors.delete(id);
  }
}

/** Extend right over one noun run from k; returns the index after it and the head (last noun). */
function nounRun(c: Ctx, k: number, end: number): { next: number; head: number } {
  let head = -1;
  let j = k;
  for (; j < end; j++) {
    const t = c.tokens[j];
    if (isNounish(t)) { head = j; continue; }
    if (t.pos === 'ADJ' || t.pos === 'NUM' || t.norm === "'s" || t.norm === '’s') continue;
    if (t.text === '-' && j + 1 < end && (isNounish(c.tokens[j + 1]) || c.tokens[j + 1].pos === 'ADJ' || c.tokens[j + 1].pos === 'VERB')) continue;
    if (t.pos === 'VERB' && j > k && c.tokens[j - 1].text === '-') continue; // "rebel-held" (often tagged VBD)
    // "the besieged town": a participle before the head; after a head it starts a clause ("households using funds")
    if (head < 0 && t.pos === 'VERB' && (t.form === 'VBN' || t.form === 'VBG' || (t.form === 'VBD' && c.tokens[j - 1]?.pos === 'DET')) && j + 1 < end && (isNounish(c.tokens[j + 1]) || c.tokens[j + 1].pos === 'ADJ')) continue;
    break;
  }
  // a run that ends on an adjective or number gives back those tokens
  while (j - 1 > head && head >= 0) j--;
  return { next: j, head };
}

/** The noun phrase of a slot: from the slot's left boundary to its head, plus "of"/locative complements. */
function nounPhrase(c: Ctx, slot: NpSlot): { start: number; end: number; head: number } | null {
  const { tokens } = c;
  const end = c.sentEnd;
  const k = slot.k;
  let start = Math.max(slot.from, c.sentStart);
  // determiners, numbers, adjectives and quantity words between the boundary and the noun belong to it;
  // a leading adverb or particle does not ("also detained")
  while (start < k && (tokens[start].pos === 'PART' || tokens[start].pos === 'CCONJ' || tokens[start].pos === 'PUNCT' || tokens[start].pos === 'VERB' || (tokens[start].pos === 'ADV' && !QUANT_ADV.has(tokens[start].norm)))) start++;
  const run = nounRun(c, k, slot.end ?? end);
  if (run.head < 0) return null;
  let stop = run.next;
  const head = run.head;
  if (slot.end !== undefined) return { start, end: stop, head };
  // complements: "the enclave of Eastern Ghouta", "an army camp in western Kabul" (a place or a name only)
  for (let pp = 0; pp < 2 && stop < end; pp++) {
    const p = tokens[stop];
    const isOf = PP_OF.has(p.norm);
    if (!isOf && !PP_PLACE.has(p.norm)) break;
    let j = stop + 1;
    while (j < end && (tokens[j].pos === 'DET' || tokens[j].pos === 'ADJ' || tokens[j].pos === 'NUM')) j++;
    if (j >= end) break;
    const mm = c.at[j];
    let next = -1;
    if (mm) next = Math.max(mm.tokenEnd, j + 1);
    else if (isNounish(tokens[j])) next = nounRun(c, j, end).next;
    if (next < 0) break;
    if (!isOf) {
      // a locative complement only when it names a place or an actor
      let named = false;
      for (let q = j; q < next; q++) if (!TIME_HEAD.has(tokens[q].norm) && (placeAt.has(tokens[q].start) || c.at[q] || (tokens[q].pos === 'PROPN' && tokens[q].cap))) named = true;
      if (!named) break;
    }
    stop = next;
  }
  return { start, end: stop, head };
}

const NO_ROLE = { found: false, type: null };

/** Look a role noun up in the actor dictionary (read-only): the phrase ending at the head, up to three tokens. */
function roleType(c: Ctx, head: number): { found: boolean; type: string | null } {
  const lx = actorLexicon();
  for (let s = Math.max(c.sentStart, head - 2); s <= head; s++) {
    const hit = lexMatchAt(c.tokens, s, head + 1);
    if (!hit || s + hit.len !== head + 1) continue;
    const r = hit.hits.find((h) => h.kind === 'role' || h.kind === 'roles');
    if (r) return { found: true, type: lx.roles.get(r.ref)?.type ?? null };
  }
  return { found: false, type: null };
}

/**
 * A generic actor for the first qualifying noun phrase among the slots, or null. Root is the event's
 * CAMEO root ("18"); asSource: the slot is the subject (people and groups only, any root).
 */
export function genericArgument(c: Ctx, slots: NpSlot[], root: string, exclude?: Set<string>, asSource = false, peopleOnly = false): ActorMention | null {
  const d = load();
  for (const slot of slots) {
    const np = nounPhrase(c, slot);
    if (!np) continue;
    const ht = c.tokens[np.head];
    if (c.at[np.head] || TIME_HEAD.has(ht.norm)) continue;
    let info = d.heads.get(ht.norm) ?? d.heads.get(ht.lemma) ?? null;
    const role = d.roleHeads.has(ht.norm) || d.roleHeads.has(ht.lemma) ? roleType(c, np.head) : NO_ROLE;
    let type = role.found ? role.type : info?.type ?? null;
    if (!info && role.found) info = { cls: 'people', type };
    // a gazetteer place as the head ("shelled the regional capital Juba", "threatened to shell Haifa")
    if (!info && ht.pos === 'PROPN' && placeAt.has(ht.start)) info = { cls: 'place', type: null };
    if (!info && ht.pos === 'PROPN' && ht.cap && !placeAt.has(ht.start) && np.head === np.end - 1 && (slot.prep === null || NAME_PREPS.has(slot.prep))) {
      // an unknown capitalised name standing alone ("accused Gulen"): a name, no code
      let bare = true;
      for (let q = np.start; q < np.head; q++) if (c.tokens[q].pos !== 'PROPN') bare = false;
      if (bare) info = { cls: 'name', type: null };
    }
    if (!info) continue;
    // a source must be people or a group ("a female rebel commander", "the Green Party"); a target is checked by root
    // peopleOnly: a statement addressed to people or a group ("condolences to the families of the victims")
    if (asSource || peopleOnly ? !(info.cls === 'people' || info.cls === 'group') : !d.roots.get(info.cls)?.has(root)) continue;
    // "agreed to share information on missing people": after "on/about/over" a cooperative act names its topic
    if (!asSource && slot.prep !== null && TOPIC_PREPS.has(slot.prep) && root <= '08') continue;
    // "people from both communities": "from" names a target only for seizures and violence ("seized weapons from")
    if (!asSource && slot.prep === 'from' && root < '16') continue;
    // the source's own ("detonated his vehicle", "opened their camps"): a possessive pronoun of the source
    let own = false;
    for (let q = np.start; q <= np.head && !own; q++) {
      const t = c.tokens[q];
      if (t.pos === 'PRON' && POSS_PRON.has(t.norm)) {
        const mm = c.at[q];
        own = !mm || !!exclude?.has(mm.actor);
      }
    }
    if (own) continue;
    // country evidence inside the phrase: a country actor or adjective before the head ("a Lebanese man"),
    // else a gazetteer place or an actor in its complement ("an army camp in western Kabul")
    let country: string | null = null;
    let why = '';
    const actorCountry = (from: number, to: number): void => {
      for (let q = from; q < to && !country; q++) {
        const mm = c.at[q];
        if (!mm || exclude?.has(mm.actor)) continue;
        const a = c.doc.actors.get(mm.actor);
        if (a && a.country && /^[A-Z]{3}$/.test(a.country) && (a.kind === 'country' || a.kind === 'collective' || mm.possessive || a.kind === 'group')) {
          country = a.country;
          why = `actor "${mm.text}" inside the phrase`;
        }
      }
    };
    actorCountry(np.start, np.head + 1);
    for (let q = np.start; q < np.end && !country; q++) {
      const p = placeAt.get(c.tokens[q].start);
      if (p && p.country) {
        country = p.country;
        why = `place "${p.text}" inside the phrase`;
      }
    }
    actorCountry(np.head + 1, np.end);
    const s = c.tokens[np.start].start;
    const e = c.tokens[np.end - 1].end;
    const key = `${s}:${e}`;
    const have = made.get(key);
    if (have) return have;
    const text = c.doc.text.slice(s, e);
    const code = country ? (type ? country + type : country) : null;
    const id = c.doc.nextId('a');
    const note = `noun phrase in the ${asSource ? 'subject' : slot.prep ? `"${slot.prep}" slot` : 'object slot'} of a root-${root} event; head "${ht.text}" (${info.cls}${type ? ', type ' + type : ''})${country ? '; country from the ' + why : ''}`;
    const conf = info.cls === 'name' ? 0.45 : 0.6;
    const actor: Actor = {
      id,
      name: text,
      code,
      country,
      type,
      kind: 'generic',
      evidence: { stage: 'events', rule: 'events/generic-np', source: d.source, anchor: 'stated', confidence: conf, note },
    };
    const mention: ActorMention = {
      id: c.doc.nextId('m'),
      actor: id,
      start: s,
      end: e,
      text,
      sentence: ht.sentence,
      tokenStart: np.start,
      tokenEnd: np.end,
      head: np.head,
      npStart: np.start,
      npEnd: np.end,
      how: 'generic',
      evidence: { stage: 'events', rule: 'events/generic-np', source: d.source, anchor: 'stated', confidence: conf, note },
    };
    made.set(key, mention);
    pending.set(mention.id, actor);
    return mention;
  }
  return null;
}

/**
 * "a Japanese-drafted resolution": a country adjective with no actor mention (the actors stage leaves
 * hyphenated modifiers alone) names the author of an object. Returns a generic mention over the adjective
 * with the country's code, or null when the token is no country adjective of the actor dictionary.
 */
export function countryAdjective(c: Ctx, k: number, root: string): ActorMention | null {
  const t = c.tokens[k];
  if (!t || !t.cap || c.at[k]) return null;
  const hit = lexMatchAt(c.tokens, k, k + 1);
  const h = hit?.hits.find((x) => x.kind === 'adj' || x.kind === 'country');
  if (!h) return null;
  const country = actorLexicon().countries.get(h.ref);
  if (!country || country.kind !== 'country' || !/^[A-Z]{3}$/.test(country.id)) return null;
  const key = `${t.start}:${t.end}`;
  const have = made.get(key);
  if (have) return have;
  const d = load();
  const note = `country adjective "${t.text}" naming the author of the object of a root-${root} event (${country.name})`;
  const evidence: Evidence = { stage: 'events', rule: 'events/object-owner', source: d.source, anchor: 'implied', confidence: 0.55, note };
  const id = c.doc.nextId('a');
  const actor: Actor = { id, name: t.text, code: country.id, country: country.id, type: null, kind: 'generic', evidence };
  const mention: ActorMention = {
    id: c.doc.nextId('m'),
    actor: id,
    start: t.start,
    end: t.end,
    text: t.text,
    sentence: t.sentence,
    tokenStart: k,
    tokenEnd: k + 1,
    head: k,
    npStart: k,
    npEnd: k + 1,
    how: 'generic',
    evidence,
  };
  made.set(key, mention);
  pending.set(mention.id, actor);
  return mention;
}
