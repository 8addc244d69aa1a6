/**
 * The SQLite schema as an ordered list of migrations. `PRAGMA user_version` holds the number of
 * migrations applied; opening a store applies the missing ones in one transaction. Never edit a
 * released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    external_id TEXT,
    url TEXT,
    canonical_url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    html TEXT,
    provenance TEXT NOT NULL DEFAULT '{}',
    source TEXT,
    doc TEXT NOT NULL,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX articles_text_hash ON articles(text_hash);
  CREATE INDEX articles_published ON articles(published);
  CREATE INDEX articles_external ON articles(external_id);

  -- URL identity keys (normalised URL and declared canonical URL) of every stored article.
  CREATE TABLE article_keys (key TEXT PRIMARY KEY, article_id INTEGER NOT NULL) WITHOUT ROWID;

  -- The same text carried by another outlet or URL (wire reprints): not coded again, but counted.
  CREATE TABLE article_copies (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    external_id TEXT,
    seen_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX article_copies_u ON article_copies(article_id, coalesce(url, ''), coalesce(outlet, ''));

  CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    code TEXT,
    name TEXT NOT NULL,
    country TEXT,
    type TEXT,
    kind TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX actors_code ON actors(code);
  CREATE INDEX actors_mentions ON actors(mentions DESC, id);

  CREATE TABLE actor_mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    local_actor TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    how TEXT NOT NULL
  );
  CREATE INDEX actor_mentions_article ON actor_mentions(article_id);
  CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);

  CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_actor_id INTEGER,
    speaker_name TEXT,
    speaker_code TEXT,
    cue TEXT,
    medium TEXT,
    evidence TEXT NOT NULL
  );
  CREATE INDEX quotes_article ON quotes(article_id);
  CREATE INDEX quotes_speaker ON quotes(speaker_actor_id);

  CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    precision TEXT NOT NULL,
    anchor TEXT NOT NULL,
    evidence TEXT NOT NULL
  );
  CREATE INDEX times_article ON times(article_id);

  CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    feature TEXT,
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL
  );
  CREATE INDEX places_article ON places(article_id);
  CREATE INDEX places_country ON places(country);

  -- One row per CodedEvent in one article.
  CREATE TABLE event_mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    cluster_id INTEGER,
    code TEXT NOT NULL,
    root TEXT NOT NULL,
    name TEXT NOT NULL,
    quad INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    plover_type TEXT,
    plover_mode TEXT,
    plover_context TEXT,
    source_actor_id INTEGER,
    source_name TEXT,
    source_code TEXT,
    source_country TEXT,
    target_actor_id INTEGER,
    target_name TEXT,
    target_code TEXT,
    target_country TEXT,
    grp TEXT,
    modality TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_anchor TEXT,
    -- First day covered by the event date, else the article's publication date: for filters and order.
    day TEXT,
    place_name TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL,
    quote_id INTEGER,
    sentence TEXT NOT NULL,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    -- The whole CodedEvent as JSON (evidence, trigger, modality cue, actor refs).
    evidence TEXT NOT NULL
  );
  CREATE INDEX event_mentions_article ON event_mentions(article_id);
  CREATE INDEX event_mentions_cluster ON event_mentions(cluster_id);
  CREATE INDEX event_mentions_day ON event_mentions(day);
  CREATE INDEX event_mentions_code ON event_mentions(code);
  CREATE INDEX event_mentions_src ON event_mentions(source_country, target_country);

  -- Real-world events: clusters of mentions across articles (see src/dedupe).
  CREATE TABLE event_clusters (
    id INTEGER PRIMARY KEY,
    rep_mention INTEGER NOT NULL,
    day TEXT,
    mentions INTEGER NOT NULL DEFAULT 1,
    sources INTEGER NOT NULL DEFAULT 1,
    articles INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT,
    last_seen TEXT
  );
  CREATE INDEX event_clusters_day ON event_clusters(day, id);

  CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX errors_u ON errors(source, reason);

  CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
  `,
  // 2: dedupe (src/dedupe) — stable cluster keys, status, stories, plan→fact links; near-reprint signatures.
  `
  ALTER TABLE articles ADD COLUMN story_sig TEXT;
  ALTER TABLE event_mentions ADD COLUMN place_feature TEXT;
  ALTER TABLE event_clusters ADD COLUMN key TEXT;
  ALTER TABLE event_clusters ADD COLUMN status TEXT;
  ALTER TABLE event_clusters ADD COLUMN stories INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE event_clusters ADD COLUMN planned INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE event_clusters ADD COLUMN fulfilled_by INTEGER;
  ALTER TABLE event_clusters ADD COLUMN links TEXT;
  CREATE UNIQUE INDEX event_clusters_key ON event_clusters(key);
  `,
  // 3: fast incremental event counts.
  `
  CREATE INDEX event_mentions_cluster_article ON event_mentions(cluster_id, article_id);
  `,
];
