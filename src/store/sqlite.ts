/**
 * The default store: one SQLite file (better-sqlite3, WAL). Every statement is parameterised;
 * every article is written in one transaction; paging uses opaque keyset cursors.
 */
import Database from 'better-sqlite3';
import type { Article, CodedDocument, CodedEvent } from '../document.js';
import { DyadInputError } from '../errors.js';
import { canonicalUrl, dayOf, textHash, urlKey } from './keys.js';
import { MIGRATIONS } from './schema.js';
import { Clusterer, dateInterval, mentionOrder, mentionRecordOf, storySignature, type MentionRecord } from '../dedupe/index.js';
import type {
  ActorRow,
  ArticleFilter,
  ArticleRow,
  ErrorRow,
  EventFilter,
  EventRow,
  NetworkEdge,
  Page,
  PutOptions,
  PutResult,
  QuoteRow,
  Store,
  StoredArticle,
  TimelinePoint,
} from './types.js';

type DB = Database.Database;
type Row = Record<string, unknown>;
type PutArticle = Article & { html?: string; provenance?: Record<string, string> };

export interface SqliteOptions {
  /** Open an existing store only; a missing file is a user error. */
  mustExist?: boolean;
  readonly?: boolean;
  /**
   * How many days of events the incremental deduper keeps in memory (default 30). Events whose
   * date and latest report are older than the newest publication day minus this window are
   * retired from matching and from memory, so a long ingest stays bounded; they stay in the
   * store. A later report of a retired event starts a new event. 0 keeps everything.
   */
  dedupeWindowDays?: number;
}

/** Day number (days since 1970-01-01, dedupe's unit) of a date, and the date of a day number. */
const dayNumber = (s: string | null | undefined): number | null => (s ? dateInterval(s.slice(0, 10))?.start ?? null : null);
const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 10000;

function limitOf(n: number | undefined): number {
  if (n === undefined || n === null || !Number.isFinite(n)) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(n)));
}

function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function decodeCursor<T>(c: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  throw new DyadInputError('invalid paging cursor');
}

const isOffset = (v: unknown): v is { o: number } => !!v && typeof v === 'object' && Number.isInteger((v as { o: unknown }).o) && (v as { o: number }).o >= 0;
const isKey = (v: unknown): v is { d: string; i: number } =>
  !!v && typeof v === 'object' && typeof (v as { d: unknown }).d === 'string' && Number.isInteger((v as { i: unknown }).i);

/** Escape a user string for LIKE ... ESCAPE '\'. */
function like(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * Turn what a user typed into a safe FTS5 query: "quoted phrases" kept, other words quoted one by
 * one (all must match). Null when nothing searchable is left.
 */
export function ftsQuery(q: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    const raw = m[1] ?? m[2] ?? '';
    const words = raw.match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    parts.push(m[1] !== undefined ? `"${words.join(' ')}"` : words.map((w) => `"${w}"`).join(' '));
  }
  return parts.length ? parts.join(' ') : null;
}

function nowIso(): string {
  return new Date().toISOString();
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** The event columns read for EventRow, over mention alias m, cluster alias c, article alias a. */
const EVENT_COLS = `m.id AS m_id, m.cluster_id, m.article_id, m.date, m.date_precision, m.code, m.root, m.name, m.quad,
  m.goldstein, m.plover_type, m.source_name, m.source_code, m.source_country, m.target_name, m.target_code,
  m.target_country, m.modality, m.place_name, m.place_country, m.lat, m.lon, m.sentence, m.ev_start, m.ev_end,
  m.rule, m.confidence, m.quote_id, m.day, c.mentions, c.sources, c.articles, c.first_seen, c.last_seen, c.status, c.stories, c.key AS ckey,
  a.outlet, a.url`;

function toEventRow(r: Row, clusterLevel: boolean): EventRow {
  return {
    id: String(clusterLevel ? r.cluster_id : r.m_id),
    cluster: String(r.cluster_id),
    articleId: String(r.article_id),
    date: str(r.date),
    datePrecision: str(r.date_precision),
    code: String(r.code),
    root: String(r.root),
    name: String(r.name),
    quad: Number(r.quad),
    goldstein: Number(r.goldstein),
    plover: str(r.plover_type),
    sourceName: str(r.source_name),
    sourceCode: str(r.source_code),
    sourceCountry: str(r.source_country),
    targetName: str(r.target_name),
    targetCode: str(r.target_code),
    targetCountry: str(r.target_country),
    modality: String(r.modality),
    placeName: str(r.place_name),
    placeCountry: str(r.place_country),
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    sentence: String(r.sentence),
    evidenceStart: Number(r.ev_start),
    evidenceEnd: Number(r.ev_end),
    rule: String(r.rule),
    confidence: Number(r.confidence),
    quoteId: str(r.quote_id),
    mentions: Number(r.mentions ?? 1),
    sources: Number(r.sources ?? 1),
    articles: Number(r.articles ?? 1),
    firstSeen: str(r.first_seen),
    lastSeen: str(r.last_seen),
    outlet: str(r.outlet),
    url: str(r.url),
    status: str(r.status),
    stories: Number(r.stories ?? 1),
    clusterKey: str(r.ckey),
  };
}

/** Build the WHERE clause of an event filter over mention alias `m`. */
export function eventWhere(f: EventFilter): { sql: string; params: unknown[] } {
  const w: string[] = [];
  const p: unknown[] = [];
  const side = (s: 'source' | 'target', v: string) => {
    p.push(like(v) + '%', v.toUpperCase());
    return `(m.${s}_code LIKE ? ESCAPE '\\' OR m.${s}_country = ?)`;
  };
  if (f.actor) {
    const a = f.actor.trim();
    const n = '%' + like(a) + '%';
    p.push(like(a) + '%', like(a) + '%', a.toUpperCase(), a.toUpperCase(), n, n);
    w.push(`(m.source_code LIKE ? ESCAPE '\\' OR m.target_code LIKE ? ESCAPE '\\' OR m.source_country = ? OR m.target_country = ? OR m.source_name LIKE ? ESCAPE '\\' OR m.target_name LIKE ? ESCAPE '\\')`);
  }
  if (f.dyad) {
    const parts = f.dyad.split(':').map((s) => s.trim());
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new DyadInputError(`invalid dyad "${f.dyad}": expected two actor codes like USA:RUS`);
    const [x, y] = parts;
    const fwd = `(${side('source', x)} AND ${side('target', y)})`;
    if (f.directed) w.push(fwd);
    else {
      const back = `(${side('source', y)} AND ${side('target', x)})`;
      w.push(`(${fwd} OR ${back})`);
    }
  }
  if (f.code) {
    w.push(`m.code LIKE ? ESCAPE '\\'`);
    p.push(like(f.code.trim()) + '%');
  }
  if (f.plover) {
    w.push('upper(m.plover_type) = ?');
    p.push(f.plover.trim().toUpperCase());
  }
  if (f.quad !== undefined && f.quad !== null) {
    w.push('m.quad = ?');
    p.push(Number(f.quad));
  }
  if (f.since) {
    w.push('m.day >= ?');
    p.push(f.since.trim());
  }
  if (f.until) {
    const u = f.until.trim();
    w.push('substr(m.day, 1, ?) <= ?');
    p.push(u.length, u);
  }
  if (f.place) {
    const pl = f.place.trim();
    w.push(`(m.place_name LIKE ? ESCAPE '\\' OR m.place_country = ?)`);
    p.push('%' + like(pl) + '%', pl.toUpperCase());
  }
  if (f.modality) {
    w.push('m.modality = ?');
    p.push(String(f.modality).trim().toLowerCase());
  }
  if (f.text) {
    const q = ftsQuery(f.text);
    if (q) {
      w.push(`(m.sentence LIKE ? ESCAPE '\\' OR m.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`);
      p.push('%' + like(f.text.trim()) + '%', q);
    }
  }
  if (f.articleId) {
    w.push('m.article_id = ?');
    p.push(Number(f.articleId));
  }
  return { sql: w.length ? w.join(' AND ') : '1', params: p };
}

export class SqliteStore implements Store {
  readonly db: DB;
  readonly path: string;
  private st: Record<string, Database.Statement>;
  private putTx: Database.Transaction<(article: PutArticle, doc: CodedDocument, opts: PutOptions) => PutResult>;

  constructor(path: string, opts: SqliteOptions = {}) {
    this.path = path;
    const w = opts.dedupeWindowDays ?? 30;
    this.windowDays = Number.isFinite(w) && w > 0 ? Math.ceil(w) : 0;
    try {
      this.db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !!(opts.mustExist || opts.readonly) });
    } catch (e) {
      const msg = (e as Error).message;
      if (/does not exist|unable to open|SQLITE_CANTOPEN/i.test(msg)) throw new DyadInputError(`${path}: no such store (run dyad ingest first, or pass --db)`);
      throw new DyadInputError(`${path}: cannot open store (${msg})`);
    }
    try {
      if (!opts.readonly) this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 10000');
      this.db.pragma('cache_size = -32000');
      this.migrate(!!opts.readonly);
    } catch (e) {
      this.db.close();
      if (e instanceof DyadInputError) throw e;
      throw new DyadInputError(`${path}: not a dyad store (${(e as Error).message})`);
    }
    this.st = this.prepare();
    this.putTx = this.db.transaction((a: PutArticle, d: CodedDocument, o: PutOptions) => this.putInner(a, d, o));
  }

  private migrate(readonly: boolean): void {
    const v = Number(this.db.pragma('user_version', { simple: true }));
    if (v > MIGRATIONS.length) throw new DyadInputError(`${this.path}: store schema version ${v} is newer than this dyad (${MIGRATIONS.length}); upgrade dyad`);
    if (v === MIGRATIONS.length) return;
    if (readonly) throw new DyadInputError(`${this.path}: store schema version ${v} needs migrating; open it once read-write`);
    this.db.transaction(() => {
      for (let i = v; i < MIGRATIONS.length; i++) this.db.exec(MIGRATIONS[i]);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    }).immediate();
  }

  private prepare(): Record<string, Database.Statement> {
    const d = this.db;
    const s = (sql: string) => d.prepare(sql);
    return {
      keyGet: s('SELECT article_id FROM article_keys WHERE key = ?'),
      keyPut: s('INSERT OR IGNORE INTO article_keys(key, article_id) VALUES (?, ?)'),
      hashGet: s('SELECT id, canonical_url, outlet, url FROM articles WHERE text_hash = ?'),
      artPut: s(`INSERT INTO articles(external_id, url, canonical_url, title, outlet, published, language, text, text_hash, html,
        provenance, source, doc, n_events, n_quotes, ingested_at, story_sig) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      ftsArt: s('INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)'),
      copyPut: s('INSERT OR IGNORE INTO article_copies(article_id, url, outlet, published, external_id, seen_at) VALUES (?,?,?,?,?,?)'),
      actorUp: s(`INSERT INTO actors(key, code, name, country, type, kind, mentions, articles) VALUES (?,?,?,?,?,?,?,1)
        ON CONFLICT(key) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + 1 RETURNING id`),
      actorEv: s('UPDATE actors SET events = events + 1 WHERE id = ?'),
      mentionPut: s('INSERT INTO actor_mentions(article_id, actor_id, local_actor, start, "end", text, how) VALUES (?,?,?,?,?,?,?)'),
      quotePut: s(`INSERT INTO quotes(article_id, local_id, kind, text, start, "end", speaker_actor_id, speaker_name, speaker_code, cue, medium, evidence)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`),
      ftsQuote: s('INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?, ?, ?)'),
      timePut: s('INSERT INTO times(article_id, local_id, start, "end", text, type, value, precision, anchor, evidence) VALUES (?,?,?,?,?,?,?,?,?,?)'),
      placePut: s(`INSERT INTO places(article_id, local_id, start, "end", text, name, country, lat, lon, geonameid, feature, confidence, evidence)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      evPut: s(`INSERT INTO event_mentions(article_id, local_id, code, root, name, quad, goldstein, plover_type, plover_mode, plover_context,
        source_actor_id, source_name, source_code, source_country, target_actor_id, target_name, target_code, target_country, grp, modality,
        date, date_precision, date_anchor, day, place_name, place_country, lat, lon, quote_id, sentence, ev_start, ev_end, rule, confidence, evidence, place_feature)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      clusterPut: s(`INSERT INTO event_clusters(key, rep_mention, day, mentions, sources, articles, first_seen, last_seen, status, stories, planned)
        VALUES (?,?,?,1,1,1,?,?,?,1,?)`),
      clusterByKey: s('SELECT c.id, c.status, m.modality AS rep_modality FROM event_clusters c JOIN event_mentions m ON m.id = c.rep_mention WHERE c.key = ?'),
      clusterFulfil: s(`UPDATE event_clusters SET rep_mention = ?, status = 'fulfilled', fulfilled_by = ? WHERE id = ?`),
      clusterPlanned: s('UPDATE event_clusters SET planned = planned + 1 WHERE id = ?'),
      clusterHasArticle: s('SELECT 1 FROM event_mentions WHERE cluster_id = ? AND article_id = ? AND id <> ? LIMIT 1'),
      clusterHasOutlet: s('SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ? AND a.outlet = ? AND m.id <> ? LIMIT 1'),
      clusterJoin: s(`UPDATE event_clusters SET mentions = mentions + 1, articles = articles + ?, sources = sources + ?, stories = stories + ?,
        first_seen = CASE WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_seen END,
        last_seen = CASE WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END WHERE id = ?`),
      evCluster: s('UPDATE event_mentions SET cluster_id = ? WHERE id = ?'),
      errPut: s('INSERT OR IGNORE INTO errors(source, reason, at) VALUES (?,?,?)'),
      artGet: s('SELECT * FROM articles WHERE id = ?'),
      clustersOfArticle: s('SELECT DISTINCT cluster_id FROM event_mentions WHERE article_id = ?'),
      clusterRefresh: s(`UPDATE event_clusters SET
          mentions = (SELECT count(*) FROM event_mentions WHERE cluster_id = @c)
            + (SELECT count(*) FROM event_mentions m JOIN article_copies k ON k.article_id = m.article_id WHERE m.cluster_id = @c),
          stories = max(stories, (SELECT count(DISTINCT a.text_hash) FROM articles a WHERE a.id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c))),
          articles = (SELECT count(DISTINCT x.a) FROM (
              SELECT 'a' || m.article_id AS a FROM event_mentions m WHERE m.cluster_id = @c
              UNION SELECT 'c' || k.id FROM article_copies k WHERE k.article_id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)) x),
          sources = (SELECT count(DISTINCT x.o) FROM (
              SELECT coalesce(a.outlet, 'a' || a.id) AS o FROM articles a WHERE a.id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)
              UNION SELECT coalesce(k.outlet, 'c' || k.id) FROM article_copies k WHERE k.article_id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)) x),
          first_seen = (SELECT min(x.p) FROM (
              SELECT substr(coalesce(a.published, a.ingested_at), 1, 10) AS p FROM articles a WHERE a.id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)
              UNION ALL SELECT substr(k.published, 1, 10) FROM article_copies k WHERE k.article_id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)) x),
          last_seen = (SELECT max(x.p) FROM (
              SELECT substr(coalesce(a.published, a.ingested_at), 1, 10) AS p FROM articles a WHERE a.id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)
              UNION ALL SELECT substr(k.published, 1, 10) FROM article_copies k WHERE k.article_id IN (SELECT article_id FROM event_mentions WHERE cluster_id = @c)) x)
        WHERE id = @c`),
    };
  }

  hasArticle(key: { url?: string | null; text?: string }): string | null {
    const k = urlKey(key.url);
    if (k) {
      const r = this.st.keyGet.get(k) as Row | undefined;
      if (r) return String(r.article_id);
    }
    if (typeof key.text === 'string') {
      const r = this.st.hashGet.get(textHash(key.text)) as Row | undefined;
      if (r) return String(r.id);
    }
    return null;
  }

  putCoded(article: PutArticle, doc: CodedDocument, opts: PutOptions = {}): PutResult {
    if (doc.events.length) {
      this.getClusterer();
      this.advanceWindow(article.published ?? doc.article.published);
    }
    return this.putTx.immediate(article, doc, opts);
  }

  // ---------------------------------------------------------------------------------------------
  // Dedupe: every new mention is assigned incrementally (src/dedupe Clusterer, seeded from the
  // store); dedupe() recomputes all clusters from scratch.

  private clusterer: Clusterer | null = null;
  private readonly windowDays: number;
  /** Newest publication day seen (day number): the deduper is pruned each time it advances. */
  private newestDay = -Infinity;

  /** Clusters the incremental deduper holds in memory (bounded by `dedupeWindowDays`). */
  dedupeMemory(): number {
    return this.clusterer ? this.clusterer.size : 0;
  }

  /** Retire in-memory clusters that fell out of the window when the newest publication day advances. */
  private advanceWindow(published: string | null | undefined): void {
    const d = dayNumber(published);
    if (d === null || d <= this.newestDay) return;
    this.newestDay = d;
    if (!this.windowDays || !this.clusterer) return;
    this.clusterer.prune(isoDay(d - this.windowDays), { forget: true });
  }

  /** All mentions (and reprint copies of their articles) as dedupe records, with their cluster key. */
  private mentionRecords(sinceDay?: string): { rec: MentionRecord; clusterKey: string | null }[] {
    const sql = `SELECT m.id, m.article_id, m.code, m.root, m.source_code, m.source_country, m.target_code, m.target_country, m.place_name,
           m.place_country, m.lat, m.lon, m.place_feature, m.modality, m.sentence, m.confidence, m.date, m.date_precision,
           a.outlet, a.url, a.published, a.text_hash, a.story_sig, c.key AS ckey
         FROM event_mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN event_clusters c ON c.id = m.cluster_id`;
    // Within the window: the mention's event day or its article's publication day is recent, or undated.
    const rows = (
      sinceDay
        ? this.db.prepare(`${sql} WHERE m.day IS NULL OR m.day >= ? OR a.published IS NULL OR substr(a.published, 1, 10) >= ?`).all(sinceDay, sinceDay)
        : this.db.prepare(sql).all()
    ) as Row[];
    const copies = this.db.prepare('SELECT id, article_id, url, outlet, published FROM article_copies').all() as Row[];
    const byArticle = new Map<number, Row[]>();
    for (const k of copies) {
      const a = Number(k.article_id);
      const list = byArticle.get(a) ?? [];
      list.push(k);
      byArticle.set(a, list);
    }
    const out: { rec: MentionRecord; clusterKey: string | null }[] = [];
    for (const r of rows) {
      const rec = this.recordOf(r);
      out.push({ rec, clusterKey: str(r.ckey) });
      for (const k of byArticle.get(Number(r.article_id)) ?? [])
        out.push({
          rec: { ...rec, key: `${rec.key}~k${k.id}`, articleId: `k${k.id}`, outlet: str(k.outlet), url: str(k.url), published: str(k.published) ?? rec.published },
          clusterKey: str(r.ckey),
        });
    }
    return out;
  }

  private recordOf(r: Row): MentionRecord {
    let sig: number[] | null = null;
    if (typeof r.story_sig === 'string') {
      try {
        sig = JSON.parse(r.story_sig) as number[];
      } catch {
        sig = null;
      }
    }
    return {
      key: `m${r.id}`,
      articleId: String(r.article_id),
      outlet: str(r.outlet),
      url: str(r.url),
      published: str(r.published),
      storyHash: str(r.text_hash),
      storySig: sig,
      date: str(r.date),
      datePrecision: str(r.date_precision),
      code: String(r.code),
      root: String(r.root),
      sourceCode: str(r.source_code),
      sourceCountry: str(r.source_country),
      targetCode: str(r.target_code),
      targetCountry: str(r.target_country),
      placeName: str(r.place_name),
      placeCountry: str(r.place_country),
      lat: r.lat === null ? null : Number(r.lat),
      lon: r.lon === null ? null : Number(r.lon),
      placeFeature: str(r.place_feature),
      modality: String(r.modality),
      sentence: String(r.sentence),
      confidence: Number(r.confidence),
    };
  }

  private getClusterer(): Clusterer {
    if (this.clusterer) return this.clusterer;
    const unkeyed = this.db.prepare('SELECT 1 FROM event_clusters WHERE key IS NULL LIMIT 1').get();
    if (unkeyed) {
      this.dedupe();
      if (this.clusterer) return this.clusterer;
    }
    const c = new Clusterer();
    // Only the window's mentions are loaded: older events are retired from matching anyway.
    const newest = this.windowDays ? dayNumber(str((this.db.prepare('SELECT max(substr(published, 1, 10)) AS d FROM articles').get() as Row).d)) : null;
    const recs = this.mentionRecords(newest !== null ? isoDay(newest - this.windowDays) : undefined);
    if (newest !== null) this.newestDay = newest;
    recs.sort((a, b) => mentionOrder(a.rec, b.rec));
    for (const { rec, clusterKey } of recs) {
      if (clusterKey) c.seed(rec, clusterKey);
      else c.add(rec);
    }
    this.clusterer = c;
    return c;
  }

  private putInner(article: PutArticle, doc: CodedDocument, opts: PutOptions): PutResult {
    const st = this.st;
    const now = nowIso();
    const published = article.published ?? doc.article.published ?? null;
    const declared = canonicalUrl(opts.canonicalUrl ?? null) ?? canonicalUrl(article.url ?? null);
    const keys = [urlKey(article.url), urlKey(opts.canonicalUrl ?? null)].filter((k): k is string => !!k);
    for (const k of keys) {
      const r = st.keyGet.get(k) as Row | undefined;
      if (r) return { articleId: String(r.article_id), duplicate: true };
    }
    const hash = textHash(article.text);
    const same = st.hashGet.get(hash) as Row | undefined;
    if (same) {
      const id = Number(same.id);
      // A reprint by another outlet or at another URL: keep it as a copy so dedupe counts the source.
      const otherUrl = declared && declared !== same.canonical_url;
      const otherOutlet = article.outlet && article.outlet !== same.outlet;
      if (otherUrl || otherOutlet) {
        const info = st.copyPut.run(id, declared ?? article.url ?? null, article.outlet ?? null, published, article.id ?? null, now);
        for (const k of keys) st.keyPut.run(k, id);
        if (info.changes) for (const c of st.clustersOfArticle.all(id) as Row[]) st.clusterRefresh.run({ c: c.cluster_id });
      }
      return { articleId: String(id), duplicate: true };
    }

    const json = opts.docJson ?? JSON.stringify(doc);
    const sig = doc.events.length ? (opts.storySig ?? storySignature(article.text).minhash) : null;
    const info = st.artPut.run(
      article.id ?? doc.article.id ?? null,
      article.url ?? null,
      declared,
      article.title ?? doc.article.title ?? null,
      article.outlet ?? doc.article.outlet ?? null,
      published,
      article.language ?? null,
      article.text,
      hash,
      article.html ?? null,
      JSON.stringify(article.provenance ?? {}),
      opts.source ?? null,
      json,
      doc.events.length,
      doc.quotes.length,
      now,
      sig ? JSON.stringify(sig) : null,
    );
    const aid = Number(info.lastInsertRowid);
    for (const k of keys) st.keyPut.run(k, aid);
    st.ftsArt.run(aid, article.title ?? doc.article.title ?? '', article.text);

    // Actors: one global row per (code, kind, name), counted per article.
    const actorIds = new Map<string, number>();
    const actorNames = new Map<string, string>();
    for (const a of doc.actors) {
      const key = `${a.code ?? ''}|${a.kind}|${a.name.toLowerCase()}`;
      const r = st.actorUp.get(key, a.code, a.name, a.country, a.type, a.kind, a.mentions.length) as Row;
      const gid = Number(r.id);
      actorIds.set(a.id, gid);
      actorNames.set(a.id, a.name);
      for (const m of a.mentions) st.mentionPut.run(aid, gid, a.id, m.start, m.end, m.text, m.how);
    }

    const quoteIds = new Map<string, number>();
    for (const q of doc.quotes) {
      const sp = q.speaker;
      const r = st.quotePut.run(
        aid,
        q.id,
        q.kind,
        q.text,
        q.start,
        q.end,
        sp?.actor ? (actorIds.get(sp.actor) ?? null) : null,
        sp?.name ?? null,
        sp?.code ?? null,
        q.cue?.text ?? null,
        q.medium,
        JSON.stringify(q.evidence),
      );
      const qid = Number(r.lastInsertRowid);
      quoteIds.set(q.id, qid);
      st.ftsQuote.run(qid, q.text, sp?.name ?? '');
    }

    for (const t of doc.times) st.timePut.run(aid, t.id, t.start, t.end, t.text, t.type, t.value, t.precision, t.anchor, JSON.stringify(t.evidence));
    for (const p of doc.places)
      st.placePut.run(aid, p.id, p.start, p.end, p.text, p.name, p.country, p.lat, p.lon, p.geonameid, p.feature, p.confidence, JSON.stringify(p.evidence));

    const seen = (published ?? now).slice(0, 10);
    const pubDay = dayOf(published);
    const features = new Map<string, string | null>();
    for (const p of doc.places) features.set(p.id, p.feature);
    for (const e of doc.events) {
      const feature = e.place?.place ? features.get(e.place.place) ?? null : null;
      const src = e.source ? actorIds.get(e.source.actor) ?? null : null;
      const tgt = e.target ? actorIds.get(e.target.actor) ?? null : null;
      const day = dayOf(e.date?.value) ?? pubDay;
      const r = st.evPut.run(
        aid,
        e.id,
        e.code,
        e.root,
        e.name,
        e.quad,
        e.goldstein,
        e.plover?.type ?? null,
        e.plover?.mode ?? null,
        e.plover?.context ?? null,
        src,
        e.source ? actorNames.get(e.source.actor) ?? null : null,
        e.source?.code ?? null,
        e.source?.country ?? null,
        tgt,
        e.target ? actorNames.get(e.target.actor) ?? null : null,
        e.target?.code ?? null,
        e.target?.country ?? null,
        e.group,
        e.modality,
        e.date?.value ?? null,
        e.date?.precision ?? null,
        e.date?.anchor ?? null,
        day,
        e.place?.name ?? null,
        e.place?.country ?? null,
        e.place?.lat ?? null,
        e.place?.lon ?? null,
        e.quote ? quoteIds.get(e.quote) ?? null : null,
        e.evidence.text,
        e.evidence.start,
        e.evidence.end,
        e.evidence.rule,
        e.evidence.confidence,
        JSON.stringify(e),
        feature,
      );
      const mid = Number(r.lastInsertRowid);
      const rec = mentionRecordOf(
        `m${mid}`,
        { articleId: String(aid), outlet: article.outlet ?? doc.article.outlet ?? null, url: article.url ?? null, published, storyHash: hash, storySig: sig },
        e,
        feature,
      );
      const ckey = this.getClusterer().add(rec);
      const existing = st.clusterByKey.get(ckey) as Row | undefined;
      let cid: number;
      const plan = e.modality === 'future';
      if (!existing) {
        const status = plan ? 'planned' : e.modality === 'negated' ? 'negated' : e.modality === 'hypothetical' ? 'hypothetical' : 'occurred';
        cid = Number(st.clusterPut.run(ckey, mid, day, seen, seen, status, plan ? 1 : 0).lastInsertRowid);
      } else {
        cid = Number(existing.id);
        if (existing.status === 'planned' && (e.modality === 'asserted' || e.modality === 'reported')) st.clusterFulfil.run(mid, mid, cid);
        if (plan) st.clusterPlanned.run(cid);
        st.evCluster.run(cid, mid);
        // Counters, updated in place (a full recount per article would be quadratic in big events).
        const newArticle = !st.clusterHasArticle.get(cid, aid, mid);
        const outlet = article.outlet ?? doc.article.outlet ?? null;
        const newSource = newArticle && (outlet === null || !st.clusterHasOutlet.get(cid, outlet, mid));
        st.clusterJoin.run(newArticle ? 1 : 0, newSource ? 1 : 0, newArticle ? 1 : 0, seen, seen, seen, seen, cid);
      }
      if (!existing) st.evCluster.run(cid, mid);
      if (src !== null) st.actorEv.run(src);
      if (tgt !== null && tgt !== src) st.actorEv.run(tgt);
    }
    return { articleId: String(aid), duplicate: false };
  }

  batch<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).immediate();
  }

  recordError(source: string, reason: string): void {
    this.st.errPut.run(source, reason, nowIso());
  }

  article(id: string): { article: StoredArticle; doc: CodedDocument } | null {
    const n = Number(id);
    if (!Number.isInteger(n)) return null;
    const r = this.st.artGet.get(n) as Row | undefined;
    if (!r) return null;
    let provenance: Record<string, string> = {};
    try {
      provenance = JSON.parse(String(r.provenance)) as Record<string, string>;
    } catch {
      /* keep empty */
    }
    return {
      article: {
        id: String(r.id),
        externalId: str(r.external_id),
        url: str(r.url),
        canonicalUrl: str(r.canonical_url),
        title: str(r.title),
        outlet: str(r.outlet),
        published: str(r.published),
        text: String(r.text),
        textHash: String(r.text_hash),
        html: str(r.html),
        provenance,
        ingestedAt: String(r.ingested_at),
      },
      doc: JSON.parse(String(r.doc)) as CodedDocument,
    };
  }

  events(filter: EventFilter & { mentions?: boolean }): Page<EventRow> {
    const limit = limitOf(filter.limit);
    const mentionLevel = !!filter.mentions;
    const { sql, params } = eventWhere(filter);
    const cur = decodeCursor(filter.cursor, isKey);
    const idCol = mentionLevel ? 'm.id' : 'c.id';
    const from = mentionLevel
      ? 'event_mentions m JOIN event_clusters c ON c.id = m.cluster_id JOIN articles a ON a.id = m.article_id'
      : 'event_clusters c JOIN event_mentions m ON m.id = c.rep_mention JOIN articles a ON a.id = m.article_id';
    const keyExpr = `coalesce(m.day, '')`;
    let where = sql;
    const p = [...params];
    if (cur) {
      where += ` AND (${keyExpr} < ? OR (${keyExpr} = ? AND ${idCol} < ?))`;
      p.push(cur.d, cur.d, cur.i);
    }
    const rows = this.db
      .prepare(`SELECT ${EVENT_COLS} FROM ${from} WHERE ${where} ORDER BY ${keyExpr} DESC, ${idCol} DESC LIMIT ?`)
      .all(...p, limit + 1) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const out: Page<EventRow> = { rows: rows.map((r) => toEventRow(r, !mentionLevel)), next: null };
    if (more) {
      const last = rows[rows.length - 1];
      out.next = encodeCursor({ d: String(last.day ?? ''), i: Number(mentionLevel ? last.m_id : last.cluster_id) });
    }
    if (!cur) out.total = Number((this.db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${sql}`).get(...params) as Row).n);
    return out;
  }

  event(id: string): { event: EventRow; mentions: EventRow[] } | null {
    let n = Number(id);
    if (!Number.isInteger(n)) {
      const r = this.db.prepare('SELECT id FROM event_clusters WHERE key = ?').get(id) as Row | undefined;
      if (!r) return null;
      n = Number(r.id);
    }
    const r = this.db
      .prepare(`SELECT ${EVENT_COLS} FROM event_clusters c JOIN event_mentions m ON m.id = c.rep_mention JOIN articles a ON a.id = m.article_id WHERE c.id = ?`)
      .get(n) as Row | undefined;
    if (!r) return null;
    const ms = this.db
      .prepare(`SELECT ${EVENT_COLS} FROM event_mentions m JOIN event_clusters c ON c.id = m.cluster_id JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ? ORDER BY coalesce(a.published, ''), m.id`)
      .all(n) as Row[];
    return { event: toEventRow(r, true), mentions: ms.map((x) => toEventRow(x, false)) };
  }

  /** The full CodedEvent (with its evidence) of one event mention. */
  eventMention(id: string): CodedEvent | null {
    const r = this.db.prepare('SELECT evidence FROM event_mentions WHERE id = ?').get(Number(id)) as Row | undefined;
    return r ? (JSON.parse(String(r.evidence)) as CodedEvent) : null;
  }

  actors(filter: { actor?: string; limit?: number; cursor?: string }): Page<ActorRow> {
    const limit = limitOf(filter.limit);
    const cur = decodeCursor(filter.cursor, isOffset);
    const w: string[] = [];
    const p: unknown[] = [];
    if (filter.actor) {
      const a = filter.actor.trim();
      w.push(`(code LIKE ? ESCAPE '\\' OR country = ? OR name LIKE ? ESCAPE '\\')`);
      p.push(like(a) + '%', a.toUpperCase(), '%' + like(a) + '%');
    }
    const where = w.length ? w.join(' AND ') : '1';
    const off = cur?.o ?? 0;
    const rows = this.db
      .prepare(`SELECT code, name, country, kind, mentions, events, articles FROM actors WHERE ${where} ORDER BY mentions DESC, id LIMIT ? OFFSET ?`)
      .all(...p, limit + 1, off) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const out: Page<ActorRow> = {
      rows: rows.map((r) => ({
        code: str(r.code),
        name: String(r.name),
        country: str(r.country),
        kind: String(r.kind),
        mentions: Number(r.mentions),
        events: Number(r.events),
        articles: Number(r.articles),
      })),
      next: more ? encodeCursor({ o: off + limit }) : null,
    };
    if (!cur) out.total = Number((this.db.prepare(`SELECT count(*) AS n FROM actors WHERE ${where}`).get(...p) as Row).n);
    return out;
  }

  quotes(filter: { speaker?: string; text?: string; articleId?: string; limit?: number; cursor?: string }): Page<QuoteRow> {
    const limit = limitOf(filter.limit);
    const cur = decodeCursor(filter.cursor, isKey);
    const w: string[] = [];
    const p: unknown[] = [];
    if (filter.speaker) {
      const s = filter.speaker.trim();
      w.push(`(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_code LIKE ? ESCAPE '\\')`);
      p.push('%' + like(s) + '%', like(s) + '%');
    }
    if (filter.text) {
      const fq = ftsQuery(filter.text);
      if (fq) {
        w.push('q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)');
        p.push(fq);
      }
    }
    if (filter.articleId) {
      w.push('q.article_id = ?');
      p.push(Number(filter.articleId));
    }
    const base = w.length ? w.join(' AND ') : '1';
    const key = `coalesce(a.published, '')`;
    let where = base;
    const pp = [...p];
    if (cur) {
      where += ` AND (${key} < ? OR (${key} = ? AND q.id < ?))`;
      pp.push(cur.d, cur.d, cur.i);
    }
    const rows = this.db
      .prepare(
        `SELECT q.*, a.published, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ${where} ORDER BY ${key} DESC, q.id DESC LIMIT ?`,
      )
      .all(...pp, limit + 1) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const out: Page<QuoteRow> = {
      rows: rows.map((r) => ({
        id: String(r.id),
        articleId: String(r.article_id),
        kind: String(r.kind),
        text: String(r.text),
        start: Number(r.start),
        end: Number(r.end),
        speakerName: str(r.speaker_name),
        speakerCode: str(r.speaker_code),
        cue: str(r.cue),
        medium: str(r.medium),
        published: str(r.published),
        outlet: str(r.outlet),
      })),
      next: null,
    };
    if (more) {
      const last = rows[rows.length - 1];
      out.next = encodeCursor({ d: String(last.published ?? ''), i: Number(last.id) });
    }
    if (!cur) out.total = Number((this.db.prepare(`SELECT count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ${base}`).get(...p) as Row).n);
    return out;
  }

  search(
    q: string,
    opts: { limit?: number; cursor?: string } = {},
  ): Page<{ kind: 'article' | 'quote'; id: string; articleId: string; title: string | null; snippet: string }> {
    const limit = limitOf(opts.limit);
    const cur = decodeCursor(opts.cursor, isOffset);
    const fq = ftsQuery(q);
    if (!fq) return { rows: [], next: null, total: 0 };
    const off = cur?.o ?? 0;
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT 'article' AS kind, f.rowid AS id, f.rowid AS article_id, a.title AS title,
                  snippet(articles_fts, 1, '[', ']', '…', 16) AS snip, bm25(articles_fts) AS rank
             FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?
           UNION ALL
           SELECT 'quote', f.rowid, q.article_id, a.title, snippet(quotes_fts, 0, '[', ']', '…', 16), bm25(quotes_fts)
             FROM quotes_fts f JOIN quotes q ON q.id = f.rowid JOIN articles a ON a.id = q.article_id WHERE quotes_fts MATCH ?
         ) ORDER BY rank, kind, id LIMIT ? OFFSET ?`,
      )
      .all(fq, fq, limit + 1, off) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const out: Page<{ kind: 'article' | 'quote'; id: string; articleId: string; title: string | null; snippet: string }> = {
      rows: rows.map((r) => ({
        kind: r.kind === 'quote' ? 'quote' : 'article',
        id: String(r.id),
        articleId: String(r.article_id),
        title: str(r.title),
        snippet: String(r.snip ?? ''),
      })),
      next: more ? encodeCursor({ o: off + limit }) : null,
    };
    if (!cur) {
      const a = this.db.prepare('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?').get(fq) as Row;
      const b = this.db.prepare('SELECT count(*) AS n FROM quotes_fts WHERE quotes_fts MATCH ?').get(fq) as Row;
      out.total = Number(a.n) + Number(b.n);
    }
    return out;
  }

  timeline(filter: EventFilter & { bucket?: 'day' | 'week' | 'month' }): TimelinePoint[] {
    const { sql, params } = eventWhere(filter);
    const b = filter.bucket ?? 'day';
    const period = b === 'month' ? 'substr(m.day, 1, 7)' : b === 'week' ? `strftime('%Y-W%W', m.day)` : 'substr(m.day, 1, 10)';
    const rows = this.db
      .prepare(
        `SELECT ${period} AS period, sum(m.quad = 1) AS q1, sum(m.quad = 2) AS q2, sum(m.quad = 3) AS q3, sum(m.quad = 4) AS q4,
           avg(m.goldstein) AS g, count(*) AS n
         FROM event_clusters c JOIN event_mentions m ON m.id = c.rep_mention
         WHERE m.day IS NOT NULL AND ${sql} GROUP BY period ORDER BY period`,
      )
      .all(...params) as Row[];
    return rows.map((r) => ({
      period: String(r.period),
      quad1: Number(r.q1),
      quad2: Number(r.q2),
      quad3: Number(r.q3),
      quad4: Number(r.q4),
      goldstein: Math.round(Number(r.g) * 100) / 100,
      count: Number(r.n),
    }));
  }

  network(filter: EventFilter & { by?: 'code' | 'country' }): NetworkEdge[] {
    const { sql, params } = eventWhere(filter);
    const by = filter.by ?? 'country';
    const s = by === 'code' ? 'm.source_code' : 'm.source_country';
    const t = by === 'code' ? 'm.target_code' : 'm.target_country';
    const rows = this.db
      .prepare(
        `SELECT ${s} AS s, ${t} AS t, count(*) AS n, avg(m.goldstein) AS g
         FROM event_clusters c JOIN event_mentions m ON m.id = c.rep_mention
         WHERE ${s} IS NOT NULL AND ${t} IS NOT NULL AND ${sql}
         GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?`,
      )
      .all(...params, limitOf(filter.limit ?? 500)) as Row[];
    return rows.map((r) => ({ source: String(r.s), target: String(r.t), count: Number(r.n), meanGoldstein: Math.round(Number(r.g) * 100) / 100 }));
  }

  articles(filter: ArticleFilter): Page<ArticleRow> {
    const limit = limitOf(filter.limit);
    const cur = decodeCursor(filter.cursor, isKey);
    const w: string[] = [];
    const p: unknown[] = [];
    if (filter.outlet) {
      w.push(`a.outlet LIKE ? ESCAPE '\\'`);
      p.push('%' + like(filter.outlet.trim()) + '%');
    }
    if (filter.since) {
      w.push('a.published >= ?');
      p.push(filter.since.trim());
    }
    if (filter.until) {
      const u = filter.until.trim();
      w.push('substr(a.published, 1, ?) <= ?');
      p.push(u.length, u);
    }
    if (filter.text) {
      const fq = ftsQuery(filter.text);
      if (fq) {
        w.push('a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
        p.push(fq);
      }
    }
    const base = w.length ? w.join(' AND ') : '1';
    const key = `coalesce(a.published, '')`;
    let where = base;
    const pp = [...p];
    if (cur) {
      where += ` AND (${key} < ? OR (${key} = ? AND a.id < ?))`;
      pp.push(cur.d, cur.d, cur.i);
    }
    const rows = this.db
      .prepare(
        `SELECT a.id, a.external_id, a.title, a.outlet, a.published, a.url, a.canonical_url, a.n_events, a.n_quotes, a.ingested_at,
           (SELECT count(*) FROM article_copies k WHERE k.article_id = a.id) AS copies
         FROM articles a WHERE ${where} ORDER BY ${key} DESC, a.id DESC LIMIT ?`,
      )
      .all(...pp, limit + 1) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const out: Page<ArticleRow> = {
      rows: rows.map((r) => ({
        id: String(r.id),
        externalId: str(r.external_id),
        title: str(r.title),
        outlet: str(r.outlet),
        published: str(r.published),
        url: str(r.url),
        canonicalUrl: str(r.canonical_url),
        events: Number(r.n_events),
        quotes: Number(r.n_quotes),
        copies: Number(r.copies),
        ingestedAt: String(r.ingested_at),
      })),
      next: null,
    };
    if (more) {
      const last = rows[rows.length - 1];
      out.next = encodeCursor({ d: String(last.published ?? ''), i: Number(last.id) });
    }
    if (!cur) out.total = Number((this.db.prepare(`SELECT count(*) AS n FROM articles a WHERE ${base}`).get(...p) as Row).n);
    return out;
  }

  errors(filter: { limit?: number; cursor?: string }): Page<ErrorRow> {
    const limit = limitOf(filter.limit);
    const cur = decodeCursor(filter.cursor, isOffset);
    const off = cur?.o ?? 0;
    const rows = this.db.prepare('SELECT id, source, reason, at FROM errors ORDER BY id DESC LIMIT ? OFFSET ?').all(limit + 1, off) as Row[];
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const out: Page<ErrorRow> = {
      rows: rows.map((r) => ({ id: String(r.id), source: String(r.source), reason: String(r.reason), at: String(r.at) })),
      next: more ? encodeCursor({ o: off + limit }) : null,
    };
    if (!cur) out.total = Number((this.db.prepare('SELECT count(*) AS n FROM errors').get() as Row).n);
    return out;
  }

  dedupe(): { mentions: number; events: number } {
    const recs = this.mentionRecords().map((x) => x.rec);
    recs.sort(mentionOrder);
    const c = new Clusterer();
    for (const r of recs) c.add(r);
    const res = c.result();
    const midOf = (key: string) => Number(/^m(\d+)/.exec(key)?.[1] ?? NaN);
    const days = new Map<number, string | null>();
    for (const r of this.db.prepare('SELECT id, day FROM event_mentions').all() as Row[]) days.set(Number(r.id), str(r.day));
    this.db.transaction(() => {
      this.db.exec('DELETE FROM event_clusters');
      const ins = this.db.prepare(`INSERT INTO event_clusters(key, rep_mention, day, mentions, sources, articles, first_seen, last_seen, status, stories, planned, fulfilled_by, links)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`);
      const upd = this.db.prepare('UPDATE event_mentions SET cluster_id = ? WHERE id = ?');
      for (const cl of res.clusters) {
        const rep = midOf(cl.representative);
        const links = cl.links.map((l) => ({ planned: String(midOf(l.planned)), fulfilledBy: String(midOf(l.fulfilledBy)) }));
        const info = ins.run(
          cl.id,
          rep,
          dayOf(cl.date) ?? days.get(rep) ?? null,
          cl.mentionKeys.length,
          Math.max(1, cl.sources.length),
          cl.articles.length,
          cl.firstSeen ? cl.firstSeen.slice(0, 10) : null,
          cl.lastSeen ? cl.lastSeen.slice(0, 10) : null,
          cl.status,
          cl.stories,
          cl.planned.length,
          cl.fulfilledBy ? midOf(cl.fulfilledBy) : null,
          links.length ? JSON.stringify(links) : null,
        );
        const cid = Number(info.lastInsertRowid);
        for (const k of cl.mentionKeys) if (!k.includes('~')) upd.run(cid, midOf(k));
      }
    }).immediate();
    this.clusterer = c;
    return { mentions: res.stats.mentions, events: res.stats.events };
  }

  counts(): { articles: number; events: number; mentions: number; actors: number; quotes: number; errors: number } {
    const n = (sql: string) => Number((this.db.prepare(sql).get() as Row).n);
    return {
      articles: n('SELECT count(*) AS n FROM articles'),
      events: n('SELECT count(*) AS n FROM event_clusters'),
      mentions: n('SELECT count(*) AS n FROM event_mentions'),
      actors: n('SELECT count(*) AS n FROM actors'),
      quotes: n('SELECT count(*) AS n FROM quotes'),
      errors: n('SELECT count(*) AS n FROM errors'),
    };
  }

  /** `PRAGMA integrity_check` result ("ok" when sound). */
  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
