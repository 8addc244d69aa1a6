/**
 * The CAMEO pattern dictionary (data/verbs/verbs.json, nouns.json), one root at a time: constructed
 * sentences (written for this test) that must be coded with the root, and the precedence rules of the
 * recognizer (src/stages/events/match.ts). A test fails when an entry that one of these sentences needs
 * is removed or broken, or when a rule below regresses. Runs without ../shared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code } from '../src/code.js';
import { loadCameo } from '../src/dictionaries/cameo.js';
import type { CodedDocument } from '../src/document.js';

type Ev = CodedDocument['events'][number];
const run = (text: string): Ev[] => code({ text, published: '2024-03-01' }).events;
const brief = (e: Ev): string => `${e.code}[${e.evidence.trigger?.text ?? ''}] ${e.source?.code ?? '-'}>${e.target?.code ?? '-'}`;

const BY_ROOT: [string, string[]][] = [
  ['01', [
    'Japan expressed pessimism about the talks with China.',
    'The Kremlin declined to comment on the report about Ukraine.',
    'Germany expressed condolences to Turkey after the earthquake.',
    'Pakistan claimed responsibility for the raid on the Indian post.',
    'Iran denied the allegations by Israel.',
  ]],
  ['02', [
    'France urged Russia to release the detained journalists.',
    'Kenya appealed to Britain for humanitarian aid.',
    'Egypt called on Israel and Hamas to agree a truce.',
    'The United Nations launched an appeal for aid to Somalia.',
    'Ukraine pressed Germany for more air defence systems.',
    'Egypt wants Ethiopia to halt the filling of the dam.',
  ]],
  ['03', [
    'Japan pledged aid to the Philippines after the storm.',
    'Russia offered to mediate between Armenia and Azerbaijan.',
    'Denmark accepted a formula for settling its dispute with Norway.',
    'Iran and Iraq agreed to exchange prisoners of war.',
  ]],
  ['04', [
    'The Chinese president met the French president in Beijing.',
    'The Indian prime minister visited Japan on Monday.',
    'Qatar mediated between Israel and Hamas.',
    'Brazil hosted the Argentine president in Brasilia.',
    'President Macron gave a warm welcome to the Kenyan president.',
  ]],
  ['05', [
    'Canada praised Mexico for its handling of the crisis.',
    'Turkey signed a defence agreement with Azerbaijan.',
    'Serbia apologized to Croatia for the remarks.',
    'Egypt established diplomatic relations with Israel.',
  ]],
  ['06', [
    'Israel shared intelligence with the United States about the plot.',
    'Spain extradited the suspect to Morocco.',
    'France and Egypt held joint naval exercises in the Mediterranean.',
  ]],
  ['07', [
    'Japan sent humanitarian aid to Turkey.',
    'The United States is providing military intelligence and weapons to Ukraine.',
    'Saudi Arabia granted asylum to the Sudanese opposition leader.',
  ]],
  ['08', [
    'Israel released 50 Palestinian prisoners.',
    'Yugoslavia lifted the curfew in Kosovo.',
    'The Nigerian teachers union called off its strike against the government of Nigeria.',
    'Russia withdrew its troops from Georgia.',
    'Syria allowed United Nations inspectors into the site.',
    'Uzbekistan opened its border with Afghanistan.',
    'A Taliban commander and his men have given up fighting in Faryab.',
  ]],
  ['09', [
    'Kenya launched an investigation into the attack on the Somali convoy.',
    'The United Nations sent inspectors to Iran.',
  ]],
  ['10', [
    'Turkey demanded the release of its citizens held by Iraq.',
    'Iraqi protesters demanded the resignation of the Iraqi prime minister.',
  ]],
  ['11', [
    "Russia condemned Israel's attack on Gaza.",
    'China accused Japan of spying.',
    'Iran criticized the United States over the sanctions.',
    'Italy lodged a protest with Libya over the seizure of the boat.',
    'Turkish police arrested a Greek citizen for spying.',
  ]],
  ['12', [
    'Israel rejected the ceasefire proposal from Egypt.',
    'Russia vetoed the resolution on Syria.',
    'North Korea refused to allow inspectors into the reactor.',
  ]],
  ['13', [
    'Iran threatened to strike Israeli bases.',
    'China warned Taiwan of a military response.',
    'Britain gave Russia a deadline to explain the attack.',
  ]],
  ['14', [
    'Thousands of Kenyans demonstrated against the government of Kenya in Nairobi.',
    'Protesters blocked roads in Bolivia to demand the resignation of the president.',
    'Nigerian workers went on strike over pay.',
  ]],
  ['15', [
    'Israeli troops remained on alert along the border with Lebanon.',
    'Russia strengthened its forces in Crimea.',
    'Pakistan deployed troops along the border with India.',
  ]],
  ['16', [
    'Britain expelled two Russian diplomats.',
    'The United States imposed sanctions on Iran.',
    'Washington suspended military aid to Egypt.',
    'Canada cut diplomatic ties with Iran.',
  ]],
  ['17', [
    'Egyptian police arrested 20 opposition activists.',
    'Russia seized a Ukrainian ship in the Kerch Strait.',
    'Iranian police used tear gas against protesters in Tehran.',
    'The military government of Haiti declared a state of siege in Haiti.',
  ]],
  ['18', [
    'Gunmen kidnapped two Italian aid workers in Somalia.',
    'Irish guerrillas wounded two British soldiers in a bomb attack.',
    'Islamic State militants used civilians in Mosul as human shields.',
  ]],
  ['19', [
    'Russian warplanes bombed rebel positions in Syria.',
    'Syrian troops seized control of the town from the rebels.',
    'Israeli forces shelled Gaza on Monday.',
    'Vietnamese forces launched artillery fire against Cambodian guerrilla camps.',
  ]],
  ['20', [
    'Serb forces engaged in ethnic cleansing in Kosovo against the Albanian population.',
    'Syrian forces used chemical weapons against civilians in Ghouta.',
  ]],
];

for (const [root, sentences] of BY_ROOT) {
  test(`dictionary: root ${root} sentences are coded with root ${root}`, () => {
    const bad: string[] = [];
    for (const s of sentences) {
      const ev = run(s);
      if (!ev.some((e) => e.root === root)) bad.push(`${s} → ${ev.map(brief).join('; ') || 'nothing'}`);
    }
    assert.deepEqual(bad, []);
  });
}

test('dictionary: every root 01-20 has verb patterns, every entry a note and a known code', () => {
  const d = loadCameo();
  const roots = new Set<string>();
  for (const list of d.index.values()) for (const p of list) {
    assert.ok(p.entry.note, p.entry.id);
    assert.ok(d.codes.has(p.entry.code), p.entry.id);
    if (p.entry.pos === 'verb') roots.add(p.entry.code.slice(0, 2));
  }
  for (let r = 1; r <= 20; r++) assert.ok(roots.has(String(r).padStart(2, '0')), `root ${r}`);
  assert.ok(d.counts.verbs > 700 && d.counts.nouns > 180, JSON.stringify(d.counts));
});

test('precedence: an event noun in the object of a verbal act is not a second event', () => {
  const a = run("Russia condemned Israel's attack on Gaza.");
  assert.deepEqual(a.map((e) => e.root), ['11'], a.map(brief).join('; '));
  assert.equal(a[0].target?.code, 'ISR', 'the attacker is the target of the condemnation');
  const b = run('The UN demanded an end to the Israeli blockade of Gaza.');
  assert.ok(b.every((e) => e.root === '10'), b.map(brief).join('; '));
  const c = run('Japan welcomed the agreement between Israel and Hamas.');
  assert.ok(c.length && c.every((e) => e.root === '05'), c.map(brief).join('; '));
  // a material act keeps its own noun events: the seizure is coded, not swallowed
  const d = run('Iran seized a British tanker after the attack on its embassy.');
  assert.ok(d.some((e) => e.root === '17'), d.map(brief).join('; '));
});

test('precedence: equal-weight patterns prefer the more specific code', () => {
  const a = run('The US accused Iran of attacking oil tankers in the Gulf.');
  assert.ok(a.some((e) => e.code === '1123'), a.map(brief).join('; '));
  const b = run('France accused Russia of spying on its diplomats.');
  assert.ok(b.some((e) => e.code === '1125'), b.map(brief).join('; '));
});

test('precedence: the act in a that-clause of a demand or appeal is what is asked for', () => {
  const a = run('Russia demanded that Ukraine withdraw its troops from Kursk.');
  assert.deepEqual(a.map((e) => e.root), ['10'], a.map(brief).join('; '));
  assert.equal(a[0].code, '1056');
  const b = run('France urged that Russia release the journalists.');
  assert.ok(b.length && b.every((e) => e.root === '02'), b.map(brief).join('; '));
  // a statement's that-clause is a reported event of its own
  const c = run('Russia said that Ukraine attacked its base.');
  assert.ok(c.some((e) => e.root === '19'), c.map(brief).join('; '));
});

test('a threatened strike: labour action without a target, military force with one', () => {
  const a = run('Nigerian workers threatened to strike over pay.');
  assert.ok(a.some((e) => e.code === '133'), a.map(brief).join('; '));
  const b = run('Iran threatened strikes on Israel.');
  assert.ok(b.some((e) => e.code === '138'), b.map(brief).join('; '));
  const c = run('China warned Taiwan of a military response.');
  assert.ok(c.some((e) => e.root === '13') && !c.some((e) => e.code === '012'), c.map(brief).join('; '));
});

test('past-tense verbs tagged as adjectives after their subject still anchor verb patterns', () => {
  const a = run('Qatar mediated between Israel and Hamas.');
  assert.ok(a.some((e) => e.code === '045' && e.source?.code === 'QAT'), a.map(brief).join('; '));
  const b = run('Police in Cairo apprehended two Israeli tourists.');
  assert.ok(b.some((e) => e.root === '17'), b.map(brief).join('; '));
});

test('precision: ordinary business and weather sentences are not coded as violence or coercion', () => {
  const cases: [string, (e: Ev) => boolean][] = [
    ['The storm battered the coast of Mexico.', (e) => e.root === '18'],
    ['The Chinese firm took control of the brand in 2004.', (e) => e.root === '19'],
    ['Egyptian police used tear gas against protesters in Cairo.', (e) => e.root === '20'],
    ['Analysts said a mystery surrounding the sale of the Russian bank remained.', (e) => e.root === '19'],
    ['The Spanish government provides data services to British banks.', (e) => e.root === '06'],
  ];
  for (const [s, wrong] of cases) {
    const ev = run(s);
    assert.ok(!ev.some(wrong), `${s} → ${ev.map(brief).join('; ')}`);
  }
});

test('one act per clause: dependent verbs of an act already coded are not events of their own', () => {
  const cases: [string, string, (e: Ev) => boolean][] = [
    // complement infinitive of a noun in the object
    ['Ghana welcomed the decision of Togo to release the fishermen.', '05', (e) => e.root === '08'],
    // participles modifying the object
    ['Poland praised Ukrainian soldiers fighting Russian troops.', '05', (e) => e.root === '19'],
    ['Sweden condemned the Turkish airstrikes targeting Kurdish fighters in Syria.', '11', (e) => e.root === '19'],
    ['Britain thanked the Omani mediators negotiating with Yemen\'s rebels.', '05', (e) => e.root === '04'],
    // relative clause
    ['Japan praised the Indian government, which had sent aid to Nepal.', '05', (e) => e.root === '07'],
    // adverbial clause after the main act
    ['France recalled its ambassador from Mali when the junta expelled French troops.', '16', (e) => e.code === '166'],
    // what follows inside a dropped clause is dropped with it
    ['France recalled its ambassador from Mali when the junta expelled French troops and seized their base.', '16', (e) => e.root === '19'],
    ['Kenya closed its embassy in Somalia after Somali officials alleged that Kenyan troops had shelled a village.', '16', (e) => e.root === '19' || e.root === '11'],
    // event nouns after the act: circumstances and topics
    ['Nigeria deployed troops to the border ahead of Niger\'s elections and Chad\'s protests.', '15', (e) => e.root === '14'],
    ['Japan sent aid to Turkey after Turkey\'s appeal for help.', '07', (e) => e.root === '02' || e.evidence.trigger?.text === 'help'],
    // the infinitive of an appeal that index.ts cannot fold in (an apposition between) is still its content
    ['Germany called on Serbia, a candidate for membership, to recognise Kosovo.', '02', (e) => e.root === '05'],
    ['Britain urged Iran, which has denied the charges, to release the tanker.', '02', (e) => e.root === '01' || e.root === '08'],
    // a gerund after a preposition is an adjunct or the topic of the act
    ['Peru lodged a protest with Chile, charging its neighbour with supporting the rebels.', '11', (e) => e.root === '05'],
    // a gerund complement of the act; an event noun with only a participle after it
    ['Japan is considering sending aid to North Korea following the floods.', '01', (e) => e.root === '07'],
    ['Britain and the United States signed an agreement on customs processes to keep trade flowing between the two countries.', '05', (e) => e.root === '06'],
    // two acts of force by one subject are one incident
    ['Syrian troops stormed the village and killed twelve rebels.', '19', (e) => e.evidence.trigger?.text === 'killed'],
  ];
  for (const [s, root, extra] of cases) {
    const ev = run(s);
    assert.ok(ev.some((e) => e.root === root), `${s} → ${ev.map(brief).join('; ')}`);
    assert.ok(!ev.some(extra), `${s} → ${ev.map(brief).join('; ')}`);
  }
});

test('dependent-clause rule: an appeal or intent still folds its own complement, and a clause of its own stays an event', () => {
  // embedding acts compose with their complement (index.ts), not dropped
  const a = run('Iran and Iraq agreed to exchange prisoners of war.');
  assert.ok(a.some((e) => e.root === '03'), a.map(brief).join('; '));
  // a new subject after "and" opens a clause of its own
  const b = run('Syrian troops shelled the town and Turkish jets bombed rebel positions.');
  assert.ok(b.filter((e) => e.root === '19' || e.root === '18' || e.root === '20').length >= 2, b.map(brief).join('; '));
  // coordinated acts that are not force stay separate events
  const d = run('Brazil criticised Argentina and threatened sanctions if the dispute continued.');
  assert.ok(d.some((e) => e.root === '11') && d.some((e) => e.root === '13'), d.map(brief).join('; '));
  // after an appeal and its complement, "and" + verb is a new act of the same subject
  const g = run("Britain's foreign secretary urged the embassy to reconsider and spoke with the US secretary of state about the case.");
  assert.ok(g.some((e) => e.root === '02') && g.some((e) => e.root === '04'), g.map(brief).join('; '));
  // "rejected and condemned X": one act, and the shared object is its target
  const f = run('Turkey rejected and condemned the resolution of the European Parliament.');
  assert.equal(f.length, 1, f.map(brief).join('; '));
  assert.ok(f[0].target !== null, f.map(brief).join('; '));
  // a protest's purpose still sets the protest's kind (not dropped as a mere infinitive)
  const h = run('Algerian Islamists continued their hunger strike to demand the resignation of the Algerian president.');
  assert.ok(h.some((e) => e.code === '1421'), h.map(brief).join('; '));
  // a clause before the main act is not governed by it
  const c = run('The Mexican president visited Guatemala on Monday.');
  assert.ok(c.some((e) => e.root === '04'), c.map(brief).join('; '));
});

test('the that-clause of a comment, denial or rejection is its content, not an event of its own', () => {
  const a = run('Cuba denied that it had sent troops to Venezuela.');
  assert.ok(a.some((e) => e.root === '01') && !a.some((e) => e.root === '15'), a.map(brief).join('; '));
  const b = run('Japan voiced hope that China would release the detained businessman.');
  assert.ok(b.some((e) => e.root === '01') && !b.some((e) => e.root === '08'), b.map(brief).join('; '));
  // a bare "said" still reports the act it introduces
  const c = run('Cuba said Venezuela had expelled two American diplomats.');
  assert.ok(c.some((e) => e.root === '16'), c.map(brief).join('; '));
});
