#!/usr/bin/env node
// Build data/actors/{countries,organisations,roles,people}.json from the compact tables in
// scripts/actors-*.tsv (the tables are the editable source; the JSON files are what dyad loads).
// Usage: node scripts/actors-build.mjs [version]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'data', 'actors');
const version = process.argv[2] ?? '2025.11.1';
const date = new Date().toISOString().slice(0, 10);
const rows = (f) =>
  readFileSync(join(here, f), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('|').map((s) => s.trim()));
const list = (s) => (s ? s.split(';').map((x) => x.trim()).filter(Boolean) : []);
const CODE_RE = /^[A-Z]{3}([A-Z]{3}){0,3}$/;
const checkCodes = (name, entries) => {
  // the loader rejects a bad code at run time; fail here, before a broken file is written
  for (const e of entries) {
    const codes = [e.code, ...(e.roles ?? []).map((r) => r.code)].filter((c) => c !== undefined);
    for (const c of codes) if (!CODE_RE.test(c)) throw new Error(`${name}: entry ${e.id}: code "${c}" is not a CAMEO-style code`);
    if (e.country && !/^[A-Z]{3}$/.test(e.country)) throw new Error(`${name}: entry ${e.id}: country "${e.country}"`);
  }
};
const write = (name, meta, entries) =>
  checkCodes(name, entries) ??
  writeFileSync(join(out, name), JSON.stringify({ meta: { name: name.replace('.json', ''), version, date, ...meta }, entries }, null, 1) + '\n');

// ---- countries + regions
const REGIONS = [
  ['WST', 'the West', 'the West', 'Western', 'Westerners'],
  ['EUR', 'Europe', 'Europe', 'European', 'Europeans'],
  ['AFR', 'Africa', 'Africa', 'African', 'Africans'],
  ['ASA', 'Asia', 'Asia', 'Asian', 'Asians'],
  ['ARB', 'the Arab world', 'Arab world;Arab countries;Arab states', 'Arab', 'Arabs'],
  ['PGS', 'the Gulf states', 'Gulf states;Gulf countries;Gulf monarchies', 'Gulf', ''],
  ['MEA', 'the Middle East', 'Middle East', 'Middle Eastern', ''],
  ['LAM', 'Latin America', 'Latin America', 'Latin American', 'Latin Americans'],
  ['NAF', 'North Africa', 'North Africa', 'North African', 'North Africans'],
  ['WAF', 'West Africa', 'West Africa', 'West African', 'West Africans'],
  ['EAF', 'East Africa', 'East Africa', 'East African', 'East Africans'],
  ['SAS', 'South Asia', 'South Asia', 'South Asian', 'South Asians'],
  ['SEA', 'Southeast Asia', 'Southeast Asia;South-East Asia', 'Southeast Asian;South-East Asian', ''],
  ['CAS', 'Central Asia', 'Central Asia', 'Central Asian', ''],
  ['BLK', 'the Balkans', 'Balkans', 'Balkan', ''],
  ['SCN', 'Scandinavia', 'Scandinavia;Nordic countries', 'Scandinavian;Nordic', 'Scandinavians'],
  ['EEU', 'Eastern Europe', 'Eastern Europe', 'Eastern European', 'Eastern Europeans'],
  ['CRB', 'the Caribbean', 'Caribbean', 'Caribbean', ''],
  ['NMR', 'North America', 'North America', 'North American', ''],
];
const countries = [];
for (const [id, names, adjs, people, capitals, seats] of rows('actors-countries.tsv')) {
  const code = id === 'XKX' ? 'KSV' : id;
  countries.push({
    id: code,
    kind: 'country',
    name: list(names)[0],
    names: list(names),
    adjectives: list(adjs),
    people: list(people),
    capitals: list(capitals),
    seats: list(seats).map((s) => {
      const [name, type] = s.split('/');
      return { name, type: type || 'GOV' };
    }),
    ...(id === 'XKX' ? { note: 'Kosovo: CAMEO code KSV (ISO has no official code; XK/XKX are user-assigned)' } : {}),
  });
}
for (const [id, name, names, adjs, people] of REGIONS)
  countries.push({ id, kind: 'region', name, names: list(names), adjectives: list(adjs), people: list(people), capitals: [], seats: [] });
write(
  'countries.json',
  {
    source: [
      'ISO 3166-1 alpha-3 codes (i18n-iso-countries package, MIT); CAMEO region codes (CAMEO manual 1.1b3, ch. 3 and appendices)',
      'names, demonyms, capitals and seats of power: general reference (CIA World Factbook, Wikipedia country articles), compiled by hand in scripts/actors-countries.tsv',
    ],
    licence: 'facts; compilation MIT',
    note: 'All 193 UN member states, the two observers (Palestine, Holy See), Taiwan and Kosovo, plus Hong Kong (HKG) and CAMEO regions (kind "region"). Historic states are coded as their ISO-3 successor state, the convention of ICEWS/PLOVER-style data (CAMEO\'s own USR/YUG codes are not used): Soviet Union/USSR/Soviet → RUS, Yugoslavia/Yugoslav → SRB, Czechoslovakia → CZE, East and West Germany → DEU, Zaire → COD, Rhodesia → ZWE, Kampuchea → KHM, Burma → MMR, Dahomey → BEN, Upper Volta → BFA, Ceylon → LKA, Siam → THA, Persia → IRN, North/South Yemen → YEM, North/South Vietnam → VNM. A few frequent wire misspellings (Quatar, Afganistan, Phillippines) are listed as names. capitals: used metonymically for the government ("Moscow said"); seats: buildings/institutions standing for a government body, with their CAMEO type.',
  },
  countries,
);

// ---- organisations
const orgs = rows('actors-organisations.tsv').map(([id, code, kind, country, type, names, note]) => ({
  id,
  code,
  kind,
  country: country || null,
  type: type || null,
  name: list(names)[0],
  names: list(names),
  ...(note ? { note } : {}),
}));
write(
  'organisations.json',
  {
    source: ['organisation names and acronyms: the organisations\' own sites and Wikipedia; CAMEO IGO/NGO codes after the CAMEO manual 1.1b3 and the PETRARCH agents dictionaries where they exist'],
    licence: 'facts; compilation MIT',
    note: 'Code convention (see data/actors/README.md): IGO + 3-letter scope + 3-letter organisation; NGO + 3-letter organisation; IMG + scope + group for transnational militant groups; national bodies, parties and armed groups: ISO-3 + CAMEO type (+ 3-letter group for named armed groups). Parties are coded with their ruling/opposition status as of 2025.',
  },
  orgs,
);

// ---- roles
const roles = rows('actors-roles.tsv').map(([id, type, flags, sing, plur]) => ({
  id,
  type: type === '*' ? null : type,
  inherit: type === '*',
  title: flags.split(',').includes('title'),
  leader: flags.split(',').includes('leader'),
  anon: flags.split(',').includes('anon'),
  singular: list(sing),
  plural: list(plur),
}));
write(
  'roles.json',
  {
    source: ['CAMEO actor type codes: CAMEO manual 1.1b3 ch. 3 (as in ../shared/codebooks/cameo_actor_types.tsv)', 'role nouns: compiled by hand from news usage'],
    licence: 'MIT',
    note: 'type null + inherit: the role takes the type of its modifier ("a Kremlin spokesperson" → GOV, "a NATO official" → NATO). title: may precede a personal name. leader: head of state or government. anon: a singular indefinite mention is an anonymous source.',
  },
  roles,
);

// ---- people
const people = rows('actors-people.tsv').map(([id, names, surname, gender, solo, roles]) => ({
  id,
  name: list(names)[0],
  aliases: list(names).slice(1),
  surname,
  gender,
  solo: solo === '1',
  roles: list(roles).map((r) => {
    const [code, title, from, to] = r.split('/');
    return { code, title, from: from || null, to: to || null };
  }),
}));
write(
  'people.json',
  {
    source: ['offices and dates of office: official government, UN, NATO and EU sites and Wikipedia office-holder lists, compiled by hand in scripts/actors-people.tsv'],
    licence: 'facts; compilation MIT',
    note: 'Each role: CAMEO code, title as usually written, from/to dates (inclusive start, exclusive end; null = open). Facts as known to the compiler at the data date; roles after the data date are missing. solo: the surname alone is enough to recognise the person.',
  },
  people,
);
console.log(`countries ${countries.length}, organisations ${orgs.length}, roles ${roles.length}, people ${people.length}`);
