/**
 * Toponym recognition and resolution.
 *
 * Recognizers (in order): a gazetteer lookup at each capitalised token start (longest surface
 * first, case-sensitive for acronyms such as "US"), "<Name> County|Parish" forms included.
 * Refiners: gate common words and person names, mark metonymic uses (actors), then resolve each
 * toponym against the article's other places (countries and US states named, ", State" qualifiers),
 * population, feature type and a prior for countries and capitals; one sense per name per article.
 */
import type { Doc, Token } from '../../document.js';
import { gazetteer, firstWordKey, surface, entry, type Gazetteer, type GazEntry, type SurfaceKind } from './gazetteer.js';

export type Use = 'place' | 'metonymic' | 'demonym';

export interface Toponym {
  start: number;
  end: number;
  text: string;
  sentence: number;
  tokenStart: number;
  tokenEnd: number;
  kind: SurfaceKind;
  use: Use;
  entry: GazEntry;
  confidence: number;
  rule: string;
  /** A locative preposition ("in", "at", "near", ...) directly before. */
  locative: boolean;
}

const COMPASS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'upper', 'lower', 'northeast', 'northwest', 'southeast', 'southwest']);
const LOCATIVE = new Set(['in', 'at', 'near', 'from', 'outside', 'to', 'into', 'across', 'throughout', 'around', 'inside', 'within', 'towards', 'toward', 'of', 'via', 'through', 'between', 'across', 'on', 'over', 'along', 'beyond', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central']);
const STRONG_LOCATIVE = new Set(['in', 'at', 'near', 'from', 'outside', 'into', 'throughout', 'inside', 'within', 'across', 'visited', 'visit', 'to']);
const SAY_ACT = new Set([
  'said', 'says', 'say', 'accused', 'accuses', 'announced', 'announces', 'warned', 'warns', 'denied', 'denies', 'rejected', 'rejects', 'claimed',
  'claims', 'demanded', 'demands', 'insisted', 'insists', 'launched', 'launches', 'invaded', 'invades', 'attacked', 'attacks', 'sent', 'sends',
  'agreed', 'agrees', 'refused', 'refuses', 'wants', 'wanted', 'has', 'had', 'will', 'would', 'should', 'could', 'must', 'can', 'may', 'might', 'is', 'was',
  'responded', 'responds', 'condemned', 'condemns', 'urged', 'urges', 'called', 'calls', 'threatened', 'threatens', 'vowed', 'vows', 'blamed',
  'blames', 'signed', 'signs', 'offered', 'offers', 'proposed', 'proposes', 'backed', 'backs', 'supported', 'supports', 'imposed', 'imposes',
  'expelled', 'expels', 'recalled', 'recalls', 'summoned', 'summons', 'hit', 'struck', 'strikes', 'fired', 'fires', 'shot', 'confirmed', 'confirms',
  'insisted', 'believes', 'believed', 'hopes', 'hoped', 'seeks', 'sought', 'plans', 'planned', 'did', 'does', 'told', 'tells', 'stated', 'added',
  'argued', 'argues', 'maintains', 'maintained', 'continues', 'continued', 'retaliated', 'retaliates', 'responded', 'pledged', 'pledges',
]);
const GEO_NOUN = new Set(['capital', 'city', 'cities', 'border', 'borders', 'coast', 'region', 'regions', 'province', 'provinces', 'north', 'south', 'east', 'west', 'territory', 'territories', 'soil', 'airspace', 'largest', 'second', 'biggest', 'outskirts', 'centre', 'center', 'streets', 'port', 'countryside', 'mountains', 'waters', 'northern', 'southern', 'eastern', 'western', 'central', 'downtown', 'suburbs', 'population', 'residents', 'people']);
const ACTOR_NOUN = new Set(['delegation', 'delegations', 'government', 'governments', 'leader', 'leaders', 'president', 'military', 'army', 'forces', 'troops', 'invasion', 'war', 'foreign', 'defence', 'defense', 'officials', 'negotiators', 'envoy', 'ambassador', 'position', 'demands', 'offer', 'proposal', 'response', 'attack', 'attacks', 'aggression', 'allies', 'administration', 'regime', 'authorities', 'minister', 'ministry', 'embassy', 'team', 'side', 'decision', 'claim', 'claims', 'refusal', 'support', 'backing', 'intelligence', 'navy', 'air', 'drone', 'drones', 'missile', 'missiles', 'strikes', 'sanctions', 'economy', 'central', 'prime', 'parliament', 'spokesman', 'spokeswoman', 'spokesperson', 'top', 'chief', 'officials']);
const COUNTY_WORDS = /^(county|parish|borough)$/i;
const PERSON_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'president', 'gen', 'general', 'sen', 'senator', 'rep', 'gov', 'governor', 'judge', 'coach', 'capt', 'sgt', 'officer', 'lt', 'det', 'deputy', 'chief', 'mayor', 'pope', 'king', 'queen', 'prince', 'st']);
const BUILDING = new Set(['house', 'hall', 'office', 'palace', 'square', 'street', 'court', 'centre', 'center', 'building', 'tower', 'church', 'bridge', 'station', 'airport', 'park', 'garden', 'gardens', 'hospital', 'college', 'school']);
/** Words that make an organisation of a place name before them ("Mansfield Police Department"): the place stays a toponym. */
const INSTITUTION = new Set(['club', 'olympics', 'games', 'project', 'singers', 'service', 'services', 'bureau', 'federation', 'utilities', 'veterans', 'rodeo', 'league', 'team', 'squad', 'show', 'orchestra', 'band', 'choir', 'theatre', 'theater', 'players', 'committee', 'party', 'coalition', 'alliance', 'group', 'fund', 'trust', 'network', 'partners', 'development', 'corporation', 'electric', 'energy', 'power', 'water', 'gas', 'railway', 'railroad', 'transit', 'airlines', 'airways', 'credit', 'insurance', 'realty', 'hotel', 'inn', 'resort', 'restaurant', 'grill', 'cafe', 'chapel', 'temple', 'mosque', 'cemetery', 'branch', 'clinic', 'forest', 'farm', 'historic', 'historical', 'senior', 'junior', 'youth', 'public', 'recreation', 'art', 'arts', 'city', 'convention', 'visitors', 'riding', 'little', 'chamber', 'economic', 'housing', 'planning', 'zoning', 'water', 'sewer', 'transportation', 'emergency', 'rescue', 'ambulance', 'ems', 'vfw', 'legion', 'rotary', 'kiwanis', 'lions', 'elks', 'ymca', 'ywca', 'habitat', 'humane', 'animal', 'shelter', 'food', 'pantry', 'mission', 'ministries', 'baptist', 'methodist', 'catholic', 'presbyterian', 'lutheran', 'episcopal', 'christian', 'academy', 'elementary', 'middle', 'primary', 'secondary', 'preparatory', 'prep', 'tech', 'technical', 'state', 'gov', 'gov.', 'governor', 'senator', 'sen', 'sen.', 'premier', 'minister', 'mla', 'mp', 'congressman', 'congresswoman', 'rep', 'rep.', 'lawmakers', 'legislator', 'a&m', 'free', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'county', 'parish', 'province', 'oblast', 'region', 'state', 'city', 'police', 'sheriff', "sheriff's", 'department', 'council', 'school', 'schools', 'university', 'college', 'fire', 'board', 'house', 'senate', 'public', 'high', 'community', 'hospital', 'airport', 'chamber', 'mayor', 'governor', 'church', 'museum', 'zoo', 'library', 'court', 'jail', 'regional', 'township', 'avenue', 'street', 'road', 'highway', 'district', 'area', 'metro', 'international', 'national', 'general', 'health', 'medical', 'memorial', 'municipal', 'village', 'town', 'authority', 'commission', 'office', 'legislature', 'assembly', 'government', 'administration', 'army', 'navy', 'guard', 'port', 'station', 'center', 'centre', 'times', 'herald', 'tribune', 'journal', 'gazette', 'courier', 'post', 'news', 'daily', 'observer', 'press', 'star', 'sun', 'chronicle', 'independent', 'record', 'examiner', 'democrat', 'republican', 'bee', 'globe', 'ledger', 'register', 'sentinel', 'review', 'express', 'telegraph', 'attorney', 'prosecutor', 'court', 'circuit', 'superior', 'supreme', 'athletic', 'club', 'symphony', 'stadium', 'arena', 'valley', 'river', 'lake', 'bay', 'beach', 'islands', 'island', 'mountains', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'downtown', 'area', 'metropolitan', 'region', 'campus', 'division', 'bureau', 'agency', 'institute', 'foundation', 'association', 'society', 'union', 'company', 'corp', 'inc', 'bank', 'federal', 'attorney', 'police', 'patrol', 'troopers', 'blvd', 'boulevard', 'drive', 'lane', 'parkway', 'square', 'plaza', 'mall', 'market', 'festival', 'fair', 'marathon', 'open', 'summit', 'conference', 'talks', 'agreement', 'accord', 'accords', 'convention', 'protocol', 'declaration', 'treaty', 'process']);
const NEWSPAPER = new Set(['times', 'post', 'herald', 'tribune', 'journal', 'gazette', 'courier', 'chronicle', 'examiner', 'observer', 'telegraph', 'globe', 'sun', 'star', 'bee', 'ledger', 'sentinel', 'register', 'express', 'daily', 'review']);
/** Weight of log10(population) in the resolution score. */
const POP_WEIGHT = 0.8;
const NAME_LINK = new Set(['of', 'and', 'the']);

const isWordChar = (c: string | undefined): boolean => {
  if (!c) return false;
  const k = c.charCodeAt(0);
  if (k < 128) return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
  return /[\p{L}\p{M}\p{N}]/u.test(c);
};

interface Match {
  start: number;
  end: number;
  kind: SurfaceKind;
  entries: number[];
  cs: boolean;
  tokenStart: number;
  tokenEnd: number;
  sentence: number;
}

/** Longest surfaces matching the text at token `t`'s start. */
const lowerForms = new Map<number, string>();
/** The comparable form of a surface code: lower-cased unless case-sensitive, curly quotes straightened, no leading "the ". */
function form(g: Gazetteer, code: number): { text: string; cs: boolean; kind: SurfaceKind; entry: number } {
  const s = surface(g, code);
  let f = lowerForms.get(code);
  if (f === undefined) {
    f = s.text.replace(/[‘’]/g, "'");
    if (!s.cs) {
      f = f.toLowerCase();
      if (f.startsWith('the ')) f = f.slice(4);
    }
    lowerForms.set(code, f);
  }
  return { text: f, cs: s.cs, kind: s.kind, entry: s.entry };
}

interface Prepared { text: string; len: number; cs: boolean; kind: SurfaceKind; entry: number }
/** Index key → its surfaces' comparable forms, longest first (stable: equal lengths keep index order). */
const prepared = new Map<string, Prepared[]>();
function preparedFor(g: Gazetteer, key: string, codes: number[]): Prepared[] {
  let list = prepared.get(key);
  if (list === undefined) {
    list = codes.map((code) => {
      const s = form(g, code);
      return { text: s.text, len: s.text.length, cs: s.cs, kind: s.kind, entry: s.entry };
    });
    list.sort((a, b) => b.len - a.len);
    prepared.set(key, list);
  }
  return list;
}

function lookup(g: Gazetteer, text: string, tokens: Token[], t: number): Match | null {
  const tk = tokens[t];
  const start = tk.start;
  // Fast path: the token itself is the first word (most tokens); else the first word of the text there.
  let key: string | undefined = tk.norm;
  let codes = g.index.get(key);
  if (!codes) {
    if (/^[a-z]+$/.test(tk.norm)) return null;
    const k = firstWordKey(text.slice(start, start + 40));
    if (!k) return null;
    key = k;
    codes = g.index.get(k);
    if (!codes && k.endsWith('.')) {
      key = k.slice(0, -1);
      codes = g.index.get(key);
    }
    if (!codes) return null;
  }
  // Surfaces longest first: the first that matches fixes the length and kind; equal-length ones of that kind add entries.
  const list = preparedFor(g, key, codes);
  let best: Match | null = null;
  let bestLen = -1;
  let window: string | null = null;
  let lowerWindow: string | null = null;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    const len = s.len;
    if (len < bestLen) break;
    if (window === null) {
      window = text.slice(start, start + 64).replace(/[‘’]/g, "'");
      lowerWindow = window.toLowerCase();
    }
    if (s.cs ? !window.startsWith(s.text) : !lowerWindow!.startsWith(s.text)) continue;
    // The next character must not continue a word ("Parisian", "Georgians" for "Georgian").
    if (isWordChar(text[start + len])) continue;
    if (best) {
      if (best.kind === s.kind && !best.entries.includes(s.entry)) best.entries.push(s.entry);
      continue;
    }
    best = { start, end: start + len, kind: s.kind, entries: [s.entry], cs: s.cs, tokenStart: t, tokenEnd: t + 1, sentence: tk.sentence };
    bestLen = len;
  }
  if (!best) return null;
  let j = t;
  while (j < tokens.length && tokens[j].start < best.end) j++;
  best.tokenEnd = j;
  return best;
}

export interface FindOptions {
  /** Keep metonymic uses (Moscow said) and demonyms (Russian) — for evaluation against sets that annotate them. */
  all?: boolean;
}

/** A match that passed the gates, with what the gates learned about it. */
interface Kept { m: Match; locative: boolean; qualifier: string | null; weak: boolean; adjectival: boolean }
interface Scored { k: Kept; best: number; score: number; margin: number }

/**
 * Find and resolve the toponyms of a segmented doc.
 *
 * The work is split into one function per step (scan, person words, gates, votes, resolution, output)
 * rather than one long function: V8 recompiles a function whole each time a rarely taken branch first
 * runs, and one 300-line function was recompiled about ten times over the first thousand articles.
 */
export function findToponyms(doc: Doc, opts: FindOptions = {}): Toponym[] {
  const g = gazetteer();
  const { text, tokens } = doc;
  const matches = scanMatches(g, text, tokens);
  if (matches.length === 0) return [];
  const personish = personWords(doc, g, matches);
  const kept: Kept[] = [];
  for (const m of matches) {
    const k = gate(doc, g, m, personish, kept);
    if (k !== null) kept.push(k);
  }
  const votes = contextVotes(g, text, kept);
  const { scored, chosen } = resolveAll(g, text, kept, votes);
  return emit(doc, g, scored, chosen, votes.adminVotes, opts);
}

/** Gazetteer matches at capitalised tokens, longest first, left to right. */
function scanMatches(g: Gazetteer, text: string, tokens: Token[]): Match[] {
  const matches: Match[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tk = tokens[t];
    // Gate on capitalisation: only tokens starting with a capital letter (any script) start a name.
    // ASCII first characters are decided by code (no one-letter string per token); others as before.
    const k0 = tk.text.charCodeAt(0);
    if (k0 !== k0) continue; // empty token (NaN)
    if (k0 < 128) {
      if (!(k0 >= 65 && k0 <= 90)) continue;
    } else {
      const c0 = tk.text[0];
      if (c0 === c0.toLowerCase()) continue;
    }
    let m = lookup(g, text, tokens, t);
    if (!m) continue;
    // "South Lebanon": a compass word before a country name is a part of that country, not a namesake
    // town elsewhere ("South Lebanon, Ohio"); names of countries and divisions that begin with one
    // ("South Africa", "North Korea", "Northern Ireland") stay whole.
    if (COMPASS.has(tk.norm) && m.tokenEnd - t >= 2) {
      const rest = lookup(g, text, tokens, t + 1);
      const isCountry = (x: Match) => x.entries.some((i) => g.rows[i][5].startsWith('PCL'));
      // only over a namesake town: a division such as Northern Ireland (GBR) stays whole
      const townOnly = m.entries.every((i) => g.rows[i][5].startsWith('PPL'));
      if (rest && rest.end === m.end && isCountry(rest) && townOnly) m = rest;
    }
    matches.push(m);
    t = m.tokenEnd - 1;
  }
  return matches;
}

/**
 * Person words: words seen inside a run of capitalised names that is not a place ("Roy Jones",
 * "George Bush", "Beauregard Torres"), or marked by the actors stage as part of a person's name.
 */
function personWords(doc: Doc, g: Gazetteer, matches: Match[]): Set<string> {
  const { tokens } = doc;
  const personish = new Set<string>();
  for (const mn of doc.mentions) {
    const a = doc.actors.get(mn.actor);
    if (a && a.kind === 'person') for (let j = mn.tokenStart; j < mn.tokenEnd && j < tokens.length; j++) if (tokens[j].cap) personish.add(tokens[j].norm);
  }
  const placeStart = new Set<number>();
  for (const m of matches) if (m.tokenEnd - m.tokenStart > 1) for (let k = m.tokenStart; k < m.tokenEnd; k++) placeStart.add(k);
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 2 && !run.some((j) => placeStart.has(j) || INSTITUTION.has(tokens[j].norm) || g.never.has(tokens[j].norm))) {
      const first = tokens[run[0]];
      const prev = run[0] > 0 ? tokens[run[0] - 1] : null;
      const atStart = !prev || prev.sentence !== first.sentence;
      // A sentence-initial run may begin with an ordinary capitalised word: skip that word.
      for (let k = atStart ? 1 : 0; k < run.length; k++) personish.add(tokens[run[k]].norm);
      if (atStart && run.length >= 3) personish.add(first.norm);
    }
    run = [];
  };
  for (let j = 0; j < tokens.length; j++) {
    const tk = tokens[j];
    // A capitalised proper noun that is not a title ("Mr", "Gen."): the title lookup only when it could matter.
    const nameWord = tk.cap && tk.pos === 'PROPN' && !PERSON_TITLES.has(tk.norm.endsWith('.') ? tk.norm.slice(0, -1) : tk.norm);
    if (nameWord && (!run.length || tokens[run[run.length - 1]].sentence === tk.sentence)) run.push(j);
    else if (run.length && (tk.text === '"' || tk.text === '“' || tk.text === '”')) continue; // Beauregard “Bud” Torres
    else { if (run.length) flush(); if (nameWord) run.push(j); }
  }
  flush();
  return personish;
}

/** ", State" / ", Country" qualifier after the name: "Paris, Texas", "Alexandria, La." */
function qualifierAfter(g: Gazetteer, text: string, tokens: Token[], m: Match): string | null {
  const q = tokens[m.tokenEnd + 1];
  const qs = text.slice(q.start, Math.min(text.length, q.start + 24));
  const qm = /^([A-Z][A-Za-z]*\.?(?: ?[A-Z][a-z]*\.?)?)/.exec(qs);
  if (!qm) return null;
  const cand = qm[1];
  for (const c of [cand, cand.split(' ')[0]]) {
    const a1 = g.admin1ByName.get(c.toLowerCase());
    if (a1) return a1;
  }
  const codes = g.index.get(firstWordKey(qs) ?? '');
  if (codes) for (const code of codes) {
    const s = surface(g, code);
    const e = g.rows[s.entry];
    if (e[5] === 'PCLI' && qs.toLowerCase().startsWith(s.text.toLowerCase())) return e[2];
  }
  return null;
}

/** The refiners' gates for one match: null drops it; `kept` holds the matches kept so far. */
function gate(doc: Doc, g: Gazetteer, m: Match, personish: Set<string>, kept: Kept[]): Kept | null {
  const { text, tokens } = doc;
  const first = tokens[m.tokenStart];
  const surfaceText = text.slice(m.start, m.end);
  const lower = surfaceText.toLowerCase();
  const single = m.tokenEnd - m.tokenStart === 1 || !/\s/.test(surfaceText);
  if (g.never.has(lower)) return null;
  // Surnames and first names of people in this article are not places (big places excepted).
  if (m.kind === 'name' && m.tokenEnd - m.tokenStart === 1 && personish.has(first.norm) && !m.entries.some((i) => ['PCLI', 'ADM1', 'PPLC', 'CONT'].includes(g.rows[i][5]) || g.rows[i][6] > 1000000)) return null;
  // All-caps words are acronyms unless the surface is a case-sensitive form ("US") or the word is long (datelines).
  if (!m.cs && surfaceText.length > 1 && surfaceText === surfaceText.toUpperCase() && /[A-Z]{2}/.test(surfaceText) && surfaceText.length < 4) return null;
  const prev = m.tokenStart > 0 ? tokens[m.tokenStart - 1] : null;
  const prevInSentence = prev && prev.sentence === m.sentence ? prev : null;
  const next = m.tokenEnd < tokens.length && tokens[m.tokenEnd].sentence === m.sentence ? tokens[m.tokenEnd] : null;
  const sentenceStart = !prevInSentence || /^["“‘'(\-–—:]$/.test(prevInSentence.text);
  let locative = !!prevInSentence && (LOCATIVE.has(prevInSentence.norm) || (prevInSentence.norm === 'the' && m.tokenStart > 1 && LOCATIVE.has(tokens[m.tokenStart - 2].norm)));
  // Coordination keeps the preposition: "to Türkiye and Ivory Coast", "in Paris, Lyon and Nice".
  if (!locative && prevInSentence && (prevInSentence.norm === 'and' || prevInSentence.norm === 'or' || prevInSentence.norm === ',') && kept.length) {
    const last = kept[kept.length - 1];
    if (last.locative && last.m.sentence === m.sentence && m.tokenStart - last.m.tokenEnd <= 2) locative = true;
  }
  // ", State" / ", Country" qualifier after the name: "Paris, Texas", "Alexandria, La."
  const qualifier = next && next.text === ',' && m.tokenEnd + 1 < tokens.length ? qualifierAfter(g, text, tokens, m) : null;
  const headline0 = doc.sentences[m.sentence]?.headline ?? false;
  // Datelines: "WASHINGTON —", "MANSFIELD --" at the start of a paragraph.
  const allCaps = surfaceText.length >= 4 && surfaceText === surfaceText.toUpperCase() && /[A-Z]{4}/.test(surfaceText);
  if (allCaps && !m.cs) {
    // A dateline: the all-caps name is followed by a dash, comma, colon or "(AP)".
    const after = text.slice(m.end, m.end + 6);
    if (/^\s*(,|—|–|--|-|\(|:|\u0097)/.test(after)) return { m, locative: true, qualifier: null, weak: false, adjectival: false };
    return null;
  }
  if (m.kind === 'demonym') {
    // Plural people nouns ("Americans", "Turks") are not toponyms; nor are adjectives inside names ("British Airways").
    if (/[^s]s$/i.test(surfaceText)) return null;
    if (next && next.cap && !headline0 && (next.pos === 'PROPN' || next.pos === 'NOUN')) return null;
    // "in Turkish," — the language.
    if (prevInSentence && prevInSentence.norm === 'in' && (!next || next.pos === 'PUNCT')) return null;
  }
  // "the New York Times", "the Washington Post": a newspaper.
  if (prevInSentence && prevInSentence.norm === 'the' && next && next.cap && NEWSPAPER.has(next.norm)) return null;
  // Part of a longer name: "Chiquita Raquel Henry", "Andrew Jackson", "Washington Post".
  if (m.kind === 'name' && prevInSentence && !sentenceStart && prevInSentence.cap && !qualifier) {
    const pn = prevInSentence.norm.replace(/\.$/, '');
    if (PERSON_TITLES.has(pn)) return null;
    // The previous word is itself a recognised place ("Kyiv, Ukraine" has a comma, so this is "New Jersey Devils" style).
    if (!LOCATIVE.has(prevInSentence.norm) && !NAME_LINK.has(prevInSentence.norm) && prevInSentence.pos === 'PROPN') {
      const prevIsPlace = kept.length && kept[kept.length - 1].m.tokenEnd === m.tokenStart;
      if (!prevIsPlace) return null;
    }
  }
  if (m.kind === 'name' && prevInSentence && PERSON_TITLES.has(prevInSentence.norm.replace(/\.$/, ''))) return null;
  // A following capitalised name word: "Paris Hilton", "Jordan Henderson", "Kyiv Post" (not "Kyiv Oblast",
  // handled as one surface). A country before one is an adjective ("US President"): kept as such.
  let adjectival = false;
  const headline = doc.sentences[m.sentence]?.headline ?? false;
  if (m.kind === 'name' && next && next.cap && (next.pos === 'PROPN' || next.pos === 'NOUN') && !qualifier && !headline && !INSTITUTION.has(next.norm)) {
    const nm = lookup(g, text, tokens, m.tokenEnd);
    const nextIsPlace = !!nm && !g.common.has(next.norm) && !g.context.has(next.norm) && !g.never.has(next.norm) && !personish.has(next.norm);
    const isCountry = m.entries.some((i) => g.rows[i][5] === 'PCLI');
    if (!nextIsPlace) {
      if (isCountry) adjectival = true;
      // "Paris Hilton", "Jordan Henderson": the next word belongs to a person's name.
      else if (personish.has(next.norm) || PERSON_TITLES.has(next.norm)) return null;
      // Otherwise a place inside a name ("Alexandria Country Day School") is still a toponym.
    }
  }
  // "the White House", "the Green Zone": a multi-word town name after "the" is something else.
  if (prevInSentence && prevInSentence.norm === 'the' && m.tokenEnd - m.tokenStart > 1 && m.entries.every((i) => g.rows[i][5].startsWith('PPL'))) return null;
  // "the Kremlin and White House": a town whose name ends in a building word, with nothing locative before it.
  if (m.tokenEnd - m.tokenStart > 1 && !locative && !qualifier && BUILDING.has(tokens[m.tokenEnd - 1].norm) && m.entries.every((i) => g.rows[i][5].startsWith('PPL'))) return null;
  // Bare "X County" for a name that also exists with the suffix is handled by the longest match.
  if (next && COUNTY_WORDS.test(next.text) && !m.entries.some((i) => g.rows[i][5] === 'ADM2')) return null;
  // Common words and context-needing names.
  let weak = false;
  if (single && (g.common.has(lower) || g.context.has(lower))) {
    if (!locative && !qualifier) weak = true;
    if (sentenceStart && !qualifier && !locative) weak = true;
  }
  if (sentenceStart && single && first.pos !== 'PROPN' && m.kind === 'name' && g.common.has(lower)) return null;
  return { m, locative, qualifier, weak, adjectival };
}

interface Votes {
  countryVotes: Map<string, number>;
  adminVotes: Map<string, number>;
  usLocal: boolean;
  coherence: Map<string, number>;
  adm1Siblings: Map<string, number>;
  adm1Self: Set<number>;
}

const vote = (map: Map<string, number>, k: string | null, w: number) => { if (k) map.set(k, (map.get(k) ?? 0) + w); };

/** Context votes: countries and US states named in the article, coherence, first-level siblings. */
function contextVotes(g: Gazetteer, text: string, kept: Kept[]): Votes {
  const countryVotes = new Map<string, number>();
  const adminVotes = new Map<string, number>();
  const votedNames = new Set<string>();
  for (const k of kept) {
    if (k.weak) continue;
    // One vote per distinct name: "Heathrow" three times is still one piece of evidence.
    const nameKey = text.slice(k.m.start, k.m.end).toLowerCase() + (k.qualifier ?? '');
    if (votedNames.has(nameKey)) continue;
    votedNames.add(nameKey);
    const es = k.m.entries.map((i) => g.rows[i]);
    if (k.qualifier) {
      if (k.qualifier.includes('.')) { vote(adminVotes, k.qualifier, 1); vote(countryVotes, g.adminCountry.get(k.qualifier) ?? null, 1); }
      else vote(countryVotes, k.qualifier, 1);
    }
    if (es.length === 1) {
      // A country named ("the US", "Iraq") is weaker evidence of local places than a state or city named.
      vote(countryVotes, es[0][2], es[0][5] === 'PCLI' ? 0.5 : 1);
      if (es[0][7]) vote(adminVotes, es[0][7], es[0][5] === 'ADM1' ? 1 : 0.5);
    } else {
      const countries = new Set(es.map((e) => e[2]));
      if (countries.size === 1) vote(countryVotes, es[0][2], 0.5);
    }
  }

  // Coherence: in a US article, names whose candidates share a state support each other ("Athens",
  // "Clarke County", "Oconee County" → Georgia). Used only between US candidates.
  let usAdmin = 0;
  for (const [a, v] of adminVotes) if (a.startsWith('US.')) usAdmin += v;
  const usLocal = usAdmin >= 1;
  const coherence = new Map<string, number>();
  if (usLocal) for (const k of kept) {
    if (k.weak || k.m.entries.length < 2) continue;
    const admins = new Set<string>();
    for (const i of k.m.entries) { const r = g.rows[i]; if (r[2] === 'USA' && r[7]) admins.add(r[7]); }
    if (admins.size <= 8) for (const a of admins) vote(coherence, a, 0.35);
  }

  // First-level divisions named unambiguously elsewhere: "Alabama ... Georgia ... South Carolina".
  const adm1Siblings = new Map<string, number>();
  const adm1Self = new Set<number>();
  for (const k of kept) {
    if (k.weak || k.m.entries.length !== 1) continue;
    const r = g.rows[k.m.entries[0]];
    if (r[5] === 'ADM1' && r[2]) { vote(adm1Siblings, r[2], 1); adm1Self.add(k.m.entries[0]); }
  }

  return { countryVotes, adminVotes, usLocal, coherence, adm1Siblings, adm1Self };
}

/** Resolve (twice: the second pass votes with the first pass's choices). */
function resolveAll(g: Gazetteer, text: string, kept: Kept[], votes: Votes): { scored: Scored[]; chosen: Map<string, { idx: number; score: number }> } {
  const { countryVotes, adminVotes, usLocal, coherence, adm1Siblings, adm1Self } = votes;
  const chosen = new Map<string, { idx: number; score: number }>();
  let scored: Scored[] = [];
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) {
      const cv = new Map<string, number>();
      const av = new Map<string, number>();
      const seen = new Set<string>();
      for (const x of scored) {
        if (x.k.weak) continue;
        const nk = text.slice(x.k.m.start, x.k.m.end).toLowerCase();
        if (seen.has(nk)) continue;
        seen.add(nk);
        const r = g.rows[x.best];
        vote(cv, r[2], 1);
        if (r[7]) vote(av, r[7], 1);
      }
      countryVotes.clear();
      adminVotes.clear();
      for (const [c, v] of cv) countryVotes.set(c, v);
      for (const [a, v] of av) adminVotes.set(a, v);
      chosen.clear();
    }
    scored = [];
    for (const k of kept) {
      let best = -1, bestScore = -Infinity, second = -Infinity;
      // A country name is the country unless qualified ("Mexico, Mo."): towns of the same name drop out.
      const hasCountry = !k.qualifier && k.m.entries.some((i) => g.rows[i][5] === 'PCLI');
      for (const i of k.m.entries) {
        const r = g.rows[i];
        const feat = r[5];
        // ... unless the article names the town's state and is mostly about that country ("Lebanon, Indiana" news).
        if (hasCountry && (feat.startsWith('PPL') || feat === 'ADM2')) {
          const local = (adminVotes.get(r[7]) ?? 0) >= 1 && (countryVotes.get(r[2] ?? '') ?? 0) >= 3 * Math.max(1, ...k.m.entries.filter((j) => g.rows[j][5] === 'PCLI').map((j) => countryVotes.get(g.rows[j][2] ?? '') ?? 0));
          if (!local) continue;
        }
        let s = 0;
        let pop = r[6];
        if (feat === 'PCLI') { s += 4.5; pop = pop || 1e7; }
        else if (feat === 'ADM1') { s += 1.5 + Math.min(3, 1.5 * ((adm1Siblings.get(r[2] ?? '') ?? 0) - (adm1Self.has(i) ? 1 : 0))); pop = pop || 2e6; }
        else if (feat === 'CONT' || feat === 'RGN' || feat === 'SEA' || feat === 'OCN' || feat === 'GULF' || feat === 'STRT') { s += 2.2; pop = pop || 5e6; }
        else if (feat === 'PPLC') s += 1.5;
        else if (feat === 'ADM2') s += 1;
        else if (feat === 'PPLA') s += 0.4;
        s += Math.log10(pop + 10) * POP_WEIGHT;
        const cvv = countryVotes.get(r[2] ?? '') ?? 0;
        s += Math.min(4.5, cvv * 1.5);
        if (r[7]) s += Math.min(4, (adminVotes.get(r[7]) ?? 0) * 2.5) + (usLocal && r[2] === 'USA' ? Math.min(1.5, coherence.get(r[7]) ?? 0) : 0);
        if (k.qualifier && (k.qualifier === r[7] || k.qualifier === r[2])) s += 10;
        if (s > bestScore) { second = bestScore; bestScore = s; best = i; }
        else if (s > second) second = s;
      }
      scored.push({ k, best, score: bestScore, margin: bestScore - second });
      const key = text.slice(k.m.start, k.m.end).toLowerCase();
      const prev = chosen.get(key);
      if (!k.weak && (!prev || bestScore > prev.score)) chosen.set(key, { idx: best, score: bestScore });
    }
  }
  return { scored, chosen };
}

/** Toponyms out: one sense per name, small unsupported towns dropped, metonymic uses marked. */
function emit(doc: Doc, g: Gazetteer, scored: Scored[], chosen: Map<string, { idx: number; score: number }>, adminVotes: Map<string, number>, opts: FindOptions): Toponym[] {
  const { text } = doc;
  const out: Toponym[] = [];
  for (const { k, best, margin } of scored) {
    const key = text.slice(k.m.start, k.m.end).toLowerCase();
    const ch = chosen.get(key);
    // Weak (common-word) names count only when the same name is a place elsewhere in the article.
    if (k.weak && !ch) continue;
    let idx = best;
    if (ch && !k.qualifier) idx = ch.idx; // one sense per name per article
    const r = g.rows[idx];
    // Small places with no support: drop single-word towns that nothing in the article backs.
    // Small single-word towns need their state or province named in the article (or a locative / qualifier).
    const adminSupport = r[7] ? adminVotes.get(r[7]) ?? 0 : 0;
    const small = r[6] > 0 && r[6] < 20000 && !['PPLC', 'PPLA'].includes(r[5]);
    if (small && !k.locative && !k.qualifier && adminSupport < 1 && !/\s/.test(text.slice(k.m.start, k.m.end))) continue;
    let use: Use = k.m.kind === 'demonym' ? 'demonym' : 'place';
    if (use === 'place' && k.adjectival) use = 'demonym';
    if (use === 'place') use = metonymy(doc, k.m, r[5], k.locative) ? 'metonymic' : 'place';
    if (!opts.all && use !== 'place') continue;
    let confidence = 0.6 + Math.min(0.2, margin / 10) + (k.locative ? 0.1 : 0) + (k.qualifier ? 0.1 : 0) - (k.weak ? 0.2 : 0);
    confidence = Math.round(Math.max(0.2, Math.min(0.99, confidence)) * 100) / 100;
    out.push({
      start: k.m.start,
      end: k.m.end,
      text: text.slice(k.m.start, k.m.end),
      sentence: k.m.sentence,
      tokenStart: k.m.tokenStart,
      tokenEnd: k.m.tokenEnd,
      kind: k.m.kind,
      use,
      entry: entry(g, idx),
      confidence,
      rule: k.qualifier ? 'places/qualified' : k.m.entries.length > 1 ? 'places/disambiguated' : 'places/gazetteer',
      locative: k.locative,
    });
  }
  return out;
}

/**
 * A country or capital used for its government ("Moscow said", "Russia accused", "Moscow's 2022
 * invasion", "Kyiv's delegation") is an actor, not a place. The actors stage marks these with
 * how 'capital' / 'country'; without such marks, a context rule decides.
 */
function metonymy(doc: Doc, m: Match, feature: string, locative: boolean): boolean {
  // Part of an actor's name ("Kyiv Post", "the Moscow Times"), or one member of a compound actor
  // ("the leaders of Britain, France and Italy"): the name refers to the actor, not a place.
  for (const mn of doc.mentions) {
    if (mn.start > m.start || mn.end < m.end) continue;
    if ((mn.how === 'name' && mn.end - mn.start > m.end - m.start) || mn.how === 'compound') return true;
  }
  if (locative) return false;
  if (feature !== 'PCLI' && feature !== 'PPLC' && !(feature === 'PPLA' && doc.text.slice(m.start, m.end) === 'Washington')) return false;
  for (const mn of doc.mentions) {
    if (mn.start <= m.start && mn.end >= m.end && (mn.how === 'capital' || mn.how === 'country')) return true;
    // The country or capital premodifies a role or title: "US officials", "UK Prime Minister Keir Starmer".
    if (mn.start === m.start && mn.end > m.end && (mn.how === 'role' || mn.how === 'titled' || mn.how === 'anonymous' || mn.how === 'collective')) return true;
  }
  const { tokens } = doc;
  const next = m.tokenEnd < tokens.length && tokens[m.tokenEnd].sentence === m.sentence ? tokens[m.tokenEnd] : null;
  if (!next) return false;
  if (next.norm === "'s" || next.norm === "'" || next.norm === '’s') {
    // "Moscow's 2022 invasion", "Kyiv's delegation" vs "Ukraine's capital", "Russia's border region".
    for (let j = m.tokenEnd + 1, n = 0; j < tokens.length && tokens[j].sentence === m.sentence && n < 5; j++, n++) {
      const tk = tokens[j];
      if (GEO_NOUN.has(tk.norm)) return false;
      if (ACTOR_NOUN.has(tk.norm)) return true;
      if (tk.pos === 'PUNCT' && tk.text !== '-') break;
    }
    const head = tokens[m.tokenEnd + 1];
    return !!head && head.sentence === m.sentence && head.pos === 'NOUN';
  }
  // A capital as the object of a verb: "Ukraine accused Moscow", "urged Kyiv to ...".
  const prev = m.tokenStart > 0 ? tokens[m.tokenStart - 1] : null;
  if (feature === 'PPLC' && prev && prev.sentence === m.sentence && prev.pos === 'VERB') return true;
  let j = m.tokenEnd;
  // "Moscow, which ..., said" is rare; look at the next word (after an adverb).
  while (j < tokens.length && tokens[j].sentence === m.sentence && tokens[j].pos === 'ADV') j++;
  const v = tokens[j];
  if (!v || v.sentence !== m.sentence) return false;
  return SAY_ACT.has(v.norm) && (v.pos === 'VERB' || v.pos === 'AUX');
}
