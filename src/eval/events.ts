/**
 * `dyad eval events <gold.jsonl> [--limit N] [--json] [--errors N] [--with-negated]`
 *
 * Gold: the common event format of ../shared/eval/README.md — one sentence per line with `date`,
 * `text`, `no_event` and `events` [{source, target, cameo, plover, penta, source_text,
 * target_text, reciprocal}]. Each sentence is coded with `code()` (the record's date as the
 * publication date, or none). Predicted events of one group (a compound or reciprocal statement)
 * count as one event with several actors, as the gold codes them. Negated events are not events
 * and are left out unless --with-negated.
 *
 * Levels (precision, recall, F1; each over the records where the gold defines it):
 *   1. root + dyad: the event class (root where the gold gives a CAMEO code, else PLOVER type, else
 *      penta class) and the source and target countries (CAMEO codes compared at the country level;
 *      `null` = not annotated, `[]` = no actor in that slot; where the gold gives only text spans,
 *      the predicted actor's mention must overlap the span; a reciprocal gold event matches either
 *      direction);
 *   2. exact CAMEO code (records with a gold code);
 *   3. PLOVER type, or penta class where the gold gives only that (derived from the code otherwise).
 * Plus a confusion table of gold class → predicted class (first predicted event, or none).
 */
import { DyadInputError } from '../errors.js';
import { code } from '../code.js';
import type { CodedDocument, CodedEvent } from '../document.js';
import { cameoCode, composeCode } from '../dictionaries/cameo.js';
import { argValue, readGoldJsonl } from './gold.js';

export interface GoldEvent {
  source: string[] | null;
  target: string[] | null;
  cameo: string | null;
  plover: string | null;
  penta: number | null;
  source_text?: string[] | null;
  target_text?: string[] | null;
  reciprocal?: boolean;
}

export interface GoldRecord {
  id: string;
  date: string | null;
  text: string;
  no_event?: boolean;
  events: GoldEvent[];
}

/** One predicted event, groups collapsed. */
export interface PredEvent {
  code: string;
  root: string;
  plover: string | null;
  penta: number;
  sources: { country: string | null; text: string }[];
  targets: { country: string | null; text: string }[];
  reciprocal: boolean;
}

export interface Prf {
  tp: number;
  predicted: number;
  gold: number;
  p: number;
  r: number;
  f1: number;
}

export interface EventScores {
  records: number;
  level1: Prf;
  level2: Prf;
  level3: Prf;
  confusion: Record<string, Record<string, number>>;
  msPerRecord: number;
  errors: { id: string; text: string; gold: GoldEvent[]; predicted: PredEvent[] }[];
}

const prf = (tp: number, predicted: number, gold: number): Prf => {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { tp, predicted, gold, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

export function pentaOf(root: string): number {
  const r = Number(root);
  if (r === 1) return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

/**
 * PLOVER type of a predicted code. The 2021 CAMEO→PLOVER mapping leaves roots 01–02 unmapped;
 * PLOVER 2023 files appeals (02) under REQUEST, so the evaluation does the same.
 */
function ploverOf(e: CodedEvent): string | null {
  if (e.plover?.type) return e.plover.type;
  if (e.root === '02') return 'REQUEST';
  return null;
}

function country(code: string | null, ctry: string | null): string | null {
  if (ctry) return ctry.slice(0, 3).toUpperCase();
  if (code) return code.slice(0, 3).toUpperCase();
  return null;
}

/**
 * CAMEO and PLOVER code a cooperative act that is only promised, planned or offered as an intent
 * (root 03 / AGREE), and a coercive act that is only announced or conditional as a threat (root 13).
 * dyad keeps the act's own code and says `future` / `hypothetical` in `modality`; the evaluation
 * translates to the gold's convention here.
 */
export function conventionCode(code: string, modality: string): string {
  const root = code.slice(0, 2);
  // "will not accept", "did not agree to release": a refused cooperative act is a rejection (12)
  if (modality === 'negated') return ['03', '04', '05', '06', '07', '08'].includes(root) ? composeCode('reject', code) ?? '120' : code;
  if (modality !== 'future' && modality !== 'hypothetical') return code;
  if (['04', '05', '06', '07', '08'].includes(root)) return composeCode('intent', code) ?? code;
  if (['14', '15', '16', '17', '18', '19', '20'].includes(root)) return composeCode('threat', code) ?? code;
  return code;
}

/** Collapse a coded document's events by group into the gold's one-event-many-actors view. */
export function predictedEvents(doc: CodedDocument, withNegated = false): PredEvent[] {
  const out: PredEvent[] = [];
  const byGroup = new Map<string, PredEvent>();
  const mentionText = (ref: CodedEvent['source']): string => {
    if (!ref) return '';
    const a = doc.actors.find((x) => x.id === ref.actor);
    // an implied actor (a country taken from a place) has no mentions: its name stands for it
    return a?.mentions.length ? a.mentions.map((m) => m.text).join(' | ') : a?.name ?? '';
  };
  for (const e of doc.events) {
    if (e.modality === 'negated' && !withNegated && !['03', '04', '05', '06', '07', '08'].includes(e.root)) continue;
    let p = e.group ? byGroup.get(e.group) : undefined;
    if (!p) {
      const c = conventionCode(e.code, e.modality);
      const info = c === e.code ? null : cameoCode(c);
      const root = c.slice(0, 2);
      const plover = info ? info.plover?.type ?? (root === '02' ? 'REQUEST' : null) : ploverOf(e);
      p = { code: c, root, plover, penta: pentaOf(root), sources: [], targets: [], reciprocal: false };
      out.push(p);
      if (e.group) byGroup.set(e.group, p);
    }
    const addTo = (list: PredEvent['sources'], ref: CodedEvent['source']) => {
      if (!ref) return;
      const c = country(ref.code, ref.country);
      const t = mentionText(ref);
      if (!list.some((x) => x.country === c && x.text === t)) list.push({ country: c, text: t });
    };
    addTo(p.sources, e.source);
    addTo(p.targets, e.target);
  }
  for (const p of out) {
    const s = new Set(p.sources.map((x) => x.country));
    p.reciprocal = p.sources.length > 1 && p.targets.length === p.sources.length && p.targets.every((t) => s.has(t.country));
  }
  return out;
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'on', 'for', 'to', 'his', 'her', 'its', 'their', 'said', 'group', 'state', 'states', 'government', 'forces', 'people', 'official', 'officials', 'president', 'minister', 'leader', 'leaders']);
const words = (s: string) => s.toLowerCase().replace(/['’ʼ]s\b/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2 && !STOP.has(w));

/** Does a predicted actor's mention text overlap a gold text span (substring, or a shared name word)? */
function textOverlap(pred: string, gold: string): boolean {
  const b = gold.toLowerCase().replace(/['’ʼ]s\b/g, '').trim();
  if (!pred || !b) return false;
  const bw = new Set(words(gold));
  for (const part of pred.split(' | ')) {
    const p = part.toLowerCase().replace(/['’ʼ]s\b/g, '').trim();
    if (!p) continue;
    if (b.includes(p) || p.includes(b)) return true;
    if (words(part).some((w) => bw.has(w))) return true;
  }
  return false;
}

type Slot = { country: string | null; text: string }[];

/** CAMEO's legacy country codes that differ from ISO 3166 alpha-3 (CAMEO actor codebook). */
const LEGACY_COUNTRY: Record<string, string> = { JAP: 'JPN', ITL: 'ITA', VTN: 'VNM' };
const goldCountry = (c: string): string => {
  const k = c.slice(0, 3).toUpperCase();
  return LEGACY_COUNTRY[k] ?? k;
};

function slotMatches(pred: Slot, goldCodes: string[] | null, goldText: string[] | null | undefined): boolean | null {
  if (goldCodes) {
    if (!goldCodes.length) return pred.length === 0;
    const want = new Set(goldCodes.map(goldCountry));
    return pred.some((x) => x.country !== null && want.has(x.country));
  }
  if (goldText) {
    if (!goldText.length) return pred.length === 0;
    return pred.some((x) => goldText.some((g) => textOverlap(x.text, g)));
  }
  return null; // not annotated
}

function dyadMatches(p: PredEvent, g: GoldEvent): boolean {
  // A text-span gold event with neither a source nor a target span gives no dyad at all (every CAMEO
  // event has a source actor): its dyad is unannotated, so only the class is compared.
  if (!g.source && !g.target && g.source_text && g.target_text && !g.source_text.length && !g.target_text.length) return true;
  const direct = (ps: Slot, pt: Slot) => {
    const s = slotMatches(ps, g.source, g.source_text);
    const t = slotMatches(pt, g.target, g.target_text);
    return s !== false && t !== false;
  };
  if (direct(p.sources, p.targets)) return true;
  if (g.reciprocal) {
    if (direct(p.targets, p.sources)) return true;
    // "Hungary and Romania agreed" (target []) against a reciprocal predicted group
    const all = [...p.sources, ...p.targets];
    const gAll = [...(g.source ?? []), ...(g.target ?? [])];
    if (gAll.length) {
      const want = new Set(gAll.map(goldCountry));
      const got = new Set(all.map((x) => x.country));
      return [...want].every((w) => got.has(w));
    }
    const tAll = [...(g.source_text ?? []), ...(g.target_text ?? [])];
    if (tAll.length) return tAll.every((t) => all.some((x) => textOverlap(x.text, t)));
  }
  return false;
}

function classMatches(p: PredEvent, g: GoldEvent): boolean | null {
  if (g.cameo) return p.root === g.cameo.slice(0, 2);
  if (g.plover) return p.plover === g.plover;
  if (g.penta !== null && g.penta !== undefined) return p.penta === g.penta;
  return null;
}

function typeMatches(p: PredEvent, g: GoldEvent): boolean | null {
  if (g.plover) return p.plover === g.plover;
  if (g.penta !== null && g.penta !== undefined) return p.penta === g.penta;
  if (g.cameo) return p.penta === pentaOf(g.cameo.slice(0, 2));
  return null;
}

function goldLabel(g: GoldEvent): string {
  if (g.cameo) return `root ${g.cameo.slice(0, 2)}`;
  if (g.plover) return g.plover;
  if (g.penta !== null && g.penta !== undefined) return `penta ${g.penta}`;
  return 'unlabelled';
}

function predLabel(p: PredEvent | undefined, g: GoldEvent): string {
  if (!p) return 'none';
  if (g.cameo) return `root ${p.root}`;
  if (g.plover) return p.plover ?? `root ${p.root}`;
  return `penta ${p.penta}`;
}

/** Greedy one-to-one matching of gold to predicted events under `ok`. */
function matchCount(gold: GoldEvent[], pred: PredEvent[], ok: (p: PredEvent, g: GoldEvent) => boolean): number {
  const used = new Set<number>();
  let tp = 0;
  for (const g of gold) {
    const k = pred.findIndex((p, i) => !used.has(i) && ok(p, g));
    if (k >= 0) {
      used.add(k);
      tp++;
    }
  }
  return tp;
}

export function scoreEvents(records: GoldRecord[], opts: { withNegated?: boolean; keepErrors?: number } = {}): EventScores {
  const l1 = { tp: 0, pred: 0, gold: 0 };
  const l2 = { tp: 0, pred: 0, gold: 0 };
  const l3 = { tp: 0, pred: 0, gold: 0 };
  const confusion: Record<string, Record<string, number>> = {};
  const errors: EventScores['errors'] = [];
  let ms = 0;
  for (const rec of records) {
    const published = rec.date && /^\d{4}-\d\d-\d\d/.test(rec.date) ? rec.date.slice(0, 10) : undefined;
    const t0 = performance.now();
    let doc: CodedDocument;
    try {
      doc = code({ text: rec.text, published, id: rec.id });
    } catch {
      continue;
    }
    ms += performance.now() - t0;
    const pred = predictedEvents(doc, opts.withNegated);
    const gold = rec.no_event ? [] : rec.events;
    // level 1: only gold events that say something about class or dyad
    const g1 = gold;
    const ok1 = (p: PredEvent, g: GoldEvent) => classMatches(p, g) !== false && dyadMatches(p, g);
    const tp1 = matchCount(g1, pred, ok1);
    l1.tp += tp1;
    l1.gold += g1.length;
    l1.pred += pred.length;
    const g2 = gold.filter((g) => g.cameo);
    if (g2.length || rec.no_event) {
      l2.tp += matchCount(g2, pred, (p, g) => p.code === g.cameo);
      l2.gold += g2.length;
      l2.pred += pred.length;
    }
    const g3 = gold.filter((g) => g.plover || g.cameo || (g.penta !== null && g.penta !== undefined));
    if (g3.length || rec.no_event) {
      l3.tp += matchCount(g3, pred, (p, g) => typeMatches(p, g) === true);
      l3.gold += g3.length;
      l3.pred += pred.length;
    }
    for (const g of gold) {
      const gl = goldLabel(g);
      const pl = predLabel(pred.find((p) => classMatches(p, g) === true) ?? pred[0], g);
      (confusion[gl] ??= {})[pl] = (confusion[gl][pl] ?? 0) + 1;
    }
    if (opts.keepErrors && errors.length < opts.keepErrors && tp1 < Math.max(g1.length, pred.length)) {
      errors.push({ id: rec.id, text: rec.text, gold, predicted: pred });
    }
  }
  return {
    records: records.length,
    level1: prf(l1.tp, l1.pred, l1.gold),
    level2: prf(l2.tp, l2.pred, l2.gold),
    level3: prf(l3.tp, l3.pred, l3.gold),
    confusion,
    msPerRecord: records.length ? ms / records.length : 0,
    errors,
  };
}


export function readGold(file: string, limit?: number): GoldRecord[] {
  return readGoldJsonl<GoldRecord>(
    file,
    (r) => (typeof r.text === 'string' && Array.isArray(r.events) ? (r as unknown as GoldRecord) : 'a gold record needs "text" and "events"'),
    limit || Infinity,
  );
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

export async function runEval(file: string, argv: string[]): Promise<number> {
  const lim = argValue(argv, '--limit');
  const limit = lim !== undefined ? Number(lim) : undefined;
  if (lim !== undefined && !(Number.isInteger(limit) && limit! > 0)) throw new DyadInputError('--limit needs a positive integer');
  const errN = argValue(argv, '--errors');
  const records = readGold(file, limit);
  const s = scoreEvents(records, { withNegated: argv.includes('--with-negated'), keepErrors: errN ? Number(errN) : 0 });
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ file, ...s }, null, 1) + '\n');
    return 0;
  }
  const line = (name: string, x: Prf) => `${name.padEnd(28)} P ${pct(x.p)}  R ${pct(x.r)}  F1 ${pct(x.f1)}   (tp ${x.tp}, predicted ${x.predicted}, gold ${x.gold})`;
  const out: string[] = [];
  out.push(`dyad eval events ${file}: ${s.records} records, ${s.msPerRecord.toFixed(2)} ms/record`);
  out.push(line('1 root/class + dyad', s.level1));
  out.push(s.level2.gold ? line('2 exact CAMEO code', s.level2) : `${'2 exact CAMEO code'.padEnd(28)} n/a (the set gives no CAMEO codes)`);
  out.push(line('3 PLOVER type / penta', s.level3));
  out.push('', 'confusion (gold → predicted, first matching or first predicted event):');
  for (const g of Object.keys(s.confusion).sort()) {
    const row = Object.entries(s.confusion[g]).sort((a, b) => b[1] - a[1]);
    const total = row.reduce((n, [, v]) => n + v, 0);
    out.push(`  ${g.padEnd(12)} ${String(total).padStart(4)}: ${row.slice(0, 6).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  for (const e of s.errors) {
    out.push('', `${e.id}: ${e.text}`);
    out.push(`  gold: ${JSON.stringify(e.gold.map((g) => ({ s: g.source ?? g.source_text, t: g.target ?? g.target_text, c: g.cameo ?? g.plover ?? g.penta })))}`);
    out.push(`  pred: ${JSON.stringify(e.predicted.map((p) => ({ s: p.sources.map((x) => x.country ?? x.text), t: p.targets.map((x) => x.country ?? x.text), c: p.code })))}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
