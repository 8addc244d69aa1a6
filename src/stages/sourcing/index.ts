/**
 * Stage `sourcing`: the news agencies and outlets the article credits → doc.meta.wire, and the
 * article's own outlet (doc.meta.outlet) when the caller did not give one.
 *
 * Recognizers (each a name from data/sourcing/*.json found at a token, then a context test):
 * - `sourcing/dateline`      "KYIV (AFP) -", "(Reuters) —"
 * - `sourcing/as-per`        "As per AFP", "according to Reuters", "citing AP", "via Reuters", "told AFP"
 * - `sourcing/agency-verb`   "AP reported", "Reuters reports", "AFP said", "Interfax quoted …"
 * - `sourcing/trailer`       "- AFP" / "— Reuters" / "(AFP)" closing a paragraph, "AFP contributed to this report"
 * - `sourcing/source-line`   "Source: Kyiv Post" (an outlet → doc.meta.outlet; an agency → wire)
 * - `sourcing/outlet-cited`  "writes the Guardian", "The New York Post reports" (outlets cited as a source)
 */
import type { Doc, WireCredit } from '../../document.js';
import type { Stage } from '../types.js';
import { loadData } from '../../dictionaries/load.js';

interface AgencyEntry {
  id: string;
  name: string;
  aliases: string[];
  country?: string;
}

interface Alias {
  alias: string;
  name: string;
  id: string;
  agency: boolean;
  /** All-caps of three letters or fewer (AP, AA, PA): only counted inside a credit pattern. */
  short: boolean;
}

let index: Map<string, Alias[]> | null = null;

const checkEntry = (e: AgencyEntry): string | null =>
  typeof e.id === 'string' && typeof e.name === 'string' && Array.isArray(e.aliases) && e.aliases.every((a) => typeof a === 'string' && a.length > 0)
    ? null
    : 'needs id, name, aliases[] (non-empty strings)';

/** First word of an alias: the key we look tokens up by. */
function firstWord(s: string): string {
  const m = /^[\p{L}\p{N}]+/u.exec(s);
  return m ? m[0] : s.slice(0, 1);
}

/** Only ASCII letters and digits (so firstWord(s) === s). */
function asciiWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

function loadIndex(): Map<string, Alias[]> {
  if (index) return index;
  const m = new Map<string, Alias[]>();
  const add = (e: AgencyEntry, agency: boolean) => {
    for (const a of new Set(e.aliases)) {
      const key = firstWord(a);
      let list = m.get(key);
      if (!list) m.set(key, (list = []));
      list.push({ alias: a, name: e.name, id: e.id, agency, short: a.length <= 3 && a === a.toUpperCase() });
    }
  };
  for (const e of loadData<AgencyEntry>('sourcing/agencies.json', checkEntry).entries) add(e, true);
  for (const e of loadData<AgencyEntry>('sourcing/outlets.json', checkEntry).entries) add(e, false);
  for (const list of m.values()) list.sort((a, b) => b.alias.length - a.alias.length);
  index = m;
  return m;
}

const BEFORE_CREDIT = /(?:\bas per|\baccording to|\bciting|\bcited by|\bquoted by|\bvia|\btold|\bspeaking to|\bin an interview with|\breported by|\bin comments to|\bquoting)\s+(?:the\s+)?$/i;
const BEFORE_OUTLET_VERB = /(?:\bwrites|\bwrote|\breports|\breported|\bsaid|\bsays|\bnoted|\bnotes)\s+(?:the\s+)?$/i;
const AFTER_VERB = /^(?:\s*(?:news agency|newswire|wire service))?\s*(?:has |had |also |later )?(?:reported|reports|reporting|said|says|quoted|quotes|cited|cites|learned|has learned|understands|wrote|writes|was told|revealed|confirmed)\b/;
const WORD = /[\p{L}\p{N}]/u;

function lineBounds(text: string, at: number): [number, number] {
  let s = at;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  let e = at;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return [s, e];
}

function run(doc: Doc): void {
  const text = doc.text;
  const idx = loadIndex();
  const wire: WireCredit[] = [];
  let lastEnd = -1;
  for (const tk of doc.tokens) {
    if (tk.start < lastEnd) continue;
    let list = idx.get(tk.text);
    // A token that is one plain ASCII word is its own first word: the lookup above already missed it.
    if (!list && tk.text.length > 3 && tk.cap && !asciiWord(tk.text)) list = idx.get(firstWord(tk.text));
    if (!list) continue;
    for (const a of list) {
      if (!text.startsWith(a.alias, tk.start)) continue;
      const s = tk.start;
      const e = s + a.alias.length;
      if (e < text.length && WORD.test(text[e])) continue;
      const before = text.slice(Math.max(0, s - 30), s);
      const after = text.slice(e, e + 40);
      const [ls, le] = lineBounds(text, s);
      const lineBefore = text.slice(ls, s);
      const lineAfter = text.slice(e, le);
      let rule: string | null = null;
      let cs = s;
      let ce = e;
      if (/^\s*Source\s*:\s*(?:the\s+)?$/i.test(lineBefore)) {
        rule = 'sourcing/source-line';
        cs = ls + (lineBefore.length - lineBefore.trimStart().length);
      } else if (/\(\s*$/.test(before) && /^\s*\)\s*(?:[-–—:]|$)/.test(after)) {
        rule = 'sourcing/dateline';
        cs = s - (before.length - before.search(/\(\s*$/));
        ce = e + (/^\s*\)/.exec(after)?.[0].length ?? 0);
      } else if (BEFORE_CREDIT.test(before)) {
        rule = a.agency ? 'sourcing/as-per' : 'sourcing/outlet-cited';
        const m = BEFORE_CREDIT.exec(before)!;
        cs = s - (before.length - m.index);
      } else if (/^\s*[-–—]\s*$/.test(lineBefore) || (/[-–—]\s*$/.test(lineBefore) && /^[\s.)]*$/.test(lineAfter))) {
        rule = 'sourcing/trailer';
      } else if (/^\s*\)?\s*[.]?\s*$/.test(lineAfter) && /\(\s*$/.test(before)) {
        rule = 'sourcing/trailer';
      } else if (/^\s*(?:contributed|staff contributed)/.test(after)) {
        rule = 'sourcing/trailer';
      } else if (AFTER_VERB.test(after)) {
        rule = a.agency ? 'sourcing/agency-verb' : 'sourcing/outlet-cited';
        ce = e + (AFTER_VERB.exec(after)?.[0].length ?? 0);
      } else if (!a.agency && BEFORE_OUTLET_VERB.test(before)) {
        rule = 'sourcing/outlet-cited';
        cs = s - (before.length - (BEFORE_OUTLET_VERB.exec(before)?.index ?? before.length));
      }
      if (!rule) continue;
      if (rule === 'sourcing/source-line' && !a.agency) {
        if (!doc.meta.outlet) doc.meta.outlet = a.name;
      } else if (!wire.some((w) => w.name === a.name)) {
        // One entry per agency: its first credit is the evidence (a story crediting AFP twice relies on AFP once).
        wire.push({ name: a.name, start: cs, end: ce, text: text.slice(cs, ce), rule });
      }
      lastEnd = e;
      break;
    }
  }
  // "Source: X" naming an outlet we do not list: a capitalised name alone on its line.
  if (!doc.meta.outlet) {
    const re = /(?:^|\n)[ \t]*Source\s*:\s*((?:The\s+)?[A-Z][\p{L}\p{N}&.'’-]*(?:\s+[A-Z0-9][\p{L}\p{N}&.'’-]*){0,4})[ \t]*\.?[ \t]*(?=\r?\n|$)/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const name = m[1];
      if (!wire.some((w) => w.start <= m!.index + m![0].length && w.end >= m!.index)) {
        doc.meta.outlet = name;
        break;
      }
    }
  }
  doc.meta.wire = wire;
}

export const sourcingStage: Stage = { name: 'sourcing', run };
export { run as findSourcing };
