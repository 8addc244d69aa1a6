/** Events stage: patterns, arguments, modality, groups, evidence — on hand-made mentions (no actors stage needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc, code } from '../src/code.js';
import { segment } from '../src/stages/segment/index.js';
import { codeEvents } from '../src/stages/events/index.js';
import { loadCameo, compilePattern, cameoCode } from '../src/dictionaries/cameo.js';
import type { Actor, ActorMention, CodedEvent, Doc } from '../src/document.js';
import { example, offsetErrors, schemaErrors } from './helpers.js';

const ACTORS: Record<string, { code: string; country: string; kind: Actor['kind'] }> = {
  Russia: { code: 'RUS', country: 'RUS', kind: 'country' },
  Moscow: { code: 'RUSGOV', country: 'RUS', kind: 'country' },
  Ukraine: { code: 'UKR', country: 'UKR', kind: 'country' },
  Kyiv: { code: 'UKRGOV', country: 'UKR', kind: 'country' },
  Germany: { code: 'DEU', country: 'DEU', kind: 'country' },
  France: { code: 'FRA', country: 'FRA', kind: 'country' },
  Turkey: { code: 'TUR', country: 'TUR', kind: 'country' },
  'the rebels': { code: 'SYRREB', country: 'SYR', kind: 'group' },
  police: { code: 'EGYCOP', country: 'EGY', kind: 'group' },
};

/** Segment the text and add a mention for every occurrence of a known actor name. */
function docWith(text: string, published = '2025-05-18'): Doc {
  const doc = newDoc({ text, published }, text, published);
  segment(doc);
  for (const [name, a] of Object.entries(ACTORS)) {
    const id = `a-${a.code}`;
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      from = at + name.length;
      const toks = doc.tokens.filter((t) => t.start >= at && t.end <= at + name.length);
      if (!toks.length) continue;
      if (!doc.actors.has(id))
        doc.actors.set(id, { id, name, code: a.code, country: a.country, type: null, kind: a.kind, evidence: { stage: 'actors', rule: 'test', anchor: 'stated', confidence: 1 } });
      const next = doc.tokens[toks[toks.length - 1].i + 1];
      const m: ActorMention = {
        id: doc.nextId('m'), actor: id, start: at, end: at + name.length, text: name, sentence: toks[0].sentence,
        tokenStart: toks[0].i, tokenEnd: toks[toks.length - 1].i + 1, head: toks[toks.length - 1].i,
        npStart: toks[0].i, npEnd: toks[toks.length - 1].i + 1, how: 'country',
        evidence: { stage: 'actors', rule: 'test', anchor: 'stated', confidence: 1 },
      };
      if (next && (next.norm === "'s" || next.norm === '’s')) m.possessive = true;
      doc.mentions.push(m);
    }
  }
  doc.mentions.sort((x, y) => x.start - y.start);
  codeEvents(doc);
  return doc;
}

const brief = (e: CodedEvent) => `${e.source?.code ?? '-'} ${e.code} ${e.target?.code ?? '-'} ${e.modality}`;

test('dictionary: every CAMEO root has patterns, every pattern code is in the ontology', () => {
  const d = loadCameo();
  const roots = new Set<string>();
  let n = 0;
  for (const list of d.index.values())
    for (const p of list) {
      roots.add(p.entry.code.slice(0, 2));
      assert.ok(d.codes.has(p.entry.code), p.entry.code);
      n++;
    }
  assert.equal(roots.size, 20);
  assert.ok(d.counts.verbs + d.counts.nouns >= 300, `only ${d.counts.verbs + d.counts.nouns} patterns`);
  assert.ok(n >= d.counts.verbs + d.counts.nouns);
});

test('ontology: GDELT quad, goldstein and PLOVER from the codebooks', () => {
  const d = loadCameo();
  assert.equal(d.codes.size, 312);
  const c163 = cameoCode('163')!;
  assert.equal(c163.quad, 4);
  assert.equal(c163.goldstein, -8);
  assert.equal(c163.plover?.type, 'COERCE');
  assert.equal(cameoCode('041')!.plover?.mode, 'phone');
  assert.equal(cameoCode('01')!.quad, 1);
  assert.equal(cameoCode('0999'), cameoCode('09'), 'unknown leaf falls back to its parent');
});

test('pattern syntax: anchors, @anchors, multi-word alternatives, wide gaps', () => {
  const e = { id: 'x', pattern: 'impose|step_up * sanction|economic_sanctions', code: '163', pos: 'verb' as const, note: 'n' };
  const out = compilePattern(e, 'verbs', 0, 'src');
  assert.deepEqual(out.map((o) => o.anchors[0]), ['impose', 'step']);
  assert.deepEqual(out[1].pattern.tail, ['up']);
  assert.equal(out[0].pattern.steps[0].wide, true);
  assert.deepEqual(out[0].pattern.steps[0].alts, [['sanction'], ['economic', 'sanctions']]);
  const n = compilePattern({ ...e, pattern: 'phone|telephone @call', pos: 'noun' }, 'nouns', 0, 'src');
  assert.deepEqual(n[0].anchors, ['call']);
  assert.deepEqual(n[0].pattern.before, [['phone', 'telephone']]);
});

test('reciprocal agreement: one group, both directions', () => {
  const doc = docWith('Russia and Ukraine agreed to exchange 1,000 prisoners each.');
  const ev = doc.events.filter((e) => e.root === '03');
  assert.equal(ev.length, 2, doc.events.map(brief).join('; '));
  assert.equal(ev[0].code, '0353');
  assert.ok(ev[0].group && ev[0].group === ev[1].group);
  assert.deepEqual(new Set(ev.map((e) => `${e.source?.code}>${e.target?.code}`)), new Set(['RUS>UKR', 'UKR>RUS']));
  assert.equal(doc.events.filter((e) => e.root === '08').length, 0, 'the embedded "exchange" is part of the agreement');
});

test('accusation: subject, object before "of", asserted', () => {
  const doc = docWith('Ukraine accused Moscow of sending a dummy delegation.');
  assert.deepEqual(doc.events.map(brief), ['UKR 112 RUSGOV asserted']);
  const e = doc.events[0];
  assert.equal(e.evidence.trigger?.text, 'accused');
  assert.equal(e.evidence.rule, 'verbs:accuse * of');
  assert.match(e.evidence.source ?? '', /^data\/verbs\/verbs\.json@/);
  assert.equal(e.quad, 3);
  assert.equal(e.plover?.type, 'ACCUSE');
});

test('modality: future, negated, hypothetical threat from a condition', () => {
  assert.deepEqual(docWith('Germany will impose sanctions on Russia.').events.map(brief), ['DEU 163 RUS future']);
  assert.deepEqual(docWith('Russia did not attack Ukraine on Monday.').events.map(brief), ['RUS 190 UKR negated']);
  const t = docWith('France floated new sanctions should Russia continue to stall.').events;
  assert.deepEqual(t.map(brief), ['FRA 1312 RUS hypothetical']);
  assert.equal(t[0].evidence.modalityCue?.text, 'should');
  const w = docWith('Ukraine said it would hold talks with Russia.').events.filter((e) => e.root === '04');
  assert.deepEqual(w.map(brief), ['UKR 040 RUS future'], 'would after a speech verb is future, and "it" is the speaker');
});

test('passive voice: the by-agent is the source', () => {
  const doc = docWith('Kyiv was attacked by Russia overnight.');
  assert.deepEqual(doc.events.map(brief), ['RUS 190 UKRGOV asserted']);
});

test('prepositional targets and event nouns', () => {
  assert.deepEqual(docWith('Turkey met with Russia in Istanbul.').events.map(brief), ['TUR 040 RUS asserted']);
  const talks = docWith('The talks between Russia and Ukraine ended.').events;
  assert.deepEqual(new Set(talks.map(brief)), new Set(['RUS 040 UKR asserted', 'UKR 040 RUS asserted']));
  assert.deepEqual(docWith("Moscow's invasion of Ukraine began in 2022.").events.map(brief), ['RUSGOV 190 UKR asserted']);
});

test('compound subject with a target: one event per pair, shared group', () => {
  const ev = docWith('Germany and France condemned Russia.').events;
  assert.deepEqual(new Set(ev.map(brief)), new Set(['DEU 111 RUS asserted', 'FRA 111 RUS asserted']));
  assert.ok(ev[0].group && ev[0].group === ev[1].group);
});

test('nothing fits: no fallback code; statements only when nothing else is coded', () => {
  assert.equal(docWith('Russia and Ukraine are neighbours with a long history.').events.length, 0);
  const s = docWith('Russia said the weather was fine.').events;
  assert.deepEqual(s.map(brief), ['RUS 010 - asserted']);
  const only = docWith('Russia said Ukraine attacked Moscow.').events;
  assert.deepEqual(only.map(brief), ['UKR 190 RUSGOV asserted'], 'the speech verb is dropped when a real event is coded');
});

test('bad input: empty, junk and actor-less text never crash', () => {
  for (const t of ['', '   ', '\u0000\u0001 ???', 'attack attack attack', 'The talks ended.']) {
    const doc = docWith(t);
    assert.equal(doc.events.length, 0, t);
  }
});

test('full pipeline output validates and offsets index the text', () => {
  for (const name of ['ankara-talks.txt', 'gaza-aid.txt', 'sahel-sanctions.txt']) {
    const text = example(name);
    const out = code({ text, published: '2025-06-06' });
    assert.equal(schemaErrors(out), null, name);
    assert.deepEqual(offsetErrors(text, out), [], name);
    for (const e of out.events) {
      if (e.evidence.modalityCue) assert.equal(text.slice(e.evidence.modalityCue.start, e.evidence.modalityCue.end), e.evidence.modalityCue.text);
      assert.ok(e.source || e.target, 'every event has at least one actor');
      assert.ok(e.evidence.confidence > 0 && e.evidence.confidence <= 1);
    }
  }
});

test('generic targets: a noun phrase with no dictionary actor in the object slot', () => {
  const text = 'Russia detained 18 people on Monday.';
  const doc = docWith(text);
  const e = doc.events.find((x) => x.root === '17');
  assert.ok(e?.target, doc.events.map(brief).join('; '));
  const a = doc.actors.get(e.target.actor)!;
  assert.equal(a.kind, 'generic');
  assert.equal(a.name, '18 people');
  assert.equal(a.code, null, 'no country is invented');
  assert.equal(a.type, 'CVL', 'the role noun gives the type');
  assert.equal(a.evidence.rule, 'events/generic-np');
  const m = doc.mentions.find((x) => x.actor === a.id)!;
  assert.equal(text.slice(m.start, m.end), '18 people');
  assert.equal(m.how, 'generic');
  // quantities belong to the phrase; a place or actor inside it gives the country
  const q = docWith('Russia killed more than 500 civilians.').events.find((x) => x.root === '19' || x.root === '18');
  assert.equal(q && q.target ? docWith('Russia killed more than 500 civilians.').actors.get(q.target.actor)?.name : null, 'more than 500 civilians');
  const k = docWith('Russia attacked an army camp in western Kyiv.');
  const ke = k.events.find((x) => x.root === '19' || x.root === '18');
  assert.ok(ke?.target, k.events.map(brief).join('; '));
  const ka = k.actors.get(ke.target.actor)!;
  assert.equal(ka.name, 'an army camp in western Kyiv');
  assert.equal(ka.country, 'UKR');
  assert.equal(ke.target.code, 'UKR');
  // running the stage again gives the same actors (no duplicates)
  const n = k.actors.size;
  k.events = [];
  codeEvents(k);
  assert.equal(k.actors.size, n);
});

test('generic targets: not abstract nouns, not the source\'s own people, not statements', () => {
  const r = docWith('Russia rejected the proposal.').events.filter((x) => x.root === '12');
  assert.equal(r.length, 1, 'the rejection is coded');
  assert.equal(r[0].target, null, 'an abstract noun is not an actor');
  const s = docWith('Russia said 18 people were detained.').events.filter((x) => x.root === '01');
  for (const e of s) assert.equal(e.target, null);
  const w = docWith('Germany will withdraw 200 soldiers.').events;
  for (const e of w) assert.notEqual(e.target && docWith('Germany will withdraw 200 soldiers.').actors.get(e.target.actor)?.kind, 'generic', brief(e));
});

test('"dozens of" and "supporters of" pass the object slot on; a possessor of an abstract object is the target', () => {
  assert.deepEqual(docWith('Russia detained dozens of supporters of the rebels.').events.filter((x) => x.root === '17').map(brief), ['RUS 173 SYRREB asserted']);
  assert.deepEqual(docWith("Germany criticized Russia's decision.").events.map(brief), ['DEU 111 RUS asserted']);
});

test('restraint cues negate the embedded act', () => {
  assert.deepEqual(docWith('Germany has shown restraint in criticizing Russia.').events.map(brief), ['DEU 111 RUS negated']);
  assert.deepEqual(docWith('Germany refrained from criticizing Russia.').events.map(brief), ['DEU 111 RUS negated']);
  const e = docWith('Germany stopped short of condemning Russia.').events;
  assert.deepEqual(e.map(brief), ['DEU 111 RUS negated']);
  assert.equal(e[0].evidence.modalityCue?.text, 'stopped short of');
  assert.deepEqual(docWith('Germany criticized Russia.').events.map(brief), ['DEU 111 RUS asserted']);
});

test('generic actors validate against the output schema', () => {
  const text = 'Police in Cairo detained several suspects on Monday. Rebels attacked an army camp near the border.';
  const out = code({ text, published: '2025-06-06' });
  assert.equal(schemaErrors(out), null);
  assert.deepEqual(offsetErrors(text, out), []);
  const g = out.actors.filter((a) => a.kind === 'generic');
  assert.ok(g.length >= 1, JSON.stringify(out.events.map((e) => [e.code, e.target])));
  for (const a of g) for (const m of a.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test('generic targets: passive subjects, place heads, appositive names, particles', () => {
  // a passive subject with no actor is the target; the actor inside it gives the country
  const p = docWith('A camp near Kyiv was attacked by Russia.');
  const pe = p.events.find((x) => x.root === '19' || x.root === '18');
  assert.ok(pe?.target, p.events.map(brief).join('; '));
  assert.equal(pe.source?.code, 'RUS');
  assert.equal(p.actors.get(pe.target.actor)?.name, 'A camp near Kyiv');
  assert.equal(pe.target.country, 'UKR');
  // an appositive name after a descriptive noun is the object: "the capital Kyiv"
  assert.deepEqual(docWith('Russia shelled the capital Kyiv.').events.map(brief), ['RUS 194 UKRGOV asserted']);
  // a verb particle is not a preposition: "beat up" keeps its direct object
  assert.deepEqual(docWith('Russia beat up the rebels.').events.filter((x) => x.target).map((x) => x.target?.code), ['SYRREB']);
  // seizures take their target after "from"
  assert.deepEqual(docWith('The police confiscated weapons from the rebels.').events.map(brief), ['EGYCOP 1711 SYRREB asserted']);
});

test('generic sources: a subject noun phrase of people or a group with no dictionary actor', () => {
  const text = 'A local militia commander attacked Kyiv.';
  const doc = docWith(text);
  const e = doc.events.find((x) => x.root === '18' || x.root === '19');
  assert.ok(e?.source, doc.events.map(brief).join('; '));
  const a = doc.actors.get(e.source.actor)!;
  assert.equal(a.kind, 'generic');
  assert.equal(a.name, 'A local militia commander');
  assert.equal(e.target?.code, 'UKRGOV');
  // an abstract subject is not an actor
  assert.ok(!docWith('The decision attacked Kyiv.').events.some((x) => x.source), 'no source from "the decision"');
});

test('no target from an attribution clause or a cooperative topic', () => {
  // ", a … official said" names the speaker, not an argument; "on missing people" is the topic of an agreement
  const e = docWith('Russia agreed to share information on missing people, a Ukraine official said.').events.filter((x) => x.root === '03');
  assert.equal(e.length, 1, docWith('Russia agreed to share information on missing people, a Ukraine official said.').events.map(brief).join('; '));
  assert.equal(e[0].target, null);
});

test('reciprocal events: a place of a third country is the target, not each other', () => {
  const out = code({ text: 'Turkey and Russia announced a ceasefire in Idlib on Thursday.', published: '2020-03-05' });
  const ev = out.events.filter((e) => e.root === '08');
  assert.ok(ev.length >= 1, JSON.stringify(out.events.map((e) => [e.code, e.source?.code, e.target?.code])));
  for (const e of ev) assert.ok(!(e.source?.country === 'TUR' && e.target?.country === 'RUS') && !(e.source?.country === 'RUS' && e.target?.country === 'TUR'), 'not Turkey ↔ Russia');
  assert.deepEqual(new Set(ev.map((e) => e.target?.country)), new Set(['SYR']));
});

test('a participle clause after a comma shares the main subject; one event per code and dyad', () => {
  const ev = docWith('Russia shelled Kyiv overnight, killing 20 people.').events;
  const kill = ev.find((e) => e.code === '190' && e.target && docWith('Russia shelled Kyiv overnight, killing 20 people.').actors.size >= 0);
  assert.ok(kill, ev.map(brief).join('; '));
  assert.equal(kill.source?.code, 'RUS');
  const keys = ev.map((e) => `${e.code}|${e.source?.actor}|${e.target?.actor}`);
  assert.equal(new Set(keys).size, keys.length, 'no duplicate events');
});

test('object owner: the author of an abstract object is the target, with its evidence', () => {
  const tgt = (text: string, root: string): CodedEvent | undefined => docWith(text).events.find((e) => e.root === root);
  // "of X", "by X", "submitted by X", a possessor inside a preposition, and a premodifier
  for (const [text, root, want] of [
    ['Ukraine rejected the latest offer of Russia.', '12', 'RUS'],
    ['Kyiv turned down a ceasefire plan drawn up by Moscow.', '12', 'RUSGOV'],
    ['Germany rejected the Russia peace demands.', '12', 'RUS'],
    ['France rejected the appeal lodged by Turkey.', '12', 'TUR'],
  ] as const) {
    const e = tgt(text, root);
    assert.ok(e, `${text}: ${docWith(text).events.map(brief).join('; ')}`);
    assert.equal(e.target?.code, want, `${text}: ${brief(e)}`);
  }
  const e = tgt('Ukraine rejected the latest offer of Russia.', '12')!;
  assert.match(e.evidence.rule, /events\/object-owner:of/);
  // an object that names nobody has no target; the source's own actor is never its target
  assert.equal(tgt('Ukraine rejected the latest offer.', '12')?.target ?? null, null);
  assert.equal(tgt('Russia rejected the offer of Russia.', '12')?.target ?? null, null);
});

test('object owner: a country adjective before a hyphenated participle, and the patient of a lifted ban', () => {
  const doc = docWith('Russia vetoed a German-drafted resolution on Friday.');
  const e = doc.events.find((x) => x.root === '12');
  assert.ok(e, doc.events.map(brief).join('; '));
  assert.equal(e.target?.code, 'DEU', brief(e));
  const m = doc.mentions.find((x) => x.actor === e.target?.actor);
  assert.ok(m && doc.text.slice(m.start, m.end) === 'German', 'the mention covers the adjective exactly');
  // "lifted the ban imposed on X": X, not the one who imposed it
  const lift = docWith('Kyiv lifted the trade ban imposed on Germany last year.').events.find((x) => x.root === '08');
  assert.ok(lift, docWith('Kyiv lifted the trade ban imposed on Germany last year.').events.map(brief).join('; '));
  assert.equal(lift.target?.code, 'DEU');
  // "completed its withdrawal of troops": the source's own troops are no target
  const w = docWith('Russia completed its withdrawal of troops on Monday.').events.find((x) => x.root === '08');
  assert.equal(w?.target ?? null, null, w ? brief(w) : 'none');
});

test('generic noun phrases end at a participle clause after the head', () => {
  const doc = docWith('Germany provided aid to about 300 families using funds raised abroad.');
  const e = doc.events.find((x) => x.root === '07');
  assert.ok(e?.target, doc.events.map(brief).join('; '));
  assert.equal(doc.actors.get(e.target.actor)?.name, 'about 300 families');
});

test('more targets: people after a statement noun, the pattern\'s own people noun, an event noun subject, "on" after a strike noun', () => {
  const find = (text: string, root: string) => {
    const doc = docWith(text);
    const e = doc.events.find((x) => x.root === root);
    assert.ok(e, `${text}: ${doc.events.map(brief).join('; ')}`);
    return { doc, e, name: e.target ? doc.actors.get(e.target.actor)?.name ?? null : null };
  };
  assert.equal(find('Germany expressed condolences to the families of the miners.', '01').name, 'the families of the miners');
  // a statement noun far from "to" has no target ("… in a message to the media")
  assert.equal(find('Germany expressed condolences over the crash in a message to the media.', '01').e.target, null);
  assert.equal(find('Turkey freed 40 prisoners on Monday.', '08').name, '40 prisoners');
  const bomb = find('A car bombing by the rebels killed 12 villagers near the border.', '18');
  assert.equal(bomb.e.source?.code, 'SYRREB');
  assert.equal(bomb.name, '12 villagers');
  assert.equal(find('Russia launched heavy artillery strikes on Ukraine overnight.', '19').e.target?.code, 'UKR');
});

test('subjects past a reduced relative or a participle modifier inside the subject noun phrase', () => {
  const a = docWith('Russia, backed by Moscow, shelled Kyiv.').events.find((x) => x.root === '19' || x.root === '18');
  assert.ok(a);
  const b = docWith('Riot police supported by Germany attacked the rebels on Monday.').events.find((x) => x.target?.code === 'SYRREB');
  assert.ok(b, docWith('Riot police supported by Germany attacked the rebels on Monday.').events.map(brief).join('; '));
  assert.equal(b.source?.code ?? null, 'EGYCOP', 'the subject is the head before the reduced relative, not its by-phrase');
  const c = docWith('Turkey and allied police have detained the rebels.').events.find((x) => x.root === '17');
  assert.ok(c?.source, docWith('Turkey and allied police have detained the rebels.').events.map(brief).join('; '));
});

test('a subject noun phrase "N in <place>" with no actor is a generic source', () => {
  const out = code({ text: 'A court in Istanbul has lifted a travel ban on a Swedish writer.', published: '2024-03-01' });
  const e = out.events.find((x) => x.root === '08');
  assert.ok(e?.source, JSON.stringify(out.events.map((x) => [x.code, x.source?.code, x.target?.code])));
  const a = out.actors.find((x) => x.id === e.source!.actor);
  assert.match(a?.name ?? '', /court in Istanbul/);
  assert.equal(a?.country, 'TUR');
});

test('object owner: a plain phrase between the object and its author is stepped over', () => {
  const doc = docWith('Ukraine rejected the latest offer for peace talks by Turkey.');
  const e = doc.events.find((x) => x.root === '12');
  assert.ok(e, doc.events.map(brief).join('; '));
  assert.equal(e.target?.code, 'TUR', brief(e));
  // past a stepped-over phrase the actor must head its phrase ("the use of the Russia language" names no author)
  const f = docWith('Ukraine rejected the ban on the use of the Russia language.').events.find((x) => x.root === '12');
  assert.equal(f?.target ?? null, null, f ? brief(f) : 'none');
});

test('events: a participle premodifier ("its long-planned invasion") keeps the possessor as the source', () => {
  for (const text of ['Russia mounted its long-planned invasion of Ukraine.', 'Russia mounted its threatened invasion of Ukraine.']) {
    const d = code({ text, published: '2025-05-18' });
    const e = d.events.filter((x) => x.root === '19');
    assert.equal(e.length, 1, `${text}: ${JSON.stringify(d.events.map((x) => x.code))}`);
    assert.equal(e[0].source?.country, 'RUS', text);
    assert.equal(e[0].target?.country, 'UKR', text);
    // the participle is a modifier, not a threat of its own
    assert.ok(!d.events.some((x) => x.root === '13'), text);
  }
});

test('events: "N of N V-ed X" with no other finite verb is a clause, not a reduced relative', () => {
  const d = code({ text: 'Members of parliament met Germany in Berlin.', published: '2025-05-18' });
  const e = d.events.filter((x) => x.root === '04');
  assert.equal(e.length, 1, JSON.stringify(d.events.map((x) => x.code)));
  assert.equal(e[0].target?.country, 'DEU');
  // a participle after a noun in a sentence with its own main verb is still a modifier
  const r = code({ text: 'The issues discussed at the meeting included trade with Germany.', published: '2025-05-18' });
  assert.ok(!r.events.some((x) => x.root === '04'), JSON.stringify(r.events.map((x) => x.code)));
});
