/** The OpenAPI 3 description of the HTTP API, served at /api/v1/openapi.json. */
import { VERSION } from '../version.js';
import { DEFAULT_LIMIT, MAX_LIMIT, MODALITIES } from './params.js';

type Obj = Record<string, unknown>;

const qp = (name: string, description: string, schema: Obj = { type: 'string' }, required = false): Obj => ({ name, in: 'query', required, description, schema });

const FILTERS: Obj[] = [
  qp('actor', 'Actor code prefix or country (RUS, USAGOV) on either side, or a name substring.'),
  qp('dyad', 'Two actors separated by a colon, e.g. USA:RUS (either direction unless directed=true).'),
  qp('directed', 'Only events from the first actor of the dyad to the second.', { type: 'boolean' }),
  qp('code', 'CAMEO code or prefix (2 to 4 digits): 04, 043.', { type: 'string', pattern: '^\\d{2,4}$' }),
  qp('plover', 'PLOVER event type, e.g. CONSULT, ASSAULT.'),
  qp('quad', 'Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.', { type: 'integer', minimum: 1, maximum: 4 }),
  qp('since', 'Earliest event date (inclusive), YYYY-MM-DD.', { type: 'string', format: 'date' }),
  qp('until', 'Latest event date (inclusive), YYYY-MM-DD.', { type: 'string', format: 'date' }),
  qp('place', 'Place name substring or ISO-3 country of the event location.'),
  qp('modality', 'Event modality.', { type: 'string', enum: [...MODALITIES] }),
  qp('q', 'Full-text filter over the evidence sentence and article (alias: text).'),
  qp('text', 'Same as q.'),
  qp('article', 'Only events from this stored article id.'),
];
const PAGING: Obj[] = [
  qp('limit', `Rows per page (default ${DEFAULT_LIMIT}).`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT }),
  qp('cursor', 'The `next` value of the previous page.'),
  qp('fields', 'Comma-separated field names to return (default: all).'),
];
const fmt = (values: string[]) => qp('format', 'Response format.', { type: 'string', enum: values, default: 'json' });

const errorResponse = (description: string): Obj => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const ERRORS: Obj = {
  '400': errorResponse('Invalid input (unknown parameter, bad value); the message says which.'),
  '401': errorResponse('Missing or wrong bearer token (private server, or a write).'),
};
const page = (item: string): Obj => ({
  type: 'object',
  required: ['rows', 'next'],
  properties: { rows: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, next: { type: 'string', nullable: true }, total: { type: 'integer' } },
});
const listResponses = (item: string, formats: string[]): Obj => ({
  '200': {
    description: `A page of ${item} rows.`,
    content: {
      'application/json': { schema: page(item) },
      ...(formats.includes('csv') ? { 'text/csv': { schema: { type: 'string' } } } : {}),
      ...(formats.includes('geojson') ? { 'application/geo+json': { schema: { type: 'object', description: 'FeatureCollection of located rows; `unlocated` counts rows without coordinates.' } } } : {}),
    },
  },
  ...ERRORS,
});

const s = (type: string, nullable = false): Obj => (nullable ? { type, nullable: true } : { type });

export function openApiDocument(): Obj {
  return {
    openapi: '3.0.3',
    info: {
      title: 'dyad API',
      version: VERSION,
      description:
        'Political event data coded from news articles, with evidence for every field. Reads are open unless the server runs with --private; writes need `Authorization: Bearer <token>` (the server refuses writes when it has no token). Request bodies are limited to 2 MB. Errors are JSON: {"error": {"status", "code", "message"}}.',
      license: { name: 'MIT' },
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', properties: { status: s('integer'), code: s('string'), message: s('string') } } },
        },
        Article: {
          type: 'object',
          required: ['text'],
          properties: { id: s('string'), text: s('string'), published: { type: 'string', description: 'YYYY-MM-DD or ISO timestamp' }, title: s('string'), url: s('string'), outlet: s('string'), html: s('string'), language: s('string') },
        },
        CodedDocument: { type: 'object', description: 'See schema/coded-document.schema.json in the package.' },
        Event: {
          type: 'object',
          properties: {
            id: s('string'), cluster: s('string'), articleId: s('string'), date: s('string', true), datePrecision: s('string', true),
            code: s('string'), root: s('string'), name: s('string'), quad: s('integer'), goldstein: s('number'), plover: s('string', true),
            sourceName: s('string', true), sourceCode: s('string', true), sourceCountry: s('string', true),
            targetName: s('string', true), targetCode: s('string', true), targetCountry: s('string', true),
            modality: s('string'), placeName: s('string', true), placeCountry: s('string', true), lat: s('number', true), lon: s('number', true),
            sentence: s('string'), evidenceStart: s('integer'), evidenceEnd: s('integer'), rule: s('string'), confidence: s('number'),
            quoteId: s('string', true), mentions: s('integer'), sources: s('integer'), articles: s('integer'),
            firstSeen: s('string', true), lastSeen: s('string', true), outlet: s('string', true), url: s('string', true),
          },
        },
        Actor: { type: 'object', properties: { code: s('string', true), name: s('string'), country: s('string', true), kind: s('string'), mentions: s('integer'), events: s('integer'), articles: s('integer') } },
        Quote: {
          type: 'object',
          properties: { id: s('string'), articleId: s('string'), kind: s('string'), text: s('string'), start: s('integer'), end: s('integer'), speakerName: s('string', true), speakerCode: s('string', true), cue: s('string', true), medium: s('string', true), published: s('string', true), outlet: s('string', true) },
        },
        ArticleRow: {
          type: 'object',
          properties: { id: s('string'), externalId: s('string', true), title: s('string', true), outlet: s('string', true), published: s('string', true), url: s('string', true), canonicalUrl: s('string', true), events: s('integer'), quotes: s('integer'), copies: s('integer'), ingestedAt: s('string') },
        },
        SearchHit: { type: 'object', properties: { kind: { type: 'string', enum: ['article', 'quote'] }, id: s('string'), articleId: s('string'), title: s('string', true), snippet: s('string') } },
        TimelinePoint: { type: 'object', properties: { period: s('string'), quad1: s('integer'), quad2: s('integer'), quad3: s('integer'), quad4: s('integer'), goldstein: s('number'), count: s('integer') } },
        NetworkEdge: { type: 'object', properties: { source: s('string'), target: s('string'), count: s('integer'), meanGoldstein: s('number') } },
      },
    },
    paths: {
      '/': { get: { summary: 'Server version, counts, whether writes are enabled.', responses: { '200': { description: 'Overview.' }, ...ERRORS } } },
      '/openapi.json': { get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3 document.' } } } },
      '/code': {
        post: {
          summary: 'Code one article; nothing is stored.',
          parameters: [qp('published', 'Publication date YYYY-MM-DD (overrides the article\'s).', { type: 'string', format: 'date' }), qp('debug', 'Include tokens and sentences.', { type: 'boolean' })],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Article' }, { type: 'object', properties: { article: { $ref: '#/components/schemas/Article' } } }] } } } },
          responses: { '200': { description: 'The coded document.', content: { 'application/json': { schema: { $ref: '#/components/schemas/CodedDocument' } } } }, ...ERRORS, '413': errorResponse('Body too large.'), '415': errorResponse('Not JSON.') },
        },
      },
      '/articles': {
        get: {
          summary: 'Stored articles, newest first.',
          parameters: [qp('outlet', 'Outlet name.'), qp('since', 'Earliest publication date.', { type: 'string', format: 'date' }), qp('until', 'Latest publication date.', { type: 'string', format: 'date' }), qp('q', 'Full-text query over title and text.'), ...PAGING, fmt(['json', 'csv'])],
          responses: listResponses('ArticleRow', ['json', 'csv']),
        },
        post: {
          summary: 'Code and store one or many articles (a JSON object, an array, {"articles": [...]}, or JSON Lines).',
          security: [{ bearer: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/Article' }, { type: 'array', items: { $ref: '#/components/schemas/Article' } }] } },
              'application/x-ndjson': { schema: { type: 'string' } },
            },
          },
          responses: {
            '201': { description: 'Stored: one result per article ({articleId, duplicate, events}) and the store counts.' },
            '200': { description: 'Every article was already stored.' },
            ...ERRORS,
            '403': errorResponse('Writes are disabled (no token configured).'),
            '413': errorResponse('Body or batch too large.'),
          },
        },
      },
      '/articles/{id}': {
        get: {
          summary: 'A stored article: its text, metadata and coded document.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, qp('html', 'Include the raw HTML if stored.', { type: 'boolean' })],
          responses: { '200': { description: '{article, doc}' }, ...ERRORS, '404': errorResponse('No such article.') },
        },
      },
      '/events': {
        get: {
          summary: 'Deduplicated events (or every mention with mentions=true), filtered and paged.',
          parameters: [...FILTERS, qp('mentions', 'One row per event mention instead of per deduplicated event.', { type: 'boolean' }), ...PAGING, fmt(['json', 'csv', 'geojson'])],
          responses: listResponses('Event', ['json', 'csv', 'geojson']),
        },
      },
      '/events/{id}': {
        get: {
          summary: 'One event (cluster) with every mention of it, across articles and outlets.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '{event: Event, mentions: Event[]}' }, ...ERRORS, '404': errorResponse('No such event.') },
        },
      },
      '/actors': { get: { summary: 'Actors with mention, event and article counts.', parameters: [qp('actor', 'Code prefix or name substring (alias q).'), qp('q', 'Same as actor.'), ...PAGING, fmt(['json', 'csv'])], responses: listResponses('Actor', ['json', 'csv']) } },
      '/quotes': {
        get: {
          summary: 'Quotes with speaker, cue and medium.',
          parameters: [qp('speaker', 'Speaker code or name substring.'), qp('q', 'Text inside the quote (alias text).'), qp('text', 'Same as q.'), qp('article', 'Stored article id.'), ...PAGING, fmt(['json', 'csv'])],
          responses: listResponses('Quote', ['json', 'csv']),
        },
      },
      '/search': { get: { summary: 'Full-text search over articles and quotes.', parameters: [qp('q', 'Search text.', { type: 'string' }, true), ...PAGING, fmt(['json', 'csv'])], responses: listResponses('SearchHit', ['json', 'csv']) } },
      '/stats/timeline': {
        get: {
          summary: 'Events per period by quad class, with the Goldstein sum, for all events or the filtered actor/dyad.',
          parameters: [...FILTERS, qp('bucket', 'Period length.', { type: 'string', enum: ['day', 'week', 'month'], default: 'day' }), qp('fields', 'Fields to return.'), fmt(['json', 'csv'])],
          responses: { '200': { description: '{bucket, points: TimelinePoint[]}' }, ...ERRORS },
        },
      },
      '/stats/network': {
        get: {
          summary: 'Actor pairs with event counts and mean Goldstein (the most frequent `limit` pairs), and the nodes they connect.',
          parameters: [...FILTERS, qp('by', 'Node identity: actor code or country.', { type: 'string', enum: ['code', 'country'], default: 'code' }), qp('limit', 'Most edges (default 150).', { type: 'integer', minimum: 1, maximum: 5000 }), qp('fields', 'Edge fields to return.'), fmt(['json', 'csv'])],
          responses: { '200': { description: '{by, edges: NetworkEdge[], nodes, totalEdges}' }, ...ERRORS },
        },
      },
    },
  };
}
