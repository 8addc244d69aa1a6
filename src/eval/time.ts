/**
 * `dyad eval time <gold.jsonl> [--limit N] [--json] [--errors N]`
 *
 * Gold: one document per line with `dct` (document creation time), `text`, and `timex`
 * ({text, start, end, type, value}) — the TempEval-3 layout of ../shared/eval/time. Runs the
 * segment and time stages with the DCT as publication date and reports the TempEval-3 measures:
 * recognition strict F1 (exact span) and relaxed F1 (overlap), type accuracy and value F1 over
 * relaxed matches (a hit needs the span found and the value exactly right), plus speed.
 */
import { segment } from '../stages/segment/index.js';
import { runTime } from '../stages/time/index.js';
import type { TimeExpr } from '../document.js';
import { newDoc } from '../doc.js';
import { argValue, readGoldJsonl } from './gold.js';

interface GoldTimex {
  text: string;
  start: number;
  end: number;
  type: string;
  value: string;
}
interface GoldDoc {
  doc_id?: string;
  dct?: string | null;
  text: string;
  timex: GoldTimex[];
}


export interface TimeScores {
  docs: number;
  gold: number;
  predicted: number;
  strict: { p: number; r: number; f1: number };
  relaxed: { p: number; r: number; f1: number };
  typeAccuracy: number;
  value: { p: number; r: number; f1: number };
  msPerDoc: number;
}

const prf = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 0;
  const r = ng ? tp / ng : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};


export function scoreTime(docs: GoldDoc[], onError?: (line: string) => void): TimeScores {
  let gold = 0, pred = 0, strictTp = 0, relaxedTp = 0, typeOk = 0, valueTp = 0, ms = 0;
  for (const g of docs) {
    const published = g.dct && /^\d{4}-\d\d-\d\d/.test(g.dct) ? g.dct.slice(0, 10) : null;
    const t0 = performance.now();
    const doc = newDoc({ text: g.text, published: published ?? undefined }, g.text, published);
    segment(doc);
    const s0 = performance.now();
    runTime(doc);
    ms += performance.now() - s0;
    void t0;
    const sys: TimeExpr[] = doc.times;
    gold += g.timex.length;
    pred += sys.length;
    const used = new Set<number>();
    for (const gt of g.timex) {
      let hit = -1;
      for (let k = 0; k < sys.length; k++) {
        if (used.has(k)) continue;
        const s = sys[k];
        if (s.start < gt.end && gt.start < s.end) {
          if (hit < 0 || (s.start === gt.start && s.end === gt.end)) hit = k;
        }
      }
      if (hit < 0) {
        onError?.(`MISS  ${g.dct}\t${gt.type}\t${JSON.stringify(gt.text)}\t${gt.value}\t…${g.text.slice(Math.max(0, gt.start - 60), gt.start).replace(/\s+/g, ' ')}[${gt.text}]${g.text.slice(gt.end, gt.end + 40).replace(/\s+/g, ' ')}`);
        continue;
      }
      used.add(hit);
      const s = sys[hit];
      relaxedTp++;
      if (s.start === gt.start && s.end === gt.end) strictTp++;
      if (s.type === gt.type) typeOk++;
      if (s.value === gt.value) valueTp++;
      else onError?.(`VALUE ${g.dct}\t${gt.type}\t${JSON.stringify(gt.text)}\tgold=${gt.value}\tsys=${s.value} (${s.text}, ${s.evidence.rule})\t…${g.text.slice(Math.max(0, gt.start - 60), gt.end + 30).replace(/\s+/g, ' ')}`);
    }
    for (let k = 0; k < sys.length; k++) {
      if (used.has(k)) continue;
      const s = sys[k];
      onError?.(`FALSE ${g.dct}\t${s.type}\t${JSON.stringify(s.text)}\t${s.value}\t${s.evidence.rule}\t…${g.text.slice(Math.max(0, s.start - 50), s.end + 30).replace(/\s+/g, ' ')}`);
    }
  }
  return {
    docs: docs.length,
    gold,
    predicted: pred,
    strict: prf(strictTp, pred, gold),
    relaxed: prf(relaxedTp, pred, gold),
    typeAccuracy: relaxedTp ? typeOk / relaxedTp : 0,
    value: prf(valueTp, pred, gold),
    msPerDoc: docs.length ? ms / docs.length : 0,
  };
}

export function readGold(file: string, limit?: number): GoldDoc[] {
  return readGoldJsonl<GoldDoc>(
    file,
    (d) => (typeof d.text === 'string' && Array.isArray(d.timex) ? (d as unknown as GoldDoc) : 'expected "text" and "timex"'),
    limit || Infinity,
  );
}

export async function runEval(file: string, argv: string[]): Promise<number> {
  const limit = argValue(argv, '--limit') ? Number(argValue(argv, '--limit')) : undefined;
  const errors = argValue(argv, '--errors') ? Number(argValue(argv, '--errors')) : 0;
  const docs = readGold(file, limit);
  const lines: string[] = [];
  const s = scoreTime(docs, errors ? (l) => lines.push(l) : undefined);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify(s, null, 2) + '\n');
  } else {
    const pct = (x: number) => (100 * x).toFixed(1);
    const out = [
      `time eval: ${s.docs} documents, ${s.gold} gold expressions, ${s.predicted} found`,
      `recognition strict   P ${pct(s.strict.p)}  R ${pct(s.strict.r)}  F1 ${pct(s.strict.f1)}`,
      `recognition relaxed  P ${pct(s.relaxed.p)}  R ${pct(s.relaxed.r)}  F1 ${pct(s.relaxed.f1)}`,
      `type accuracy (relaxed matches) ${pct(s.typeAccuracy)}`,
      `value                P ${pct(s.value.p)}  R ${pct(s.value.r)}  F1 ${pct(s.value.f1)}`,
      `time stage: ${s.msPerDoc.toFixed(3)} ms/document (segment excluded)`,
    ];
    process.stdout.write(out.join('\n') + '\n');
  }
  if (errors) process.stderr.write(lines.slice(0, errors).join('\n') + '\n');
  return 0;
}
