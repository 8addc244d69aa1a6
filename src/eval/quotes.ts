/**
 * `dyad eval quotes <gold.jsonl> [--limit N] [--json] [--rules] [--errors N [--context]] [--kind direct|quoted|indirect]`
 *
 * Gold: one article per line with `text`, `publication_date` and `quotes` — the PolNeAR layout of
 * ../shared/eval/quotes: each attribution has `content_spans` [[start, end], …], `speaker`,
 * `speaker_spans`, `cue` and `is_direct`. Runs the whole pipeline (speakers need actors and
 * coreference) and reports, for direct and indirect quotes separately, precision, recall and F1 of
 * quote spans at three strictnesses — exact, ≥ 80 % and ≥ 30 % overlap — and speaker accuracy.
 *
 * Matching: a quote is the set of its content characters after trimming spaces, quotation marks and
 * edge punctuation (so "“We will win,”" and "We will win" are the same span). The parts of a split
 * quote count as one quote: gold gives several content spans; predicted parts are grouped by their
 * shared cue. Overlap = shared characters / the larger of the two quotes; pairs are matched one to
 * one, best overlap first. Speaker accuracy: over matched pairs whose gold has a speaker, the
 * predicted speaker span overlaps a gold speaker span, or the resolved name shares a name word
 * with the gold speaker.
 *
 * Buckets: `quoted` = direct quotations proper (gold: is_direct and a
 * quotation mark pair around most of the content; predicted: kind `direct`, or an attribution of the
 * `direct` bucket below whose reported content is mostly between marks — the same rule as for gold) — the kind of set dyad is judged on. `direct` =
 * PolNeAR's is_direct. PolNeAR marks an attribution "direct" when its content holds quoted words, so a
 * reported clause with a quoted fragment ("said that 'the next step' should be …") is direct there.
 * Predicted direct = kind `direct`, plus indirect quotes that contain quotation marks, plus partial
 * quotes that carry a cue; predicted indirect = the other indirect quotes. Scare quotes without a
 * cue are not attributions and are not scored.
 */
import { code } from '../code.js';
import type { Quote } from '../document.js';
import { findMarked } from '../stages/quotes/marks.js';
import { argValue, readGoldJsonl } from './gold.js';

interface GoldQuote {
  content_spans: [number, number][];
  speaker: string | null;
  speaker_spans?: [number, number][];
  speaker_span?: [number, number] | null;
  cue: string | null;
  is_direct: boolean;
}
interface GoldDoc {
  doc_id?: string;
  text: string;
  publication_date?: string | null;
  quotes: GoldQuote[];
}

type Bucket = 'direct' | 'quoted' | 'indirect';
const BUCKETS: Bucket[] = ['direct', 'quoted', 'indirect'];

interface Item {
  ranges: [number, number][];
  size: number;
  speakerSpans: [number, number][];
  speakerName: string;
  doc: number;
  label: string;
}

const THRESHOLDS = [['exact', 1], ['80', 0.8], ['30', 0.3]] as const;


const TRIM = /[\s"“”‘’'„«»,.;:!?()\[\]—–-]/;
/** Trim spaces, quotation marks and edge punctuation from a span. */
function trimSpan(text: string, s: number, e: number): [number, number] {
  while (s < e && TRIM.test(text[s])) s++;
  while (e > s && TRIM.test(text[e - 1])) e--;
  return [s, e];
}

function normRanges(text: string, spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const [s, e] = trimSpan(text, a, b);
    if (e > s) out.push([s, e]);
  }
  out.sort((x, y) => x[0] - y[0]);
  return out;
}

const sizeOf = (r: [number, number][]) => r.reduce((n, [a, b]) => n + (b - a), 0);

function inter(a: [number, number][], b: [number, number][]): number {
  let n = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) n += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return n;
}

const sameRanges = (a: [number, number][], b: [number, number][]) => a.length === b.length && a.every((r, i) => r[0] === b[i][0] && r[1] === b[i][1]);

const nameWords = (s: string): Set<string> =>
  new Set(
    s
      .toLowerCase()
      .replace(/['’]s\b/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 2 && !/^(the|and|for|said|mr|mrs|ms|dr|president|former|senator|sen|rep|gov|candidate|presidential|nominee|republican|democratic|democrat)$/.test(w)),
  );

function speakerOk(g: Item, p: Quote): boolean {
  if (!p.speaker) return false;
  const sp = p.speaker;
  for (const [a, b] of g.speakerSpans) if (sp.start < b && sp.end > a) return true;
  if (!g.speakerName) return false;
  const gw = nameWords(g.speakerName);
  for (const w of nameWords(sp.name)) if (gw.has(w)) return true;
  return false;
}

export interface BucketScores {
  gold: number;
  predicted: number;
  spans: Record<string, { p: number; r: number; f1: number; tp: number }>;
  /** Speaker accuracy over matched pairs with a gold speaker, per threshold. */
  speaker: Record<string, { accuracy: number; n: number }>;
  /** Per predicted kind and rule at 30 % overlap: matched / predicted. */
  rules?: Record<string, { tp: number; n: number }>;
}

const prf = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 0;
  const r = ng ? tp / ng : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp };
};

/** Group the predicted quotes of one document into scored items (split parts by shared cue) with their bucket. */
function predItems(text: string, quotes: Quote[], doc: number): { bucket: Bucket; item: Item; quote: Quote }[] {
  const groups = new Map<string, Quote[]>();
  for (const q of quotes) {
    if (q.kind === 'partial' && !q.cue) continue;
    // a quoted fragment inside reported speech is part of that attribution, not one of its own
    if (q.kind === 'partial' && quotes.some((h) => h !== q && h.kind !== 'partial' && h.start <= q.start && h.end >= q.end)) continue;
    const key = q.cue && q.kind !== 'partial' ? `${q.kind === 'indirect' ? 'i' : 'd'}:${q.cue.start}` : `q:${q.id}`;
    const list = groups.get(key) ?? [];
    list.push(q);
    groups.set(key, list);
  }
  const out: { bucket: Bucket; item: Item; quote: Quote }[] = [];
  const partialsInside = (q: Quote) => quotes.some((p) => p.kind === 'partial' && p.start >= q.start && p.end <= q.end);
  for (const list of groups.values()) {
    const q = list[0];
    const bucket: Bucket = q.kind === 'direct' || q.kind === 'partial' || (q.kind === 'indirect' && (/["“”]/.test(q.text) || partialsInside(q))) ? 'direct' : 'indirect';
    const ranges = normRanges(text, list.map((x) => [x.start, x.end] as [number, number]));
    out.push({ bucket, quote: q, item: { ranges, size: sizeOf(ranges), speakerSpans: [], speakerName: '', doc, label: list.map((x) => x.text).join(' … ') } });
  }
  return out;
}

export function scoreQuotes(docs: GoldDoc[], onError?: (line: string) => void, showContext = false): { direct: BucketScores; quoted: BucketScores; indirect: BucketScores; msPerDoc: number; docs: number } {
  const buckets: Record<Bucket, { gold: Item[]; pred: { item: Item; quote: Quote }[] }> = { direct: { gold: [], pred: [] }, quoted: { gold: [], pred: [] }, indirect: { gold: [], pred: [] } };
  let ms = 0;
  const results: Record<Bucket, BucketScores> = {} as never;
  const perDoc: { text: string }[] = [];
  const texts = docs.map((d) => d.text);
  docs.forEach((g, di) => {
    const published = g.publication_date && /^\d{4}-\d\d-\d\d/.test(g.publication_date) ? g.publication_date.slice(0, 10) : undefined;
    const t0 = performance.now();
    const out = code({ text: g.text, published });
    ms += performance.now() - t0;
    perDoc.push({ text: g.text });
    const marked = findMarked(g.text).map((m) => [m.start, m.end] as [number, number]);
    for (const q of g.quotes) {
      const ranges = normRanges(g.text, q.content_spans);
      if (!ranges.length) continue;
      const sp = q.speaker_spans ?? (q.speaker_span ? [q.speaker_span] : []);
      const item: Item = { ranges, size: sizeOf(ranges), speakerSpans: sp, speakerName: q.speaker ?? '', doc: di, label: ranges.map(([a, b]) => g.text.slice(a, b)).join(' … ') };
      buckets[q.is_direct ? 'direct' : 'indirect'].gold.push(item);
      // "quoted": a direct quotation proper — most of the content lies between quotation marks
      if (q.is_direct && inter(ranges, marked) >= 0.5 * item.size) buckets.quoted.gold.push(item);
    }
    for (const p of predItems(g.text, out.quotes, di)) {
      buckets[p.bucket].pred.push({ item: p.item, quote: p.quote });
      // the same rule as for gold: a direct quote, or reported speech mostly between marks
      if (p.quote.kind === 'direct' || (p.quote.kind === 'indirect' && p.bucket === 'direct' && inter(p.item.ranges, marked) >= 0.5 * p.item.size)) buckets.quoted.pred.push({ item: p.item, quote: p.quote });
    }
  });
  for (const b of BUCKETS) {
    const { gold, pred } = buckets[b];
    const res: BucketScores = { gold: gold.length, predicted: pred.length, spans: {}, speaker: {} };
    // candidate pairs per document
    const pairs: { g: number; p: number; ratio: number; exact: boolean }[] = [];
    const byDoc = new Map<number, number[]>();
    pred.forEach((p, i) => {
      const l = byDoc.get(p.item.doc) ?? [];
      l.push(i);
      byDoc.set(p.item.doc, l);
    });
    gold.forEach((g, gi) => {
      for (const pi of byDoc.get(g.doc) ?? []) {
        const p = pred[pi].item;
        const n = inter(g.ranges, p.ranges);
        if (!n) continue;
        pairs.push({ g: gi, p: pi, ratio: n / Math.max(g.size, p.size), exact: sameRanges(g.ranges, p.ranges) });
      }
    });
    pairs.sort((x, y) => y.ratio - x.ratio);
    for (const [name, th] of THRESHOLDS) {
      const gUsed = new Set<number>();
      const pUsed = new Set<number>();
      let tp = 0;
      let spN = 0;
      let spOk = 0;
      for (const pr of pairs) {
        if (gUsed.has(pr.g) || pUsed.has(pr.p)) continue;
        if (th === 1 ? !pr.exact : pr.ratio < th) continue;
        gUsed.add(pr.g);
        pUsed.add(pr.p);
        tp++;
        const gi = gold[pr.g];
        if (gi.speakerName || gi.speakerSpans.length) {
          spN++;
          const ok = speakerOk(gi, pred[pr.p].quote);
          if (ok) spOk++;
          else if (onError && name === '30') {
            const t = texts[gi.doc];
            const a = gi.ranges[0][0];
            const e = gi.ranges[gi.ranges.length - 1][1];
            const ctx = showContext ? ` ⟦${t.slice(Math.max(0, a - 140), a).replace(/\n/g, '¶')}⟧…⟦${t.slice(e, e + 140).replace(/\n/g, '¶')}⟧` : '';
            onError(`[${b}] SPEAKER gold=${JSON.stringify(gi.speakerName)} pred=${JSON.stringify(pred[pr.p].quote.speaker?.name ?? null)} (${pred[pr.p].quote.evidence.rule}) :: ${gi.label.slice(0, 110)}${ctx}`);
          }
        }
      }
      res.spans[name] = prf(tp, pred.length, gold.length);
      if (name === '30') {
        const byRule: Record<string, { tp: number; n: number }> = {};
        pred.forEach((p, k) => {
          const r = `${p.quote.kind}:${p.quote.evidence.rule}`;
          const x = (byRule[r] ??= { tp: 0, n: 0 });
          x.n++;
          if (pUsed.has(k)) x.tp++;
        });
        res.rules = byRule;
      }
      res.speaker[name] = { accuracy: spN ? spOk / spN : 0, n: spN };
      if (onError && name === '30') {
        gold.forEach((gi, k) => {
          if (!gUsed.has(k)) onError(`[${b}] MISS (${gi.speakerName}) :: ${gi.label.slice(0, 160).replace(/\n/g, ' ')}`);
        });
        pred.forEach((p, k) => {
          if (!pUsed.has(k)) onError(`[${b}] FALSE (${p.quote.kind}, ${p.quote.evidence.rule}, ${p.quote.speaker?.name ?? '-'}) :: ${p.item.label.slice(0, 160).replace(/\n/g, ' ')}`);
        });
      }
    }
    results[b] = res;
  }
  return { direct: results.direct, quoted: results.quoted, indirect: results.indirect, msPerDoc: docs.length ? ms / docs.length : 0, docs: docs.length };
}

export async function runEval(file: string, argv: string[]): Promise<number> {
  const errors = Number(argValue(argv, '--errors') ?? 0);
  const only = argValue(argv, '--kind');
  const docs = readGoldJsonl<GoldDoc>(
    file,
    (d) => (typeof d.text === 'string' && Array.isArray(d.quotes) ? (d as unknown as GoldDoc) : 'needs "text" and "quotes"'),
    Number(argValue(argv, '--limit') ?? Infinity),
  );
  const errs: string[] = [];
  const s = scoreQuotes(docs, errors ? (l) => errs.push(l) : undefined, argv.includes('--context'));
  if (argv.includes('--json')) {
    console.log(JSON.stringify(s, null, 2));
    return 0;
  }
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  console.log(`dyad eval quotes: ${file} — ${s.docs} articles, ${s.msPerDoc.toFixed(2)} ms/article (whole pipeline)`);
  for (const b of BUCKETS) {
    const r = s[b];
    console.log(`\n${b}: gold ${r.gold}, predicted ${r.predicted}`);
    console.log('  match     P      R      F1    speaker (n)');
    for (const [name] of THRESHOLDS) {
      const x = r.spans[name];
      const sp = r.speaker[name];
      console.log(`  ${name.padEnd(6)} ${pct(x.p)}  ${pct(x.r)}  ${pct(x.f1)}   ${pct(sp.accuracy)} (${sp.n})`);
    }
    if (argv.includes('--rules') && r.rules) {
      for (const [k, v] of Object.entries(r.rules).sort((a, b) => b[1].n - a[1].n)) console.log(`    ${k.padEnd(40)} ${v.tp}/${v.n} matched`);
    }
  }
  if (errors) {
    const shown = errs.filter((l) => !only || l.startsWith(`[${only}]`)).slice(0, errors);
    console.log(`\nerrors (first ${shown.length}):`);
    for (const l of shown) console.log('  ' + l);
  }
  return 0;
}
