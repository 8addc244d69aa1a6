/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds → one item per entry (fast-xml-parser). */
import { createRequire } from 'node:module';
import type { XMLParser as XMLParserClass, X2jOptions } from 'fast-xml-parser';

const require = createRequire(import.meta.url);

export interface FeedItem {
  title: string | null;
  link: string | null;
  published: string | null;
  /** Full content (content:encoded / Atom content), HTML or text, when the feed carries it. */
  content: string | null;
  /** Summary / description. */
  summary: string | null;
  id: string | null;
  author: string | null;
}

export interface Feed {
  kind: 'rss' | 'atom' | 'rdf';
  title: string | null;
  link: string | null;
  items: FeedItem[];
}

let parser: XMLParserClass | null = null;
const parserOptions: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: undefined,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  parseTagValue: false,
  isArray: (name: string) => name === 'item' || name === 'entry' || name === 'link',
};

type Node = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') {
    const t = (v as Node)['#text'];
    if (t !== undefined) return text(t);
  }
  return null;
}

function atomLink(v: unknown): string | null {
  const links = arr(v) as (Node | string)[];
  let best: string | null = null;
  for (const l of links) {
    if (typeof l === 'string') return l.trim() || null;
    const href = typeof l['@href'] === 'string' ? (l['@href'] as string) : null;
    const rel = typeof l['@rel'] === 'string' ? (l['@rel'] as string) : 'alternate';
    if (href && rel === 'alternate') return href;
    if (href && !best) best = href;
  }
  return best;
}

/** Is this XML a feed? (cheap sniff on the first few KB) */
export function looksLikeFeed(head: string): boolean {
  return /<(rss|feed|rdf:RDF)\b/i.test(head.slice(0, 4096));
}

/** Parse a feed; throws with a one-line reason when the XML is not a feed. */
export function parseFeed(xml: string): Feed {
  let root: Node;
  try {
    parser ??= new (require('fast-xml-parser') as { XMLParser: typeof XMLParserClass }).XMLParser(parserOptions);
    root = parser.parse(xml) as Node;
  } catch (e) {
    throw new Error(`not well-formed XML (${(e as Error).message.split('\n')[0]})`);
  }
  if (root.rss) {
    const ch = ((root.rss as Node).channel ?? {}) as Node;
    return {
      kind: 'rss',
      title: text(ch.title),
      link: text(arr(ch.link)[0]),
      items: arr(ch.item).map((x) => {
        const it = x as Node;
        return {
          title: text(it.title),
          link: text(arr(it.link)[0]) ?? (typeof it.guid === 'object' && (it.guid as Node)['@isPermaLink'] !== 'false' ? text(it.guid) : null),
          published: text(it.pubDate) ?? text(it['dc:date']),
          content: text(it['content:encoded']),
          summary: text(it.description),
          id: text(it.guid),
          author: text(it['dc:creator']) ?? text(it.author),
        };
      }),
    };
  }
  if (root.feed) {
    const f = root.feed as Node;
    return {
      kind: 'atom',
      title: text(f.title),
      link: atomLink(f.link),
      items: arr(f.entry).map((x) => {
        const e = x as Node;
        const author = arr(e.author)[0] as Node | undefined;
        return {
          title: text(e.title),
          link: atomLink(e.link),
          published: text(e.published) ?? text(e.updated),
          content: text(e.content),
          summary: text(e.summary),
          id: text(e.id),
          author: author ? text(author.name) : null,
        };
      }),
    };
  }
  const rdf = root['rdf:RDF'] as Node | undefined;
  if (rdf) {
    const ch = (rdf.channel ?? {}) as Node;
    return {
      kind: 'rdf',
      title: text(ch.title),
      link: text(arr(ch.link)[0]),
      items: arr(rdf.item).map((x) => {
        const it = x as Node;
        return {
          title: text(it.title),
          link: text(arr(it.link)[0]),
          published: text(it['dc:date']),
          content: text(it['content:encoded']),
          summary: text(it.description),
          id: text(it['@rdf:about']),
          author: text(it['dc:creator']),
        };
      }),
    };
  }
  throw new Error('not an RSS or Atom feed');
}
