/**
 * Stage `actors`: countries, people, organisations, roles, compounds, anonymous sources →
 * doc.actors, doc.mentions.
 *
 * One longest-match pass of the actor trie (src/dictionaries/actors.ts) over the tokens gives
 * "atoms" (a country, an adjective, a capital, a person, a role noun …). Recognizers then read
 * phrases made of atoms, in this order at each token:
 *   1. titled names   [modifier] [premodifiers] title name       "UK Prime Minister Keir Starmer"
 *   2. role phrases   [det] [modifiers] [premodifiers] role [of/for/in …] "Ukrainian and Russian
 *                     delegations", "a Kremlin spokesperson", "the leaders of Britain, France …",
 *                     "a senior official in Zelensky's office", "Western leaders"
 *   3. single atoms   person names, organisations, countries, capitals and seats of power,
 *                     demonyms, adjectives before a noun (kept as modifiers: possessive = true)
 *   4. unknown names  a capitalised run starting with a common given name → a person, code null
 * Refiners: later surname mentions (known and unknown people), coordination groups ("Russia and
 * Ukraine" share a group id and noun-phrase range).
 *
 * Person codes come from date-bounded roles picked by the publication date; see
 * data/actors/README.md for the conventions.
 */
import type { Actor, ActorKind, ActorMention, Doc, MentionHow, Token } from '../../document.js';
import type { Stage } from '../types.js';
import {
  activeRole,
  actorLexicon,
  fuzzyLookup,
  splitCode,
  tokenKey,
  type ActorLexicon,
  type LexHit,
  type PersonEntry,
  type RoleEntry,
  type TrieNode,
} from '../../dictionaries/actors.js';

// ---------------------------------------------------------------------------------------------
// Small word lists (grammar, not knowledge).

const DETS = new Set(['a', 'an', 'the', 'both', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozen', 'several', 'some', 'many', 'other', 'all', 'most', 'few', 'dozens', 'hundreds', 'thousands', 'tens', 'scores']);
/** Quantity words taking "of": "hundreds of protesters". */
const QUANT_OF = new Set(['dozens', 'hundreds', 'thousands', 'tens', 'scores', 'millions']);
/** Role groups that stand alone without a modifier ("protesters clashed with police"). */
const STANDALONE_ROLES = new Set(['protesters', 'rebels', 'insurgents', 'separatists', 'militants', 'terrorists', 'refugees', 'peacekeepers', 'settlers', 'police', 'military', 'opposition', 'activists', 'rights_groups']);
/** Last words that make a capitalised run an organisation or a place, not a person. */
const NOT_PERSON_LAST = new Set([
  'council', 'commission', 'committee', 'office', 'party', 'ministry', 'department', 'agency', 'association', 'union', 'court', 'bank', 'group',
  'company', 'corporation', 'corp', 'institute', 'university', 'college', 'school', 'hospital', 'police', 'service', 'services', 'authority',
  'board', 'trust', 'foundation', 'fund', 'federation', 'league', 'club', 'times', 'post', 'news', 'mail', 'herald', 'journal', 'guardian',
  'telegraph', 'express', 'street', 'road', 'avenue', 'house', 'church', 'army', 'force', 'forces', 'assembly', 'parliament', 'senate', 'congress',
  'government', 'centre', 'center', 'museum', 'airport', 'station', 'stadium', 'square', 'market', 'exchange', 'network', 'media', 'radio', 'tv',
  'television', 'press', 'inc', 'ltd', 'plc', 'co', 'airlines', 'airways', 'motors', 'energy', 'oil', 'holdings', 'partners', 'capital', 'index',
  'city', 'county', 'state', 'province', 'region', 'island', 'islands', 'river', 'valley', 'mountains', 'sea', 'ocean', 'bay', 'gulf', 'lake',
  'day', 'week', 'year', 'cup', 'games', 'championship', 'open', 'prize', 'awards', 'festival', 'act', 'bill', 'treaty', 'accord',
  'agreement', 'plan', 'programme', 'program', 'project', 'report', 'review', 'inquiry', 'summit', 'conference', 'forum', 'war', 'crisis',
  'alliance', 'movement', 'front', 'coalition', 'campaign', 'watch', 'international', 'initiative', 'organisation', 'organization', 'society',
  'election', 'elections', 'strike', 'electric', 'motor', 'systems', 'technologies', 'pharmaceuticals', 'bros',
]);
const INDEF = new Set(['a', 'an']);
const PREMODS = new Set([
  'senior', 'top', 'high', 'high-ranking', 'ranking', 'high-level', 'level', 'low-ranking', 'low', 'chief', 'deputy', 'acting', 'former', 'ex', 'outgoing',
  'incoming', 'new', 'interim', 'unnamed', 'anonymous', 'local', 'state', 'national', 'federal', 'regional', 'visiting', 'leading', 'main', 'lead',
  'first', 'second', 'third', 'junior', 'military', 'government', 'presidential', 'foreign', 'defence', 'defense', 'security', 'intelligence', 'diplomatic',
  'opposition', 'armed', 'pro', 'anti', 'rival', 'allied', 'european', 'hardline', 'moderate', 'influential', 'powerful', 'elected', 'caretaker',
  'minister', 'ministry', 'secretary', 'press', 'white', 'house', 'kremlin', 'election', 'peace', 'ceasefire', 'trade', 'border', '-',
  'nationalist', 'separatist', 'islamist', 'islamic', 'muslim', 'moslem', 'christian', 'jewish', 'communist', 'leftist', 'rightist', 'marxist',
  'maoist', 'radical', 'fundamentalist', 'extremist', 'ethnic', 'tribal', 'renegade', 'breakaway', 'pro-government', 'anti-government', 'masked',
  'unidentified', 'unknown', 'suspected', 'alleged', 'young', 'angry', 'striking', 'protesting', 'unarmed', 'heavily', 'hardline', 'paramilitary',
  'international', 'humanitarian', 'non-governmental', 'charitable', 'independent', 'private', 'medical',
]);
/** Head nouns of an organisation (not a person) among role forms. */
const GROUP_NOUNS = new Set(['group', 'organisation', 'organization', 'watchdog', 'body', 'agency', 'charity']);
/** Nouns that turn "X's office" into X's government. */
const OFFICE = new Set(['office', 'administration', 'government', 'team', 'camp', 'cabinet', 'entourage', 'ministry', 'staff', 'party', 'circle', 'inner', 'aides']);
const LOC_PREP = new Set(['in', 'at', 'inside', 'within', 'across', 'throughout', 'near', 'around', 'outside', 'into', 'towards', 'toward', 'across', 'via', 'through']);
const CAPITAL_LOC_PREP = new Set([...LOC_PREP, 'to', 'from', 'visit', 'visited', 'visiting', 'visits', 'arrived', 'left', 'flew', 'travelled', 'traveled']);
const NAME_PARTICLES = new Set(['bin', 'ibn', 'al', 'el', 'von', 'der', 'van', 'de', 'da', 'dos', 'du', 'le', 'la', 'abu', 'bint', 'ben']);
const SPEECH_AFTER = new Set(['said', 'says', 'told', 'added', 'wrote', 'stated', 'announced', 'declared', 'insisted', 'warned', 'argued', 'noted', 'claimed', 'tweeted', 'posted']);
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'dame', 'lord', 'lady', 'sheikh', 'ayatollah', 'prince', 'princess', 'shaikh', 'sheik', 'mullah', 'maulana', 'imam', 'rev', 'father', 'archbishop', 'bishop', 'cardinal', 'rabbi']);
/** Words before a title that do not change the office ("the late King X", "Newly appointed Prime Minister X"). */
const TITLE_PREMODS = new Set(['ousted', 'deposed', 'toppled', 'exiled', 'late', 'slain', 'assassinated', 'embattled', 'beleaguered', 'incumbent', 'outgoing', 'newly', 'appointed', 'elected', 'newly-appointed', 'newly-elected', 'new', 'then', 'then-', 'caretaker', 'transitional', 'veteran', 'hardline', 'moderate', 'reformist', 'self-proclaimed', 'self-styled', 'de', 'facto', 'military', 'civilian', 'socialist', 'conservative', 'communist', 'nationalist', 'populist', 'longtime', 'long-time', 'powerful', 'influential', 'visiting', 'ailing', 'then-president', 're-elected', 'reelected']);
/** Of those, the ones saying the person no longer holds the office. */
const FORMER_PREMODS = new Set(['ousted', 'deposed', 'toppled', 'exiled']);

const STAGE = 'actors' as const;
const POSS_PRON = new Set(['its', 'their', 'his', 'her']);
const CALENDAR = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Plural role forms that are things or units, not people: never a standalone group with a guessed country. */
const NOT_STANDALONE = new Set(['aircraft', 'drones', 'jets', 'units', 'tanks', 'warships', 'warplanes', 'gunships', 'submarines', 'frigates', 'destroyers', 'gunboats', 'battalions', 'brigades', 'regiments', 'navies', 'armies', 'militaries']);
/** Nouns the tagger may give to a verb after a subject ("police say", "rebels claim"): not a compound noun. */
const VERBISH = new Set(['say', 'says', 'fear', 'fears', 'claim', 'claims', 'demand', 'demands', 'warn', 'warns', 'vow', 'vows', 'fire', 'fires', 'clash', 'clashes', 'kill', 'kills', 'attack', 'attacks', 'raid', 'raids', 'arrest', 'arrests', 'plan', 'plans', 'battle', 'battles', 'block', 'blocks', 'march', 'marches', 'protest', 'protests', 'rally', 'rallies', 'strike', 'strikes', 'seize', 'seizes', 'accuse', 'accuses', 'deny', 'denies', 'control', 'controls', 'report', 'reports', 'agree', 'agrees', 'call', 'calls', 'hope', 'hopes', 'need', 'needs', 'want', 'wants', 'face', 'faces', 'urge', 'urges', 'reject', 'rejects', 'back', 'backs', 'pledge', 'pledges', 'order', 'orders']);
/** "X-backed", "X-funded" …: X is a patron, not the group's nationality. */
const PATRON = new Set(['backed', 'made', 'based', 'born', 'funded', 'supported', 'trained', 'armed', 'owned', 'sponsored', 'allied', 'aligned', 'inspired', 'linked', 'affiliated', 'leaning']);
/** Premodifiers that give an unnamed source its type ("a military spokesman" → MIL). */
const PREMOD_TYPE = new Map([['military', 'MIL'], ['army', 'MIL'], ['defence', 'MIL'], ['defense', 'MIL'], ['police', 'COP'], ['security', 'COP'], ['government', 'GOV'], ['diplomatic', 'GOV'], ['presidential', 'GOV'], ['intelligence', 'SPY']]);
/** Types of state agents (their country is an actor's, not a place's). */
const STATE_TYPES = new Set(['MIL', 'GOV', 'COP', 'SPY', 'JUD', 'LEG']);
/** Role types of institutions that belong to the country they are "in" (not troops, refugees …). */
const INSTITUTION_TYPES = new Set(['GOV', 'JUD', 'LEG', 'COP']);
/** Nouns after a person's name that make the name a modifier: "the Trump administration". */
const PERSON_GOVT = new Set(['administration', 'government', 'regime', 'cabinet', 'camp', 'presidency', 'junta']);

// ---------------------------------------------------------------------------------------------

interface Atom {
  s: number;
  e: number;
  hits: LexHit[];
  mask: number;
  /** A misspelt country name (fuzzyCountry): never trusted inside another name. */
  fuzzy?: boolean;
}

/** A modifier: whose role, which country ("Russian", "Kyiv's", "NATO", "Zelensky's"). */
interface Mod {
  s: number;
  e: number;
  possessive: boolean;
  /** Code prefix the role type is appended to (country or region), or a full org code. */
  country: string | null;
  /** Org code when the modifier is an organisation: roles of an org take the org's code. */
  orgCode: string | null;
  /** Type implied by the modifier itself (seat of power → GOV/MIL, org → its type). */
  type: string | null;
  kind: 'country' | 'region' | 'capital' | 'seat' | 'org' | 'person';
  /** Came from an adjective ("Russian"): valid before a role, not after "of". */
  adj?: boolean;
  ref: string;
  name: string;
  /** For person modifiers: the person (known) id. */
  person?: PersonEntry;
}

interface Ctx {
  doc: Doc;
  lx: ActorLexicon;
  toks: Token[];
  keys: string[];
  atoms: (Atom | null)[];
  used: Uint8Array;
  date: string | null;
  /** Known people seen by full name anywhere in the document. */
  seenPeople: Set<string>;
  /** Surname key → actor id, for unknown people introduced with a full name. */
  unknownSurnames: Map<string, string>;
  actorKeys: Map<string, string>;
  wire: { start: number; end: number }[];
  /** Index of the next token (same sentence, at or after i) that starts a role atom, or -1. */
  nextRole: Int32Array;
  /** Acronyms given in parentheses after an organisation found by its name → its actor id. */
  acronyms: Map<string, string>;
}

export function findActors(doc: Doc): void {
  const toks = doc.tokens;
  if (!toks.length) return;
  const lx = actorLexicon();
  const n = toks.length;
  const keys: string[] = new Array(n);
  if (scratchNodes.length < n) scratchNodes = new Array(n * 2).fill(null);
  const nodes = scratchNodes;
  // gate bits: 1 a determiner or premodifier, 2 a capitalised word (read once here: later passes skip the token objects)
  if (scratch.gate.length < n) scratch = { gate: new Uint8Array(n * 2), used: new Uint8Array(n * 2), nextRole: new Int32Array(n * 2) };
  const gate = scratch.gate;
  const first = firstIndexOf(lx);
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    // the trie key (tokenKey of the lower-cased text: only dots and diacritics left to drop) and its
    // filter hash, in one pass over the characters
    const norm = t.norm;
    let key = norm;
    let h = norm.length;
    for (let q = 0; q < norm.length; q++) {
      const c = norm.charCodeAt(q);
      if (c === 46 || c > 127) {
        key = tokenKey(norm);
        h = filterHash(key);
        break;
      }
      h = (Math.imul(h, 33) + c) | 0;
    }
    keys[i] = key;
    nodes[i] = null;
    gate[i] = t.cap ? 2 : 0;
    if (key.length === 0) continue;
    const b = h & FILTER_MASK;
    if ((first.bits[b >>> 5] & (1 << (b & 31))) === 0) continue;
    // a direct-mapped memo of the last word seen in this filter slot: the segment stage hands out one
    // string per word, so a repeat is a pointer comparison instead of a Map lookup
    const slot = b & MEMO_MASK;
    let w: WordFacts | undefined;
    if (first.memoKey[slot] === key) w = first.memoVal[slot];
    else {
      w = first.words.get(key);
      first.memoKey[slot] = key;
      first.memoVal[slot] = w;
    }
    if (w !== undefined) {
      nodes[i] = w.node;
      gate[i] |= w.gate;
    }
  }
  const atoms: (Atom | null)[] = new Array(n).fill(null);
  const seenPeople = new Set<string>();
  for (const s of doc.sentences) {
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const node = nodes[i];
      const a = node === null ? null : matchLongest(node, toks, keys, i, s.tokenEnd);
      if (a) {
        const hs = a.hits;
        for (let q = 0; q < hs.length; q++) {
          a.mask |= K[hs[q].kind];
          if (hs[q].kind === 'person') seenPeople.add(hs[q].ref);
        }
        atoms[i] = a;
      } else if (gate[i] & 2 && keys[i].length >= 7) {
        const f = fuzzyCountry(lx, toks, keys, i, s.tokenStart, s.tokenEnd);
        if (f) atoms[i] = { s: i, e: i + 1, hits: [f], mask: K.country, fuzzy: true };
      }
    }
  }
  const ctx: Ctx = {
    doc,
    lx,
    toks,
    keys,
    atoms,
    used: scratch.used.fill(0, 0, n),
    date: doc.published ? doc.published.slice(0, 10) : null,
    seenPeople,
    unknownSurnames: new Map(),
    actorKeys: new Map(),
    wire: (doc.meta?.wire ?? []).map((w) => ({ start: w.start, end: w.end })),
    nextRole: scratch.nextRole,
    acronyms: new Map(),
  };
  for (const s of doc.sentences) {
    let nr = -1;
    for (let i = s.tokenEnd - 1; i >= s.tokenStart; i--) {
      const a = atoms[i];
      if (a && a.mask & (K.role | K.roles)) nr = i;
      ctx.nextRole[i] = nr;
    }
  }
  for (const s of doc.sentences) {
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      if (ctx.used[i]) {
        i++;
        continue;
      }
      // Fast gate: a phrase can only start at a dictionary atom, a capitalised word, a determiner or a premodifier.
      const at = atoms[i];
      if (!at && gate[i] === 0) {
        i++;
        continue;
      }
      // A lowercase role noun with nothing before it ("workers", "the man" was taken at "the") yields
      // only a standalone group, an unnamed NGO, or a role with a post-modifier ("officials in Kyiv").
      if (at && gate[i] === 0 && (at.mask & ~(K.role | K.roles)) === 0 && !quietRoleMayYield(ctx, at, s.tokenEnd)) {
        i = at.e;
        continue;
      }
      const next = titledName(ctx, i, s.tokenEnd) ?? rolePhrase(ctx, i, s.tokenEnd) ?? orgName(ctx, i, s.tokenEnd) ?? lowerHeadOrg(ctx, i, s.tokenEnd) ?? single(ctx, i, s.tokenEnd) ?? laterAcronym(ctx, i) ?? unknownName(ctx, i, s.tokenEnd);
      i = next && next > i ? next : i + 1;
    }
  }
  laterSurnames(ctx);
  inferTitledCountries(ctx);
  doc.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  coordinate(ctx);
}

/**
 * A misspelt country name ("Afganistan", "Phillippines"): one capitalised word, one edit from
 * exactly one country name of 7+ letters, not a given name ("Frances", "Georgina"), and not inside a
 * run of capitalised words (a name or a title of something else).
 */
function fuzzyCountry(lx: ActorLexicon, toks: Token[], keys: string[], i: number, sStart: number, end: number): LexHit | null {
  const t = toks[i];
  if (t.pos !== 'PROPN' && t.pos !== 'NOUN' && t.pos !== 'ADJ') return null;
  const k = keys[i];
  if (!/^[a-z]+$/.test(k) || lx.givenSet.has(k)) return null;
  if (i + 1 < end && toks[i + 1].cap && toks[i + 1].pos === 'PROPN') return null;
  if (i > sStart && toks[i - 1].cap && toks[i - 1].pos === 'PROPN') return null;
  const c = fuzzyLookup(k, 'country');
  if (c.length === 0 || c.some((x) => x.ref !== c[0].ref)) return null;
  return { kind: 'country', ref: c[0].ref, caseMode: 'cap', len: 1 };
}

const POST_PREPS = new Set(['of', 'for', 'in', 'at', 'from', 'with', 'to']);

function quietRoleMayYield(ctx: Ctx, a: Atom, end: number): boolean {
  if (a.e < end && POST_PREPS.has(ctx.keys[a.e])) return true;
  // a lowercase title before a name or an appositive ("foreign minister Wang Yi", "spokesman, X")
  if (a.e < end && (ctx.toks[a.e].cap || ctx.keys[a.e] === ',' || ctx.atoms[a.e])) return true;
  for (const h of a.hits) {
    const r = ctx.lx.roles.get(h.ref);
    if (!r) continue;
    if (r.type === 'NGO') return true;
    if (h.kind === 'roles' && STANDALONE_ROLES.has(r.id)) return true;
  }
  return false;
}


/** What the stage needs of a word that may start a phrase: its trie node and whether it is a determiner or premodifier. */
interface WordFacts {
  /** The trie node of a one-token prefix, or null. */
  node: TrieNode | null;
  /** 1 when the word is a determiner or premodifier (a phrase may start at it), else 0. */
  gate: number;
}

/**
 * The first-token index: every word that starts a dictionary entry or is a determiner/premodifier,
 * behind a 64k-bit (8 KB, cache-resident) filter on a hash of the word, so that about three quarters
 * of BBC tokens are turned away by the character loop that computes the key anyway and one array
 * read: no Map lookup, no string hashing.
 */
interface FirstIndex {
  lx: ActorLexicon;
  words: Map<string, WordFacts>;
  bits: Uint32Array;
  /** Memo slots (filter hash & MEMO_MASK): the last key looked up there and its answer. */
  memoKey: string[];
  memoVal: (WordFacts | undefined)[];
}
const MEMO_MASK = 0xfff;
let firstIndex: FirstIndex | null = null;
/** Per-token buffers of the current document, reused across documents (findActors is not re-entered; every entry below n is reset before use). */
let scratch = { gate: new Uint8Array(0), used: new Uint8Array(0), nextRole: new Int32Array(0) };
/** Per-token trie nodes of the current document (reused across documents; entries are reset before use). */
let scratchNodes: (TrieNode | null)[] = [];

const FILTER_MASK = 0xffff;

/** The filter's hash of a trie key (the same arithmetic as the loop in findActors). */
function filterHash(key: string): number {
  let h = key.length;
  for (let q = 0; q < key.length; q++) h = (Math.imul(h, 33) + key.charCodeAt(q)) | 0;
  return h;
}

function firstIndexOf(lx: ActorLexicon): FirstIndex {
  if (firstIndex && firstIndex.lx === lx) return firstIndex;
  const words = new Map<string, WordFacts>();
  for (const [key, node] of lx.trie.next) words.set(key, { node, gate: 0 });
  for (const key of [...DETS, ...PREMODS]) {
    const w = words.get(key);
    if (w) w.gate = 1;
    else words.set(key, { node: null, gate: 1 });
  }
  const bits = new Uint32Array((FILTER_MASK + 1) >>> 5);
  for (const key of words.keys()) {
    if (!key) continue;
    const b = filterHash(key) & FILTER_MASK;
    bits[b >>> 5] |= 1 << (b & 31);
  }
  return (firstIndex = { lx, words, bits, memoKey: new Array<string>(MEMO_MASK + 1).fill(''), memoVal: new Array<WordFacts | undefined>(MEMO_MASK + 1).fill(undefined) });
}

/** Longest dictionary match from the first token's trie node: a new atom (mask still 0), or null. */
function matchLongest(first: TrieNode, toks: Token[], keys: string[], i: number, end: number): Atom | null {
  let node: TrieNode | undefined = first;
  let best: Atom | null = null;
  let k = i;
  while (node) {
    if (node.hits) {
      const hs = node.hits;
      let all = true;
      for (let q = 0; q < hs.length; q++) if (!caseOkAt(hs[q], toks, i)) all = false;
      const ok = all ? hs : hs.filter((h) => caseOkAt(h, toks, i));
      if (ok.length) {
        if (best) {
          best.e = k + 1;
          best.hits = ok;
        } else best = { s: i, e: k + 1, hits: ok, mask: 0 };
      }
    }
    k++;
    if (k >= end) break;
    node = node.next.get(keys[k]);
  }
  return best;
}

function caseOkAt(h: LexHit, toks: Token[], i: number): boolean {
  if (h.caseMode === 'any') return true;
  if (h.caseMode === 'cap') return toks[i].cap;
  for (let k = i; k < i + h.len; k++) if (/[a-z]/.test(toks[k].text)) return false;
  return true;
}

/** Bit per dictionary kind: atoms carry the union of their hits' bits. */
const K = { country: 1, adj: 2, demonym: 4, capital: 8, seat: 16, org: 32, person: 64, surname: 128, role: 256, roles: 512, given: 1024 } as const;

/** Never mutated: the no-surname answer of surnameHits. */
const NO_HITS: readonly LexHit[] = Object.freeze([]);

/** The surname hits of an atom (a fresh array), or the shared empty list when it has none (no allocation). */
function surnameHits(a: Atom | null | undefined): LexHit[] {
  return a && a.mask & K.surname ? a.hits.filter((h) => h.kind === 'surname') : (NO_HITS as LexHit[]);
}

function hitOf(a: Atom | null | undefined, mask: number): LexHit | undefined {
  if (!a || !(a.mask & mask)) return undefined;
  const hs = a.hits;
  for (let q = 0; q < hs.length; q++) if (K[hs[q].kind] & mask) return hs[q];
  return undefined;
}

function isPoss(ctx: Ctx, i: number): boolean {
  const t = ctx.toks[i];
  return !!t && (t.norm === "'s" || t.norm === "'" || t.norm === 's') && t.sentence === ctx.toks[i - 1]?.sentence && t.start === ctx.toks[i - 1].end;
}

// ---------------------------------------------------------------------------------------------
// Modifiers

function parseMod(ctx: Ctx, i: number, end: number, allowPerson: boolean): Mod | null {
  if (i >= end || ctx.used[i]) return null;
  let s = i;
  if (ctx.keys[i] === 'the' && i + 1 < end) i++;
  const a = ctx.atoms[i];
  if (!a || a.e > end) {
    if (allowPerson && ctx.toks[i].cap) return personMod(ctx, s, i, end);
    return null;
  }
  const h = a.hits;
  let e = a.e;
  // "Vietnamese-led forces", "US-led coalition": the leader's nationality is the group's
  if (e + 1 < end && ctx.toks[e].text === '-' && ctx.keys[e + 1] === 'led' && ctx.toks[e].start === ctx.toks[e - 1].end) e += 2;
  const poss = isPoss(ctx, e);
  const mk = (m: Omit<Mod, 's' | 'e' | 'possessive'>): Mod => ({ s, e: poss ? e + 1 : e, possessive: poss, ...m });
  const org = hitOf(a, K.org);
  if (org) {
    const o = ctx.lx.orgs.get(org.ref)!;
    return mk({ country: o.country, orgCode: o.code, type: o.type, kind: 'org', ref: o.id, name: o.name });
  }
  const seat = hitOf(a, K.seat);
  if (seat) {
    const c = ctx.lx.countries.get(seat.ref)!;
    return mk({ country: c.id, orgCode: null, type: seat.type ?? 'GOV', kind: 'seat', ref: c.id, name: c.name });
  }
  const ctry = hitOf(a, K.country | K.adj);
  if (ctry) {
    if (s !== i && ctry.kind === 'adj') s = i; // "the Russian" — the article belongs to the phrase
    const c = ctx.lx.countries.get(ctry.ref)!;
    const adj = ctry.kind === 'adj' && !(a.mask & K.country);
    if (adj && i > 0 && ctx.keys[i - 1] === 'ethnic') {
      const home = residenceCountry(ctx, i, c.id);
      if (home) return mk({ country: home, orgCode: null, type: null, kind: 'country', ref: home, name: `ethnic ${c.name} in ${home}`, adj });
    }
    return mk({ country: c.id, orgCode: null, type: null, kind: c.kind === 'region' ? 'region' : 'country', ref: c.id, name: c.name, adj });
  }
  const cap = hitOf(a, K.capital);
  if (cap) {
    const c = ctx.lx.countries.get(cap.ref)!;
    return mk({ country: c.id, orgCode: null, type: 'GOV', kind: 'capital', ref: c.id, name: c.name });
  }
  if (allowPerson && ctx.toks[i].cap) return personMod(ctx, s, i, end);
  return null;
}

/** "Zelensky's" / "Keir Starmer's": a person as a possessive modifier. */
function personMod(ctx: Ctx, s: number, i: number, end: number): Mod | null {
  const p = personAt(ctx, i, end);
  if (!p) return null;
  // "the Clinton administration", "the Assad regime": a known person's name before a government noun
  const attributive = !isPoss(ctx, p.e) && !!p.person && p.e < end && PERSON_GOVT.has(ctx.keys[p.e]);
  if (!attributive && !isPoss(ctx, p.e)) return null;
  const code = p.person ? personCode(ctx, p.person).code : null;
  const { country } = splitCode(code);
  if (attributive) return { s, e: p.e, possessive: false, country, orgCode: code && !country ? code : null, type: splitCode(code).type, kind: 'person', ref: p.person!.id, name: p.person!.name, person: p.person! };
  return { s, e: p.e + 1, possessive: true, country, orgCode: code && !country ? code : null, type: splitCode(code).type, kind: 'person', ref: p.person?.id ?? '', name: p.person?.name ?? textOf(ctx, p.s, p.e), person: p.person ?? undefined };
}

/** Modifier list: M ((,|and|, and) M)* — "Ukrainian and Russian", "Britain, France, Germany, and Italy". */
function parseModList(ctx: Ctx, i: number, end: number, allowPerson: boolean): Mod[] {
  const out: Mod[] = [];
  let k = i;
  for (;;) {
    const m = parseMod(ctx, k, end, allowPerson);
    if (!m) break;
    out.push(m);
    k = m.e;
    let j = k;
    if (ctx.keys[j] === ',') j++;
    if (ctx.keys[j] === 'and' || ctx.keys[j] === '&') j++;
    if (j === k) break;
    const nxt = parseMod(ctx, j, end, allowPerson);
    if (!nxt) break;
    k = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names

interface NameSpan {
  s: number;
  e: number;
  person: PersonEntry | null;
  how: 'name' | 'surname';
}

/** A person at i: a known full name, a known surname, or a capitalised run (unknown). */
function personAt(ctx: Ctx, i: number, end: number): NameSpan | null {
  if (i >= end || ctx.used[i]) return null;
  let s = i;
  if (HONORIFICS.has(ctx.keys[i]) && ctx.toks[i].cap && i + 1 < end) i++;
  const a = ctx.atoms[i];
  const ph = hitOf(a, K.person);
  if (a && ph) return { s, e: a.e, person: ctx.lx.people.get(ph.ref)!, how: 'name' };
  const sh = surnameHits(a);
  if (a && sh.length && !capRunContinues(ctx, a.e, end)) {
    const p = pickSurname(ctx, sh, true, i);
    if (p) return { s, e: a.e, person: p, how: 'surname' };
  }
  // Unknown capitalised run.
  const e = capRun(ctx, i, end);
  if (e > i) return { s, e, person: null, how: 'name' };
  return null;
}

function capRunContinues(ctx: Ctx, e: number, end: number): boolean {
  return e < end && ctx.toks[e].cap && ctx.toks[e].pos === 'PROPN' && !blocking(ctx, e);
}

/** An atom at k that is not a name part (a country, role, org …) ends a name run. */
function blocking(ctx: Ctx, k: number): boolean {
  const a = ctx.atoms[k];
  if (!a) return false;
  return (a.mask & ~(K.given | K.surname | K.person)) !== 0;
}

/** End of a capitalised name run starting at i (1–4 name words; particles and hyphens inside). */
function capRun(ctx: Ctx, i: number, end: number): number {
  const t = ctx.toks;
  let k = i;
  let words = 0;
  while (k < end && words < 5) {
    const tk = t[k];
    if (tk.cap && /^[A-Z][\p{L}'’.]*$/u.test(tk.text) && (tk.pos === 'PROPN' || tk.pos === 'NOUN' || tk.pos === 'ADJ' || tk.pos === 'X') && !blocking(ctx, k)) {
      words++;
      k++;
      continue;
    }
    if (words > 0 && k + 1 < end && (t[k + 1].cap || (NAME_PARTICLES.has(tk.norm) && t[k + 1].text === '-' && k + 2 < end && t[k + 2].cap)) && (NAME_PARTICLES.has(tk.norm) || (tk.text === '-' && tk.start === t[k - 1].end && t[k + 1].start === tk.end))) {
      k++;
      continue;
    }
    break;
  }
  while (k > i && (NAME_PARTICLES.has(t[k - 1].norm) || t[k - 1].text === '-')) k--;
  if (k > i && (NOT_PERSON_LAST.has(t[k - 1].norm) || /(ians|ists|ites|ics)$/.test(t[k - 1].norm))) return i;
  return words > 0 && words <= 4 ? k : i;
}

const NOT_NAME_POS = new Set(['PRON', 'DET', 'ADP', 'AUX', 'CCONJ', 'SCONJ', 'PART', 'VERB', 'NUM', 'PUNCT']);

function pickSurname(ctx: Ctx, hits: LexHit[], allowSolo: boolean, at?: number): PersonEntry | null {
  if (at !== undefined && NOT_NAME_POS.has(ctx.toks[at].pos)) return null;
  const cands = hits.map((h) => ctx.lx.people.get(h.ref)!).filter(Boolean);
  const seen = cands.filter((p) => ctx.seenPeople.has(p.id));
  if (seen.length === 1) return seen[0];
  if (seen.length > 1) {
    const act = seen.filter((p) => activeRole(p, ctx.date));
    return act.length === 1 ? act[0] : null;
  }
  if (!allowSolo) return null;
  const solo = cands.filter((p) => p.solo);
  if (solo.length === 1) return solo[0];
  const act = solo.filter((p) => activeRole(p, ctx.date));
  if (act.length === 1) return act[0];
  // "Clinton", "Bush" with no office on the date: several known people of one country — the most
  // recent one (the code comes out the same: the country, or the one office they all held)
  const pool = act.length === 0 && solo.length > 1 ? solo : solo.length === 0 && cands.length > 1 && at !== undefined && ctx.keys[at].length >= 5 && !ctx.lx.givenSet.has(ctx.keys[at]) ? cands : null;
  if (pool) {
    const countries = new Set(pool.flatMap((p) => p.roles.map((r) => splitCode(r.code).country ?? r.code)));
    if (countries.size === 1) return pool.reduce((a, b) => (latestStart(b) > latestStart(a) ? b : a));
  }
  return null;
}

function latestStart(p: PersonEntry): string {
  let m = '';
  for (const r of p.roles) if ((r.from ?? '') > m) m = r.from ?? '';
  return m;
}

// ---------------------------------------------------------------------------------------------
// Codes

interface CodeChoice {
  code: string | null;
  conf: number;
  title?: string;
  note: string;
}

/** A known person's code on the publication date. Outside every role: the country only. */
function personCode(ctx: Ctx, p: PersonEntry, former = false): CodeChoice {
  const r = activeRole(p, ctx.date);
  if (r && !former) return { code: r.code, conf: ctx.date ? 0.95 : 0.75, title: r.title, note: `people:${p.id} ${r.code} ${r.title} ${r.from ?? '…'}..${r.to ?? '…'}` };
  const last = [...p.roles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '')).pop()!;
  const { country } = splitCode(last.code);
  if (former && country) return { code: `${country}ELI`, conf: 0.7, title: `former ${last.title}`, note: `people:${p.id} "former": ${country}ELI` };
  if (!ctx.date && !former) {
    // An undated text about a past office-holder: the office's code when every role has the same one
    // (a UN Secretary-General is IGOUNO, a past president of one country XXXGOV), else the country
    // when every role shares it.
    const codes = new Set(p.roles.map((r) => r.code));
    if (codes.size === 1) return { code: last.code, conf: 0.6, title: last.title, note: `people:${p.id} no date: every role is ${last.code}` };
    const cs = new Set(p.roles.map((r) => splitCode(r.code).country ?? r.code));
    if (cs.size === 1) return { code: [...cs][0], conf: 0.6, title: last.title, note: `people:${p.id} no date: country only` };
  }
  return {
    // no date and an international office last (a UN or EU official): that office's code
    code: country ?? (!ctx.date && !former ? last.code : null),
    conf: 0.6,
    title: last.title,
    note: `people:${p.id} no dated role covers ${ctx.date ?? 'an unknown date'}: country only`,
  };
}

function orgKindOf(id: string): string | null {
  return actorLexicon().orgs.get(id)?.kind ?? null;
}

/** The code for a role with modifiers: org roles take the org's code; else country + type. */
function roleCode(m: Mod | null, role: RoleEntry | null, former: boolean): { code: string | null; country: string | null; type: string | null } {
  let type = role ? (role.inherit ? null : role.type) : null;
  if (former) type = 'ELI';
  if (!m) return { code: null, country: null, type };
  if (m.orgCode && m.kind === 'org' && m.country && type && role && !role.inherit && !role.leader && orgKindOf(m.ref) === 'organisation') {
    // a party or national body + a typed role: "Republican senators" → USALEG, "Labour MP" → GBRLEG
    return { code: m.country + type, country: m.country, type };
  }
  if (m.orgCode) {
    // A role of an organisation is the organisation (NATO leaders → IGOWSTNAT), unless the org is a
    // national body and the role says more (a Pentagon spokesman stays USAMIL).
    return { code: m.orgCode, country: m.country, type: m.type };
  }
  if (!type) type = m.type ?? 'GOV';
  if (!m.country) return { code: null, country: null, type };
  return { code: m.country + type, country: m.country, type };
}

// ---------------------------------------------------------------------------------------------
// Actors and mentions

function textOf(ctx: Ctx, s: number, e: number): string {
  return ctx.doc.text.slice(ctx.toks[s].start, ctx.toks[e - 1].end);
}

function getActor(ctx: Ctx, key: string, make: () => Omit<Actor, 'id'>): string {
  const hit = ctx.actorKeys.get(key);
  if (hit) return hit;
  const id = ctx.doc.nextId('a');
  ctx.doc.actors.set(id, { id, ...make() });
  ctx.actorKeys.set(key, id);
  return id;
}

interface MentionSpec {
  actor: string;
  s: number;
  e: number;
  head: number;
  npS?: number;
  npE?: number;
  how: MentionHow;
  rule: string;
  source?: string;
  conf: number;
  note?: string;
  group?: string;
  possessive?: boolean;
  anchor?: 'stated' | 'implied';
}

function emit(ctx: Ctx, m: MentionSpec): ActorMention {
  const t = ctx.toks;
  let e = m.e;
  let poss = m.possessive ?? false;
  if (isPoss(ctx, e - 1) && e - 1 > m.s) {
    e--; // keep the 's out of the span
    poss = true;
  } else if (isPoss(ctx, e) && m.possessive === undefined) poss = true;
  const mention: ActorMention = {
    id: ctx.doc.nextId('m'),
    actor: m.actor,
    start: t[m.s].start,
    end: t[e - 1].end,
    text: textOf(ctx, m.s, e),
    sentence: t[m.s].sentence,
    tokenStart: m.s,
    tokenEnd: e,
    head: m.head >= (m.npS ?? m.s) && m.head < (m.npE ?? e) ? m.head : e - 1,
    npStart: m.npS ?? m.s,
    npEnd: m.npE ?? e,
    how: m.how,
    evidence: { stage: STAGE, rule: m.rule, ...(m.source ? { source: m.source } : {}), anchor: m.anchor ?? 'stated', confidence: m.conf, ...(m.note ? { note: m.note } : {}) },
  };
  if (m.group) mention.group = m.group;
  if (poss) mention.possessive = true;
  ctx.doc.mentions.push(mention);
  return mention;
}

function markUsed(ctx: Ctx, s: number, e: number): void {
  for (let k = s; k < e; k++) ctx.used[k] = 1;
}

function personActor(ctx: Ctx, p: PersonEntry, former: boolean, titleText?: string): { id: string; choice: CodeChoice } {
  const choice = personCode(ctx, p, former);
  const { country, type } = splitCode(choice.code);
  const id = getActor(ctx, `p:${p.id}`, () => ({
    name: p.name,
    code: choice.code,
    country,
    type,
    kind: 'person',
    title: titleText ?? choice.title,
    evidence: { stage: STAGE, rule: 'actors/person', source: ctx.lx.source.people, anchor: ctx.date ? 'stated' : 'implied', confidence: choice.conf, note: choice.note },
  }));
  return { id, choice };
}

function unknownPersonActor(ctx: Ctx, s: number, e: number, code: string | null, title: string | undefined, conf: number, rule: string): string {
  const name = textOf(ctx, s, e);
  const key = `u:${name.toLowerCase()}`;
  const { country, type } = splitCode(code);
  const known = ctx.actorKeys.get(key);
  if (known && code) {
    // a later titled mention gives the code an earlier bare mention lacked
    const a = ctx.doc.actors.get(known)!;
    if (a.code === null) {
      Object.assign(a, { code, country, type, ...(title ? { title } : {}) });
      a.evidence = { ...a.evidence, rule, confidence: conf, note: 'code from a titled mention' };
    }
  }
  const id = getActor(ctx, key, () => ({
    name,
    code,
    country,
    type,
    kind: 'person',
    ...(title ? { title } : {}),
    evidence: { stage: STAGE, rule, anchor: 'stated', confidence: conf, ...(code ? { note: `code from the title and its modifier` } : { note: 'not in the dictionary: code unknown' }) },
  }));
  // Register the surname (last word) for later surname mentions.
  const last = ctx.keys[e - 1];
  if (e - s >= 2 && !ctx.unknownSurnames.has(last)) ctx.unknownSurnames.set(last, id);
  return id;
}

// ---------------------------------------------------------------------------------------------
// 1. Titled names: [the] [modifier(s)] [premods] title+ name

function titledName(ctx: Ctx, i: number, end: number): number | null {
  const t = ctx.toks;
  const nr = ctx.nextRole[i];
  if (nr < 0 || nr - i > 12) return null;
  // cheap exit: a title is followed by a capitalised name, a comma (appositive) or another title word
  const ra = ctx.atoms[nr]!;
  if (ra.e >= end || !(t[ra.e].cap || ctx.keys[ra.e] === ',' || ctx.atoms[ra.e])) return null;
  let k = i;
  if (ctx.keys[k] === 'the') k++;
  const mods = parseModList(ctx, k, end, false);
  let mod: Mod | null = mods.length === 1 ? mods[0] : null;
  if (mods.length > 1) return null;
  if (mod) k = mod.e;
  let former = false;
  let weak = false;
  let titleS = -1;
  let role: RoleEntry | null = null;
  // premodifiers and title atoms
  for (let guard = 0; k < end && guard < 6; guard++) {
    const key = ctx.keys[k];
    const a = ctx.atoms[k];
    const rh = hitOf(a, K.role);
    if (a && rh && !hitOf(a, K.person | K.country | K.org | K.capital | K.seat | K.adj)) {
      const r = ctx.lx.roles.get(rh.ref)!;
      if (!r.title) weak = true; // "Ukrainian journalist Anna Petrova": a role noun as a title needs a full name
      if (titleS < 0) titleS = k;
      role = r;
      k = a.e;
      continue;
    }
    if ((key === 'former' || key === 'ex') && titleS < 0) {
      former = true;
      if (titleS < 0) titleS = k;
      k++;
      if (ctx.keys[k] === '-') k++;
      continue;
    }
    if (titleS < 0 && (key === 'deputy' || key === 'acting' || key === 'vice' || key === 'interim' || key === 'first' || key === 'senior' || key === 'chief')) {
      titleS = k;
      k++;
      continue;
    }
    // "Ousted President X", "the late King X", "Newly appointed Prime Minister X"
    if (!role && TITLE_PREMODS.has(key) && ctx.nextRole[k] >= 0 && ctx.nextRole[k] - k <= 4 && !ctx.atoms[k]) {
      if (FORMER_PREMODS.has(key)) former = true;
      if (titleS < 0) titleS = k;
      k++;
      continue;
    }
    // an organisation between modifier and title: "Russian Foreign Ministry spokeswoman Maria Zakharova"
    if (!role && !mod) {
      const m2 = parseMod(ctx, k, end, false);
      if (m2) {
        mod = m2;
        k = m2.e;
        continue;
      }
    }
    break;
  }
  if (!role || k >= end) return null;
  // "Bahraini Prime Minister, Prince Khalifa …", "his Lebanese counterpart, Michel Aoun": a title
  // with its nationality, then the name as an appositive.
  let comma = false;
  if (ctx.keys[k] === ',' && mod && !weak && role.title && k + 1 < end && t[k + 1].cap && (mod.kind === 'country' || mod.kind === 'capital' || mod.kind === 'org')) {
    comma = true;
    k++;
  }
  if (!t[k].cap) return null;
  let name = personAt(ctx, k, end);
  if (!name) return null;
  if (comma && !name.person && !(name.e - name.s >= 2 && (name.e >= end || ctx.keys[name.e] === ',' || ctx.keys[name.e] === '.' || ctx.keys[name.e] === ';' || SPEECH_AFTER.has(ctx.keys[name.e]) || ctx.toks[name.e].pos === 'VERB' || ctx.toks[name.e].pos === 'AUX'))) return null;
  if (weak && !name.person && name.e - name.s < 2) return null;
  if (!name.person && !former) {
    const fz = fuzzyPerson(ctx, name, role, mod);
    if (fz) name = { ...name, person: fz };
  }
  let nameEnd = name.e;
  // "King Hassan of Morocco", "President Kiir of South Sudan": the nationality after the name
  if (!mod && ctx.keys[name.e] === 'of' && name.e + 1 < end) {
    const m2 = parseMod(ctx, name.e + 1, end, false);
    if (m2 && (m2.kind === 'country' || m2.kind === 'org') && !m2.adj && !m2.possessive) {
      mod = m2;
      nameEnd = m2.e;
    }
  }
  const s = mod && mod.s < titleS ? mod.s : titleS;
  const start = ctx.keys[i] === 'the' && s === i + 1 ? i : s;
  const titleText = textOf(ctx, titleS, comma ? name.s - 1 : name.s);
  let actor: string;
  let conf: number;
  let rule: string;
  let note: string | undefined;
  if (name.person) {
    const pa = personActor(ctx, name.person, former, titleText);
    actor = pa.id;
    conf = pa.choice.conf;
    rule = 'actors/titled-name';
    note = pa.choice.note;
    ctx.seenPeople.add(name.person.id);
  } else {
    const rc = roleCode(mod, role, former);
    actor = unknownPersonActor(ctx, name.s, name.e, rc.code, titleText, rc.code ? 0.8 : 0.6, 'actors/titled-unknown');
    conf = rc.code ? 0.8 : 0.6;
    rule = 'actors/titled-unknown';
    note = rc.code ? `title "${titleText}" + ${mod?.name}` : `title "${titleText}" without a known country`;
  }
  emit(ctx, { actor, s: start, e: nameEnd, head: name.e - 1, how: 'titled', rule, source: name.person ? ctx.lx.source.people : ctx.lx.source.roles, conf, note });
  markUsed(ctx, start, nameEnd);
  return nameEnd;
}

/**
 * A misspelt known person after a title ("President Abdelaziz Bouteflicka", "President Laurent
 * Gbago"): the last name word is one edit from exactly one known surname, and that person either
 * has the same first name, or held an office of this title (and of the modifier's country).
 */
function fuzzyPerson(ctx: Ctx, name: NameSpan, role: RoleEntry, mod: Mod | null): PersonEntry | null {
  const lastKey = ctx.keys[name.e - 1];
  if (!lastKey || lastKey.length < 5) return null;
  const firstKey = name.e - name.s >= 2 ? ctx.keys[HONORIFICS.has(ctx.keys[name.s]) ? name.s + 1 : name.s] : null;
  const forms = new Set(role.singular.map((f) => f.toLowerCase()));
  let found: PersonEntry | null = null;
  for (const f of fuzzyLookup(lastKey, 'surname')) {
    const p = ctx.lx.people.get(f.ref);
    if (!p) continue;
    if (mod?.country && !p.roles.some((r) => splitCode(r.code).country === mod.country)) continue;
    const first = tokenKey(p.name.split(/\s+/)[0]);
    const sameFirst = firstKey !== null && first === firstKey;
    const sameTitle = p.roles.some((r) => forms.has(r.title.toLowerCase()) || r.title.toLowerCase().endsWith(' ' + [...forms][0]));
    if (!sameFirst && !sameTitle) continue;
    if (firstKey !== null && !sameFirst && ctx.lx.givenSet.has(firstKey)) continue; // a different known first name
    if (found && found !== p) return null;
    found = p;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// 2. Role phrases

function rolePhrase(ctx: Ctx, i: number, end: number): number | null {
  const t = ctx.toks;
  const nr = ctx.nextRole[i];
  if (nr < 0 || nr - i > 14) return null;
  let k = i;
  let det: string | null = null;
  while (k < end && DETS.has(ctx.keys[k]) && k - i < 3) {
    if (det === null) det = ctx.keys[k];
    k++;
    if (QUANT_OF.has(ctx.keys[k - 1]) && ctx.keys[k] === 'of') k++;
  }
  // modifiers before the role (with premodifiers before or after them)
  let former = false;
  let guard = 0;
  const pre = () => {
    while (k < end && guard++ < 8) {
      const key = ctx.keys[k];
      const a = ctx.atoms[k];
      if (a && hitOf(a, K.role | K.roles)) break;
      if (PREMODS.has(key) && !(a && hitOf(a, K.country | K.adj | K.org | K.capital | K.seat))) {
        if (key === 'former' || key === 'ex') former = true;
        k++;
        continue;
      }
      break;
    }
  };
  pre();
  const mods = parseModList(ctx, k, end, true);
  if (mods.length) k = mods[mods.length - 1].e;
  pre();
  // "military spokesman", "police sources": a typing word that is itself a role noun, before a
  // role that takes its type from its modifiers, is a premodifier
  if (PREMOD_TYPE.has(ctx.keys[k]) && ctx.atoms[k]?.e === k + 1 && k + 1 < end) {
    const r2 = hitOf(ctx.atoms[k + 1], K.roles) ?? hitOf(ctx.atoms[k + 1], K.role);
    if (r2 && ctx.lx.roles.get(r2.ref)!.inherit) k++;
  }
  const a = ctx.atoms[k];
  const rh = hitOf(a, K.roles) ?? hitOf(a, K.role);
  if (!a || !rh || hitOf(a, K.person | K.country | K.adj | K.org | K.capital | K.seat | K.demonym)) return null;
  // A capitalised role before a name is a title, handled by titledName.
  let role = ctx.lx.roles.get(rh.ref)!;
  if (role.inherit) {
    // "Israeli military spokesman" → ISRMIL (a modifier without a type of its own gets the premodifier's)
    let typed: string | null = null;
    for (let j = i; j < k; j++) typed = PREMOD_TYPE.get(ctx.keys[j]) ?? typed;
    if (typed && !mods.some((m) => m.type)) role = { ...role, inherit: false, type: typed };
  }
  let plural = rh.kind === 'roles';
  let roleE = a.e;
  // "government warplanes", "military jets": role nouns in a row are one phrase headed by the last one;
  // the first types it, except a bare "government" ("government troops" → MIL)
  for (let g2 = 0; g2 < 2 && roleE < end && !t[roleE].cap && !VERBISH.has(ctx.keys[roleE]); g2++) {
    const a2 = ctx.atoms[roleE];
    const r2 = a2 && (a2.mask & ~(K.role | K.roles)) === 0 ? hitOf(a2, K.roles) ?? hitOf(a2, K.role) : undefined;
    if (!a2 || !r2) break;
    const role2 = ctx.lx.roles.get(r2.ref)!;
    if (role2.title && r2.kind === 'role') break; // "army chief": a title, left to the title rules
    if (role2.inherit || !role2.type) break; // "opposition coalition": the noun takes its modifier's type
    if (role.id === 'government' && !role2.inherit && role2.type) role = role2;
    plural = r2.kind === 'roles';
    roleE = a2.e;
  }
  // "a military base", "the police station", "army radio": the role noun modifies another noun
  if (roleE < end && ctx.toks[roleE].pos === 'NOUN' && !ctx.toks[roleE].cap && !hitOf(ctx.atoms[roleE], K.role | K.roles) && !VERBISH.has(ctx.keys[roleE])) return null;
  // "the Moldovan Farmers Association": the role noun is part of an organisation's name
  if (roleE < end && t[roleE].cap && t[rh.kind === 'roles' ? roleE - 1 : roleE - 1].cap && ORG_HEADS.has(ctx.keys[roleE])) return null;
  // "spokesperson Dmitry Peskov" without title flag → leave for titled; here only bare roles
  if (roleE < end && t[roleE].cap && t[roleE].pos === 'PROPN' && role.title && !mods.length) return null;
  let npE = roleE;
  // post-modifiers: of/for/in/at/from + modifier list
  let post: Mod[] = [];
  let postHow: 'of' | 'for' | 'in' | null = null;
  const p = ctx.keys[roleE];
  if ((p === 'of' || p === 'for' || p === 'in' || p === 'at' || p === 'from' || p === 'with' || p === 'to') && roleE + 1 < end) {
    let j = roleE + 1;
    // "a spokesperson for UK Prime Minister Keir Starmer": a titled name as the post-modifier
    const inner = ctx.doc.mentions.length;
    const sub = p === 'for' || p === 'to' || p === 'of' ? titledInner(ctx, j, end) : null;
    if (sub) {
      post = [sub.mod];
      npE = sub.e;
      postHow = 'for';
    } else {
      if (ctx.keys[j] === 'the' && !ctx.atoms[j]) j++;
      // "doctors from two American aid groups", "officials of a French charity": a nationality inside a
      // group noun after from/of is the group's and so the role's
      if ((p === 'from' || p === 'of') && !ctx.atoms[j]) {
        let q = j;
        while (q < end && q - j < 2 && (DETS.has(ctx.keys[q]) || ctx.toks[q].pos === 'NUM') && !ctx.atoms[q]) q++;
        const inner = parseMod(ctx, q, end, false);
        const ra = inner && inner.adj && !inner.possessive ? ctx.atoms[inner.e] : null;
        const rr = ra && (ra.mask & ~(K.role | K.roles)) === 0 ? hitOf(ra, K.roles | K.role) : undefined;
        const innerRole = rr ? ctx.lx.roles.get(rr.ref) : undefined;
        if (inner && ra && innerRole && !innerRole.inherit && innerRole.type && (innerRole.type === 'NGO' || innerRole.type === 'GOV' || innerRole.type === 'MIL' || innerRole.type === 'MED')) {
          const innerE = ra.e;
          post = [{ ...inner, adj: false, type: innerRole.type }];
          npE = innerE;
          postHow = 'of';
          j = -1;
        }
      }
      const list = j < 0 ? [] : parseModList(ctx, j, end, true);
      if (list.length && !list.some((m) => m.adj)) {
        let e2 = list[list.length - 1].e;
        const last = list[list.length - 1];
        if (last.possessive && e2 < end && OFFICE.has(ctx.keys[e2])) e2++;
        else if (last.possessive) e2 = -1; // "officials of Russia's …" — not ours
        if (e2 > 0 && (p !== 'with' || true)) {
          // "leaders in Moscow" fine; "troops in Ukraine" is locative: only capitals/seats/orgs and person offices after in/at
          // …but a court, parliament, police force or authority "in" a country is that country's ("a court in Venezuela")
          const institution = (p === 'in' || p === 'at') && role.type !== null && INSTITUTION_TYPES.has(role.type) && list.length === 1 && list[0].kind === 'country';
          const locative = !institution && (p === 'in' || p === 'at' || p === 'to' || p === 'with') && list.some((m) => m.kind === 'country' || m.kind === 'region');
          if (!locative && (p !== 'with' && p !== 'to' || list.every((m) => m.kind === 'org'))) {
            post = list;
            npE = e2;
            postHow = p === 'of' ? 'of' : p === 'for' ? 'for' : 'in';
          }
        }
      }
    }
    void inner;
  }
  const allMods = mods.length ? mods : post;
  const start = det !== null ? i : mods.length ? mods[0].s : k;
  const phraseS = Math.min(start, k);
  const head = roleE - 1;
  if (!allMods.length) {
    // Bare role: definite singular/plural ("the spokesperson", "the leaders") is an anaphor for coref.
    if (det === 'the' || det === 'both' || det === 'two') return null;
    // "a military spokesman", "police sources", "security officials": the premodifier types the role
    let typed: string | null = null;
    if (role.inherit || role !== ctx.lx.roles.get(role.id)) for (let j = i; j < k; j++) typed = PREMOD_TYPE.get(ctx.keys[j]) ?? typed;
    // "an international aid agency", "aid groups": an unnamed NGO is the generic CAMEO code NGO
    // …and so is one unnamed rights group ("a human rights group", "a rights watchdog")
    const rightsGroup = role.type === 'HRI' && !plural && (det === null || INDEF.has(det)) && GROUP_NOUNS.has(ctx.keys[roleE - 1]);
    if (!typed && (role.type === 'NGO' || rightsGroup) && !role.inherit) {
      const actor = getActor(ctx, 'g:NGO', () => ({
        name: textOf(ctx, k, roleE),
        code: 'NGO',
        country: null,
        type: 'NGO',
        kind: 'group',
        evidence: { stage: STAGE, rule: 'actors/role-group', source: ctx.lx.source.roles, anchor: 'stated', confidence: 0.6, note: 'unnamed non-governmental organisation: generic NGO' },
      }));
      emit(ctx, { actor, s: phraseS, e: roleE, head, how: 'role', rule: 'actors/role-group', source: ctx.lx.source.roles, conf: 0.6 });
      markUsed(ctx, phraseS, roleE);
      return roleE;
    }
    if (!typed) {
      if (!plural || role.type === null || !STANDALONE_ROLES.has(role.id)) return null;
      if (!a.hits.some((h) => h.kind === 'roles')) return null;
      // weapons and units need their nationality in the phrase ("Israeli jets"): no guess for "aircraft"
      if (NOT_STANDALONE.has(ctx.keys[roleE - 1])) return null;
    }
    const rType = typed ?? role.type!;
    // "protesters", "rebels": the nearest country in the sentence, else no code; "its forces",
    // "their troops": the owner is a pronoun, resolved by coref (the code stays null here).
    const owned = phraseS > 0 && POSS_PRON.has(ctx.keys[phraseS - 1]) && ctx.toks[phraseS - 1].sentence === ctx.toks[phraseS].sentence;
    // "Iranian-backed militias": a patron's nationality is not the group's, and no other guess is safe
    const patron = phraseS > 1 && ctx.keys[phraseS - 2] === '-' && PATRON.has(ctx.keys[phraseS - 1]);
    const near = owned || patron ? null : nearestCountry(ctx, k, end, STATE_TYPES.has(rType));
    const code = near ? near + rType : null;
    const actor = getActor(ctx, `g:${code ?? (owned ? `owned${phraseS}` : 'null')}:${role.id}:${rType}`, () => ({
      name: textOf(ctx, k, roleE),
      code,
      country: near,
      type: rType,
      kind: 'group',
      evidence: { stage: STAGE, rule: 'actors/role-group', source: ctx.lx.source.roles, anchor: near ? 'implied' : 'stated', confidence: near ? 0.5 : 0.6, note: near ? `country from the nearest country mention in the sentence (${near})` : owned ? 'owned by a pronoun: coref gives the country' : 'no country in the sentence' },
    }));
    const s0 = typed ? Math.min(i, phraseS) : phraseS; // "Security sources": the typing word is part of the mention
    emit(ctx, { actor, s: s0, e: roleE, head, how: typed && !plural ? 'anonymous' : 'role', rule: 'actors/role-group', source: ctx.lx.source.roles, conf: near ? 0.5 : 0.6, anchor: near ? 'implied' : 'stated' });
    markUsed(ctx, s0, roleE);
    return roleE;
  }
  const singularAnon = !plural && role.anon && (det === null || INDEF.has(det));
  const pluralAnon = plural && (role.id === 'official') && (det === null || det === 'some' || det === 'two' || det === 'three' || det === 'several');
  const collective = allMods.every((m) => m.kind === 'region') && !allMods.some((m) => m.orgCode);
  let kind: ActorKind = singularAnon ? 'anonymous' : collective ? 'collective' : plural ? 'group' : role.anon ? 'anonymous' : 'group';
  if (!plural && !role.anon && role.title && !singularAnon) kind = 'person'; // "the Russian president" (no name)
  const how: MentionHow = singularAnon || pluralAnon ? 'anonymous' : collective ? 'collective' : allMods.length > 1 ? 'compound' : 'role';
  // "the Russian president", "Ukraine's defence minister": the dictionary may know who held the office then.
  if (kind === 'person' && allMods.length === 1 && !former && det !== 'a' && det !== 'an') {
    const holder = holderOf(ctx, allMods[0], role, textOf(ctx, k, roleE).toLowerCase());
    if (holder) {
      const pa = personActor(ctx, holder, false);
      emit(ctx, { actor: pa.id, s: phraseS, e: npE, head, how: 'role', rule: 'actors/office-holder', source: ctx.lx.source.people, conf: Math.min(0.8, pa.choice.conf), note: `${pa.choice.note}; office named without the name` });
      markUsed(ctx, phraseS, npE);
      return npE;
    }
  }
  const group = allMods.length > 1 ? ctx.doc.nextId('g') : undefined;
  const rule = how === 'anonymous' ? 'actors/anonymous' : how === 'collective' ? 'actors/collective' : how === 'compound' ? 'actors/compound' : 'actors/role';
  const npS = phraseS;
  for (const m of allMods) {
    const rc = roleCode(m, role, former);
    const roleText = textOf(ctx, k, roleE);
    const modText = textOf(ctx, m.s, m.possessive ? m.e - 1 : m.e).replace(/^the /i, '');
    const name = mods.length ? `${modText}${m.possessive ? "'s" : ''} ${roleText}` : allMods.length === 1 ? textOf(ctx, k, npE) : `${roleText} ${ctx.keys[roleE]} ${modText}`;
    const actor = getActor(ctx, `r:${rc.code ?? m.name}:${role.id}:${kind}`, () => ({
      name,
      code: rc.code,
      country: rc.country,
      type: rc.type,
      kind,
      title: textOf(ctx, k, roleE),
      evidence: { stage: STAGE, rule, source: ctx.lx.source.roles, anchor: 'stated', confidence: rc.code ? 0.8 : 0.5, note: `role ${role.id} + ${m.kind} ${m.name}` },
    }));
    if (allMods.length > 1) {
      // one mention per member: the member's own tokens; the noun phrase is the whole coordination
      emit(ctx, { actor, s: m.s, e: m.possessive ? m.e - 1 : m.e, head, npS, npE, how, rule, source: ctx.lx.source.roles, conf: 0.8, group, possessive: false });
    } else {
      emit(ctx, { actor, s: npS, e: npE, head, how, rule, source: ctx.lx.source.roles, conf: rc.code ? 0.8 : 0.5, possessive: isPoss(ctx, npE) });
    }
    // A person named inside the phrase ("in Zelensky's office") is its own, modifier mention.
    if (m.kind === 'person') {
      const ps = m.s + (ctx.keys[m.s] === 'the' ? 1 : 0);
      const pe = m.possessive ? m.e - 1 : m.e;
      if (m.person) {
        const pa = personActor(ctx, m.person, false);
        emit(ctx, { actor: pa.id, s: ps, e: pe, head: pe - 1, how: ctx.atoms[ps] && hitOf(ctx.atoms[ps], K.person) ? 'name' : 'surname', rule: 'actors/person-modifier', source: ctx.lx.source.people, conf: pa.choice.conf, possessive: true, note: pa.choice.note });
      } else {
        const sur = ctx.unknownSurnames.get(ctx.keys[pe - 1]);
        if (sur) emit(ctx, { actor: sur, s: ps, e: pe, head: pe - 1, how: 'surname', rule: 'actors/surname', conf: 0.6, possessive: true });
      }
    }
  }
  markUsed(ctx, npS, npE);
  return npE;
}

let holders: Map<string, PersonEntry[]> | null = null;

/** The one person whose role on the publication date is this office of this country or organisation. */
function holderOf(ctx: Ctx, m: Mod, role: RoleEntry, roleText: string): PersonEntry | null {
  if (!holders) {
    holders = new Map();
    for (const p of ctx.lx.people.values())
      for (const r of p.roles) {
        const key = splitCode(r.code).country ?? r.code;
        const list = holders.get(key) ?? [];
        if (!list.includes(p)) list.push(p);
        holders.set(key, list);
      }
  }
  const key = m.orgCode ?? m.country;
  if (!key) return null;
  const forms = new Set(role.singular.map((f) => f.toLowerCase()));
  forms.add(roleText);
  let found: PersonEntry | null = null;
  for (const p of holders.get(key) ?? []) {
    const r = activeRole(p, ctx.date);
    if (!r || (splitCode(r.code).country ?? r.code) !== key) continue;
    const t = r.title.toLowerCase();
    const ok = forms.has(t) || (m.orgCode !== null && t.endsWith(' ' + roleText));
    if (!ok) continue;
    if (found && found !== p) return null; // two holders: do not guess
    found = p;
  }
  return found;
}

/** A titled name after "for"/"to"/"of" inside a role phrase: emits it (possessive: a modifier) and returns it as a modifier. */
function titledInner(ctx: Ctx, j: number, end: number): { mod: Mod; e: number } | null {
  const before = ctx.doc.mentions.length;
  const e = titledName(ctx, j, end);
  if (e === null) return null;
  const m = ctx.doc.mentions[before];
  if (!m) return null;
  m.possessive = true;
  const actor = ctx.doc.actors.get(m.actor)!;
  const { country, type } = splitCode(actor.code);
  return {
    mod: { s: m.tokenStart, e: m.tokenEnd, possessive: false, country, orgCode: actor.code && !country ? actor.code : null, type, kind: 'person', ref: actor.id, name: actor.name },
    e,
  };
}

/**
 * The country mentioned nearest to token k in its sentence. State agents (soldiers, officials,
 * police) prefer a country named as an actor over one named as a place ("military sources" in "Israel
 * strengthened its forces in Lebanon" are Israel's); civilians take places too ("protesters in Niamey").
 */
function nearestCountry(ctx: Ctx, k: number, end: number, stateAgent = false): string | null {
  const sent = ctx.doc.sentences[ctx.toks[k].sentence];
  let best: string | null = null;
  let dist = 1e9;
  for (let j = sent.tokenStart; j < end; j++) {
    const a = ctx.atoms[j];
    if (!a) continue;
    const h = hitOf(a, K.country | K.adj | K.capital | K.demonym);
    // the atoms inside a longer one ("Croat" in "Bosnian Croat") are not mentions of their own
    const inner = j;
    j = a.e - 1;
    if (!h) continue;
    if (stateAgent && LOC_PREP.has(prevWord(ctx, inner))) continue;
    // "Russian-made rockets", "US-led coalition", "Iranian-backed militias": not the group's nationality
    if (a.e + 1 < end && ctx.toks[a.e].text === '-' && ctx.toks[a.e].start === ctx.toks[a.e - 1].end && !ctx.toks[a.e + 1].cap && ctx.keys[a.e + 1] !== 'led') continue;
    const c = ctx.lx.countries.get(h.ref);
    if (!c || c.kind !== 'country') continue;
    const d = Math.abs(inner - k);
    if (d < dist) {
      dist = d;
      best = c.id;
    }
  }
  return best ?? (stateAgent ? nearestCountry(ctx, k, end, false) : null);
}

/**
 * "ethnic Albanians" are coded by the state they live in (the CAMEO convention for minorities): the
 * nearest other country named in the sentence, preferring one named as a place ("in Macedonia",
 * "Macedonia's border"); null when the sentence names none.
 */
function residenceCountry(ctx: Ctx, k: number, exclude: string): string | null {
  const sent = ctx.doc.sentences[ctx.toks[k].sentence];
  let best: string | null = null;
  let score = 1e9;
  for (let j = sent.tokenStart; j < sent.tokenEnd; j++) {
    const a = ctx.atoms[j];
    const h = hitOf(a, K.country | K.capital);
    if (!a || !h || h.ref === exclude) continue;
    const c = ctx.lx.countries.get(h.ref);
    if (!c || c.kind !== 'country') continue;
    const place = LOC_PREP.has(prevWord(ctx, j)) || isPoss(ctx, a.e);
    const d = Math.abs(j - k) + (place ? 0 : 100);
    if (d < score) {
      score = d;
      best = c.id;
    }
  }
  return best;
}

const DIRECTIONS = new Set(['northern', 'southern', 'eastern', 'western', 'central', 'north', 'south', 'east', 'west', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'north-eastern', 'north-western', 'south-eastern', 'south-western']);

/** "of [the] [southern] Serbia" / "living in Romania" after a demonym: the other country they live in, and the phrase end. */
function minorityOf(ctx: Ctx, e: number, end: number, own: string): { country: string; e: number } | null {
  let j = e;
  if (ctx.keys[j] === 'living' || ctx.keys[j] === 'resident') {
    j++;
    if (ctx.keys[j] !== 'in') return null;
  } else if (ctx.keys[j] !== 'of') return null;
  j++;
  if (ctx.keys[j] === 'the') j++;
  if (j < end && DIRECTIONS.has(ctx.keys[j])) j++;
  const a = j < end ? ctx.atoms[j] : null;
  const h = hitOf(a, K.country);
  if (!a || !h || h.ref === own) return null;
  const c = ctx.lx.countries.get(h.ref);
  if (!c || c.kind !== 'country') return null;
  return { country: c.id, e: a.e };
}

// ---------------------------------------------------------------------------------------------
// 3. Single atoms

function prevWord(ctx: Ctx, i: number): string {
  const sIdx = ctx.toks[i].sentence;
  let j = i - 1;
  if (j >= 0 && ctx.keys[j] === 'the') j--;
  return j >= 0 && ctx.toks[j].sentence === sIdx ? ctx.keys[j] : '';
}

function inWire(ctx: Ctx, s: number, e: number): boolean {
  const a = ctx.toks[s].start;
  const b = ctx.toks[e - 1].end;
  return ctx.wire.some((w) => w.start < b && a < w.end);
}

function single(ctx: Ctx, i: number, end: number): number | null {
  let s = i;
  let k = i;
  // "Mr Blair", "Sheikh Tamim": an honorific before a known name or surname
  if (HONORIFICS.has(ctx.keys[i]) && ctx.toks[i].cap && i + 1 < end) {
    const an = ctx.atoms[i + 1];
    const ph = hitOf(an, K.person);
    const sh = surnameHits(an);
    const p = ph ? ctx.lx.people.get(ph.ref)! : sh.length && an && !capRunContinues(ctx, an.e, end) ? pickSurname(ctx, sh, true, i + 1) : null;
    if (p && an) {
      const pa = personActor(ctx, p, false);
      emit(ctx, { actor: pa.id, s: i, e: an.e, head: an.e - 1, how: ph ? 'name' : 'surname', rule: ph ? 'actors/person-name' : 'actors/surname', source: ctx.lx.source.people, conf: ph ? pa.choice.conf : Math.min(pa.choice.conf, 0.85), note: pa.choice.note });
      markUsed(ctx, i, an.e);
      return an.e;
    }
  }
  if (ctx.keys[k] === 'the' && k + 1 < end) k++;
  const a = ctx.atoms[k];
  if (!a) return null;
  const e = a.e;
  const h = a.hits;
  const withThe = k > s;
  // persons
  const ph = hitOf(a, K.person);
  if (ph && !withThe) {
    const p = ctx.lx.people.get(ph.ref)!;
    const pa = personActor(ctx, p, false);
    emit(ctx, { actor: pa.id, s: k, e, head: e - 1, how: 'name', rule: 'actors/person-name', source: ctx.lx.source.people, conf: pa.choice.conf, note: pa.choice.note });
    markUsed(ctx, k, e);
    return e;
  }
  const org = hitOf(a, K.org);
  if (org) {
    const o = ctx.lx.orgs.get(org.ref)!;
    if (inWire(ctx, k, e)) return e;
    if (o.kind === 'media' && e < end && ctx.toks[e].cap && ctx.toks[e].pos === 'PROPN') return null;
    const actor = getActor(ctx, `o:${o.id}`, () => ({
      name: o.name,
      code: o.code,
      country: o.country,
      type: o.type,
      kind: o.kind === 'group' ? 'organisation' : o.kind,
      evidence: { stage: STAGE, rule: 'actors/org', source: ctx.lx.source.orgs, anchor: 'stated', confidence: 0.9, note: `organisations:${o.id}` },
    }));
    emit(ctx, { actor, s, e, head: e - 1, how: 'name', rule: 'actors/org', source: ctx.lx.source.orgs, conf: 0.9, note: `organisations:${o.id}` });
    markUsed(ctx, s, e);
    return e;
  }
  const seat = hitOf(a, K.seat);
  if (seat) {
    if (CAPITAL_LOC_PREP.has(prevWord(ctx, k))) return e;
    const c = ctx.lx.countries.get(seat.ref)!;
    const type = seat.type ?? 'GOV';
    const code = c.id + type;
    const actor = getActor(ctx, `s:${code}`, () => ({
      name: `${c.name} (${textOf(ctx, k, e)})`,
      code,
      country: c.id,
      type,
      kind: 'country',
      evidence: { stage: STAGE, rule: 'actors/seat', source: ctx.lx.source.countries, anchor: 'stated', confidence: 0.85, note: `seat of power of ${c.id}` },
    }));
    emit(ctx, { actor, s, e, head: e - 1, how: 'capital', rule: 'actors/seat', source: ctx.lx.source.countries, conf: 0.85 });
    markUsed(ctx, s, e);
    return e;
  }
  if (withThe && !h.some((x) => x.kind === 'country' || x.kind === 'demonym')) return null;
  if (!withThe) s = k;
  const ctry = hitOf(a, K.country);
  if (ctry) {
    const c = ctx.lx.countries.get(ctry.ref)!;
    // "in Ukraine" is a place; "Ukraine accused" / "invasion of Ukraine" are actors.
    if (LOC_PREP.has(prevWord(ctx, k))) return e;
    // a country name modifying a proper noun that is not ours ("Ukraine Post", "Russia Today" handled by orgs);
    // a day name after it is an adverb of the clause ("Israel Friday reimposed …")
    if (e < end && ctx.toks[e].cap && ctx.toks[e].pos === 'PROPN' && !ctx.atoms[e] && !isPoss(ctx, e) && !CALENDAR.has(ctx.keys[e])) return null;
    // …or the end of another name ("Air India", "Royal Jordanian"): a capitalised word before it
    // that is no dictionary entry and no day or month
    if (!withThe && k > 0 && ctx.toks[k - 1].sentence === ctx.toks[k].sentence && ctx.toks[k - 1].cap && ctx.toks[k - 1].pos === 'PROPN' && !ctx.atoms[k - 1] && !CALENDAR.has(ctx.keys[k - 1]) && ctx.toks[k - 1].end + 1 >= ctx.toks[k].start) return null;
    const region = c.kind === 'region';
    const actor = getActor(ctx, `c:${c.id}`, () => ({
      name: c.name,
      code: c.id,
      country: c.id,
      type: null,
      kind: region ? 'collective' : 'country',
      evidence: { stage: STAGE, rule: 'actors/country', source: ctx.lx.source.countries, anchor: 'stated', confidence: 0.9, note: `countries:${c.id}` },
    }));
    emit(ctx, { actor, s, e, head: e - 1, how: region ? 'collective' : 'country', rule: 'actors/country', source: ctx.lx.source.countries, conf: 0.9 });
    markUsed(ctx, s, e);
    return e;
  }
  const dem = hitOf(a, K.demonym);
  if (dem && (a.e - k > 0) && /s$/i.test(ctx.toks[e - 1].text) || (dem && withThe)) {
    let c = ctx.lx.countries.get(dem!.ref)!;
    // "ethnic Albanians demonstrated in Serbia": the state they live in
    const home = k > 0 && ctx.keys[k - 1] === 'ethnic' ? residenceCountry(ctx, k, c.id) : null;
    // "the Albanians of southern Serbia", "Hungarians living in Romania": a minority, coded by its state
    const lives = home ? null : minorityOf(ctx, e, end, c.id);
    if (home) c = ctx.lx.countries.get(home)!;
    else if (lives) c = ctx.lx.countries.get(lives.country)!;
    const npE = lives ? lives.e : e;
    const actor = getActor(ctx, `c:${c.id}`, () => ({
      name: c.name,
      code: c.id,
      country: c.id,
      type: null,
      kind: c.kind === 'region' ? 'collective' : 'country',
      evidence: { stage: STAGE, rule: 'actors/demonym', source: ctx.lx.source.countries, anchor: 'stated', confidence: 0.8, note: `countries:${c.id}` },
    }));
    emit(ctx, { actor, s, e: npE, head: e - 1, how: 'country', rule: lives ? 'actors/minority' : 'actors/demonym', source: ctx.lx.source.countries, conf: lives ? 0.7 : 0.8, ...(lives ? { note: `people of another nationality living in ${c.id}: coded by the state they live in` } : {}) });
    markUsed(ctx, s, npE);
    return npE;
  }
  if (withThe) return null;
  const cap = hitOf(a, K.capital);
  if (cap) {
    if (CAPITAL_LOC_PREP.has(prevWord(ctx, k))) return e;
    // "Moscow region", "Kyiv Post": a capital modifying a proper noun or place noun is not the government
    if (e < end && ctx.toks[e].cap && ctx.toks[e].pos === 'PROPN' && !isPoss(ctx, e)) return null;
    if (e < end && /^(region|oblast|province|city|area|time|airport|metro|mayor|residents|court)$/.test(ctx.keys[e])) return null;
    const c = ctx.lx.countries.get(cap.ref)!;
    const code = `${c.id}GOV`;
    const actor = getActor(ctx, `s:${code}`, () => ({
      name: `${c.name} (${textOf(ctx, k, e)})`,
      code,
      country: c.id,
      type: 'GOV',
      kind: 'country',
      evidence: { stage: STAGE, rule: 'actors/capital', source: ctx.lx.source.countries, anchor: 'stated', confidence: 0.8, note: `capital of ${c.id} used for its government` },
    }));
    emit(ctx, { actor, s, e, head: e - 1, how: 'capital', rule: 'actors/capital', source: ctx.lx.source.countries, conf: 0.8 });
    markUsed(ctx, s, e);
    return e;
  }
  const adj = hitOf(a, K.adj);
  if (adj && e < end && (ctx.toks[e].pos === 'NOUN' || ctx.toks[e].pos === 'PROPN' || ctx.toks[e].pos === 'ADJ')) {
    const c = ctx.lx.countries.get(adj.ref)!;
    const region = c.kind === 'region';
    const actor = getActor(ctx, `c:${c.id}`, () => ({
      name: c.name,
      code: c.id,
      country: c.id,
      type: null,
      kind: region ? 'collective' : 'country',
      evidence: { stage: STAGE, rule: 'actors/adjective', source: ctx.lx.source.countries, anchor: 'stated', confidence: 0.7, note: `countries:${c.id}` },
    }));
    emit(ctx, { actor, s: k, e, head: e - 1, how: region ? 'collective' : 'country', rule: 'actors/adjective', source: ctx.lx.source.countries, conf: 0.7, possessive: true, note: 'adjective modifying a noun: a modifier, not an argument' });
    markUsed(ctx, k, e);
    return e;
  }
  const sh = h.filter((x) => x.kind === 'surname');
  if (sh.length && ctx.toks[k].cap && !capRunContinues(ctx, e, end)) {
    const p = pickSurname(ctx, sh, true, k);
    if (p) {
      const pa = personActor(ctx, p, false);
      emit(ctx, { actor: pa.id, s: k, e, head: e - 1, how: 'surname', rule: 'actors/surname', source: ctx.lx.source.people, conf: Math.min(pa.choice.conf, 0.85), note: pa.choice.note });
      markUsed(ctx, k, e);
      return e;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// 3b. Unknown organisations: a capitalised name ending in an organisation noun ("the Montenegro
// Municipality Association", "Kurdistan Workers' Party", "Department of Education", "Communist Party
// of Nepal"). Coded by a country word inside the name when there is exactly one, else code null.

/** Organisation head nouns (capitalised, the last word of a name or before "of") → the CAMEO type they give a country. */
const ORG_HEADS = new Map<string, string>([
  ['ministry', 'GOV'], ['department', 'GOV'], ['directorate', 'GOV'], ['secretariat', 'GOV'], ['administration', 'GOV'], ['government', 'GOV'],
  ['cabinet', 'GOV'], ['commission', 'GOV'], ['committee', 'GOV'], ['council', 'GOV'], ['agency', 'GOV'], ['authority', 'GOV'], ['bureau', 'GOV'],
  ['office', 'GOV'], ['service', 'GOV'], ['mission', 'GOV'], ['junta', 'GOV'],
  ['army', 'MIL'], ['forces', 'MIL'], ['force', 'MIL'], ['navy', 'MIL'], ['guard', 'MIL'], ['guards', 'MIL'], ['brigade', 'MIL'], ['brigades', 'MIL'], ['battalion', 'MIL'], ['corps', 'MIL'],
  ['police', 'COP'], ['gendarmerie', 'COP'],
  ['court', 'JUD'], ['tribunal', 'JUD'],
  ['parliament', 'LEG'], ['assembly', 'LEG'], ['senate', 'LEG'], ['congress', 'LEG'], ['duma', 'LEG'],
  ['party', 'OPP'], ['front', 'OPP'], ['resistance', 'REB'], ['movement', 'OPP'], ['alliance', 'OPP'], ['coalition', 'OPP'], ['league', 'OPP'],
  ['bank', 'BUS'], ['company', 'BUS'], ['corporation', 'BUS'], ['inc', 'BUS'], ['ltd', 'BUS'], ['plc', 'BUS'], ['corp', 'BUS'], ['llc', 'BUS'], ['holdings', 'BUS'],
  ['union', 'CVL'], ['association', 'CVL'], ['federation', 'CVL'], ['society', 'CVL'], ['foundation', 'CVL'], ['forum', 'CVL'], ['organisation', 'CVL'],
  ['organization', 'CVL'], ['institute', 'CVL'], ['network', 'CVL'], ['university', 'EDU'],
]);
/** Heads that name many non-political things (sports leagues, firms, buildings): need a country word or three capitalised words. */
const WEAK_ORG_HEADS = new Set(['league', 'union', 'association', 'federation', 'society', 'foundation', 'forum', 'institute', 'network', 'bank', 'company', 'corporation', 'office', 'service', 'university', 'guard', 'force', 'front', 'mission', 'council']);
/** Lowercase words allowed inside an organisation name. */
const ORG_INNER = new Set(['of', 'for', 'and', '&', 'the', 'on', 'de', 'du', 'des', 'al', 'el', '-']);

function orgWord(ctx: Ctx, k: number): boolean {
  const t = ctx.toks[k];
  if (!t.cap || ctx.used[k]) return false;
  const p = t.pos;
  if (p !== 'PROPN' && p !== 'NOUN' && p !== 'ADJ' && p !== 'X' && p !== 'NUM') return false;
  return !CALENDAR.has(ctx.keys[k]);
}

function orgName(ctx: Ctx, i: number, end: number): number | null {
  const t = ctx.toks;
  let k = i;
  if (ctx.keys[k] === 'the' && k + 1 < end) k++;
  if (!t[k].cap || !orgWord(ctx, k)) return null;
  // "Officials of the Ministry of …": a role noun before "of" is no part of the name
  const a0 = ctx.atoms[k];
  if (a0 && (a0.mask & ~(K.role | K.roles)) === 0 && a0.e < end && ORG_INNER.has(ctx.keys[a0.e]) && !ORG_HEADS.has(ctx.keys[a0.e - 1])) return null;
  const sent = ctx.doc.sentences[t[k].sentence];
  // a Title-Case headline: every word is capitalised, names cannot be told apart
  if (sent.headline) {
    let caps = 0;
    let words = 0;
    for (let j = sent.tokenStart; j < sent.tokenEnd; j++) if (/^\p{L}/u.test(t[j].text)) { words++; if (t[j].cap) caps++; }
    if (words > 3 && caps / words > 0.6) return null;
  }
  // walk the capitalised run; remember the last organisation head
  let j = k;
  let capWords = 0;
  let headEnd = -1;
  let headType: string | null = null;
  let weak = false;
  let afterHeadOf = false;
  while (j < end) {
    if (orgWord(ctx, j)) {
      capWords++;
      const ht = ORG_HEADS.get(ctx.keys[j]);
      j++;
      // "Workers' Party": a plural possessive inside the name
      if (j < end && t[j].text === "'" && t[j].start === t[j - 1].end) j++;
      if (ht) {
        headEnd = j;
        headType = ht;
        weak = WEAK_ORG_HEADS.has(ctx.keys[j - 1]);
        afterHeadOf = false;
      }
      continue;
    }
    // lowercase joiners are allowed only between capitalised words; "of"/"for" only after a head
    // ("Communist Party of Nepal", not "Results of Major League")
    if (capWords > 0 && ORG_INNER.has(ctx.keys[j]) && j + 1 < end) {
      const jk = ctx.keys[j];
      const ofLike = jk === 'of' || jk === 'for';
      let q = j + 1;
      if (ctx.keys[q] === 'the' && q + 1 < end) q++;
      if (orgWord(ctx, q) && (!ofLike || headEnd === j || afterHeadOf) && !(jk === '-' && !(t[j].start === t[j - 1].end && t[j].end === t[q].start))) {
        if (ofLike && headEnd === j) afterHeadOf = true;
        j = q;
        continue;
      }
    }
    break;
  }
  if (headEnd < 0) return null;
  // "League of Arab States", "League for Democracy": a league needs its "of"/"for" (sports leagues do not)
  if (ctx.keys[headEnd - 1] === 'league' && !afterHeadOf) return null;
  // all-capital runs are headings and tables ("AMERICAN LEAGUE EASTERN DIVISION")
  let upper = 0;
  for (let q = k; q < headEnd; q++) if (t[q].text.length > 1 && t[q].text === t[q].text.toUpperCase() && /[A-Z]/.test(t[q].text)) upper++;
  if (upper >= 2) return null;
  // "Ministry of Foreign Affairs", "Communist Party of Nepal": the name runs on after "of"; else it ends at the head
  const e = afterHeadOf ? j : headEnd;
  if (capWords < 2) return null;
  // a known organisation, person or place name covering the run is single()'s
  if (a0 && a0.mask & (K.org | K.person | K.seat | K.country | K.capital) && a0.e >= e) return null;
  // one country word inside gives the code
  let country: string | null = null;
  let countries = 0;
  let words = 0;
  for (let q = k; q < e; q++) {
    if (t[q].cap) words++;
    const a = ctx.atoms[q];
    const h = hitOf(a, K.country | K.adj | K.demonym);
    if (!a || !h) continue;
    const c = ctx.lx.countries.get(h.ref);
    if (c && c.kind === 'country' && c.id !== country && !a.fuzzy) {
      country = c.id;
      countries++;
    }
    q = a.e - 1;
  }
  if (countries > 1) country = null;
  if (weak && !country && words < 3) return null;
  // a central bank ("the Bank of Japan", "the Reserve Bank of India", "Central Bank of Nigeria") is the government's
  let type = headType!;
  if (ctx.keys[headEnd - 1] === 'bank' && country) {
    for (let q = k; q < headEnd; q++) if (ctx.keys[q] === 'central' || ctx.keys[q] === 'reserve' || ctx.keys[q] === 'national') type = 'GOV';
    if (afterHeadOf && headEnd - k === 1) type = 'GOV';
  }
  return emitNewOrg(ctx, i, k, e, headEnd - 1, type, country, end);
}

/** First words of names of international bodies: with no country word, such a body is an IGO or an NGO. */
const INTL_FIRST = new Set(['international', 'world', 'global', 'inter', 'transnational', 'intergovernmental']);
/** Head types of an international body that make it intergovernmental (else non-governmental). */
const IGO_HEAD_TYPES = new Set(['GOV', 'JUD', 'MIL', 'COP', 'LEG', 'BUS']);

/** An organisation found by its name (no dictionary entry): actor + mention; registers "(ACRONYM)" after it. */
function emitNewOrg(ctx: Ctx, i: number, k: number, e: number, head: number, headType: string, country: string | null, end: number): number {
  let code = country ? country + headType : null;
  let type: string | null = country ? headType : null;
  let note = country ? `organisation name with "${ctx.keys[head]}" (${headType}) and a country word (${country})` : `organisation name ending in "${ctx.keys[head]}": not in the dictionary, code unknown`;
  // "the International Labour Office" → IGO, "the World Water Forum" → NGO
  if (!country && INTL_FIRST.has(ctx.keys[k])) {
    code = type = IGO_HEAD_TYPES.has(headType) ? 'IGO' : 'NGO';
    note = `international body ("${ctx.toks[k].text} … ${ctx.toks[head].text}") with no country: generic ${code}`;
  }
  const name = textOf(ctx, k, e);
  const conf = code ? 0.55 : 0.5;
  const actor = getActor(ctx, `o:new:${name.toLowerCase()}`, () => ({
    name,
    code,
    country,
    type,
    kind: code === 'NGO' ? 'ngo' : code === 'IGO' ? 'igo' : 'organisation',
    evidence: { stage: STAGE, rule: 'actors/org-name', anchor: 'stated', confidence: conf, note },
  }));
  emit(ctx, { actor, s: i, e, head, how: 'name', rule: 'actors/org-name', conf, note: 'a name with an organisation noun' });
  markUsed(ctx, i, e);
  // "(CFVC)" right after the name: later mentions of the acronym are this organisation
  if (e + 2 < end && ctx.keys[e] === '(' && ctx.keys[e + 2] === ')' && /^[A-Z][A-Z0-9&-]{1,9}$/.test(ctx.toks[e + 1].text) && !ctx.atoms[e + 1]) {
    ctx.acronyms.set(ctx.toks[e + 1].text, actor);
    emit(ctx, { actor, s: e + 1, e: e + 2, head: e + 1, how: 'name', rule: 'actors/org-acronym', conf, note: `acronym of "${name}"` });
    markUsed(ctx, e, e + 3);
    return e + 3;
  }
  return e;
}

/** Political words before a name that make a lowercase "party"/"movement" after it an organisation ("the ruling Umma party"). */
const POLITICAL_PREMODS = new Set(['ruling', 'opposition', 'governing', 'fundamentalist', 'islamist', 'islamic', 'nationalist', 'communist', 'socialist', 'leftist', 'rightist', 'far-right', 'far-left', 'right-wing', 'left-wing', 'separatist', 'rebel', 'militant', 'radical', 'extremist', 'banned', 'outlawed', 'moderate', 'hardline', 'secular', 'conservative', 'liberal', 'centrist', 'populist', 'marxist', 'maoist', 'shiite', 'shia', 'sunni', 'kurdish', 'pro-government', 'anti-government']);
/** Lowercase organisation nouns after such a name. */
const LOWER_ORG_HEADS = new Map([['party', 'OPP'], ['movement', 'OPP'], ['front', 'OPP'], ['faction', 'OPP'], ['militia', 'UAF'], ['group', 'UAF'], ['alliance', 'OPP'], ['coalition', 'OPP']]);

/**
 * "the fundamentalist Umma (Nation) party", "the ruling Baath party", "the Islamist Ennahda movement":
 * a political premodifier, a capitalised name (and a parenthesised gloss), then a lowercase
 * organisation noun.
 */
function lowerHeadOrg(ctx: Ctx, i: number, end: number): number | null {
  const t = ctx.toks;
  let k = i;
  if (ctx.keys[k] === 'the' && k + 1 < end) k++;
  if (!POLITICAL_PREMODS.has(ctx.keys[k])) return null;
  // "the Islamic State group": a known name starting at the premodifier is single()'s
  if (ctx.atoms[k] && ctx.atoms[k]!.mask & (K.org | K.person | K.country)) return null;
  k++;
  // an optional country adjective ("the ruling Syrian Baath party")
  let country: string | null = null;
  const ca = ctx.atoms[k];
  const ch = hitOf(ca, K.adj | K.country);
  if (ca && ch && !(ca.mask & ~(K.adj | K.country | K.demonym))) {
    const c = ctx.lx.countries.get(ch.ref);
    if (c && c.kind === 'country') country = c.id;
    k = ca.e;
  }
  const s0 = k;
  let j = k;
  while (j < end && j - s0 < 4 && orgWord(ctx, j) && !(ctx.atoms[j] && ctx.atoms[j]!.mask & (K.person | K.org | K.role | K.roles))) j++;
  if (j === s0) return null;
  let e = j;
  if (e + 2 < end && ctx.keys[e] === '(' && t[e + 1].cap && ctx.keys[e + 2] === ')') e += 3;
  const ht = e < end && !t[e].cap ? LOWER_ORG_HEADS.get(ctx.keys[e]) : undefined;
  if (!ht) return null;
  return emitNewOrg(ctx, i, s0, e + 1, e, ht, country, end);
}

/** A later mention of an acronym registered by emitNewOrg ("the CFVC said"). */
function laterAcronym(ctx: Ctx, i: number): number | null {
  if (ctx.acronyms.size === 0) return null;
  let k = i;
  if (ctx.keys[k] === 'the' && k + 1 < ctx.toks.length && ctx.toks[k + 1].sentence === ctx.toks[k].sentence) k++;
  const actor = ctx.acronyms.get(ctx.toks[k].text);
  if (!actor || ctx.used[k]) return null;
  const a = ctx.doc.actors.get(actor)!;
  emit(ctx, { actor, s: i, e: k + 1, head: k, how: 'name', rule: 'actors/org-acronym', conf: a.evidence.confidence, note: `acronym of "${a.name}"` });
  markUsed(ctx, i, k + 1);
  return k + 1;
}

// ---------------------------------------------------------------------------------------------
// 4. Unknown names: a capitalised run that starts with a common given name, or is followed by a
// speech verb ("Smith said") → a person with no code.

function unknownName(ctx: Ctx, i: number, end: number): number | null {
  const t = ctx.toks;
  if (!t[i].cap) return null;
  const sIdx = t[i].sentence;
  const sent = ctx.doc.sentences[sIdx];
  let k = i;
  if (HONORIFICS.has(ctx.keys[k]) && k + 1 < end) k++;
  const a = ctx.atoms[k];
  const given = !!hitOf(a, K.given);
  if (a && blocking(ctx, k)) return null;
  const e = capRun(ctx, k, end);
  if (e - k < 2 && !(e - k === 1 && k > i)) return null;
  if (e - k > 4) return null;
  const speech = (e < end && SPEECH_AFTER.has(ctx.keys[e])) || (i > sent.tokenStart && SPEECH_AFTER.has(ctx.keys[i - 1])) || (i > sent.tokenStart + 1 && ctx.keys[i - 2] === 'according' && ctx.keys[i - 1] === 'to');
  const apposition = e + 1 < end && ctx.keys[e] === ',' && (DETS.has(ctx.keys[e + 1]) || hitOf(ctx.atoms[e + 1], K.adj | K.role | K.country));
  const honor = k > i;
  // "Mr Blunkett": a bare surname after an honorific waits for the surname pass (the full name may come later)
  if (honor && e - k === 1) return null;
  if (!(given || honor || apposition || (speech && (k > sent.tokenStart || e - k >= 2)))) return null;
  if (LOC_PREP.has(prevWord(ctx, i)) && !honor) return null;
  const conf = given && (speech || honor) ? 0.7 : 0.5;
  const app = apposition ? appositive(ctx, e, end) : null;
  const actor = unknownPersonActor(ctx, k, e, app?.code ?? null, app?.title, app?.code ? 0.75 : conf, app?.code ? 'actors/appositive' : 'actors/unknown-person');
  if (app?.code) markUsed(ctx, e, app.e);
  if (app?.code) {
    emit(ctx, { actor, s: i, e, head: e - 1, how: 'name', rule: 'actors/appositive', source: ctx.lx.source.roles, conf: 0.75, note: `code from the appositive "${app.title}"` });
    markUsed(ctx, i, e);
    return app.e;
  }
  emit(ctx, { actor, s: i, e, head: e - 1, how: 'name', rule: 'actors/unknown-person', source: given ? ctx.lx.source.given : undefined, conf, note: given ? 'starts with a common given name' : honor ? 'honorific' : 'capitalised name before a speech verb / apposition' });
  markUsed(ctx, i, e);
  return e;
}

/** ", Kenya's foreign minister," / ", a Russian diplomat," after a name: the code the appositive gives. */
function appositive(ctx: Ctx, e: number, end: number): { code: string | null; title: string; e: number } | null {
  let j = e + 1;
  if (ctx.keys[e] !== ',' || j >= end) return null;
  if (ctx.keys[j] === 'a' || ctx.keys[j] === 'an' || ctx.keys[j] === 'the') j++;
  while (j < end && PREMODS.has(ctx.keys[j]) && !ctx.atoms[j]) j++;
  const m = parseMod(ctx, j, end, false);
  if (!m) return null;
  j = m.e;
  while (j < end && PREMODS.has(ctx.keys[j]) && !hitOf(ctx.atoms[j], K.role)) j++;
  const a = ctx.atoms[j];
  const rh = hitOf(a, K.role);
  if (!a || !rh) return null;
  const role = ctx.lx.roles.get(rh.ref)!;
  const former = ctx.keys.slice(e + 1, j).includes('former');
  const rc = roleCode(m, role, former);
  return { code: rc.code, title: textOf(ctx, e + 1, a.e), e: a.e };
}

// ---------------------------------------------------------------------------------------------
// Refiners

/**
 * A titled person with no nationality ("Home Secretary Charles Clarke") in an article that is mostly
 * about one country: that country + the title's type, marked implied with a low confidence.
 */
function inferTitledCountries(ctx: Ctx): void {
  const counts = new Map<string, number>();
  let total = 0;
  let people = 0;
  for (const m of ctx.doc.mentions) {
    const a = ctx.doc.actors.get(m.actor)!;
    if (!a.country || a.country.length !== 3 || !ctx.lx.countries.has(a.country) || ctx.lx.countries.get(a.country)!.kind !== 'country') continue;
    counts.set(a.country, (counts.get(a.country) ?? 0) + 1);
    total++;
    if (a.kind === 'person') people++;
  }
  let best: string | null = null;
  let n = 0;
  for (const [c, k] of counts) if (k > n) [best, n] = [c, k];
  // a short text that names one country only, not through a person ("Judge X … Chilean officials"; not
  // "Trump and King Abdullah"), is about that country too
  if (!best || (n < 3 && (n !== total || people > 0)) || n / total < 0.6) return;
  for (const a of ctx.doc.actors.values()) {
    if (a.code !== null || a.evidence.rule !== 'actors/titled-unknown' || !a.title) continue;
    const role = roleOfTitle(ctx, a.title);
    if (!role || role.inherit || !role.type) continue;
    a.code = best + role.type;
    a.country = best;
    a.type = role.type;
    a.evidence = { ...a.evidence, anchor: 'implied', confidence: 0.4, note: `no nationality in the text: ${best}, the country of ${n} of ${total} country mentions` };
  }
}

function roleOfTitle(ctx: Ctx, title: string): RoleEntry | null {
  const words = title.toLowerCase().split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const tail = words.slice(k).join(' ');
    for (const r of ctx.lx.roles.values()) if (r.singular.some((f) => f.toLowerCase() === tail)) return r;
  }
  return null;
}

/** Surnames of people introduced anywhere in the article (also before the full name, e.g. in the headline). */
function laterSurnames(ctx: Ctx): void {
  const t = ctx.toks;
  for (let i = 0; i < t.length; i++) {
    if (ctx.used[i] || !t[i].cap) continue;
    const end = ctx.doc.sentences[t[i].sentence]?.tokenEnd ?? t.length;
    const a = ctx.atoms[i];
    const sh = surnameHits(a);
    if (a && sh.length && !capRunContinues(ctx, a.e, end)) {
      const p = pickSurname(ctx, sh, false, i);
      if (p) {
        const pa = personActor(ctx, p, false);
        emit(ctx, { actor: pa.id, s: i, e: a.e, head: a.e - 1, how: 'surname', rule: 'actors/surname', source: ctx.lx.source.people, conf: Math.min(pa.choice.conf, 0.85), note: pa.choice.note });
        markUsed(ctx, i, a.e);
        continue;
      }
    }
    // "Mr Blunkett" / "Ms Kelly": honorific + one capitalised word
    const honor = HONORIFICS.has(ctx.keys[i]) && i + 1 < end && !ctx.used[i + 1] && t[i + 1].cap && /^[A-Z][\p{L}'’-]*$/u.test(t[i + 1].text);
    const j = honor ? i + 1 : i;
    const u = ctx.unknownSurnames.get(ctx.keys[j]);
    if (u && (honor || t[j].pos === 'PROPN') && !(j + 1 < end && t[j + 1].cap && t[j + 1].pos === 'PROPN')) {
      const act = ctx.doc.actors.get(u)!;
      emit(ctx, { actor: u, s: i, e: j + 1, head: j, how: 'surname', rule: 'actors/surname', conf: Math.min(act.evidence.confidence, 0.75) });
      markUsed(ctx, i, j + 1);
    } else if (honor && !(j + 1 < end && t[j + 1].cap && t[j + 1].pos === 'PROPN') && !NOT_PERSON_LAST.has(ctx.keys[j])) {
      const actor = unknownPersonActor(ctx, j, j + 1, null, undefined, 0.6, 'actors/unknown-person');
      ctx.unknownSurnames.set(ctx.keys[j], actor);
      emit(ctx, { actor, s: i, e: j + 1, head: j, how: 'name', rule: 'actors/unknown-person', conf: 0.6, note: 'honorific + name' });
      markUsed(ctx, i, j + 1);
    }
  }
}

/** "Russia and Ukraine", "Putin and Zelensky": coordinated actor mentions share a group id and noun phrase. */
function coordinate(ctx: Ctx): void {
  const ms = ctx.doc.mentions;
  let i = 0;
  while (i < ms.length) {
    const first = ms[i];
    if (first.group || first.possessive) {
      i++;
      continue;
    }
    const run = [first];
    let j = i + 1;
    for (; j < ms.length; j++) {
      const prev = run[run.length - 1];
      const m = ms[j];
      if (m.sentence !== first.sentence || m.group || m.possessive) break;
      if (m.tokenStart < prev.npEnd) continue; // nested
      // The allowed gaps are one to three tokens: anything longer or empty ends the run without joining it.
      const gapLen = m.npStart - prev.npEnd;
      if (gapLen < 1 || gapLen > 3) break;
      const gap = ctx.keys.slice(prev.npEnd, m.npStart).join(' ');
      if (gap !== 'and' && gap !== ',' && gap !== ', and' && gap !== 'and the' && gap !== ', and the') break;
      run.push(m);
    }
    if (run.length > 1) {
      const g = ctx.doc.nextId('g');
      const npS = Math.min(...run.map((m) => m.npStart));
      let npS2 = npS;
      if (npS2 > 0 && ctx.keys[npS2 - 1] === 'both') npS2--;
      const npE = Math.max(...run.map((m) => m.npEnd));
      for (const m of run) {
        m.group = g;
        m.npStart = npS2;
        m.npEnd = npE;
      }
    }
    i = Math.max(j, i + 1);
  }
}

export const actorsStage: Stage = {
  name: 'actors',
  run(doc: Doc): void {
    findActors(doc);
  },
};
