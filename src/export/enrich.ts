/**
 * Fill the optional ExportExtras of store rows from what the store keeps beside them: the full
 * coded event of a mention (group, PLOVER mode/context, trigger offset, sentence index, place
 * feature and GeoNames id), the article (publication time, title, length) and, for event rows, the
 * outlets of all the event's mentions. Uses only optional store methods (duck-typed), so any Store
 * works; what a store cannot give stays unset and the exporters leave those columns empty.
 */
import type { CodedDocument, CodedEvent } from '../document.js';
import type { EventRow, Store, StoredArticle } from '../store/types.js';
import type { ExportRow } from './common.js';

interface RichStore {
  eventMention?(id: string): CodedEvent | null;
  event?(id: string): { event: EventRow; mentions: EventRow[] } | null;
}

interface ArticleInfo {
  published: string | null;
  title: string | null;
  length: number;
  places: Map<string, { feature: string | null; geonameid: number | null }>;
  events: CodedEvent[];
  /** Mention start offsets of each actor, in text order. */
  mentions: Map<string, number[]>;
  /** End offset of the lead paragraph (headline and dateline lines included). */
  leadEnd: number;
}

/**
 * Where the lead ends: the first paragraph (a line of text) that reads as body prose — it ends in
 * sentence punctuation or is long — ends the lead; shorter lines before it (headline, byline,
 * dateline) belong to it. GDELT marks events of the lead paragraph as root events.
 */
export function leadEnd(text: string): number {
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const line = m[0].trim();
    if (!line) continue;
    if (line.length >= 120 || /[.!?]["'”’)]?$/.test(line)) return m.index + m[0].length;
  }
  return text.length;
}

/** Start of the actor's mention nearest the trigger inside the evidence span (GDELT's Actor*CharOffset). */
function mentionStart(starts: number[] | undefined, ev: CodedEvent): number | null {
  if (!starts?.length) return null;
  const at = ev.evidence?.trigger?.start ?? ev.evidence?.start ?? 0;
  let best: number | null = null;
  for (const s of starts) {
    if (s < (ev.evidence?.start ?? 0) || s >= (ev.evidence?.end ?? Infinity)) continue;
    if (best === null || Math.abs(s - at) < Math.abs(best - at)) best = s;
  }
  return best;
}

export class Enricher {
  private readonly articles = new Map<string, ArticleInfo | null>();
  constructor(private readonly store: Store, private readonly cacheSize = 256) {}

  private article(id: string): ArticleInfo | null {
    if (this.articles.has(id)) return this.articles.get(id)!;
    let info: ArticleInfo | null = null;
    try {
      const a = this.store.article(id) as { article: StoredArticle; doc: CodedDocument } | null;
      if (a) {
        const places = new Map<string, { feature: string | null; geonameid: number | null }>();
        for (const p of a.doc?.places ?? []) places.set(p.id, { feature: p.feature ?? null, geonameid: p.geonameid ?? null });
        const mentions = new Map<string, number[]>();
        for (const ac of a.doc?.actors ?? []) mentions.set(ac.id, (ac.mentions ?? []).map((x) => x.start));
        const text = a.article.text ?? '';
        info = { published: a.article.published, title: a.article.title, length: text.length, places, events: a.doc?.events ?? [], mentions, leadEnd: leadEnd(text) };
      }
    } catch {
      info = null;
    }
    if (this.articles.size >= this.cacheSize) this.articles.delete(this.articles.keys().next().value as string);
    this.articles.set(id, info);
    return info;
  }

  private fromEvent(row: ExportRow, ev: CodedEvent | null, art: ArticleInfo | null): ExportRow {
    const out: ExportRow = { ...row };
    if (art) {
      out.published = art.published;
      out.title = art.title;
      out.docLength = art.length;
    }
    if (ev) {
      out.group = ev.group ?? null;
      out.ploverMode = ev.plover?.mode ?? null;
      out.ploverContext = ev.plover?.context ?? null;
      out.sentenceIndex = typeof ev.evidence?.sentence === 'number' ? ev.evidence.sentence : null;
      out.triggerStart = ev.evidence?.trigger?.start ?? ev.evidence?.start ?? null;
      if (art) {
        out.isRoot = typeof ev.evidence?.start === 'number' ? ev.evidence.start < art.leadEnd : null;
        out.sourceStart = ev.source ? mentionStart(art.mentions.get(ev.source.actor), ev) : null;
        out.targetStart = ev.target ? mentionStart(art.mentions.get(ev.target.actor), ev) : null;
      }
      const pid = ev.place?.place ?? null;
      const p = pid && art ? art.places.get(pid) : undefined;
      if (p) {
        out.placeFeature = p.feature;
        out.geonameid = p.geonameid;
      }
    }
    return out;
  }

  /** The coded event behind a row: same code and evidence offsets in the row's article. */
  private codedEvent(row: EventRow, art: ArticleInfo | null): CodedEvent | null {
    if (art) {
      const same = art.events.filter((e) => e.code === row.code && e.evidence?.start === row.evidenceStart && e.evidence?.end === row.evidenceEnd);
      // reciprocal and compound events share code and evidence: the actors tell them apart
      const ev = same.find((e) => (e.source?.code ?? null) === (row.sourceCode ?? null) && (e.target?.code ?? null) === (row.targetCode ?? null)) ?? same[0];
      if (ev) return ev;
    }
    return null;
  }

  /** A mention-level row (row.id is the mention id). */
  mention(row: EventRow): ExportRow {
    const art = this.article(row.articleId);
    let ev = this.codedEvent(row, art);
    if (!ev) {
      const rs = this.store as unknown as RichStore;
      try {
        ev = rs.eventMention ? rs.eventMention(row.id) : null;
      } catch {
        ev = null;
      }
    }
    return this.fromEvent(row, ev, art);
  }

  /** An event (cluster) row: details of its representative mention plus the outlets of all mentions. */
  event(row: EventRow): ExportRow {
    const art = this.article(row.articleId);
    const out = this.fromEvent(row, this.codedEvent(row, art), art);
    // Every outlet of the cluster: only worth a query when there is more than one source.
    if (row.sources > 1) {
      const rs = this.store as unknown as RichStore;
      try {
        const detail = rs.event ? rs.event(row.cluster) : null;
        if (detail) {
          const outlets: string[] = [];
          for (const m of detail.mentions) if (m.outlet && !outlets.includes(m.outlet)) outlets.push(m.outlet);
          out.outlets = outlets;
        }
      } catch {
        /* keep the representative's outlet */
      }
    } else if (row.outlet) out.outlets = [row.outlet];
    return out;
  }
}
