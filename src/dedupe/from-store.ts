/**
 * Build dedupe input from any Store: every event mention (mention-level EventRow) joined with its
 * article (publication date, normalised-text hash, MinHash signature of the text) and, when the
 * store keeps the coded event, the place's GeoNames feature. A store can use this directly
 * (`clusterMentions(mentionRecordsFromStore(store))`) or build MentionRecords from its own tables.
 */
import type { CodedDocument, CodedEvent } from '../document.js';
import type { EventFilter, EventRow, Store, StoredArticle } from '../store/types.js';
import { storySignature, type MentionRecord } from './index.js';

interface ArticleBits {
  published: string | null;
  hash: string | null;
  sig: number[] | null;
  places: Map<string, string | null>;
}

export function mentionRecordFromRow(r: EventRow, art: ArticleBits | null, ev?: CodedEvent | null): MentionRecord {
  const feature = ev?.place?.place && art ? art.places.get(ev.place.place) ?? null : null;
  return {
    key: r.id,
    articleId: r.articleId,
    outlet: r.outlet,
    url: r.url,
    published: art?.published ?? null,
    storyHash: art?.hash ?? null,
    storySig: art?.sig ?? null,
    date: r.date,
    datePrecision: r.datePrecision,
    dateAnchor: ev?.date?.anchor ?? null,
    code: r.code,
    root: r.root,
    sourceCode: r.sourceCode,
    sourceCountry: r.sourceCountry,
    targetCode: r.targetCode,
    targetCountry: r.targetCountry,
    placeName: r.placeName,
    placeCountry: r.placeCountry,
    lat: r.lat,
    lon: r.lon,
    placeFeature: feature,
    modality: r.modality,
    sentence: r.sentence,
    confidence: r.confidence,
  };
}

/** All event mentions of a store (optionally filtered) as MentionRecords, oldest article first. */
export function mentionRecordsFromStore(store: Store, filter: EventFilter = {}, opts: { minhash?: boolean } = {}): MentionRecord[] {
  const arts = new Map<string, ArticleBits | null>();
  const rich = store as unknown as { eventMention?(id: string): CodedEvent | null };
  const out: MentionRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = store.events({ ...filter, mentions: true, limit: 1000, cursor });
    for (const r of page.rows) {
      let art = arts.get(r.articleId);
      if (art === undefined) {
        art = null;
        const a = store.article(r.articleId) as { article: StoredArticle; doc: CodedDocument } | null;
        if (a) {
          const places = new Map<string, string | null>();
          for (const p of a.doc?.places ?? []) places.set(p.id, p.feature ?? null);
          art = {
            published: a.article.published,
            hash: a.article.textHash,
            sig: opts.minhash === false ? null : storySignature(a.article.text).minhash,
            places,
          };
        }
        arts.set(r.articleId, art);
      }
      let ev: CodedEvent | null = null;
      try {
        ev = rich.eventMention ? rich.eventMention(r.id) : null;
      } catch {
        ev = null;
      }
      out.push(mentionRecordFromRow(r, art, ev));
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return out;
}
