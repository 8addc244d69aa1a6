/**
 * Hand-made coded documents for the server and browser tests: articles written for these tests
 * (not from any outlet), annotated by hand so the tests do not depend on how far the pipeline has
 * got. Every span is located in the text, so offsets are exact.
 */
import type { ActorKind, Article, CodedDocument, CodedEvent, Modality, Quote, TimeExpr, Place, ActorOut } from '../src/document.js';

function at(text: string, s: string, from = 0): { start: number; end: number; text: string } {
  const start = text.indexOf(s, from);
  if (start < 0) throw new Error(`fixture: "${s}" not in text`);
  return { start, end: start + s.length, text: s };
}

interface ActorSpec { id: string; name: string; code: string | null; country: string | null; kind: ActorKind; mentions: string[] }
interface EventSpec {
  code: string; name: string; quad: 1 | 2 | 3 | 4; goldstein: number; plover: string;
  source: string; target: string | null; sentence: string; trigger: string; modality?: Modality;
  date: { value: string; time?: string }; place?: { name: string; text: string; country: string; lat: number; lon: number }; quote?: string;
}
interface QuoteSpec { id: string; text: string; speaker: string; speakerText: string; cue: string }

export interface Fixture { article: Article; doc: CodedDocument }

export function craft(article: Article, actors: ActorSpec[], events: EventSpec[], quotes: QuoteSpec[] = []): Fixture {
  const text = article.text;
  const ev = (rule: string, confidence = 0.9) => ({ stage: 'actors' as const, rule, anchor: 'stated' as const, confidence });
  const actorsOut: ActorOut[] = actors.map((a) => ({
    id: a.id, name: a.name, code: a.code, country: a.country, type: a.code ? a.code.slice(3, 6) || null : null, kind: a.kind, evidence: ev(`fixture:${a.id}`),
    mentions: a.mentions.map((m) => ({ ...at(text, m), how: 'name' as const })),
  }));
  const times: TimeExpr[] = [];
  const places: Place[] = [];
  const out: CodedEvent[] = events.map((e, i) => {
    const sent = at(text, e.sentence);
    const trig = at(text, e.trigger, sent.start);
    let time: string | null = null;
    let tspan: { start: number; end: number } | undefined;
    if (e.date.time) {
      const t = at(text, e.date.time, sent.start);
      time = `t${times.length + 1}`;
      tspan = { start: t.start, end: t.end };
      times.push({ id: time, ...t, type: 'DATE', value: e.date.value, precision: 'day', anchor: 'implied', sentence: 0, evidence: { stage: 'time', rule: 'fixture:weekday', anchor: 'implied', confidence: 0.9 } });
    }
    let place: CodedEvent['place'] = null;
    if (e.place) {
      const p = at(text, e.place.text, sent.start);
      const id = `p${places.length + 1}`;
      places.push({ id, ...p, name: e.place.name, country: e.place.country, lat: e.place.lat, lon: e.place.lon, geonameid: null, feature: 'PPL', confidence: 0.9, sentence: 0, evidence: { stage: 'places', rule: 'fixture:place', anchor: 'stated', confidence: 0.9 } });
      place = { place: id, name: e.place.name, country: e.place.country, lat: e.place.lat, lon: e.place.lon, start: p.start, end: p.end };
    }
    const actor = (id: string | null) => {
      if (!id) return null;
      const a = actors.find((x) => x.id === id)!;
      return { actor: a.id, code: a.code, country: a.country };
    };
    return {
      id: `e${i + 1}`, code: e.code, root: e.code.slice(0, 2), name: e.name, goldstein: e.goldstein, quad: e.quad,
      plover: { type: e.plover, mode: null, context: null }, source: actor(e.source), target: actor(e.target), group: null,
      modality: e.modality ?? 'asserted',
      date: { value: e.date.value, precision: 'day', anchor: e.date.time ? 'implied' : 'implied', time, ...(tspan ?? {}) },
      place, quote: e.quote ?? null,
      evidence: { sentence: 0, ...sent, rule: `fixture:verbs/${e.trigger.toLowerCase()}`, confidence: 0.85, trigger: trig },
    };
  });
  const qs: Quote[] = quotes.map((q) => {
    const a = actors.find((x) => x.id === q.speaker)!;
    const sp = at(text, q.speakerText);
    return {
      id: q.id, kind: 'direct', ...at(text, q.text), speaker: { actor: a.id, name: a.name, code: a.code, start: sp.start, end: sp.end },
      cue: at(text, q.cue), medium: null, evidence: { stage: 'quotes', rule: 'fixture:quote', anchor: 'stated', confidence: 0.9 },
    };
  });
  const doc: CodedDocument = {
    dyad: 'test', article: { id: article.id ?? null, title: article.title ?? null, published: article.published ?? null, url: article.url ?? null, outlet: article.outlet ?? null, wire: [] },
    actors: actorsOut, events: out, quotes: qs, times, places,
  };
  return { article, doc };
}

export const GENEVA = { name: 'Geneva', text: 'Geneva', country: 'CHE', lat: 46.2, lon: 6.15 };

export function usaRus(): Fixture {
  const text =
    'US and Russian envoys meet in Geneva\n' +
    'US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Geneva on Monday, the State Department said.\n' +
    '"We had a frank discussion about Ukraine," Rubio told reporters after the talks.\n' +
    'Russia later accused the United States of stalling on sanctions relief.\n';
  return craft(
    { id: 'test-usa-rus', text, published: '2025-05-20', title: 'US and Russian envoys meet in Geneva', outlet: 'Test Wire', url: 'https://example.test/usa-rus' },
    [
      { id: 'a1', name: 'Marco Rubio', code: 'USAGOV', country: 'USA', kind: 'person', mentions: ['Marco Rubio', 'Rubio told'.slice(0, 5)] },
      { id: 'a2', name: 'Sergei Lavrov', code: 'RUSGOV', country: 'RUS', kind: 'person', mentions: ['Sergei Lavrov'] },
      { id: 'a3', name: 'Russia', code: 'RUS', country: 'RUS', kind: 'country', mentions: ['Russia later'.slice(0, 6)] },
      { id: 'a4', name: 'United States', code: 'USA', country: 'USA', kind: 'country', mentions: ['United States'] },
    ],
    [
      { code: '044', name: 'Meet at third location', quad: 1, goldstein: 2.5, plover: 'CONSULT', source: 'a1', target: 'a2', sentence: 'US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Geneva on Monday, the State Department said.', trigger: 'met', date: { value: '2025-05-19', time: 'Monday' }, place: GENEVA },
      { code: '010', name: 'Make statement', quad: 1, goldstein: 0, plover: 'CONSULT', source: 'a1', target: null, sentence: '"We had a frank discussion about Ukraine," Rubio told reporters after the talks.', trigger: 'told', date: { value: '2025-05-20' }, quote: 'q1' },
      { code: '112', name: 'Accuse', quad: 3, goldstein: -2, plover: 'ACCUSE', source: 'a3', target: 'a4', sentence: 'Russia later accused the United States of stalling on sanctions relief.', trigger: 'accused', date: { value: '2025-05-20' } },
    ],
    [{ id: 'q1', text: '"We had a frank discussion about Ukraine,"', speaker: 'a1', speakerText: 'Rubio', cue: 'told' }],
  );
}

/** An article whose text carries markup that would run if it were ever rendered as HTML. */
export function hostile(): Fixture {
  const text =
    'France and Germany sign <script>window.__pwned = 1</script> pact\n' +
    'France signed a defence pact with Germany in Berlin on Friday <img src=x onerror="window.__pwned = 2"> officials said.\n';
  return craft(
    { id: 'test-hostile', text, published: '2025-05-17', title: 'France and Germany sign <b>pact</b>', outlet: 'Test Wire <i>', url: 'javascript:window.__pwned=3' },
    [
      { id: 'a1', name: 'France', code: 'FRA', country: 'FRA', kind: 'country', mentions: ['France signed'.slice(0, 6)] },
      { id: 'a2', name: 'Germany <svg onload=window.__pwned=4>', code: 'DEU', country: 'DEU', kind: 'country', mentions: ['Germany in'.slice(0, 7)] },
    ],
    [
      { code: '057', name: 'Sign formal agreement', quad: 1, goldstein: 8, plover: 'AGREE', source: 'a1', target: 'a2', sentence: 'France signed a defence pact with Germany in Berlin on Friday <img src=x onerror="window.__pwned = 2"> officials said.', trigger: 'signed', date: { value: '2025-05-16', time: 'Friday' }, place: { name: 'Berlin', text: 'Berlin', country: 'DEU', lat: 52.52, lon: 13.4 } },
    ],
  );
}

/** A few more events over several weeks so the timeline and map have shape. */
export function extras(): Fixture[] {
  const t1 =
    'Ukraine and Russia trade accusations\n' +
    'Ukraine accused Russia of shelling Kharkiv on Sunday.\n' +
    'Russian forces attacked Ukrainian positions near Kharkiv, the army said.\n';
  const t2 =
    'EU offers aid to Ukraine\n' +
    'The European Union pledged new aid to Ukraine in Brussels on Wednesday.\n' +
    'Washington said Russia must withdraw its troops.\n';
  return [
    craft(
      { id: 'test-kharkiv', text: t1, published: '2025-05-05', title: 'Ukraine and Russia trade accusations', outlet: 'Test Wire' },
      [
        { id: 'a1', name: 'Ukraine', code: 'UKR', country: 'UKR', kind: 'country', mentions: ['Ukraine accused'.slice(0, 7)] },
        { id: 'a2', name: 'Russia', code: 'RUS', country: 'RUS', kind: 'country', mentions: ['Russia of'.slice(0, 6)] },
        { id: 'a3', name: 'Russian forces', code: 'RUSMIL', country: 'RUS', kind: 'group', mentions: ['Russian forces'] },
        { id: 'a4', name: 'Ukrainian army', code: 'UKRMIL', country: 'UKR', kind: 'group', mentions: ['Ukrainian positions'] },
      ],
      [
        { code: '112', name: 'Accuse', quad: 3, goldstein: -2, plover: 'ACCUSE', source: 'a1', target: 'a2', sentence: 'Ukraine accused Russia of shelling Kharkiv on Sunday.', trigger: 'accused', date: { value: '2025-05-04', time: 'Sunday' }, place: { name: 'Kharkiv', text: 'Kharkiv', country: 'UKR', lat: 49.99, lon: 36.23 } },
        { code: '190', name: 'Use conventional military force', quad: 4, goldstein: -10, plover: 'ASSAULT', source: 'a3', target: 'a4', sentence: 'Russian forces attacked Ukrainian positions near Kharkiv, the army said.', trigger: 'attacked', date: { value: '2025-05-04' }, place: { name: 'Kharkiv', text: 'Kharkiv', country: 'UKR', lat: 49.99, lon: 36.23 } },
      ],
    ),
    craft(
      { id: 'test-eu-aid', text: t2, published: '2025-05-29', title: 'EU offers aid to Ukraine', outlet: 'Test Wire' },
      [
        { id: 'a1', name: 'European Union', code: 'IGOEU', country: null, kind: 'igo', mentions: ['European Union'] },
        { id: 'a2', name: 'Ukraine', code: 'UKR', country: 'UKR', kind: 'country', mentions: ['Ukraine in'.slice(0, 7)] },
        { id: 'a3', name: 'United States', code: 'USA', country: 'USA', kind: 'country', mentions: ['Washington'] },
        { id: 'a4', name: 'Russia', code: 'RUS', country: 'RUS', kind: 'country', mentions: ['Russia must'.slice(0, 6)] },
      ],
      [
        { code: '073', name: 'Provide humanitarian aid', quad: 2, goldstein: 7.4, plover: 'AID', source: 'a1', target: 'a2', sentence: 'The European Union pledged new aid to Ukraine in Brussels on Wednesday.', trigger: 'pledged', date: { value: '2025-05-28', time: 'Wednesday' }, place: { name: 'Brussels', text: 'Brussels', country: 'BEL', lat: 50.85, lon: 4.35 } },
        { code: '1056', name: 'Demand withdrawal', quad: 3, goldstein: -5, plover: 'DEMAND', source: 'a3', target: 'a4', sentence: 'Washington said Russia must withdraw its troops.', trigger: 'must withdraw', date: { value: '2025-05-29' } },
      ],
    ),
  ];
}

export function allFixtures(): Fixture[] {
  return [usaRus(), hostile(), ...extras()];
}
