/**
 * ACLED-style CSV: ACLED's 31 column names in ACLED's order (data/export/acled-columns.json),
 * CAMEO codes mapped to ACLED event types only where the mapping is defensible
 * (data/export/acled-mapping.json, longest CAMEO prefix wins). Events without a mapping are left
 * out unless `all` is asked for (then their event-type columns are empty).
 */
import { loadData } from '../dictionaries/load.js';
import { columnNames, countryName, countryNumeric, dateParts, periodStart, roleOf, type ExportRow } from './common.js';
import { csvLine, type Cell } from './text.js';

interface MapEntry {
  kind: 'event' | 'inter';
  cameo?: string;
  event_type?: string;
  sub_event_type?: string;
  disorder_type?: string;
  requires?: string;
  cameoType?: string;
  role?: string;
  inter?: number;
  label?: string;
  note?: string;
}

interface Mapping {
  events: MapEntry[];
  inter: Map<string, number>;
  roleInter: Map<string, number>;
}
let mapping: Mapping | null = null;

function getMapping(): Mapping {
  if (mapping) return mapping;
  const entries = loadData<MapEntry>('export/acled-mapping.json', (e) => {
    if (e.kind === 'event') return e.cameo && e.event_type && e.disorder_type ? null : 'event entries need cameo, event_type, disorder_type';
    if (e.kind === 'inter') return (e.cameoType || e.role) && typeof e.inter === 'number' ? null : 'inter entries need cameoType|role and inter';
    return 'unknown kind';
  }).entries;
  const events = entries.filter((e) => e.kind === 'event').sort((a, b) => b.cameo!.length - a.cameo!.length);
  const inter = new Map<string, number>();
  const roleInter = new Map<string, number>();
  for (const e of entries) {
    if (e.kind !== 'inter') continue;
    if (e.cameoType) inter.set(e.cameoType, e.inter!);
    if (e.role) roleInter.set(e.role, e.inter!);
  }
  return (mapping = { events, inter, roleInter });
}

export interface AcledType {
  event_type: string;
  sub_event_type: string;
  disorder_type: string;
}

/** The ACLED event type of a CAMEO code, or null when no defensible mapping exists. */
export function acledType(code: string): AcledType | null {
  const e = getMapping().events.find((x) => code.startsWith(x.cameo!));
  return e ? { event_type: e.event_type!, sub_event_type: e.sub_event_type ?? '', disorder_type: e.disorder_type! } : null;
}

export function acledHeader(): string[] {
  return columnNames('acled-columns');
}

const PRECISION: Record<string, number> = { day: 1, week: 2, month: 3 };

export interface AcledOptions {
  /** Unix time written in the timestamp column (the export run); omitted → empty. */
  timestamp?: number | null;
  /** Also write events without a defensible ACLED type (event-type columns empty). */
  all?: boolean;
}

/** The 31 cells of one row, or null when the event has no ACLED type and `all` is off. */
export function acledCells(r: ExportRow, opts: AcledOptions = {}): Cell[] | null {
  const t = acledType(r.code);
  if (!t && !opts.all) return null;
  const m = getMapping();
  const dp = dateParts(r.date, r.datePrecision);
  const prec = dp.precision ? PRECISION[dp.precision] ?? null : null;
  const start = periodStart(r.date);
  const sRole = roleOf(r.sourceCode, r.sourceCountry, r.sourceType);
  const tRole = roleOf(r.targetCode, r.targetCountry, r.targetType);
  let inter1: number | null = sRole ? m.inter.get(sRole) ?? null : null;
  const inter2: number | null = r.targetName || r.targetCode ? (tRole ? m.inter.get(tRole) ?? null : null) : null;
  if (t?.event_type === 'Protests') inter1 = m.roleInter.get('protest-source') ?? inter1;
  if (t?.event_type === 'Riots') inter1 = m.roleInter.get('riot-source') ?? inter1;
  const hasActor2 = !!(r.targetName || r.targetCode);
  let interaction: number | null = null;
  if (inter1 !== null && hasActor2 && inter2 !== null) interaction = Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
  else if (inter1 !== null && !hasActor2) interaction = inter1 * 10;
  const civ = t?.disorder_type === 'Political violence' && tRole === 'CVL' ? 'Civilian targeting' : null;
  const country = r.placeCountry;
  const outlets = r.outlets?.length ? r.outlets : r.outlet ? [r.outlet] : [];
  return [
    r.id,
    prec !== null ? start : null,
    dp.year,
    prec,
    t?.disorder_type ?? null,
    t?.event_type ?? null,
    t?.sub_event_type || null,
    r.sourceName,
    null,
    inter1,
    r.targetName,
    null,
    inter2,
    interaction,
    civ,
    countryNumeric(country),
    null,
    countryName(country),
    null,
    null,
    null,
    r.placeName,
    r.lat,
    r.lon,
    null,
    outlets.join('; ') || null,
    null,
    r.sentence,
    null,
    null,
    opts.timestamp ?? null,
  ];
}

export function acledLine(r: ExportRow, opts: AcledOptions = {}): string {
  const cells = acledCells(r, opts);
  return cells ? csvLine(cells) : '';
}
