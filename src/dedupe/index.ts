/**
 * Cross-article deduplication: event *mentions* (one CodedEvent in one article) → real-world
 * *events* (clusters of mentions), GDELT counting reports, dyad counting events.
 *
 * ## Contract (what the store calls)
 *
 *   clusterMentions(mentions: MentionRecord[], opts?: DedupeOptions): DedupeResult
 *     Pure and deterministic: no I/O besides reading data/dedupe/compat.json once per process
 *     (or pass `opts.compat`). The input order does not matter (mentions are sorted by published,
 *     articleId, key first). Returns the clusters and `assignment` (mention key → cluster id).
 *
 *   new Clusterer(opts?)                      the incremental form (clusterMentions uses it):
 *     .add(m: MentionRecord): string          assign one new mention, return its cluster id
 *                                             (feed mentions in publication order for best results)
 *     .seed(m: MentionRecord, clusterId)      restore a stored assignment without re-deciding it
 *                                             (rebuild the index from the store, then .add new ones)
 *     .prune(beforeDay, { forget? })          retire clusters whose date and latest report lie
 *                                             before that day from the matching index; with
 *                                             forget, from memory too (bounded memory for a
 *                                             rolling 300k-articles/day ingest)
 *     .result(): DedupeResult
 *
 *   storySignature(text): { hash, minhash }   helpers to fill MentionRecord.storyHash/storySig
 *                                             from the article text once per article
 *
 * Cluster ids are stable: `ev_` + a hash of the cluster's first (seed) mention key, so adding
 * mentions later never renames an existing cluster.
 *
 * ## The rule (a mention joins the best-scoring compatible cluster, else starts a new one)
 *
 * 1. Blocking: clusters are indexed by (unordered dyad, CAMEO root) and by day, so a mention is
 *    compared only with clusters of the same pair of sides and root whose dates overlap its own:
 *    O(n · k) with small k, plus the sort, i.e. ~O(n log n). Dyad side key = country ?? code.
 *    Mentions that can only join by wording (a side unknown, or no usable date) are looked up in
 *    an inverted index of sentence shingles (and code+place) inside their block instead, so busy
 *    blocks ("unknown source, statement") stay cheap. `stats.comparisons` counts the work.
 * 2. Same dyad: each side compatible (equal codes, or same country with one code a refinement of
 *    the other: USA ~ USAGOV; null only with null). Direction matters except for reciprocal codes
 *    (040, 041, 044, 046, 050, 057, 06x, 0871: data/dedupe/compat.json) where A~B = B~A, and
 *    inverse pairs (042 "visit" A→B = 043 "host" B→A).
 * 3. Compatible code: the same 2-digit CAMEO root ("190" and "193" are one attack reported
 *    differently; "042" and "040" one meeting). An exact code match scores higher. A planned
 *    mention coded as an intent (03x, e.g. 036 "intent to meet") is compatible with the action it
 *    announces (04x) — see `kind: intent` in the data file.
 * 4. Same date within its precision: dates are day intervals (a week-precision date covers its
 *    seven days, a month its month); two intervals must overlap, with ±1 day of slack when either
 *    is day-precise (reporting lag, time-zone edges) — but two dates the texts state outright
 *    (`dateAnchor: 'stated'`) must be the same day. A mention with no date uses its publication
 *    day minus 0..2 days; with neither, only near-identical wording (≥ 0.5) can merge it. Coarse
 *    dates (week and coarser) only join when the evidence sentences are similar or the block has
 *    one candidate.
 * 4b. Modality: asserted and reported mentions are facts; `future` mentions are plans and join fact
 *    or plan clusters (the planned mention stays in the cluster, listed in `planned`, linked to a
 *    fact mention published on or after it — the same code or the announced action first, else
 *    the earliest: `links`, `fulfilledBy`) — but only across
 *    articles, and only when the plan was published no later than the fact report; negated and
 *    hypothetical mentions only cluster with their own modality.
 * 5. Same or unknown place: both known in different countries → no; different names in one country
 *    → only when within 100 km, or when one of them is a country/region (feature PCLI/ADM*).
 * 6. Text similarity: Jaccard of hashed word-bigram shingles of the evidence sentences (against
 *    up to 6 members of the cluster) breaks ties, and is required where the dyad says little:
 *    ≥ 0.5 when neither side is known; with one side known, 0.2 for the same code (none when the
 *    named place is also the same) and 0.4 otherwise; with both sides known, verbal codes
 *    (statements, appeals, accusations, threats: kind=verbal) need the same code or ≥ 0.2.
 * 7. Reprints: articles with the same normalised text hash (storyHash), or near-identical text
 *    (MinHash signatures `storySig`, LSH-banded, ≥ 0.8 agreement), are one *story*. Mentions of
 *    one story with the same code, sides, modality and sentence always go to one cluster, even if
 *    their dates were resolved differently. `stories` counts distinct stories, `sources` distinct
 *    outlets (outlet, else the URL's host; unknown outlets are not counted).
 */
import { loadData } from '../dictionaries/load.js';
import type { CodedEvent } from '../document.js';

/** One event mention as the store hands it to dedupe. */
export interface MentionRecord extends MentionArticle {
  /** Unique key of the mention (e.g. `${articleId}:${eventId}`). */
  key: string;
  /** Event date: TIMEX3 value (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn, YYYY) or null. */
  date: string | null;
  datePrecision: string | null;
  /**
   * Optional: 'stated' when the text gives the date itself ("on 3 March"), 'implied' when it was
   * resolved from the publication date ("on Monday", "yesterday"). Two stated day dates that
   * differ are two events; the ±1-day slack is for implied dates (reporting lag).
   */
  dateAnchor?: string | null;
  code: string;
  root: string;
  sourceCode: string | null;
  sourceCountry: string | null;
  targetCode: string | null;
  targetCountry: string | null;
  placeName: string | null;
  placeCountry: string | null;
  lat?: number | null;
  lon?: number | null;
  /** GeoNames feature code of the place (PCLI, ADM1, PPLC, ...), when known. */
  placeFeature?: string | null;
  modality: string;
  /** Evidence sentence text. */
  sentence: string;
  confidence?: number;
}

/** The article side of a mention record: who published the event and the story's signature. */
export interface MentionArticle {
  articleId: string;
  outlet: string | null;
  url: string | null;
  /** Publication date or timestamp of the article (ISO). */
  published: string | null;
  /** Hash of the article's normalised text (exact reprints share it). */
  storyHash: string | null;
  /** Optional MinHash signature of the article text (storySignature().minhash) for near-reprints. */
  storySig?: number[] | null;
}

/** One coded event of an article as a MentionRecord (the one mapping every caller shares). */
export function mentionRecordOf(key: string, a: MentionArticle, e: CodedEvent, placeFeature?: string | null): MentionRecord {
  return {
    key,
    ...a,
    date: e.date?.value ?? null,
    datePrecision: e.date?.precision ?? null,
    dateAnchor: e.date?.anchor ?? null,
    code: e.code,
    root: e.root,
    sourceCode: e.source?.code ?? null,
    sourceCountry: e.source?.country ?? null,
    targetCode: e.target?.code ?? null,
    targetCountry: e.target?.country ?? null,
    placeName: e.place?.name ?? null,
    placeCountry: e.place?.country ?? null,
    lat: e.place?.lat ?? null,
    lon: e.place?.lon ?? null,
    placeFeature: placeFeature ?? null,
    modality: e.modality,
    sentence: e.evidence.text,
    confidence: e.evidence.confidence,
  };
}

export type ClusterStatus = 'occurred' | 'planned' | 'fulfilled' | 'negated' | 'hypothetical';

export interface Cluster {
  id: string;
  /** Member mention keys, in the order they joined. */
  mentionKeys: string[];
  /** Distinct article ids. */
  articles: string[];
  /** Distinct outlets (outlet name, else URL host). */
  sources: string[];
  /** Distinct stories (reprints of one wire story count once). */
  stories: number;
  /** Earliest / latest publication date of the member articles. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Key of the mention that best describes the event (fact over plan, finest date, confidence). */
  representative: string;
  code: string;
  root: string;
  sourceCode: string | null;
  sourceCountry: string | null;
  targetCode: string | null;
  targetCountry: string | null;
  /** The event's date: the finest member date (first day-precise one). */
  date: string | null;
  datePrecision: string | null;
  placeName: string | null;
  placeCountry: string | null;
  reciprocal: boolean;
  status: ClusterStatus;
  /** Keys of planned (`future`) mentions in the cluster. */
  planned: string[];
  /** The first fact mention published on or after the earliest plan, when the plan came true. */
  fulfilledBy: string | null;
  /** Each planned mention → the fact mention that reported it happening. */
  links: { planned: string; fulfilledBy: string }[];
}

export interface DedupeResult {
  clusters: Cluster[];
  assignment: Map<string, string>;
  stats: {
    mentions: number;
    events: number;
    stories: number;
    articles: number;
    planned: number;
    fulfilled: number;
    /** Candidate clusters examined in all: the work done (blocking keeps it ~ a small multiple of mentions). */
    comparisons: number;
  };
}

export interface CompatEntry {
  kind: 'reciprocal' | 'inverse' | 'intent' | 'verbal';
  code?: string;
  a?: string;
  b?: string;
  from?: string;
  to?: string[];
  note?: string;
}

export interface DedupeOptions {
  /** Days of slack around day-precise dates (default 1). */
  dayTolerance?: number;
  /** Minimum sentence similarity for a coarse/undated mention to join among several candidates (default 0.25). */
  coarseSimilarity?: number;
  /** Max distance in km for two differently named places in one country (default 100). */
  placeKm?: number;
  /** MinHash agreement for two articles to be one story (default 0.8). */
  storyThreshold?: number;
  /** Code compatibility entries (default: data/dedupe/compat.json). */
  compat?: CompatEntry[];
}

// ---------------------------------------------------------------------------------------------
// Compatibility tables

interface Compat {
  reciprocal: string[];
  verbal: string[];
  inverse: Map<string, string>;
  intent: { from: string; to: string[] }[];
}

const COMPAT_FILE = 'dedupe/compat.json';
let defaultCompat: Compat | null = null;

function buildCompat(entries: CompatEntry[]): Compat {
  const c: Compat = { reciprocal: [], verbal: [], inverse: new Map(), intent: [] };
  for (const e of entries) {
    if (e.kind === 'reciprocal' && e.code) c.reciprocal.push(e.code);
    else if (e.kind === 'verbal' && e.code) c.verbal.push(e.code);
    else if (e.kind === 'inverse' && e.a && e.b) {
      c.inverse.set(e.a, e.b);
      c.inverse.set(e.b, e.a);
    } else if (e.kind === 'intent' && e.from && e.to) c.intent.push({ from: e.from, to: e.to });
  }
  // Longest `from` first so 0311 wins over 031.
  c.intent.sort((x, y) => y.from.length - x.from.length || (x.from < y.from ? -1 : 1));
  return c;
}

function checkCompat(e: CompatEntry): string | null {
  if (e.kind === 'reciprocal') return typeof e.code === 'string' && /^\d{2,4}$/.test(e.code) ? null : 'reciprocal needs code';
  if (e.kind === 'inverse') return e.a && e.b ? null : 'inverse needs a and b';
  if (e.kind === 'intent') return e.from && Array.isArray(e.to) && e.to.length ? null : 'intent needs from and to[]';
  if (e.kind === 'verbal') return typeof e.code === 'string' && /^\d{2,4}$/.test(e.code) ? null : 'verbal needs code';
  return `unknown kind ${String((e as CompatEntry).kind)}`;
}

function getCompat(opts: DedupeOptions): Compat {
  if (opts.compat) return buildCompat(opts.compat);
  if (!defaultCompat) defaultCompat = buildCompat(loadData<CompatEntry>(COMPAT_FILE, checkCompat).entries);
  return defaultCompat;
}

// ---------------------------------------------------------------------------------------------
// Small helpers: hashing, dates, text

/** FNV-1a 32-bit. */
function fnv(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function hashId(s: string): string {
  return fnv(s).toString(16).padStart(8, '0') + fnv(s, 0x9747b28c).toString(16).padStart(8, '0');
}

const DAY_MS = 86400000;
function dayNum(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The day interval [start, end] a TIMEX3 date value covers, or null. */
export function dateInterval(value: string | null | undefined): { start: number; end: number; precision: string } | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const d = dayNum(+m[1], +m[2], +m[3]);
    return Number.isFinite(d) ? { start: d, end: d, precision: 'day' } : null;
  }
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    // ISO week: the week with Jan 4th is week 1; weeks start on Monday.
    const y = +m[1];
    const jan4 = dayNum(y, 1, 4);
    const dow = (new Date(jan4 * DAY_MS).getUTCDay() + 6) % 7; // 0 = Monday
    const start = jan4 - dow + (+m[2] - 1) * 7;
    return { start, end: start + 6, precision: 'week' };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const start = dayNum(+m[1], +m[2], 1);
    return { start, end: dayNum(+m[1], +m[2] + 1, 1) - 1, precision: 'month' };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) {
    const q = +m[2];
    return { start: dayNum(+m[1], 3 * q - 2, 1), end: dayNum(+m[1], 3 * q + 1, 1) - 1, precision: 'quarter' };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { start: dayNum(+m[1], 1, 1), end: dayNum(+m[1], 12, 31), precision: 'year' };
  return null;
}

const EMPTY: Set<number> = new Set();
/** How many coarse/undated clusters (or day buckets) of one block an imprecise mention is compared with. */
const COARSE_SCAN = 512;
/** Clusters kept per shingle / place posting list. */
const POSTING_CAP = 32;
const STOP = new Set(
  'the a an of to in on at for and or but with by from as is was were be been are has have had will would said says that this it its their his her they he she which who on about after over into than also'.split(' '),
);

/** Hashed word-bigram shingles of a sentence (lower-cased, stop words dropped). */
export function shingles(text: string): Set<number> {
  return shinglesOf(words(text));
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function shinglesOf(all: string[]): Set<number> {
  const ws = all.filter((w) => !STOP.has(w));
  const out = new Set<number>();
  if (ws.length === 1) out.add(fnv(ws[0]));
  for (let i = 0; i + 1 < ws.length; i++) out.add(fnv(ws[i] + ' ' + ws[i + 1]));
  return out;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (!a.size || !b.size) return 0;
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of s) if (l.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

const MINHASH_N = 32;
const BANDS = 8;
const ROWS = MINHASH_N / BANDS;

/** Normalised-text hash and a 32-value MinHash signature of word 4-shingles, for reprint detection. */
export function storySignature(text: string): { hash: string; minhash: number[] } {
  const norm = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const words = norm.split(' ');
  const mins = new Array<number>(MINHASH_N).fill(0xffffffff);
  const n = Math.max(1, words.length - 3);
  for (let i = 0; i < n; i++) {
    const base = fnv(words.slice(i, i + 4).join(' '));
    for (let k = 0; k < MINHASH_N; k++) {
      // Cheap family of hash functions: mix the base hash with a per-k constant.
      let h = Math.imul(base ^ Math.imul(k + 1, 0x9e3779b1), 0x85ebca6b) >>> 0;
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35) >>> 0;
      h ^= h >>> 16;
      if (h >>> 0 < mins[k]) mins[k] = h >>> 0;
    }
  }
  return { hash: hashId(norm), minhash: mins };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(url);
  return m ? m[1].toLowerCase().replace(/^www\./, '') : null;
}

function haversineKm(a: [number, number], b: [number, number]): number {
  const R = 6371;
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

// ---------------------------------------------------------------------------------------------
// Internal state

type MClass = 'fact' | 'plan' | 'negated' | 'hypothetical';
function modalityClass(m: string): MClass {
  if (m === 'future') return 'plan';
  if (m === 'negated') return 'negated';
  if (m === 'hypothetical') return 'hypothetical';
  return 'fact';
}

const PREC_RANK: Record<string, number> = { second: 0, minute: 0, hour: 0, day: 1, week: 2, month: 3, quarter: 4, year: 5 };

interface Prepared {
  m: MentionRecord;
  cls: MClass;
  src: string | null;
  tgt: string | null;
  srcCountry: string | null;
  tgtCountry: string | null;
  start: number;
  end: number;
  /** day precision (or finer) */
  exact: boolean;
  /** date from the publication day, not the text */
  weak: boolean;
  precision: string | null;
  pubDay: number | null;
  sh: Set<number>;
  /** Roots this mention's cluster is blocked under. */
  roots: string[];
  /** Codes (prefixes) an intent-coded plan announces; null when not an intent plan. */
  intentTo: string[] | null;
  story: string;
  sentKey: string;
}

interface CState {
  c: Cluster;
  idx: number;
  cls: MClass;
  // profile of the seed (direction reference)
  code: string;
  src: string | null;
  tgt: string | null;
  srcCountry: string | null;
  tgtCountry: string | null;
  intentTo: string[] | null;
  start: number;
  end: number;
  exact: boolean;
  /** The cluster's day comes from a date the text states. */
  stated: boolean;
  place: { name: string | null; country: string | null; lat: number | null; lon: number | null; feature: string | null } | null;
  samples: Set<number>[];
  articles: Set<string>;
  sources: Set<string>;
  stories: Set<string>;
  rep: Prepared;
  keys: Set<string>;
  blocks: string[];
  pruned: boolean;
  codes: Set<string>;
  /** Compact member list for plan → fact links. */
  members: { key: string; published: string | null; plan: boolean; code: string; intentTo: string[] | null }[];
  factArticles: Set<string>;
  planArticles: Set<string>;
  firstFactPub: string | null;
  lastPlanPub: string | null;
}

function sideKey(code: string | null, country: string | null): string {
  return country ?? code ?? '-';
}

function sideCompat(aCode: string | null, aCountry: string | null, bCode: string | null, bCountry: string | null): boolean {
  const a = aCode ?? aCountry;
  const b = bCode ?? bCountry;
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  const ac = aCountry ?? null;
  const bc = bCountry ?? null;
  if (ac !== null && bc !== null && ac !== bc) return false;
  // One code refines the other (USA ~ USAGOV; RUS ~ RUSMIL), or one side is only a country.
  if (aCode && bCode) return aCode.startsWith(bCode) || bCode.startsWith(aCode);
  return ac !== null && ac === bc;
}

// ---------------------------------------------------------------------------------------------

export class Clusterer {
  private readonly opts: Required<Omit<DedupeOptions, 'compat'>>;
  private readonly compat: Compat;
  private readonly states: CState[] = [];
  private readonly byId = new Map<string, CState>();
  private readonly assignment = new Map<string, string>();
  /** block key → day → clusters (exact-dated), and block key → coarse clusters. */
  private readonly dayIndex = new Map<string, Map<number, CState[]>>();
  private readonly coarseIndex = new Map<string, CState[]>();
  /** block|shingle and block|code|place → the most recent clusters using them. */
  private readonly textIndex = new Map<string, Map<number, CState[]>>();
  private readonly placeIndex = new Map<string, CState[]>();
  /** story|signature|sentence → cluster */
  private readonly storyEvents = new Map<string, CState>();
  /** article → story id; storyHash → story id; LSH band → story ids */
  private readonly articleStory = new Map<string, string>();
  private readonly hashStory = new Map<string, string>();
  private readonly bandStory = new Map<string, string[]>();
  private readonly storySigs = new Map<string, number[]>();
  /** story → latest publication day seen (for prune/forget). */
  private readonly storyDay = new Map<string, number>();
  private storyCount = 0;
  private comparisons = 0;

  /** Clusters held in memory (retired ones included until `prune(…, { forget: true })`). */
  get size(): number {
    return this.states.length;
  }

  constructor(opts: DedupeOptions = {}) {
    this.opts = {
      dayTolerance: opts.dayTolerance ?? 1,
      coarseSimilarity: opts.coarseSimilarity ?? 0.25,
      placeKm: opts.placeKm ?? 100,
      storyThreshold: opts.storyThreshold ?? 0.8,
    };
    this.compat = getCompat(opts);
  }

  // -- code tables --------------------------------------------------------------------------

  private isReciprocal(code: string): boolean {
    return this.compat.reciprocal.some((p) => code.startsWith(p));
  }

  private inverseOf(code: string): string | null {
    return this.compat.inverse.get(code) ?? null;
  }

  private intentTargets(code: string): string[] | null {
    for (const e of this.compat.intent) if (code.startsWith(e.from)) return e.to;
    return null;
  }

  // -- stories ------------------------------------------------------------------------------

  private storyOf(m: MentionRecord): string {
    const known = this.articleStory.get(m.articleId);
    if (known) return known;
    let story: string | null = null;
    if (m.storyHash) story = this.hashStory.get(m.storyHash) ?? null;
    const sig = m.storySig && m.storySig.length === MINHASH_N ? m.storySig : null;
    if (!story && sig) {
      const seen = new Set<string>();
      for (let b = 0; b < BANDS && !story; b++) {
        const bk = b + ':' + sig.slice(b * ROWS, (b + 1) * ROWS).join(',');
        for (const cand of this.bandStory.get(bk) ?? []) {
          if (seen.has(cand)) continue;
          seen.add(cand);
          const other = this.storySigs.get(cand)!;
          let agree = 0;
          for (let k = 0; k < MINHASH_N; k++) if (other[k] === sig[k]) agree++;
          if (agree / MINHASH_N >= this.opts.storyThreshold) {
            story = cand;
            break;
          }
        }
      }
    }
    if (!story) {
      story = 's' + this.storyCount++;
      if (sig) {
        this.storySigs.set(story, sig);
        for (let b = 0; b < BANDS; b++) {
          const bk = b + ':' + sig.slice(b * ROWS, (b + 1) * ROWS).join(',');
          const list = this.bandStory.get(bk);
          if (list) list.push(story);
          else this.bandStory.set(bk, [story]);
        }
      }
    }
    if (m.storyHash && !this.hashStory.has(m.storyHash)) this.hashStory.set(m.storyHash, story);
    this.articleStory.set(m.articleId, story);
    const day = m.published ? dateInterval(m.published.slice(0, 10))?.start : undefined;
    if (day !== undefined && (this.storyDay.get(story) ?? -Infinity) < day) this.storyDay.set(story, day);
    return story;
  }

  // -- preparation --------------------------------------------------------------------------

  private prepare(m: MentionRecord): Prepared {
    const ws = words(m.sentence ?? '');
    const cls = modalityClass(m.modality);
    const pub = m.published ? dateInterval(m.published.slice(0, 10)) : null;
    const pubDay = pub ? pub.start : null;
    let iv = dateInterval(m.date);
    let weak = false;
    if (!iv && pubDay !== null) {
      iv = { start: pubDay - 2, end: pubDay, precision: 'none' };
      weak = true;
    }
    const start = iv ? iv.start : Number.NEGATIVE_INFINITY;
    const end = iv ? iv.end : Number.POSITIVE_INFINITY;
    const precision = iv ? iv.precision : null;
    const exact = !!iv && !weak && (PREC_RANK[iv.precision] ?? 9) <= 1;
    // Intent codes only announce an action when the mention is a plan (future modality or a date
    // after publication); an "expressed intent" reported as such is its own event.
    let intentTo: string[] | null = null;
    const targets = this.intentTargets(m.code);
    if (targets && (cls === 'plan' || (pubDay !== null && iv && !weak && iv.start > pubDay))) intentTo = targets;
    const effCls: MClass = intentTo ? 'plan' : cls;
    const roots = intentTo ? [...new Set(intentTo.map((t) => t.slice(0, 2)))] : [m.root || m.code.slice(0, 2)];
    return {
      m,
      cls: effCls,
      src: m.sourceCode ?? m.sourceCountry,
      tgt: m.targetCode ?? m.targetCountry,
      srcCountry: m.sourceCountry,
      tgtCountry: m.targetCountry,
      start,
      end,
      exact,
      weak,
      precision,
      pubDay,
      sh: shinglesOf(ws),
      roots,
      intentTo,
      story: this.storyOf(m),
      sentKey: ws.join(' '),
    };
  }

  private blockKeys(p: Prepared): string[] {
    const a = sideKey(p.m.sourceCode, p.m.sourceCountry);
    const b = sideKey(p.m.targetCode, p.m.targetCountry);
    const pair = a <= b ? a + '|' + b : b + '|' + a;
    return p.roots.map((r) => pair + '#' + r);
  }

  private signature(p: Prepared): string {
    return hashId([p.story, p.m.code, p.src ?? '-', p.tgt ?? '-', p.cls, p.sentKey].join('\u0001'));
  }

  // -- compatibility ------------------------------------------------------------------------

  /**
   * Facts and plans mix only across articles, and only when the plan was published no later than
   * the report that it happened (a "will meet" in the same article as "met" is a different
   * statement; a plan published after the fact is stale).
   */
  private modalityOk(c: CState, p: Prepared): boolean {
    if (p.cls === 'negated' || p.cls === 'hypothetical' || c.cls === 'negated' || c.cls === 'hypothetical') return c.cls === p.cls;
    const pub = p.m.published;
    if (p.cls === 'plan') {
      if (c.factArticles.has(p.m.articleId)) return false;
      return !pub || !c.firstFactPub || pub.slice(0, 10) <= c.firstFactPub.slice(0, 10);
    }
    if (c.planArticles.has(p.m.articleId)) return false;
    return !pub || !c.lastPlanPub || pub.slice(0, 10) >= c.lastPlanPub.slice(0, 10);
  }

  /** Code compatibility; returns a score (higher = closer) or -1. */
  private codeScore(c: CState, p: Prepared): number {
    const mc = p.m.code;
    if (c.codes.has(mc)) return 2;
    // Plan announced as an intent code vs the action.
    if (p.intentTo && !c.intentTo) return p.intentTo.some((t) => c.code.startsWith(t)) ? 1 : -1;
    if (c.intentTo && !p.intentTo) return c.intentTo.some((t) => mc.startsWith(t)) ? 1 : -1;
    if (c.intentTo && p.intentTo) return c.code.slice(0, 2) === mc.slice(0, 2) ? 1 : -1;
    if (c.code.slice(0, 2) !== mc.slice(0, 2)) return -1;
    return c.code.startsWith(mc) || mc.startsWith(c.code) ? 1.5 : 1;
  }

  private dyadOk(c: CState, p: Prepared): boolean {
    const direct =
      sideCompat(c.src, c.srcCountry, p.src, p.srcCountry) && sideCompat(c.tgt, c.tgtCountry, p.tgt, p.tgtCountry);
    const swapped =
      sideCompat(c.src, c.srcCountry, p.tgt, p.tgtCountry) && sideCompat(c.tgt, c.tgtCountry, p.src, p.srcCountry);
    const inv = this.inverseOf(p.m.code);
    if (inv && c.codes.has(inv) && !c.codes.has(p.m.code)) return swapped;
    if (direct) return true;
    return swapped && (this.isReciprocal(c.code) || this.isReciprocal(p.m.code));
  }

  /** Date compatibility; returns a score or -1. */
  private dateScore(c: CState, p: Prepared): number {
    if (!Number.isFinite(p.start) || !Number.isFinite(c.start)) return 0;
    const tol = c.exact || p.exact ? this.opts.dayTolerance : 0;
    if (p.start - tol > c.end || c.start - tol > p.end) return -1;
    if (c.exact && p.exact) {
      if (p.start === c.start) return 1;
      if (c.stated && p.exact && !p.weak && p.m.dateAnchor === 'stated') return -1;
      return 0.5;
    }
    return 0.25;
  }

  private placeScore(c: CState, p: Prepared): number {
    const m = p.m;
    if (!c.place || (!m.placeName && !m.placeCountry)) return 0;
    const cp = c.place;
    if (cp.country && m.placeCountry && cp.country !== m.placeCountry) return -1;
    if (cp.name && m.placeName && cp.name.toLowerCase() === m.placeName.toLowerCase()) return 0.5;
    if (!cp.name || !m.placeName) return 0.25;
    const coarse = (f: string | null | undefined) => !!f && (f.startsWith('PCL') || f.startsWith('ADM'));
    if (coarse(cp.feature) || coarse(m.placeFeature)) return 0.25;
    if (cp.lat != null && cp.lon != null && m.lat != null && m.lon != null) {
      return haversineKm([cp.lat, cp.lon], [m.lat, m.lon]) <= this.opts.placeKm ? 0.25 : -1;
    }
    return -1;
  }

  private isVerbal(code: string): boolean {
    return this.compat.verbal.some((v) => code.startsWith(v));
  }

  /**
   * The sentence similarity a mention needs to join a cluster:
   * - no actor on either side: the dyad says nothing, so only near-identical wording (≥ 0.5);
   * - one side known: the same code and the same named place, or similar wording (0.2 with the
   *   same code, 0.4 otherwise);
   * - both sides known: nothing more for material codes; verbal codes (statements, accusations,
   *   threats: kind=verbal in the data file) need the same code or similar wording (0.2).
   * Plans announced with an intent code are matched by the intent table, not by wording.
   * Mentions or clusters with no date and no publication day need near-identical wording (0.5).
   */
  private minSimilarity(c: CState, p: Prepared): number {
    // No date at all (neither a date nor a publication day) on either side: wording only.
    if (!Number.isFinite(p.start) || !Number.isFinite(c.start)) return 0.5;
    const known = (p.src ? 1 : 0) + (p.tgt ? 1 : 0);
    const sameCode = c.codes.has(p.m.code);
    if (known === 0) return 0.5;
    if (known === 1) {
      const samePlace = !!(c.place?.name && p.m.placeName && c.place.name.toLowerCase() === p.m.placeName.toLowerCase());
      if (sameCode && samePlace) return 0;
      return sameCode ? 0.2 : 0.4;
    }
    if (p.intentTo || c.intentTo) return 0;
    if (this.isVerbal(p.m.code) && !sameCode) return 0.2;
    return 0;
  }

  private similarity(c: CState, p: Prepared): number {
    let best = 0;
    for (const s of c.samples) best = Math.max(best, jaccard(s, p.sh));
    return best;
  }

  // -- index --------------------------------------------------------------------------------

  /**
   * Mentions that can only join by wording (a side unknown, or no usable date) look their
   * candidates up in an inverted index of shingles (and of code+place) instead of scanning the
   * block: blocks such as "unknown source, statement" hold thousands of clusters a day.
   */
  private wordingOnly(p: Prepared): boolean {
    return !p.src || !p.tgt || !Number.isFinite(p.start) || p.end - p.start > 400;
  }

  private textCandidates(p: Prepared): CState[] {
    const out: CState[] = [];
    const seen = new Set<CState>();
    const place = p.m.placeName ? p.m.placeName.toLowerCase() : null;
    for (const bk of this.blockKeys(p)) {
      const byShingle = this.textIndex.get(bk);
      if (byShingle) {
        for (const h of p.sh) {
          const list = byShingle.get(h);
          if (list) for (const c of list) if (!c.pruned && !seen.has(c)) (seen.add(c), out.push(c));
        }
      }
      if (place) for (const c of this.placeIndex.get(bk + '|' + p.m.code + '|' + place) ?? []) if (!c.pruned && !seen.has(c)) (seen.add(c), out.push(c));
    }
    return out;
  }

  private post<K>(map: Map<K, CState[]>, key: K, s: CState): void {
    const list = map.get(key);
    if (!list) map.set(key, [s]);
    else if (list[list.length - 1] !== s && !list.includes(s)) {
      list.push(s);
      if (list.length > POSTING_CAP) list.shift();
    }
  }

  private candidates(p: Prepared): CState[] {
    if (this.wordingOnly(p)) return this.textCandidates(p);
    const out: CState[] = [];
    const seen = new Set<CState>();
    const tol = this.opts.dayTolerance;
    for (const bk of this.blockKeys(p)) {
      const days = this.dayIndex.get(bk);
      if (days) {
        if (Number.isFinite(p.start) && p.end - p.start <= 400) {
          for (let d = p.start - tol; d <= p.end + tol; d++) {
            for (const c of days.get(d) ?? []) if (!seen.has(c)) (seen.add(c), out.push(c));
          }
        } else {
          // Undated (or year-long) mention: scan a bounded number of day buckets.
          let n = 0;
          for (const list of days.values()) {
            for (const c of list) if (!seen.has(c)) (seen.add(c), out.push(c));
            if (++n >= COARSE_SCAN) break;
          }
        }
      }
      // Coarse and undated clusters: the most recent ones only (bounded work per mention).
      const coarse = this.coarseIndex.get(bk);
      if (coarse) {
        for (let i = coarse.length - 1, n = 0; i >= 0 && n < COARSE_SCAN; i--, n++) {
          const c = coarse[i];
          if (!c.pruned && !seen.has(c)) (seen.add(c), out.push(c));
        }
      }
    }
    return out.filter((c) => !c.pruned);
  }

  private index(c: CState): void {
    for (const bk of c.blocks) {
      if (c.exact) {
        let days = this.dayIndex.get(bk);
        if (!days) this.dayIndex.set(bk, (days = new Map()));
        const list = days.get(c.start);
        if (list) list.push(c);
        else days.set(c.start, [c]);
      } else {
        const list = this.coarseIndex.get(bk);
        if (list) list.push(c);
        else this.coarseIndex.set(bk, [c]);
      }
    }
  }

  private unindex(c: CState): void {
    for (const bk of c.blocks) {
      if (c.exact) {
        const list = this.dayIndex.get(bk)?.get(c.start);
        if (list) {
          const i = list.indexOf(c);
          if (i >= 0) list.splice(i, 1);
        }
      } else {
        const list = this.coarseIndex.get(bk);
        if (list) {
          const i = list.indexOf(c);
          if (i >= 0) list.splice(i, 1);
        }
      }
    }
  }

  // -- clusters -----------------------------------------------------------------------------

  private newCluster(p: Prepared, forcedId?: string): CState {
    let id = forcedId ?? 'ev_' + hashId(p.m.key);
    if (!forcedId) for (let n = 2; this.byId.has(id); n++) id = 'ev_' + hashId(p.m.key) + '_' + n;
    const m = p.m;
    const c: Cluster = {
      id,
      mentionKeys: [],
      articles: [],
      sources: [],
      stories: 0,
      firstSeen: null,
      lastSeen: null,
      representative: m.key,
      code: m.code,
      root: m.root,
      sourceCode: m.sourceCode,
      sourceCountry: m.sourceCountry,
      targetCode: m.targetCode,
      targetCountry: m.targetCountry,
      date: p.weak ? null : m.date,
      datePrecision: p.weak ? null : m.datePrecision ?? p.precision,
      placeName: m.placeName,
      placeCountry: m.placeCountry,
      reciprocal: this.isReciprocal(m.code),
      status: 'occurred',
      planned: [],
      fulfilledBy: null,
      links: [],
    };
    const s: CState = {
      c,
      idx: this.states.length,
      cls: p.cls,
      code: m.code,
      src: p.src,
      tgt: p.tgt,
      srcCountry: p.srcCountry,
      tgtCountry: p.tgtCountry,
      intentTo: p.intentTo,
      start: p.start,
      end: p.end,
      exact: p.exact,
      stated: p.exact && m.dateAnchor === 'stated',
      place: m.placeName || m.placeCountry ? { name: m.placeName, country: m.placeCountry, lat: m.lat ?? null, lon: m.lon ?? null, feature: m.placeFeature ?? null } : null,
      samples: [],
      articles: new Set(),
      sources: new Set(),
      stories: new Set(),
      rep: p,
      keys: new Set(),
      blocks: this.blockKeys(p),
      pruned: false,
      codes: new Set(),
      members: [],
      factArticles: new Set(),
      planArticles: new Set(),
      firstFactPub: null,
      lastPlanPub: null,
    };
    this.states.push(s);
    this.byId.set(id, s);
    this.index(s);
    return s;
  }

  private better(a: Prepared, b: Prepared): boolean {
    const rank = (x: Prepared) => (x.cls === 'fact' ? 0 : 1);
    if (rank(a) !== rank(b)) return rank(a) < rank(b);
    const pa = a.weak ? 9 : PREC_RANK[a.precision ?? ''] ?? 9;
    const pb = b.weak ? 9 : PREC_RANK[b.precision ?? ''] ?? 9;
    if (pa !== pb) return pa < pb;
    const ca = a.m.confidence ?? 0;
    const cb = b.m.confidence ?? 0;
    if (ca !== cb) return ca > cb;
    return false; // keep the earlier one
  }

  private join(s: CState, p: Prepared): void {
    const m = p.m;
    const c = s.c;
    if (s.keys.has(m.key)) return;
    s.keys.add(m.key);
    c.mentionKeys.push(m.key);
    s.codes.add(m.code);
    if (!s.articles.has(m.articleId)) (s.articles.add(m.articleId), c.articles.push(m.articleId));
    const src = m.outlet?.trim() || hostOf(m.url);
    if (src && !s.sources.has(src)) (s.sources.add(src), c.sources.push(src));
    s.stories.add(p.story);
    c.stories = s.stories.size;
    if (m.published) {
      if (!c.firstSeen || m.published < c.firstSeen) c.firstSeen = m.published;
      if (!c.lastSeen || m.published > c.lastSeen) c.lastSeen = m.published;
    }
    if (s.samples.length < 6 && p.sh.size) s.samples.push(p.sh);
    for (const bk of s.blocks) {
      if (p.sh.size) {
        let byShingle = this.textIndex.get(bk);
        if (!byShingle) this.textIndex.set(bk, (byShingle = new Map()));
        for (const h of p.sh) this.post(byShingle, h, s);
      }
      if (m.placeName) this.post(this.placeIndex, bk + '|' + m.code + '|' + m.placeName.toLowerCase(), s);
    }
    // A fact joining a plan-only cluster becomes its direction/code reference.
    if (s.cls === 'plan' && p.cls === 'fact') {
      s.cls = 'fact';
      s.code = m.code;
      s.intentTo = null;
      s.src = p.src;
      s.tgt = p.tgt;
      s.srcCountry = p.srcCountry;
      s.tgtCountry = p.tgtCountry;
    }
    // Narrow the date: the first day-precise mention fixes a coarse cluster.
    if (p.exact && !s.exact) {
      this.unindex(s);
      s.exact = true;
      s.stated = m.dateAnchor === 'stated';
      s.start = p.start;
      s.end = p.end;
      this.index(s);
    } else if (!s.exact && Number.isFinite(p.start) && !p.weak) {
      const ns = Math.max(s.start, p.start);
      const ne = Math.min(s.end, p.end);
      if (ns <= ne && (ne - ns < s.end - s.start || !Number.isFinite(s.start))) {
        this.unindex(s);
        s.start = ns;
        s.end = ne;
        this.index(s);
      }
    }
    if (!s.place && (m.placeName || m.placeCountry)) {
      s.place = { name: m.placeName, country: m.placeCountry, lat: m.lat ?? null, lon: m.lon ?? null, feature: m.placeFeature ?? null };
    }
    if (p !== s.rep && this.better(p, s.rep)) s.rep = p;
    const r = s.rep.m;
    c.representative = r.key;
    c.code = r.code;
    c.root = r.root;
    c.sourceCode = r.sourceCode;
    c.sourceCountry = r.sourceCountry;
    c.targetCode = r.targetCode;
    c.targetCountry = r.targetCountry;
    c.date = s.rep.weak ? c.date : r.date;
    c.datePrecision = s.rep.weak ? c.datePrecision : r.datePrecision ?? s.rep.precision;
    c.placeName = r.placeName ?? s.place?.name ?? null;
    c.placeCountry = r.placeCountry ?? s.place?.country ?? null;
    c.reciprocal = this.isReciprocal(r.code);
    if (p.cls === 'plan') c.planned.push(m.key);
    this.storyEvents.set(this.signature(p), s);
    this.assignment.set(m.key, c.id);
    s.members.push({ key: m.key, published: m.published, plan: p.cls === 'plan', code: m.code, intentTo: p.intentTo });
    if (p.cls === 'plan') {
      s.planArticles.add(m.articleId);
      if (m.published && (!s.lastPlanPub || m.published > s.lastPlanPub)) s.lastPlanPub = m.published;
    } else if (p.cls === 'fact') {
      s.factArticles.add(m.articleId);
      if (m.published && (!s.firstFactPub || m.published < s.firstFactPub)) s.firstFactPub = m.published;
    }
    // Keep the representative's shingles only (memory at scale).
    if (s.rep !== p && !s.samples.includes(p.sh)) p.sh = EMPTY;
  }

  /** Assign one mention; returns its cluster id. */
  add(m: MentionRecord): string {
    const done = this.assignment.get(m.key);
    if (done) return done;
    const p = this.prepare(m);
    // Reprint of a story already seen: same event signature → same cluster.
    const forced = this.storyEvents.get(this.signature(p));
    if (forced && !forced.pruned) {
      this.join(forced, p);
      return forced.c.id;
    }
    let best: CState | null = null;
    let bestScore = -Infinity;
    const compatible: { c: CState; score: number; sim: number }[] = [];
    for (const c of this.candidates(p)) {
      this.comparisons++;
      if (!this.modalityOk(c, p)) continue;
      const cs = this.codeScore(c, p);
      if (cs < 0) continue;
      if (!this.dyadOk(c, p)) continue;
      const ds = this.dateScore(c, p);
      if (ds < 0) continue;
      const ps = this.placeScore(c, p);
      if (ps < 0) continue;
      const sim = this.similarity(c, p);
      compatible.push({ c, score: cs + ds + ps + 2 * sim, sim });
    }
    const coarse = !p.exact;
    for (const x of compatible) {
      // How much the wording must agree depends on how much the dyad says (see the top of the file).
      if (x.sim < this.minSimilarity(x.c, p)) continue;
      // A coarse or undated mention needs similar wording unless the choice is unique; so does a
      // mention meeting a coarse cluster.
      if ((coarse || !x.c.exact) && compatible.length > 1 && x.sim < this.opts.coarseSimilarity) continue;
      if (x.score > bestScore || (x.score === bestScore && best && x.c.idx < best.idx)) {
        best = x.c;
        bestScore = x.score;
      }
    }
    const s = best ?? this.newCluster(p);
    this.join(s, p);
    return s.c.id;
  }

  /** Restore a stored assignment (mention → cluster id) without re-deciding it. */
  seed(m: MentionRecord, clusterId: string): void {
    if (this.assignment.has(m.key)) return;
    const p = this.prepare(m);
    const s = this.byId.get(clusterId) ?? this.newCluster(p, clusterId);
    this.join(s, p);
  }

  /**
   * Retire clusters whose event date and latest report both lie before `beforeDay` (YYYY-MM-DD):
   * they leave the matching index (new mentions start new clusters). With `forget`, they are also
   * dropped from memory — from `result()`, the assignment map and the story tables — so a
   * long-running ingest (300k articles/day) stays bounded: call it daily with a window of a few
   * weeks. Returns the number of clusters retired.
   */
  prune(beforeDay: string, opts: { forget?: boolean } = {}): number {
    const iv = dateInterval(beforeDay);
    if (!iv) return 0;
    const cutoff = iv.start;
    let n = 0;
    for (const s of this.states) {
      if (s.pruned) continue;
      const seen = s.c.lastSeen ? dateInterval(s.c.lastSeen.slice(0, 10))?.start ?? null : null;
      const endOk = Number.isFinite(s.end) ? s.end < cutoff : seen !== null;
      if (endOk && (seen === null || seen < cutoff)) {
        this.unindex(s);
        s.pruned = true;
        s.samples = [];
        n++;
      }
    }
    for (const [k, s] of this.storyEvents) if (s.pruned) this.storyEvents.delete(k);
    const clean = <K>(map: Map<K, CState[]>) => {
      for (const [k, list] of map) {
        const kept = list.filter((c) => !c.pruned);
        if (kept.length) map.set(k, kept);
        else map.delete(k);
      }
    };
    clean(this.placeIndex);
    for (const [bk, byShingle] of this.textIndex) {
      clean(byShingle);
      if (!byShingle.size) this.textIndex.delete(bk);
    }
    if (opts.forget) {
      const kept: CState[] = [];
      for (const s of this.states) {
        if (!s.pruned) {
          s.idx = kept.length;
          kept.push(s);
          continue;
        }
        this.byId.delete(s.c.id);
        for (const k of s.c.mentionKeys) this.assignment.delete(k);
      }
      this.states.length = 0;
      this.states.push(...kept);
      const oldStories = new Set<string>();
      for (const [story, day] of this.storyDay) if (day < cutoff) oldStories.add(story);
      if (oldStories.size) {
        for (const st of oldStories) {
          this.storyDay.delete(st);
          this.storySigs.delete(st);
        }
        for (const [h, st] of this.hashStory) if (oldStories.has(st)) this.hashStory.delete(h);
        for (const [a, st] of this.articleStory) if (oldStories.has(st)) this.articleStory.delete(a);
        for (const [b, list] of this.bandStory) {
          const k = list.filter((st) => !oldStories.has(st));
          if (k.length) this.bandStory.set(b, k);
          else this.bandStory.delete(b);
        }
      }
    }
    return n;
  }

  result(): DedupeResult {
    let planned = 0;
    let fulfilled = 0;
    for (const s of this.states) {
      const c = s.c;
      // Plan → fact links: each planned mention to the first fact mention published on/after it.
      c.links = [];
      c.fulfilledBy = null;
      if (c.planned.length) {
        const facts = s.members.filter((x) => !x.plan).sort((a, b) => cmpStr(a.published, b.published) || cmpStr(a.key, b.key));
        let first: (typeof facts)[number] | null = null;
        for (const pm of s.members) {
          if (!pm.plan) continue;
          // The report that it happened: published on/after the plan; the same code (or the
          // action an intent code announces) first, then the earliest.
          const after = facts.filter((x) => !pm.published || !x.published || x.published >= pm.published);
          const f =
            after.find((x) => x.code === pm.code) ??
            after.find((x) => !!pm.intentTo && pm.intentTo.some((t) => x.code.startsWith(t) && t.length >= 3)) ??
            after[0];
          if (!f) continue;
          c.links.push({ planned: pm.key, fulfilledBy: f.key });
          if (!first || cmpStr(f.published, first.published) < 0 || (f.published === first.published && f.key < first.key)) first = f;
        }
        c.fulfilledBy = first ? first.key : null;
      }
      const cls = s.cls;
      c.status =
        cls === 'negated' ? 'negated' : cls === 'hypothetical' ? 'hypothetical' : cls === 'plan' ? 'planned' : c.planned.length ? 'fulfilled' : 'occurred';
      if (c.status === 'planned') planned++;
      if (c.status === 'fulfilled') fulfilled++;
    }
    return {
      clusters: this.states.map((s) => s.c),
      assignment: new Map(this.assignment),
      stats: {
        mentions: this.assignment.size,
        events: this.states.length,
        stories: this.storyCount,
        articles: this.articleStory.size,
        planned,
        fulfilled,
        comparisons: this.comparisons,
      },
    };
  }
}

function cmpStr(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sort order used by clusterMentions: publication time, then article, then key. */
export function mentionOrder(a: MentionRecord, b: MentionRecord): number {
  return cmpStr(a.published, b.published) || cmpStr(a.articleId, b.articleId) || cmpStr(a.key, b.key);
}

/** Cluster event mentions into real-world events. Pure and deterministic (see the top of this file). */
export function clusterMentions(mentions: MentionRecord[], opts: DedupeOptions = {}): DedupeResult {
  const cl = new Clusterer(opts);
  const sorted = [...mentions].sort(mentionOrder);
  for (const m of sorted) cl.add(m);
  return cl.result();
}

/** True when a CAMEO code describes a joint act (A~B = B~A), per data/dedupe/compat.json. */
export function isReciprocalCode(code: string, opts: DedupeOptions = {}): boolean {
  return getCompat(opts).reciprocal.some((p) => code.startsWith(p));
}
