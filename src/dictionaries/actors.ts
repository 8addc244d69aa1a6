/**
 * The actor dictionaries (data/actors/*.json): loading, validation, and one token trie over every
 * name, adjective, capital, seat of power, organisation, person, surname and role noun.
 *
 * Keys are token sequences normalised by `tokenKey` (lower case, ’ → ', no dots, no diacritics),
 * split the way the segment stage splits text (hyphens and a final 's are tokens of their own).
 * Each trie node holds the entries ending there (`LexHit`). Case rules are per alias: an all-caps
 * alias (US, UN, WHO) only matches all-caps text; a capitalised alias needs a capitalised first token;
 * role nouns match in any case.
 */
import type { Token } from '../document.js';
import { loadData, sourceTag } from './load.js';

export interface CountryEntry {
  id: string;
  kind: 'country' | 'region';
  name: string;
  names: string[];
  adjectives: string[];
  people: string[];
  capitals: string[];
  seats: { name: string; type: string }[];
  note?: string;
}

export interface OrgEntry {
  id: string;
  code: string;
  kind: 'igo' | 'ngo' | 'organisation' | 'media' | 'group';
  country: string | null;
  type: string | null;
  name: string;
  names: string[];
  note?: string;
}

export interface RoleEntry {
  id: string;
  type: string | null;
  inherit: boolean;
  title: boolean;
  leader: boolean;
  anon: boolean;
  singular: string[];
  plural: string[];
}

export interface PersonRole {
  code: string;
  title: string;
  from: string | null;
  to: string | null;
}

export interface PersonEntry {
  id: string;
  name: string;
  aliases: string[];
  surname: string;
  gender: 'm' | 'f' | '';
  solo: boolean;
  roles: PersonRole[];
}

export interface GivenNames {
  names: string[];
}

export type LexKind =
  | 'country' // a country or region name
  | 'adj' // a country or region adjective (Russian, Western)
  | 'demonym' // plural people (Russians, Westerners)
  | 'capital' // a capital used for the government (Moscow)
  | 'seat' // a seat of power (the Kremlin, the Pentagon)
  | 'org'
  | 'person' // a full name or alias
  | 'surname'
  | 'role' // a role noun, singular
  | 'roles' // a role noun, plural
  | 'given'; // a common given name (unknown-person heuristic)

export type CaseMode = 'exact' | 'cap' | 'any';

export interface LexHit {
  kind: LexKind;
  /** Entry id in its file (country code, org id, person id, role id). */
  ref: string;
  /** For seats: the seat's CAMEO type. */
  type?: string;
  caseMode: CaseMode;
  /** Number of tokens. */
  len: number;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  hits: LexHit[] | null;
}

export interface ActorLexicon {
  trie: TrieNode;
  countries: Map<string, CountryEntry>;
  orgs: Map<string, OrgEntry>;
  roles: Map<string, RoleEntry>;
  people: Map<string, PersonEntry>;
  source: { countries: string; orgs: string; roles: string; people: string; given: string };
  /**
   * Misspelling index (symmetric one-deletion keys → entries), for words no exact entry matches:
   * single-word country names (7+ letters) and surnames (5+ letters). See `fuzzyLookup`.
   */
  fuzzy: Map<string, FuzzyEntry[]>;
  /** kind + first two letters + length (±1) of the misspelling index's words, as integers: a cheap pre-check. */
  fuzzyGate: Set<number>;
  /** Lower-cased given names (the fuzzy country match never turns a given name into a country). */
  givenSet: Set<string>;
}

export interface FuzzyEntry {
  kind: 'country' | 'surname';
  ref: string;
  /** The dictionary word (tokenKey form). */
  word: string;
}

const COUNTRIES = 'actors/countries.json';
const ORGS = 'actors/organisations.json';
const ROLES = 'actors/roles.json';
const PEOPLE = 'actors/people.json';
const GIVEN = 'actors/given-names.json';

const isStrArr = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string' && x.length > 0);
const CODE_RE = /^[A-Z]{3}([A-Z]{3}){0,3}$/;
const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function checkCountry(e: CountryEntry): string | null {
  if (typeof e.id !== 'string' || !/^[A-Z]{3}$/.test(e.id)) return 'id must be a 3-letter code';
  if (e.kind !== 'country' && e.kind !== 'region') return 'kind must be country or region';
  if (typeof e.name !== 'string' || !e.name) return 'name missing';
  for (const k of ['names', 'adjectives', 'people', 'capitals'] as const) if (!Array.isArray(e[k]) || !(e[k].length === 0 || isStrArr(e[k]))) return `${k} must be an array of strings`;
  if (!Array.isArray(e.seats) || !e.seats.every((s) => typeof s.name === 'string' && typeof s.type === 'string' && /^[A-Z]{3}$/.test(s.type))) return 'seats must be [{name, type}]';
  return null;
}

export function checkOrg(e: OrgEntry): string | null {
  if (typeof e.id !== 'string' || !e.id) return 'id missing';
  if (typeof e.code !== 'string' || !CODE_RE.test(e.code)) return `code "${e.code}" is not a CAMEO-style code`;
  if (!['igo', 'ngo', 'organisation', 'media', 'group'].includes(e.kind)) return `kind "${e.kind}" unknown`;
  if (e.country !== null && !/^[A-Z]{3}$/.test(e.country)) return 'country must be ISO-3 or null';
  if (!isStrArr(e.names) || e.names.length === 0) return 'names must be a non-empty string array';
  return null;
}

export function checkRole(e: RoleEntry): string | null {
  if (typeof e.id !== 'string' || !e.id) return 'id missing';
  if (e.type !== null && !/^[A-Z]{3}$/.test(e.type)) return 'type must be a CAMEO type or null';
  if (e.type === null && !e.inherit) return 'a role without a type must inherit';
  if (!Array.isArray(e.singular) || !e.singular.every((x) => typeof x === "string")) return 'singular must be strings';
  if (!Array.isArray(e.plural)) return 'plural must be an array';
  return null;
}

export function checkPerson(e: PersonEntry): string | null {
  if (typeof e.id !== 'string' || !e.id) return 'id missing';
  if (typeof e.name !== 'string' || !e.name) return 'name missing';
  if (!Array.isArray(e.aliases)) return 'aliases must be an array';
  if (typeof e.surname !== 'string' || !e.surname) return 'surname missing';
  if (!Array.isArray(e.roles) || e.roles.length === 0) return 'roles must be a non-empty array';
  for (const r of e.roles) {
    if (!CODE_RE.test(r.code)) return `role code "${r.code}" is not a CAMEO-style code`;
    if (r.from !== null && !DATE_RE.test(r.from)) return `role from "${r.from}" is not a date`;
    if (r.to !== null && !DATE_RE.test(r.to)) return `role to "${r.to}" is not a date`;
    if (r.from && r.to && r.from > r.to) return `role ${r.title}: from after to`;
  }
  return null;
}

/** Token text → trie key: lower case, curly apostrophe straightened, dots and diacritics dropped. */
export function tokenKey(text: string): string {
  let k = text.toLowerCase();
  if (k.length > 1 && k.includes('.')) {
    const d = k.replace(/\./g, '');
    if (d) k = d;
  }
  if (k.includes('’')) k = k.replace(/’/g, "'");
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(k)) k = k.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return k;
}

/** Split an alias the way the segment stage splits text: spaces, hyphens, a final 's. */
export function aliasTokens(alias: string): string[] {
  const out: string[] = [];
  for (const w of alias.split(/\s+/)) {
    if (!w) continue;
    const parts = w.split(/(-)/).filter(Boolean);
    for (const p of parts) {
      const m = /^(.+?)(['’]s)$/.exec(p);
      // a plural possessive ("Workers'") is two tokens in text, as in the segment stage
      const m2 = m ? null : /^(.+s)(['’])$/.exec(p);
      if (m && p.length > 2) out.push(m[1], m[2]);
      else if (m2) out.push(m2[1], m2[2]);
      else out.push(p);
    }
  }
  return out;
}

function caseModeOf(alias: string, kind: LexKind): CaseMode {
  const letters = alias.replace(/[^A-Za-z]/g, '');
  if (letters && letters === letters.toUpperCase() && letters.length <= 6) return 'exact';
  if (kind === 'role' || kind === 'roles') return 'any';
  return /^[A-Z]/.test(alias) ? 'cap' : 'any';
}

function add(root: TrieNode, alias: string, hit: Omit<LexHit, 'caseMode' | 'len'>): void {
  let a = alias.trim();
  if (/^the\s/i.test(a)) a = a.slice(4);
  addTokens(root, a, aliasTokens(a), hit);
  // The tokenizer keeps some hyphenated words whole ("Vice-President", "ex-president"): index both.
  if (a.includes('-')) {
    const whole = a.split(/\s+/).filter(Boolean);
    if (whole.length) addTokens(root, a, whole, hit);
  }
}

function addTokens(root: TrieNode, a: string, toks: string[], hit: Omit<LexHit, 'caseMode' | 'len'>): void {
  if (!toks.length) return;
  let node = root;
  for (const t of toks) {
    const k = tokenKey(t);
    let n = node.next.get(k);
    if (!n) node.next.set(k, (n = { next: new Map(), hits: null }));
    node = n;
  }
  const full: LexHit = { ...hit, caseMode: caseModeOf(a, hit.kind), len: toks.length };
  if (!node.hits) node.hits = [];
  if (!node.hits.some((h) => h.kind === full.kind && h.ref === full.ref && h.caseMode === full.caseMode)) node.hits.push(full);
}

let lexicon: ActorLexicon | null = null;

/** Load (once per process) and index the actor dictionaries. Throws DyadDataError on a bad file. */
export function actorLexicon(): ActorLexicon {
  if (lexicon) return lexicon;
  const countries = loadData<CountryEntry>(COUNTRIES, checkCountry).entries;
  const orgs = loadData<OrgEntry>(ORGS, checkOrg).entries;
  const roles = loadData<RoleEntry>(ROLES, checkRole).entries;
  const people = loadData<PersonEntry>(PEOPLE, checkPerson).entries;
  let given: string[] = [];
  try {
    given = loadData<GivenNames>(GIVEN, (e) => (isStrArr(e.names) ? null : 'names must be strings')).entries.flatMap((e) => e.names);
  } catch {
    given = [];
  }
  const root: TrieNode = { next: new Map(), hits: null };
  const cMap = new Map<string, CountryEntry>();
  for (const c of countries) {
    cMap.set(c.id, c);
    for (const n of c.names) add(root, n, { kind: 'country', ref: c.id });
    for (const n of c.adjectives) add(root, n, { kind: 'adj', ref: c.id });
    for (const n of c.people) add(root, n, { kind: 'demonym', ref: c.id });
    for (const n of c.capitals) add(root, n, { kind: 'capital', ref: c.id });
    for (const s of c.seats) add(root, s.name, { kind: 'seat', ref: c.id, type: s.type });
  }
  const oMap = new Map<string, OrgEntry>();
  for (const o of orgs) {
    oMap.set(o.id, o);
    for (const n of o.names) add(root, n, { kind: 'org', ref: o.id });
  }
  const rMap = new Map<string, RoleEntry>();
  for (const r of roles) {
    rMap.set(r.id, r);
    for (const n of r.singular) add(root, n, { kind: 'role', ref: r.id });
    for (const n of r.plural) add(root, n, { kind: 'roles', ref: r.id });
  }
  const pMap = new Map<string, PersonEntry>();
  for (const p of people) {
    pMap.set(p.id, p);
    add(root, p.name, { kind: 'person', ref: p.id });
    for (const a of p.aliases) add(root, a, { kind: 'person', ref: p.id });
    add(root, p.surname, { kind: 'surname', ref: p.id });
  }
  const givenSet = new Set(given.map((g) => tokenKey(g)));
  // "al-Sisi" is also "Mr Sisi", "Sisi said": the surname without its Arabic article, unless that word
  // is already an entry ("Houthi") or a common given name ("Mahdi")
  for (const p of people) {
    const bare = /^(?:al|el|ad|as|ash|at|az|an|ar|ul)-([A-Z][\p{L}'’-]{2,})$/u.exec(p.surname);
    if (!bare) continue;
    const key = tokenKey(bare[1]);
    const node = root.next.get(key);
    if (givenSet.has(key) || (node && node.hits) || bare[1].includes('-')) continue;
    add(root, bare[1], { kind: 'surname', ref: p.id });
  }
  for (const g of given) add(root, g, { kind: 'given', ref: g });
  const fuzzy = new Map<string, FuzzyEntry[]>();
  const fuzzyGate = new Set<number>();
  const addFuzzy = (word: string, kind: FuzzyEntry['kind'], ref: string) => {
    const w = tokenKey(word);
    if (!/^[a-z]+$/.test(w)) return;
    for (const d of [-1, 0, 1]) fuzzyGate.add(fuzzyGateKey(kind, w, w.length + d));
    for (const k of deletions(w)) {
      const l = fuzzy.get(k) ?? [];
      if (!l.some((x) => x.kind === kind && x.ref === ref && x.word === w)) l.push({ kind, ref, word: w });
      fuzzy.set(k, l);
    }
  };
  for (const c of countries) if (c.kind === 'country') for (const n of c.names) if (!/\s/.test(n) && n.length >= 7) addFuzzy(n, 'country', c.id);
  for (const p of people) if (!/[\s-]/.test(p.surname) && p.surname.length >= 5) addFuzzy(p.surname, 'surname', p.id);
  lexicon = {
    trie: root,
    countries: cMap,
    orgs: oMap,
    roles: rMap,
    people: pMap,
    source: { countries: sourceTag(COUNTRIES), orgs: sourceTag(ORGS), roles: sourceTag(ROLES), people: sourceTag(PEOPLE), given: sourceTag(GIVEN) },
    fuzzy,
    fuzzyGate,
    givenSet,
  };
  return lexicon;
}

/** kind, first two letters and a length as one small integer (no string built per lookup). */
function fuzzyGateKey(kind: FuzzyEntry['kind'], w: string, len: number): number {
  return (kind === 'country' ? 1 : 0) + 2 * (w.charCodeAt(0) & 127) + 256 * (w.charCodeAt(1) & 127) + 32768 * len;
}

/** The word itself and every string with one letter deleted. */
function deletions(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance, capped: returns 2 as soon as it exceeds 1. */
function withinOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Dictionary words one edit (insertion, deletion, substitution, transposition) away from `word`
 * (a tokenKey), with the same first two letters: "Afganistan" → Afghanistan, "Bouteflicka" → Bouteflika.
 */
export function fuzzyLookup(word: string, kind: FuzzyEntry['kind']): FuzzyEntry[] {
  const memo = kind === 'country' ? fuzzyMemoCountry : fuzzyMemoSurname;
  let out = memo.get(word);
  if (out === undefined) {
    out = fuzzyLookupUncached(word, kind);
    if (memo.size >= FUZZY_MEMO_MAX) memo.clear();
    memo.set(word, out);
  }
  return out.slice();
}

/** Answers of fuzzyLookup per word (capped): the same capitalised words recur across articles. */
const fuzzyMemoCountry = new Map<string, FuzzyEntry[]>();
const fuzzyMemoSurname = new Map<string, FuzzyEntry[]>();
const FUZZY_MEMO_MAX = 50_000;

function fuzzyLookupUncached(word: string, kind: FuzzyEntry['kind']): FuzzyEntry[] {
  const lx = actorLexicon();
  const out: FuzzyEntry[] = [];
  // cheap gate: a dictionary word of this kind with the same first letter and a length within one
  if (word.length < 3 || !lx.fuzzyGate.has(fuzzyGateKey(kind, word, word.length))) return out;
  for (const k of deletions(word)) {
    const l = lx.fuzzy.get(k);
    if (!l) continue;
    for (const e of l) if (e.kind === kind && e.word[0] === word[0] && e.word[1] === word[1] && e.word !== word && !out.includes(e) && withinOne(e.word, word)) out.push(e);
  }
  return out;
}

/** Does this hit's case rule accept the tokens [i, i+len)? */
export function caseOk(hit: LexHit, tokens: Token[], i: number): boolean {
  if (hit.caseMode === 'any') return true;
  if (hit.caseMode === 'cap') return tokens[i].cap;
  for (let k = i; k < i + hit.len; k++) {
    const t = tokens[k].text;
    if (/[a-z]/.test(t)) return false;
  }
  return true;
}

/**
 * Longest dictionary match starting at token i (not crossing sentence ends), with the hits whose
 * case rule accepts the text. Returns null when nothing matches.
 */
export function matchAt(tokens: Token[], i: number, end: number, keys?: string[]): { len: number; hits: LexHit[] } | null {
  const lx = actorLexicon();
  let node: TrieNode | undefined = lx.trie;
  let best: { len: number; hits: LexHit[] } | null = null;
  for (let k = i; k < end; k++) {
    node = node.next.get(keys ? keys[k] : tokenKey(tokens[k].text));
    if (!node) break;
    if (node.hits) {
      const ok = node.hits.filter((h) => caseOk(h, tokens, i));
      if (ok.length) best = { len: k - i + 1, hits: ok };
    }
  }
  return best;
}

/** The role of a person active on `date` (YYYY-MM-DD), or null. Roles are [from, to). */
export function activeRole(p: PersonEntry, date: string | null): PersonRole | null {
  if (!date) {
    const open = p.roles.filter((r) => r.to === null);
    return open.length ? open[open.length - 1] : null;
  }
  let hit: PersonRole | null = null;
  for (const r of p.roles) {
    if ((r.from === null || r.from <= date) && (r.to === null || date < r.to)) hit = r;
  }
  return hit;
}

/** Split a CAMEO code into country (or region/IGO prefix) and primary type. */
export function splitCode(code: string | null): { country: string | null; type: string | null } {
  if (!code) return { country: null, type: null };
  const head = code.slice(0, 3);
  if (head === 'IGO' || head === 'NGO' || head === 'IMG') return { country: null, type: head };
  return { country: head, type: code.length >= 6 ? code.slice(3, 6) : null };
}
