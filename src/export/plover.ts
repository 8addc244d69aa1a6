/**
 * PLOVER JSON records (one per line), with the field names of the PLOVER data interchange
 * specification (data/export/plover-fields.json): id, date, source/recipient as *lists* of actor
 * objects, event (list), mode, context, event_loc, event_text, quad_code, event_scale, link,
 * text_info, cite_info, coder, coded_date, comment. dyad's own extra fields are prefixed `dyad_`.
 *
 * - Compound statements: consecutive rows that share a `group` id and the same code and modality
 *   become one record whose source/recipient lists hold every member.
 * - Reciprocal codes (meet, negotiate, sign: data/dedupe/compat.json): both parties are sources and
 *   there is no recipient, as the specification asks.
 * - CAMEO codes with no PLOVER category (01 statements, 02 appeals) are dropped, as in PLOVER.
 */
import { isReciprocalCode } from '../dedupe/index.js';
import { loadData } from '../dictionaries/load.js';
import { VERSION } from '../version.js';
import { countryAlpha2, periodStart, splitActorCode, type ExportRow } from './common.js';

export interface PloverActor {
  code: string | null;
  sector?: string;
  actor_text: string | null;
  dyad_code?: string | null;
}

export interface PloverRecord {
  id: string;
  date: string | null;
  source: PloverActor[];
  recipient: PloverActor[];
  event: string[];
  mode?: string;
  context?: string[];
  event_loc?: Record<string, string | number>;
  event_text: string[];
  quad_code: number;
  event_scale: number;
  link: string;
  text_info: { start: number; end: number; sequence?: number };
  cite_info: { url?: string; title?: string; publication?: string };
  coder: string;
  coded_date: string;
  comment?: string;
  dyad_cameo: string;
  dyad_date_value: string | null;
  dyad_date_precision: string | null;
  dyad_modality: string;
  dyad_mentions: number;
  dyad_sources: number;
  dyad_articles: number;
  dyad_status?: string;
  dyad_stories?: number;
}

interface OntologyEntry {
  code: string;
  plover: { type: string | null; mode: string | null; context: string | null } | null;
}
let ontology: Map<string, OntologyEntry['plover']> | null = null;
function ploverOf(code: string): OntologyEntry['plover'] {
  if (!ontology) {
    ontology = new Map();
    try {
      for (const e of loadData<OntologyEntry>('ontology/cameo.json').entries) ontology.set(e.code, e.plover);
    } catch {
      /* the ontology file is optional here: rows carry their PLOVER type */
    }
  }
  return ontology.get(code) ?? null;
}

function actor(code: string | null, country: string | null, name: string | null): PloverActor | null {
  if (!code && !country && !name) return null;
  const top = country ?? (code ? code.slice(0, 3) : null);
  const split = splitActorCode(code, country);
  const a: PloverActor = { code: top, actor_text: name };
  const sector = split.knownGroup ?? split.types.join('');
  if (sector) a.sector = sector;
  if (code && code !== top) a.dyad_code = code;
  return a;
}

function sameActor(a: PloverActor, b: PloverActor): boolean {
  return a.code === b.code && a.actor_text === b.actor_text && (a.dyad_code ?? null) === (b.dyad_code ?? null);
}

function addUnique(list: PloverActor[], a: PloverActor | null): void {
  if (a && !list.some((x) => sameActor(x, a))) list.push(a);
}

/** One row → one PLOVER record, or null when the CAMEO code has no PLOVER category. */
export function ploverRecord(r: ExportRow, opts: { codedDate?: string } = {}): PloverRecord | null {
  const onto = ploverOf(r.code);
  const type = r.plover ?? onto?.type ?? null;
  if (!type) return null;
  const mode = r.ploverMode ?? (onto?.type === type ? onto?.mode : null) ?? null;
  const context = r.ploverContext ?? (onto?.type === type ? onto?.context : null) ?? null;
  const src = actor(r.sourceCode, r.sourceCountry, r.sourceName);
  const tgt = actor(r.targetCode, r.targetCountry, r.targetName);
  const source: PloverActor[] = [];
  const recipient: PloverActor[] = [];
  addUnique(source, src);
  if (isReciprocalCode(r.code)) addUnique(source, tgt);
  else addUnique(recipient, tgt);
  const rec: PloverRecord = {
    id: r.id,
    date: periodStart(r.date),
    source,
    recipient,
    event: [type],
    event_text: r.sentence ? [r.sentence] : [],
    quad_code: r.quad,
    event_scale: r.goldstein,
    link: r.cluster,
    text_info: { start: r.evidenceStart, end: r.evidenceEnd },
    cite_info: {},
    coder: `dyad@${VERSION}`,
    coded_date: opts.codedDate ?? new Date().toISOString().slice(0, 10),
    dyad_cameo: r.code,
    dyad_date_value: r.date,
    dyad_date_precision: r.datePrecision,
    dyad_modality: r.modality,
    dyad_mentions: r.mentions,
    dyad_sources: r.sources,
    dyad_articles: r.articles,
  };
  if (r.status) rec.dyad_status = r.status;
  if (typeof r.stories === 'number') rec.dyad_stories = r.stories;
  if (mode) rec.mode = mode;
  if (context) rec.context = [context];
  if (r.sentenceIndex != null) rec.text_info.sequence = r.sentenceIndex + 1;
  if (r.url) rec.cite_info.url = r.url;
  if (r.title) rec.cite_info.title = r.title;
  if (r.outlet) rec.cite_info.publication = r.outlet;
  if (r.modality && r.modality !== 'asserted') rec.comment = `modality: ${r.modality}`;
  if (r.placeName || r.lat !== null) {
    const loc: Record<string, string | number> = {};
    if (r.placeName) loc.name = r.placeName;
    if (r.lat !== null && r.lon !== null) {
      loc.latitude = r.lat;
      loc.longitude = r.lon;
    }
    if (r.placeCountry) {
      loc.cc3 = r.placeCountry;
      const a2 = countryAlpha2(r.placeCountry);
      if (a2) loc['country code'] = a2;
    }
    if (r.geonameid != null) loc.geonameid = r.geonameid;
    if (r.placeFeature) loc['feature code'] = r.placeFeature;
    rec.event_loc = loc;
  }
  return rec;
}

/**
 * Streaming PLOVER writer: `push(row)` returns the JSON lines that are complete (a compound group
 * is held until a row of another group arrives); `end()` returns the rest.
 */
export class PloverWriter {
  private pending: { rec: PloverRecord; group: string; code: string; modality: string } | null = null;
  dropped = 0;
  constructor(private readonly opts: { codedDate?: string } = {}) {}

  push(r: ExportRow): string {
    const rec = ploverRecord(r, this.opts);
    if (!rec) {
      this.dropped++;
      return '';
    }
    const p = this.pending;
    if (p && r.group && p.group === r.group && p.code === r.code && p.modality === r.modality) {
      for (const a of rec.source) addUnique(p.rec.source, a);
      for (const a of rec.recipient) addUnique(p.rec.recipient, a);
      for (const t of rec.event_text) if (!p.rec.event_text.includes(t)) p.rec.event_text.push(t);
      return '';
    }
    const out = this.end();
    if (r.group) {
      this.pending = { rec, group: r.group, code: r.code, modality: r.modality };
      return out;
    }
    return out + JSON.stringify(rec) + '\n';
  }

  end(): string {
    const p = this.pending;
    this.pending = null;
    return p ? JSON.stringify(p.rec) + '\n' : '';
  }
}
