/**
 * The store interface. The pipeline never sees the store; ingest, the query CLI, exports and the
 * HTTP server talk to it only through this interface, so SQLite (default) and PostgreSQL are
 * interchangeable.
 *
 * Two levels of events:
 * - an event *mention* is one CodedEvent in one article (with its evidence);
 * - an *event* is a real-world event: a cluster of mentions across articles (dedupe), with the
 *   number of mentions, sources and articles, first and last seen.
 */
import type { Article, CodedDocument, Modality } from '../document.js';

export interface StoredArticle {
  /** Store id (stable, string). */
  id: string;
  /** The caller's own id, if any. */
  externalId: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  text: string;
  /** Hash of the normalised text, for duplicate detection. */
  textHash: string;
  html: string | null;
  /** Where each metadata field came from (e.g. {published: "meta[property=article:published_time]"}). */
  provenance: Record<string, string>;
  ingestedAt: string;
}

export interface EventFilter {
  /** Actor code prefix or country (RUS, USAGOV) matching either side, or an actor name substring. */
  actor?: string;
  /** Directed or undirected dyad "USA:RUS" (either direction unless `directed`). */
  dyad?: string;
  directed?: boolean;
  /** CAMEO code prefix: "04", "043". */
  code?: string;
  plover?: string;
  quad?: number;
  since?: string;
  until?: string;
  /** Place name substring or ISO-3 country of the event's place. */
  place?: string;
  modality?: Modality | string;
  /** Full-text filter over the evidence sentence / article. */
  text?: string;
  articleId?: string;
  limit?: number;
  /** Opaque paging cursor returned by the previous page. */
  cursor?: string;
}

/** One row per deduplicated real-world event (or per mention when `mentions: true` is asked). */
export interface EventRow {
  id: string;
  /** The cluster this mention belongs to (equals id for cluster rows). */
  cluster: string;
  articleId: string;
  date: string | null;
  datePrecision: string | null;
  code: string;
  root: string;
  name: string;
  quad: number;
  goldstein: number;
  plover: string | null;
  sourceName: string | null;
  sourceCode: string | null;
  sourceCountry: string | null;
  targetName: string | null;
  targetCode: string | null;
  targetCountry: string | null;
  modality: string;
  placeName: string | null;
  placeCountry: string | null;
  lat: number | null;
  lon: number | null;
  /** Evidence of the representative mention. */
  sentence: string;
  evidenceStart: number;
  evidenceEnd: number;
  rule: string;
  confidence: number;
  quoteId: string | null;
  /** Dedupe counts: mentions, distinct outlets, distinct articles. */
  mentions: number;
  sources: number;
  articles: number;
  firstSeen: string | null;
  lastSeen: string | null;
  outlet: string | null;
  url: string | null;
  /** Dedupe status of the event: occurred, planned, fulfilled (a plan reported done), negated, hypothetical. */
  status?: string | null;
  /** Distinct stories (wire reprints count once). */
  stories?: number;
  /** Stable dedupe key of the cluster (`ev_…`); `event()` accepts it as well as the id. */
  clusterKey?: string | null;
}

export interface ActorRow {
  code: string | null;
  name: string;
  country: string | null;
  kind: string;
  mentions: number;
  events: number;
  articles: number;
}

export interface QuoteRow {
  id: string;
  articleId: string;
  kind: string;
  text: string;
  start: number;
  end: number;
  speakerName: string | null;
  speakerCode: string | null;
  cue: string | null;
  medium: string | null;
  published: string | null;
  outlet: string | null;
}

export interface Page<T> {
  rows: T[];
  next: string | null;
  total?: number;
}

export interface PutResult {
  articleId: string;
  /** True when the article was already stored (same canonical URL or same normalised text hash). */
  duplicate: boolean;
}

export interface TimelinePoint {
  period: string;
  quad1: number;
  quad2: number;
  quad3: number;
  quad4: number;
  goldstein: number;
  count: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  count: number;
  meanGoldstein: number;
}

/** Extra facts ingest knows about an article (all optional). */
export interface PutOptions {
  /** The canonical URL declared by the page (link rel=canonical / og:url), when it differs from article.url. */
  canonicalUrl?: string | null;
  /** Where the article was read from: file path (and line), feed item or URL. */
  source?: string | null;
  /** JSON.stringify(doc) when the caller already has it (saves a second serialisation). */
  docJson?: string;
  /** storySignature(article.text).minhash (src/dedupe) when computed elsewhere (a worker thread). */
  storySig?: number[] | null;
}

export interface ArticleFilter {
  outlet?: string;
  /** Publication date bounds (prefix comparison: 2025, 2025-05, 2025-05-18). */
  since?: string;
  until?: string;
  /** Full-text query over title and text. */
  text?: string;
  limit?: number;
  cursor?: string;
}

export interface ArticleRow {
  id: string;
  externalId: string | null;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  canonicalUrl: string | null;
  events: number;
  quotes: number;
  /** Other outlets/URLs that carried the same text (reprints), stored as copies. */
  copies: number;
  ingestedAt: string;
}

export interface ErrorRow {
  id: string;
  source: string;
  reason: string;
  at: string;
}

export interface Store {
  /** Store a coded article in one transaction (idempotent). */
  putCoded(article: Article & { html?: string; provenance?: Record<string, string> }, doc: CodedDocument, opts?: PutOptions): PutResult;
  /** Known already? by canonical URL or normalised text hash. */
  hasArticle(key: { url?: string | null; text?: string }): string | null;
  recordError(source: string, reason: string): void;
  article(id: string): { article: StoredArticle; doc: CodedDocument } | null;
  events(filter: EventFilter & { mentions?: boolean }): Page<EventRow>;
  actors(filter: { actor?: string; limit?: number; cursor?: string }): Page<ActorRow>;
  quotes(filter: { speaker?: string; text?: string; articleId?: string; limit?: number; cursor?: string }): Page<QuoteRow>;
  search(q: string, opts?: { limit?: number; cursor?: string }): Page<{ kind: 'article' | 'quote'; id: string; articleId: string; title: string | null; snippet: string }>;
  timeline(filter: EventFilter & { bucket?: 'day' | 'week' | 'month' }): TimelinePoint[];
  network(filter: EventFilter & { by?: 'code' | 'country' }): NetworkEdge[];
  /**
   * Run `fn` in one transaction (group commit). putCoded calls inside stay atomic per article (each
   * is a savepoint); a crash loses the whole group, which a resumed ingest writes again. Optional.
   */
  batch?<T>(fn: () => T): T;
  /** Recompute deduplicated event clusters (incremental where possible). */
  dedupe(): { mentions: number; events: number };
  /** One event (a cluster, or a mention by its id) with every mention of it and its evidence. */
  event(id: string): { event: EventRow; mentions: EventRow[] } | null;
  /** Stored articles, newest first. */
  articles(filter: ArticleFilter): Page<ArticleRow>;
  /** Recorded ingest errors, newest first. */
  errors(filter: { limit?: number; cursor?: string }): Page<ErrorRow>;
  counts(): { articles: number; events: number; mentions: number; actors: number; quotes: number; errors: number };
  close(): void;
}
