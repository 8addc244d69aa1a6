/** `code(article, options) → CodedDocument`: the library's main entry point. */
import type { Article, ActorOut, CodeOptions, CodedDocument, Doc } from './document.js';
import { newDoc } from './doc.js';

export { newDoc };
import { DyadInputError } from './errors.js';
import { MAX_TEXT, junkRatio, looksLikeHtml, maskHtml, normalizeDate } from './normalize.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import { VERSION } from './version.js';

let defaultPipeline: Pipeline | null = null;


/** Check an article object handed in by a user; throws DyadInputError naming the problem. */
export function checkArticle(a: unknown): Article {
  if (!a || typeof a !== 'object' || Array.isArray(a)) throw new DyadInputError('an article must be an object with a "text" field');
  const art = a as Record<string, unknown>;
  if (typeof art.text !== 'string') throw new DyadInputError('article "text" must be a string');
  for (const k of ['id', 'title', 'url', 'outlet', 'published', 'html', 'language'] as const) {
    if (art[k] !== undefined && art[k] !== null && typeof art[k] !== 'string' && !(k === 'id' && typeof art[k] === 'number'))
      throw new DyadInputError(`article "${k}" must be a string`);
  }
  const out = { ...art } as unknown as Article;
  if (typeof art.id === 'number') out.id = String(art.id);
  for (const k of ['id', 'title', 'url', 'outlet', 'published', 'html', 'language'] as const) if (out[k] === null) delete out[k];
  return out;
}

export function code(article: Article, options: CodeOptions = {}, pipeline?: Pipeline): CodedDocument {
  const art = checkArticle(article);
  const published = normalizeDate(options.published ?? art.published);
  let text = art.text;
  const warnings: string[] = [];
  let skip = false;
  if (!text.trim()) {
    warnings.push('empty text: nothing to code');
    skip = true;
  } else if (junkRatio(text) > 0.1) {
    warnings.push('text looks like binary data (many control characters): nothing coded');
    skip = true;
  } else {
    if (text.length > MAX_TEXT) {
      warnings.push(`text is ${text.length} characters; only the first ${MAX_TEXT} were coded`);
      text = text.slice(0, MAX_TEXT);
    }
    if (looksLikeHtml(text)) {
      warnings.push('text looks like HTML: markup was masked before coding (offsets still index the text as given)');
      text = maskHtml(text);
    }
  }
  const doc = newDoc(art, text, published);
  doc.warnings.push(...warnings);
  if (!skip) {
    const p = pipeline ?? (defaultPipeline ??= createPipeline());
    for (const stage of p.stages) stage.run(doc);
    // A headline-like first line is the title when none was given.
    const first = doc.sentences[0];
    if (!doc.meta.title && first?.headline) doc.meta.title = first.text;
  }
  return toCodedDocument(doc, options);
}

/** Turn the working document into the public output contract. */
export function toCodedDocument(doc: Doc, options: CodeOptions = {}): CodedDocument {
  const byActor = new Map<string, ActorOut['mentions']>();
  for (const m of [...doc.mentions].sort((a, b) => a.start - b.start)) {
    let list = byActor.get(m.actor);
    if (!list) byActor.set(m.actor, (list = []));
    list.push({ start: m.start, end: m.end, text: doc.article.text.slice(m.start, m.end), how: m.how });
  }
  const actors: ActorOut[] = [];
  for (const a of doc.actors.values()) actors.push({ ...a, mentions: byActor.get(a.id) ?? [] });
  const out: CodedDocument = {
    dyad: VERSION,
    article: doc.meta,
    actors,
    events: doc.events,
    quotes: doc.quotes,
    times: doc.times,
    places: doc.places,
  };
  if (doc.warnings.length) out.warnings = doc.warnings;
  if (options.debug) out.debug = { sentences: doc.sentences, tokens: doc.tokens };
  return out;
}
