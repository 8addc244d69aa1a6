/**
 * `dyad eval places <file>` — toponym recognition and geocoding against a gold JSONL set
 * (LGL / TR-News format: {text, toponyms: [{start, end, lat, lon, ...}]}).
 *
 * Reports toponym precision / recall / F1 by exact span and by overlap, and for correctly
 * recognised toponyms (exact span) the share resolved within 161 km, the median and mean error.
 * Recognition counts every toponym the engine finds, metonymic uses and demonyms included
 * (as these sets annotate them); `--places-only` counts only what the stage outputs as places.
 *
 * Options: --limit N, --json, --places-only, --errors N (print N misses and false alarms),
 * --speed (also accept articles without gold, e.g. a corpus, and report speed only; 3 timed passes).
 */
import { newDoc } from '../doc.js';
import { createPipeline } from '../pipeline.js';
import { findToponyms } from '../stages/places/recognize.js';
import { gazetteer } from '../stages/places/gazetteer.js';
import { argValue, readGoldJsonl } from './gold.js';

interface GoldToponym {
  start: number;
  end: number;
  text?: string;
  lat: number | null;
  lon: number | null;
}

interface GoldDoc {
  doc_id?: string;
  text: string;
  toponyms: GoldToponym[];
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6371.0088;
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}


export interface PlacesEvalResult {
  docs: number;
  gold: number;
  predicted: number;
  exact: { tp: number; precision: number; recall: number; f1: number };
  overlap: { tp: number; precision: number; recall: number; f1: number };
  geocoding: { scored: number; within161: number; medianKm: number; meanKm: number };
  msPerDoc: number;
  /** wink-based segmentation time on the same docs, for scale on a busy machine. */
  segmentMsPerDoc: number;
  meanChars: number;
  gazetteerLoadMs: number;
}

const prf = (tp: number, pred: number, gold: number) => {
  const precision = pred ? tp / pred : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, precision: round(precision), recall: round(recall), f1: round(f1) };
};
const round = (x: number) => Math.round(x * 10000) / 10000;

export function evaluatePlaces(docs: GoldDoc[], opts: { placesOnly?: boolean; errors?: number; passes?: number } = {}): PlacesEvalResult {
  const g = gazetteer(); // loaded before timing
  const stages = createPipeline().stages;
  const upTo = stages.slice(0, stages.findIndex((s) => s.name === 'places'));
  let gold = 0, pred = 0, tpExact = 0, tpOverlapP = 0, tpOverlapG = 0;
  const errs: number[] = [];
  let ms = 0;
  let segMs = 0;
  let chars = 0;
  const misses: string[] = [];
  const alarms: string[] = [];
  const far: string[] = [];
  for (const gd of docs) {
    const text = gd.text ?? '';
    const doc = newDoc({ text }, text, null);
    chars += text.length;
    for (const s of upTo) {
      const ts = performance.now();
      try { s.run(doc); } catch { /* another stage failing must not stop the places eval */ }
      if (s.name === 'segment') segMs += performance.now() - ts;
    }
    findToponyms(doc, { all: !opts.placesOnly }); // warm-up pass, untimed
    const passes = Math.max(1, opts.passes ?? 1);
    const t0 = performance.now();
    for (let k = 1; k < passes; k++) findToponyms(doc, { all: !opts.placesOnly });
    const found = findToponyms(doc, { all: !opts.placesOnly }).filter((t) => opts.placesOnly ? t.use === 'place' : true);
    ms += (performance.now() - t0) / passes;
    const goldT = (gd.toponyms ?? []).filter((t) => t.end > t.start);
    gold += goldT.length;
    pred += found.length;
    const goldBySpan = new Map(goldT.map((t) => [`${t.start}:${t.end}`, t]));
    for (const f of found) {
      const gt = goldBySpan.get(`${f.start}:${f.end}`);
      if (gt) {
        tpExact++;
        if (gt.lat != null && gt.lon != null) {
          const km = haversineKm(gt.lat, gt.lon, f.entry.lat, f.entry.lon);
          errs.push(km);
          if (km > 161 && far.length < (opts.errors ?? 0)) far.push(`${f.text} → ${f.entry.name} ${f.entry.country} ${f.entry.admin1} (${Math.round(km)} km) [${text.slice(Math.max(0, f.start - 40), f.start).replace(/\n/g, ' ')}|${text.slice(f.end, f.end + 20).replace(/\n/g, ' ')}]`);
        }
      }
      if (goldT.some((t) => t.start < f.end && f.start < t.end)) tpOverlapP++;
      else if (alarms.length < (opts.errors ?? 0)) alarms.push(`${f.text} [${text.slice(Math.max(0, f.start - 30), f.start).replace(/\n/g, ' ')}|${text.slice(f.end, f.end + 20).replace(/\n/g, ' ')}]`);
    }
    for (const t of goldT) {
      if (found.some((f) => t.start < f.end && f.start < t.end)) tpOverlapG++;
      else if (misses.length < (opts.errors ?? 0)) misses.push(`${text.slice(t.start, t.end)} [${text.slice(Math.max(0, t.start - 30), t.start).replace(/\n/g, ' ')}|${text.slice(t.end, t.end + 20).replace(/\n/g, ' ')}]`);
    }
  }
  if (opts.errors) {
    console.log('--- missed gold toponyms'); for (const m of misses) console.log('  ' + m);
    console.log('--- false alarms'); for (const a of alarms) console.log('  ' + a);
    console.log('--- resolved > 161 km away'); for (const f of far) console.log('  ' + f);
  }
  errs.sort((a, b) => a - b);
  const op = pred ? tpOverlapP / pred : 0;
  const orr = gold ? tpOverlapG / gold : 0;
  return {
    docs: docs.length,
    gold,
    predicted: pred,
    exact: prf(tpExact, pred, gold),
    overlap: { tp: tpOverlapG, precision: round(op), recall: round(orr), f1: round(op + orr ? (2 * op * orr) / (op + orr) : 0) },
    geocoding: {
      scored: errs.length,
      within161: round(errs.filter((e) => e <= 161).length / (errs.length || 1)),
      medianKm: Math.round(errs.length ? errs[Math.floor(errs.length / 2)] : 0),
      meanKm: Math.round(errs.length ? errs.reduce((a, b) => a + b, 0) / errs.length : 0),
    },
    msPerDoc: round(ms / (docs.length || 1)),
    segmentMsPerDoc: round(segMs / (docs.length || 1)),
    meanChars: Math.round(chars / (docs.length || 1)),
    gazetteerLoadMs: Math.round(g.loadMs),
  };
}

export async function runEval(file: string, argv: string[]): Promise<number> {
  const speed = argv.includes('--speed');
  const docs = readGoldJsonl<GoldDoc>(
    file,
    (d) => {
      if (typeof d.text !== 'string') return null;
      if (Array.isArray(d.toponyms)) return d as unknown as GoldDoc;
      return speed ? { text: d.text, toponyms: [] } : null;
    },
    Number(argValue(argv, '--limit') ?? Infinity),
  );
  const r = evaluatePlaces(docs, { placesOnly: argv.includes('--places-only'), errors: Number(argValue(argv, '--errors') ?? 0), passes: argv.includes('--speed') ? 3 : 1 });
  if (argv.includes('--json')) {
    console.log(JSON.stringify(r, null, 2));
    return 0;
  }
  console.log(`places eval: ${file} (${r.docs} docs, ${r.gold} gold toponyms, ${r.predicted} found)`);
  console.log(`  exact span   P ${r.exact.precision.toFixed(3)}  R ${r.exact.recall.toFixed(3)}  F1 ${r.exact.f1.toFixed(3)}`);
  console.log(`  overlap      P ${r.overlap.precision.toFixed(3)}  R ${r.overlap.recall.toFixed(3)}  F1 ${r.overlap.f1.toFixed(3)}`);
  console.log(`  geocoding (${r.geocoding.scored} exact matches): within 161 km ${(r.geocoding.within161 * 100).toFixed(1)}%  median ${r.geocoding.medianKm} km  mean ${r.geocoding.meanKm} km`);
  console.log(`  speed: places ${r.msPerDoc.toFixed(3)} ms/doc (mean ${r.meanChars} chars; ${((r.msPerDoc * 2500) / (r.meanChars || 1)).toFixed(3)} ms per 2,500 chars); segment ${r.segmentMsPerDoc.toFixed(3)} ms/doc on the same machine (places = ${((100 * r.msPerDoc) / (r.segmentMsPerDoc || 1)).toFixed(1)}% of segment); gazetteer load ${r.gazetteerLoadMs} ms`);
  return 0;
}
