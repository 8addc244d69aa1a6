/**
 * Stage `coref`: he / she / they / it / the spokesperson / the leaders / the two sides → the right
 * earlier actor. Adds mentions with how 'pronoun' or 'anaphor' (evidence anchor 'implied').
 *
 * Deliberately simple and fast (one pass over the tokens):
 * - candidates are earlier actor mentions of a compatible kind and number (he/she: a person or an
 *   anonymous source, gender checked when the dictionary knows it; they: a group, a compound, a
 *   collective, a coordination; it/its: a country or an organisation);
 * - in the pronoun's own sentence the leftmost compatible mention (the subject, usually) wins;
 *   otherwise the subject of the nearest earlier sentence that has one (up to 3 sentences back);
 * - a pronoun outside quotation marks does not take antecedents inside them, where others exist;
 * - role anaphors ("the spokesperson", "the president", "the minister", "the bloc") take the most
 *   recent actor with that role; "the leaders"/"the two sides" take the most recent group or
 *   coordination, one mention per member, sharing a new group id.
 */
import type { Actor, ActorMention, Doc, Token } from '../../document.js';
import type { Stage } from '../types.js';
import { actorLexicon, matchAt, tokenKey } from '../../dictionaries/actors.js';

const MASC = new Set(['he', 'him', 'his', 'himself']);
const FEM = new Set(['she', 'her', 'hers', 'herself']);
const PLUR = new Set(['they', 'them', 'their', 'theirs', 'themselves']);
const NEUT = new Set(['it', 'its', 'itself']);
const POSS_PRON = new Set(['his', 'her', 'hers', 'their', 'theirs', 'its']);
const SIDES = new Set(['sides', 'parties', 'countries', 'nations', 'leaders', 'delegations', 'governments', 'neighbours', 'neighbors', 'rivals', 'allies', 'presidents', 'ministers']);
const BLOC = new Map<string, (a: Actor) => boolean>([
  ['bloc', (a) => a.kind === 'igo'],
  ['alliance', (a) => a.kind === 'igo'],
  ['organisation', (a) => a.kind === 'igo' || a.kind === 'ngo' || a.kind === 'organisation'],
  ['organization', (a) => a.kind === 'igo' || a.kind === 'ngo' || a.kind === 'organisation'],
  ['agency', (a) => a.kind === 'igo' || a.kind === 'organisation' || a.kind === 'media'],
  ['group', (a) => a.kind === 'organisation' || a.kind === 'ngo'],
  ['movement', (a) => a.kind === 'organisation'],
  ['country', (a) => a.kind === 'country' && (a.type === null || a.type === 'GOV')],
  ['kremlin', () => false],
]);

type Need = 'm' | 'f' | 'pl' | 'it';

const GOVT = new Set(['government', 'authorities', 'regime', 'administration', 'junta', 'cabinet']);

/** The actor for country C's government (existing C+GOV actor, or a new one from coref). */
function governmentActor(doc: Doc, country: string, from: ActorMention): Actor {
  const code = `${country}GOV`;
  for (const a of doc.actors.values()) if (a.code === code && (a.kind === 'country' || a.kind === 'group')) return a;
  const id = doc.nextId('a');
  const a: Actor = {
    id,
    name: `${country} government`,
    code,
    country,
    type: 'GOV',
    kind: 'group',
    evidence: { stage: 'coref', rule: 'coref/the-government', anchor: 'implied', confidence: 0.55, note: `government of the country of ${from.id} "${from.text}"` },
  };
  doc.actors.set(id, a);
  return a;
}

/** The one uncoded government actor of a document that names no country before "the government". */
function unnamedGovernment(doc: Doc): Actor {
  for (const a of doc.actors.values()) if (a.evidence.rule === 'coref/the-government-unnamed') return a;
  const id = doc.nextId('a');
  const a: Actor = { id, name: 'the government (country not named)', code: null, country: null, type: 'GOV', kind: 'group', evidence: { stage: 'coref', rule: 'coref/the-government-unnamed', anchor: 'stated', confidence: 0.4, note: 'no country named before' } };
  doc.actors.set(id, a);
  return a;
}

interface Cand {
  m: ActorMention;
  a: Actor;
  /** Members when the candidate is a coordination or compound (several actors). */
  members: ActorMention[];
}

function quoteMask(text: string, toks: Token[]): Uint8Array {
  const mask = new Uint8Array(toks.length);
  let inside = false;
  let j = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    // walk the text between tokens for quote marks
    for (; j < t.start; j++) {
      const c = text[j];
      if (c === '“' || c === '«') inside = true;
      else if (c === '”' || c === '»') inside = false;
      else if (c === '"') inside = !inside;
      else if (c === '\n') inside = false;
    }
    const c0 = t.text;
    if (c0 === '“' || c0 === '«') inside = true;
    else if (c0 === '”' || c0 === '»') inside = false;
    else if (c0 === '"') inside = !inside;
    else mask[k] = inside ? 1 : 0;
    j = t.end;
  }
  return mask;
}

function gender(a: Actor, lxGender: Map<string, string>): string {
  return lxGender.get(a.name) ?? '';
}

let genderByName: Map<string, string> | null = null;
function genders(): Map<string, string> {
  if (genderByName) return genderByName;
  const lx = actorLexicon();
  genderByName = new Map();
  for (const p of lx.people.values()) if (p.gender) genderByName.set(p.name, p.gender);
  return genderByName;
}

function fits(c: Cand, need: Need, g: Map<string, string>): boolean {
  const a = c.a;
  if (need === 'm' || need === 'f') {
    if (c.members.length > 1) return false;
    if (a.kind === 'person') {
      const ge = gender(a, g);
      return !ge || ge === need;
    }
    return a.kind === 'anonymous' && !/s$/.test(c.m.text);
  }
  if (need === 'pl') {
    if (c.members.length > 1) return true;
    if (c.m.evidence.rule === 'actors/demonym') return true; // "Bosnian Serbs said their forces …"
    return a.kind === 'group' || a.kind === 'collective' || (a.kind === 'anonymous' && /s$/.test(c.m.text)) || (a.kind === 'organisation' && /s$/i.test(a.name));
  }
  // it
  if (c.members.length > 1) return false;
  if (c.m.evidence.rule === 'actors/demonym') return false;
  return a.kind === 'country' || a.kind === 'igo' || a.kind === 'ngo' || a.kind === 'organisation' || a.kind === 'media' || (a.kind === 'group' && !/s$/i.test(c.m.text));
}

export function resolveCoreference(doc: Doc): void {
  const toks = doc.tokens;
  if (!toks.length || !doc.sentences.length) return;
  const g = genders();
  const quoted = quoteMask(doc.text, toks);
  const base = [...doc.mentions].sort((a, b) => a.tokenStart - b.tokenStart);
  // Candidates: one per mention, or one per group (coordination/compound); nested modifier mentions count too.
  const cands: Cand[] = [];
  const byGroup = new Map<string, Cand>();
  for (const m of base) {
    const a = doc.actors.get(m.actor);
    if (!a) continue;
    if (m.group) {
      const c = byGroup.get(m.group);
      if (c) {
        c.members.push(m);
        continue;
      }
      const nc: Cand = { m, a, members: [m] };
      byGroup.set(m.group, nc);
      cands.push(nc);
    } else cands.push({ m, a, members: [m] });
  }
  const added: ActorMention[] = [];
  let ci = 0; // cands before the current token
  const covered = new Uint8Array(toks.length);
  for (const m of base) for (let k = m.tokenStart; k < m.tokenEnd; k++) covered[k] = 1;
  const lx = actorLexicon();
  const live: Cand[] = [];

  for (let i = 0; i < toks.length; i++) {
    while (ci < cands.length && cands[ci].m.tokenStart < i) live.push(cands[ci++]);
    if (covered[i]) continue;
    const t = toks[i];
    const key = t.norm;
    let need: Need | null = null;
    if (t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'PROPN' || t.pos === 'NOUN') {
      if (MASC.has(key)) need = 'm';
      else if (FEM.has(key)) need = 'f';
      else if (PLUR.has(key)) need = 'pl';
      else if (NEUT.has(key)) need = 'it';
    }
    if (need) {
      if (need === 'it' && !itIsAgent(toks, i)) continue;
      const pick = choose(doc, live, i, need, g, quoted);
      if (pick) emitFor(doc, added, pick.c, i, i + 1, 'pronoun', pick.rule, pick.conf, POSS_PRON.has(key), live);
      continue;
    }
    // Role anaphors: the/both/two + role noun (no modifier), or the bloc / the two sides.
    if (key === 'the' || key === 'both' || key === 'two' || key === 'this' || key === 'that') {
      let j = i + 1;
      if (toks[j] && (toks[j].norm === 'two' || toks[j].norm === 'three' || toks[j].norm === 'four')) j++;
      const tj = toks[j];
      if (!tj || tj.sentence !== t.sentence || covered[j]) continue;
      const k2 = tokenKey(tj.text);
      const sentEnd = doc.sentences[t.sentence].tokenEnd;
      if ((key === 'both' || key === 'two' || j > i + 1) && SIDES.has(k2)) {
        const pick = choosePlural(live, i, quoted, 2);
        if (pick) emitFor(doc, added, pick, i, j + 1, 'anaphor', 'coref/the-sides', 0.6, false, live);
        i = j;
        continue;
      }
      // "the government", "the authorities", "the regime": the government of the country most recently named
      if (GOVT.has(k2) && key === 'the' && !(j + 1 < sentEnd && (toks[j + 1].norm === 'of' || (toks[j + 1].cap && toks[j + 1].pos === 'PROPN')))) {
        const pick = subjectFirst(live, i, doc.tokens[i].sentence, (c) => c.members.length === 1 && !!c.a.country && /^[A-Z]{3}$/.test(c.a.country) && !['WST', 'EUR', 'AFR', 'ASA', 'ARB', 'PGS', 'MEA', 'LAM'].includes(c.a.country) && !(c.a.kind === 'igo' || c.a.kind === 'ngo' || c.a.kind === 'media'));
        if (pick) {
          const gov = governmentActor(doc, pick.a.country!, pick.m);
          emitFor(doc, added, { m: { ...pick.m, actor: gov.id }, a: gov, members: [{ ...pick.m, actor: gov.id }] }, i, j + 1, 'anaphor', `coref/the-${k2}`, 0.55, false, live);
          i = j;
        } else if (!live.some((c) => c.a.country)) {
          // no country anywhere before: a government all the same, its country unknown (code null)
          const gov = unnamedGovernment(doc);
          const m: ActorMention = {
            id: doc.nextId('m'), actor: gov.id, start: toks[i].start, end: toks[j].end, text: doc.text.slice(toks[i].start, toks[j].end), sentence: t.sentence,
            tokenStart: i, tokenEnd: j + 1, head: j, npStart: i, npEnd: j + 1, how: 'role',
            evidence: { stage: 'coref', rule: 'coref/the-government-unnamed', anchor: 'stated', confidence: 0.4, note: 'no country named before: country unknown' },
          };
          added.push(m);
          live.push({ m, a: gov, members: [m] });
          i = j;
        }
        continue;
      }
      const bloc = BLOC.get(k2);
      if (bloc && key !== 'both' && !(j + 1 < sentEnd && toks[j + 1].cap && toks[j + 1].pos === 'PROPN')) {
        const pick = mostRecent(live, i, (c) => c.members.length === 1 && bloc(c.a));
        if (pick) emitFor(doc, added, pick, i, j + 1, 'anaphor', `coref/the-${k2}`, 0.6, false, live);
        if (pick) i = j;
        continue;
      }
      const hit = matchAt(toks, j, sentEnd);
      if (!hit) continue;
      const rh = hit.hits.find((h) => h.kind === 'role' || h.kind === 'roles');
      if (!rh || hit.hits.some((h) => h.kind !== 'role' && h.kind !== 'roles')) continue;
      const e = j + hit.len;
      // "the spokesperson for X" etc. were taken by the actors stage; a following name makes it a title.
      if (e < sentEnd && toks[e].cap && toks[e].pos === 'PROPN') continue;
      if (e < sentEnd && (toks[e].norm === 'of' || toks[e].norm === 'for')) continue;
      const role = lx.roles.get(rh.ref)!;
      // "the sides" alone is left to the both/two-sides rule above (a plain "the sides" is often generic)
      if (role.id === 'side') continue;
      const forms = [...role.singular, ...role.plural].map((f) => f.toLowerCase());
      const surface = doc.text.slice(toks[j].start, toks[e - 1].end).toLowerCase();
      if (rh.kind === 'roles') {
        const pick = mostRecent(live, i, (c) => (c.members.length > 1 || c.a.kind === 'group' || c.a.kind === 'collective') && roleMatches(c, forms, surface, doc, role.id), quoted);
        if (pick) emitFor(doc, added, pick, i, e, 'anaphor', `coref/the-${role.id}`, 0.6, false, live);
      } else {
        const pick = mostRecent(live, i, (c) => c.members.length === 1 && (c.a.kind === 'person' || c.a.kind === 'anonymous') && roleMatches(c, forms, surface, doc, role.id), quoted);
        if (pick) emitFor(doc, added, pick, i, e, 'anaphor', `coref/the-${role.id}`, 0.65, false, live);
      }
      i = e - 1;
    }
  }
  if (added.length) {
    ownedGroups(doc, added);
    doc.mentions.push(...added);
    doc.mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/**
 * "its forces", "their troops": a role group the actors stage left uncoded because a possessive
 * pronoun owns it takes the pronoun's resolved country ("Israel has strengthened its forces" →
 * ISRMIL).
 */
function ownedGroups(doc: Doc, added: ActorMention[]): void {
  const byStart = new Map<number, ActorMention>();
  for (const m of added) if (m.how === 'pronoun' && m.tokenEnd - m.tokenStart === 1 && !m.group) byStart.set(m.tokenStart, m);
  if (!byStart.size) return;
  for (const m of doc.mentions) {
    if (m.evidence.rule !== 'actors/role-group') continue;
    const owner = byStart.get(m.tokenStart - 1);
    const a = doc.actors.get(m.actor);
    if (!owner || !a || a.code !== null || !a.type) continue;
    const o = doc.actors.get(owner.actor);
    const country = o?.country;
    if (!country || !/^[A-Z]{3}$/.test(country)) continue;
    const code = country + a.type;
    let target: Actor | undefined;
    for (const x of doc.actors.values()) if (x.code === code && x.kind === 'group') target = x;
    if (!target) {
      const id = doc.nextId('a');
      target = { id, name: `${country} ${m.text}`, code, country, type: a.type, kind: 'group', evidence: { stage: 'coref', rule: 'coref/owned-group', anchor: 'implied', confidence: 0.55, note: `owned by "${owner.text}" → ${o!.name}` } };
      doc.actors.set(id, target);
    }
    m.actor = target.id;
    m.evidence = { ...m.evidence, rule: 'coref/owned-group', anchor: 'implied', confidence: 0.55, note: `owner pronoun "${owner.text}" resolved to ${o!.name}` };
  }
}

/** Subject-position "it"/"its": "it had", "its forces" — not "take it", "it is possible". */
function itIsAgent(toks: Token[], i: number): boolean {
  const t = toks[i];
  if (t.norm === 'its') return true;
  const n = toks[i + 1];
  if (!n || n.sentence !== t.sentence) return false;
  if (n.norm === 'is' || n.norm === "'s" || n.norm === 'was') {
    const n2 = toks[i + 2];
    return !!n2 && (n2.pos === 'VERB' || n2.norm === 'not') && n2.form !== '' && n2.norm !== 'possible' && n2.norm !== 'likely' && n2.norm !== 'unclear';
  }
  return n.pos === 'VERB' || (n.pos === 'AUX' && n.norm !== 'is') || n.norm === 'had' || n.norm === 'has' || n.norm === 'would' || n.norm === 'will';
}

function roleMatches(c: Cand, forms: string[], surface: string, doc: Doc, roleId: string): boolean {
  for (const m of c.members) {
    const a = doc.actors.get(m.actor)!;
    const title = (a.title ?? '').toLowerCase();
    const text = m.text.toLowerCase();
    if (title && (title.includes(surface) || forms.some((f) => title.endsWith(f)))) return true;
    if (forms.some((f) => text.endsWith(f))) return true;
    if (roleId === 'leader' && (a.kind === 'person' || a.kind === 'group') && /(president|prime minister|chancellor|leader|premier)/.test(title)) return true;
  }
  return false;
}

function emitFor(doc: Doc, out: ActorMention[], c: Cand, s: number, e: number, how: 'pronoun' | 'anaphor', rule: string, conf: number, possessive: boolean, live?: Cand[]): void {
  const toks = doc.tokens;
  const members = c.members.length > 1 ? c.members : [c.m];
  const group = members.length > 1 ? doc.nextId('g') : undefined;
  const made: ActorMention[] = [];
  for (const m of members) {
    const mention: ActorMention = {
      id: doc.nextId('m'),
      actor: m.actor,
      start: toks[s].start,
      end: toks[e - 1].end,
      text: doc.text.slice(toks[s].start, toks[e - 1].end),
      sentence: toks[s].sentence,
      tokenStart: s,
      tokenEnd: e,
      head: e - 1,
      npStart: s,
      npEnd: e,
      how,
      evidence: { stage: 'coref', rule, anchor: 'implied', confidence: conf, note: `antecedent ${m.id} "${m.text}"` },
    };
    if (group) mention.group = group;
    if (possessive) mention.possessive = true;
    out.push(mention);
    made.push(mention);
  }
  // The new mention is itself an antecedent for later pronouns.
  if (live && !possessive) live.push({ m: made[0], a: c.a, members: made });
}

function mostRecent(live: Cand[], i: number, ok: (c: Cand) => boolean, quoted?: Uint8Array): Cand | null {
  let fallback: Cand | null = null;
  for (let k = live.length - 1; k >= 0; k--) {
    const c = live[k];
    if (c.m.tokenStart >= i) continue;
    if (!ok(c)) continue;
    if (quoted && !quoted[i] && quoted[c.m.tokenStart]) {
      fallback ??= c;
      continue;
    }
    return c;
  }
  return fallback;
}

/** The leftmost matching candidate of the nearest sentence (this one first, before i) that has one. */
function subjectFirst(live: Cand[], i: number, sent: number, ok: (c: Cand) => boolean): Cand | null {
  let best: Cand | null = null;
  let bestSent = -1;
  for (let k = live.length - 1; k >= 0; k--) {
    const c = live[k];
    if (c.m.tokenStart >= i) continue;
    if (best && c.m.sentence < bestSent) break;
    if (sent - c.m.sentence > 3) break;
    if (!ok(c)) continue;
    best = c;
    bestSent = c.m.sentence;
  }
  return best;
}

function choosePlural(live: Cand[], i: number, quoted: Uint8Array, size: number): Cand | null {
  return mostRecent(live, i, (c) => c.members.length === size || (c.members.length > 1 && size === 0), quoted);
}

function choose(doc: Doc, live: Cand[], i: number, need: Need, g: Map<string, string>, quoted: Uint8Array): { c: Cand; rule: string; conf: number } | null {
  const sent = doc.tokens[i].sentence;
  const pronQuoted = quoted[i] === 1;
  const usable = (c: Cand) => fits(c, need, g) && !(need !== 'pl' && need !== 'it' && c.m.possessive && c.a.kind !== 'person');
  // same sentence: leftmost compatible mention before the pronoun (subject preference)
  let firstSame: Cand | null = null;
  for (let k = live.length - 1; k >= 0; k--) {
    const c = live[k];
    if (c.m.sentence !== sent) break;
    if (c.m.tokenStart >= i) continue;
    if (!usable(c)) continue;
    if (!pronQuoted && quoted[c.m.tokenStart]) continue;
    firstSame = c;
  }
  if (firstSame) return { c: firstSame, rule: 'coref/same-sentence-subject', conf: 0.7 };
  // earlier sentences: the first compatible mention of the nearest sentence that has one
  let s = sent - 1;
  let k = live.length - 1;
  while (k >= 0 && live[k].m.sentence >= sent) k--;
  for (let back = 0; s >= 0 && back < 3; s--, back++) {
    let best: Cand | null = null;
    let bestQuoted: Cand | null = null;
    while (k >= 0 && live[k].m.sentence === s) {
      const c = live[k];
      if (usable(c)) {
        if (!pronQuoted && quoted[c.m.tokenStart]) bestQuoted = c;
        else best = c;
      }
      k--;
    }
    while (k >= 0 && live[k].m.sentence > s) k--;
    if (best) return { c: best, rule: 'coref/previous-subject', conf: back === 0 ? 0.65 : 0.5 };
    if (bestQuoted && need === 'pl') return { c: bestQuoted, rule: 'coref/previous-subject-quoted', conf: 0.45 };
  }
  return null;
}

export const corefStage: Stage = {
  name: 'coref',
  run(doc: Doc): void {
    resolveCoreference(doc);
  },
};
