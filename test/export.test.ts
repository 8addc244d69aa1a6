import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ROOT } from './helpers.js';
import {
  acledHeader, acledType, createExporter, CSV_COLUMNS, exportRows, exportToString, FORMATS, gdeltEventHeader, gdeltMentionHeader,
  parseCsv, csvCell, type ExportRow,
} from '../src/export/index.js';
import { numericId, splitActorCode, fipsOf, dateParts } from '../src/export/common.js';
import { geoType } from '../src/export/gdelt.js';

const ROWS = (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'export', 'rows.json'), 'utf8')) as { rows: ExportRow[] }).rows;
const NOW = new Date('2026-01-02T03:04:05Z');
const byId = (id: string) => ROWS.find((r) => r.id === id)!;

// The published column lists, written out here independently of data/export/*.json so that the
// data files are checked against them (GDELT Event Codebook V2.0; GDELT 2.0 Mentions table; ACLED
// export header).
const actorCols = (n: string) => ['Code', 'Name', 'CountryCode', 'KnownGroupCode', 'EthnicCode', 'Religion1Code', 'Religion2Code', 'Type1Code', 'Type2Code', 'Type3Code'].map((s) => n + s);
const geoCols = (n: string) => ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'].map((s) => `${n}_${s}`);
const GDELT_CODEBOOK = [
  'GlobalEventID', 'Day', 'MonthYear', 'Year', 'FractionDate', ...actorCols('Actor1'), ...actorCols('Actor2'),
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  ...geoCols('Actor1Geo'), ...geoCols('Actor2Geo'), ...geoCols('ActionGeo'), 'DATEADDED', 'SOURCEURL',
];
const GDELT_MENTIONS = [
  'GlobalEventID', 'EventTimeDate', 'MentionTimeDate', 'MentionType', 'MentionSourceName', 'MentionIdentifier', 'SentenceID',
  'Actor1CharOffset', 'Actor2CharOffset', 'ActionCharOffset', 'InRawText', 'Confidence', 'MentionDocLen', 'MentionDocTone',
  'MentionDocTranslationInfo', 'Extras',
];
const ACLED = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3',
  'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
];

function tsv(text: string): string[][] {
  return text.split('\n').filter((l) => l.length).map((l) => l.split('\t'));
}

test('export gdelt: 61 columns in codebook order, one tab-separated line per event', () => {
  assert.equal(GDELT_CODEBOOK.length, 61);
  assert.deepEqual(gdeltEventHeader(), GDELT_CODEBOOK);
  const lines = tsv(exportToString('gdelt', ROWS, { header: true, all: true }));
  assert.deepEqual(lines[0], GDELT_CODEBOOK);
  assert.equal(lines.length, ROWS.length + 1);
  // By default only events that happened: the planned statement (106, future) has no place in a
  // format without a modality column.
  const facts = tsv(exportToString('gdelt', ROWS)).map((l) => l[0]);
  assert.deepEqual(facts, ['101', '102', '103', '104', '105']);
  assert.equal(tsv(exportToString('gdelt', [{ ...byId('101'), status: 'negated' }])).length, 0, 'cluster status decides when given');
  for (const l of lines) assert.equal(l.length, 61, 'every line has 61 fields');
  assert.equal(exportToString('gdelt', ROWS).split('\n')[0].split('\t')[0], '101', 'no header by default (as GDELT files)');
});

test('export gdelt: values and empty columns', () => {
  const col = (cells: string[], name: string) => cells[GDELT_CODEBOOK.indexOf(name)];
  const [drone] = tsv(exportToString('gdelt', [byId('101')]));
  assert.equal(col(drone, 'GlobalEventID'), '101');
  assert.equal(col(drone, 'Day'), '20250401');
  assert.equal(col(drone, 'MonthYear'), '202504');
  assert.equal(col(drone, 'FractionDate'), String(Math.round((2025 + (4 * 30 + 1) / 365) * 10000) / 10000));
  assert.equal(col(drone, 'Actor1Code'), 'RUSMIL');
  assert.equal(col(drone, 'Actor1Type1Code'), 'MIL');
  assert.equal(col(drone, 'Actor2Type1Code'), 'CVL');
  assert.equal(col(drone, 'EventCode'), '1952');
  assert.equal(col(drone, 'EventBaseCode'), '195');
  assert.equal(col(drone, 'EventRootCode'), '19');
  assert.equal(col(drone, 'NumMentions'), '4');
  assert.equal(col(drone, 'NumSources'), '3');
  assert.equal(col(drone, 'ActionGeo_Type'), '4', 'a city outside the US');
  assert.equal(col(drone, 'ActionGeo_CountryCode'), 'UP', 'FIPS 10-4 for Ukraine');
  assert.equal(col(drone, 'ActionGeo_FullName'), 'Kharkiv, Ukraine');
  assert.equal(col(drone, 'ActionGeo_Lat'), '49.98');
  assert.equal(col(drone, 'DATEADDED'), '20250401063000');
  assert.equal(col(drone, 'SOURCEURL'), 'https://harbour.example/a/1');
  for (const empty of ['IsRootEvent', 'AvgTone', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Geo_Type', 'Actor1Geo_Lat', 'ActionGeo_FeatureID', 'ActionGeo_ADM1Code']) {
    assert.equal(col(drone, empty), '', `${empty} is never guessed`);
  }
  // A week-precision date: no Day, no FractionDate; month known (the week lies in May).
  const [talks] = tsv(exportToString('gdelt', [byId('102')]));
  assert.equal(col(talks, 'Day'), '');
  assert.equal(col(talks, 'FractionDate'), '');
  assert.equal(col(talks, 'MonthYear'), '202505');
  assert.equal(col(talks, 'Year'), '2025');
  assert.equal(col(talks, 'ActionGeo_Type'), '', 'feature unknown → type not guessed');
  assert.equal(col(talks, 'DATEADDED'), '20250516000000');
  // A tab inside a value never breaks the columns.
  const [stmt] = tsv(exportToString('gdelt', [byId('106')], { all: true }));
  assert.equal(stmt.length, 61);
  assert.equal(col(stmt, 'Actor1KnownGroupCode'), 'UNO');
  assert.equal(col(stmt, 'Actor1Type1Code'), '');
});

test('export gdelt-mentions: 16 columns in codebook order', () => {
  assert.deepEqual(gdeltMentionHeader(), GDELT_MENTIONS);
  const rows = ROWS.map((r) => ({ ...r, published: r.firstSeen, title: 'A title, with comma', docLength: 2400 }));
  const lines = tsv(exportToString('gdelt-mentions', rows, { header: true, all: true }));
  assert.deepEqual(lines[0], GDELT_MENTIONS);
  for (const l of lines) assert.equal(l.length, 16);
  const drone = lines[1];
  assert.equal(drone[0], '101');
  assert.equal(drone[3], '1', 'WEB');
  assert.equal(drone[4], 'harbour.example');
  assert.equal(drone[6], '3', 'SentenceID is 1-based');
  assert.equal(drone[10], '1');
  assert.equal(drone[11], '83');
  assert.equal(drone[12], '2400');
  const talks = lines[2];
  assert.equal(talks[3], '2', 'CITATIONONLY without a URL');
  assert.match(talks[5], /^Valley Times, A title, with comma, 2025-05-16$/);
});

test('export acled: ACLED column names and order; mapping only where defensible', () => {
  assert.deepEqual(acledHeader(), ACLED);
  const text = exportToString('acled', ROWS, { now: NOW });
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ACLED);
  for (const r of rows) assert.equal(r.length, 31);
  const ids = rows.slice(1).map((r) => r[0]);
  assert.deepEqual(ids, ['101', '103'], 'only events with an ACLED type by default (drone strike, rally)');
  const rec = (r: string[]) => Object.fromEntries(ACLED.map((k, i) => [k, r[i]]));
  const drone = rec(rows[1]);
  assert.equal(drone.event_type, 'Explosions/Remote violence');
  assert.equal(drone.sub_event_type, 'Air/drone strike');
  assert.equal(drone.disorder_type, 'Political violence');
  assert.equal(drone.event_date, '2025-04-01');
  assert.equal(drone.time_precision, '1');
  assert.equal(drone.inter1, '1');
  assert.equal(drone.inter2, '7');
  assert.equal(drone.interaction, '17');
  assert.equal(drone.civilian_targeting, 'Civilian targeting');
  assert.equal(drone.iso, '804');
  assert.equal(drone.country, 'Ukraine');
  assert.equal(drone.notes, byId('101').sentence, 'quotes and commas survive the round trip');
  assert.equal(drone.fatalities, '', 'never guessed');
  assert.equal(drone.timestamp, String(Math.floor(NOW.getTime() / 1000)));
  const rally = rec(rows[2]);
  assert.equal(rally.event_type, 'Protests');
  assert.equal(rally.inter1, '6');
  assert.equal(rally.interaction, '60');
  assert.equal(rally.time_precision, '3');
  assert.equal(rally.event_date, '2025-05-01');
  // --all keeps the rest with empty types.
  const all = parseCsv(exportToString('acled', ROWS, { all: true, now: NOW }));
  assert.equal(all.length, ROWS.length + 1);
  assert.equal(acledType('040'), null);
  assert.equal(acledType('1831')?.sub_event_type, 'Suicide bomb');
  assert.equal(acledType('183')?.sub_event_type, '');
});

test('export csv: RFC 4180 quoting and formula-injection guard', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  assert.equal(csvCell('=1+2'), "'=1+2");
  assert.equal(csvCell('+44 20'), "'+44 20");
  assert.equal(csvCell('-cmd'), "'-cmd");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell(-3.5), '-3.5', 'numbers are not prefixed');
  assert.equal(csvCell(null), '');
  const text = exportToString('csv', ROWS);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, ROWS.length + 1);
  for (const r of rows) assert.equal(r.length, CSV_COLUMNS.length);
  const si = CSV_COLUMNS.indexOf('sentence');
  assert.ok(rows[2][si].startsWith("'=HYPERLINK"), 'a formula in the text is neutralised');
  assert.equal(rows[1][si], byId('101').sentence);
  assert.equal(rows[6][CSV_COLUMNS.indexOf('outlet')], "'@wire");
  assert.equal(rows[4][CSV_COLUMNS.indexOf('goldstein')], '-2');
});

test('export jsonl: one JSON object per line, all fields', () => {
  const lines = exportToString('jsonl', ROWS).trim().split('\n');
  assert.equal(lines.length, ROWS.length);
  const back = lines.map((l) => JSON.parse(l) as ExportRow);
  assert.deepEqual(back, ROWS);
});

test('export geojson: a FeatureCollection of the located events, [lon, lat]', () => {
  const fc = JSON.parse(exportToString('geojson', ROWS)) as { type: string; features: { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] };
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 2);
  assert.deepEqual(fc.features[0].geometry, { type: 'Point', coordinates: [36.25, 49.98] });
  assert.equal(fc.features[0].properties.code, '1952');
  assert.equal(fc.features[0].properties.mentions, 4);
  assert.equal(JSON.parse(exportToString('geojson', [])).features.length, 0);
  const bad = { ...byId('101'), lat: 123 };
  assert.equal(JSON.parse(exportToString('geojson', [bad])).features.length, 0, 'invalid coordinates are left out');
});

test('export plover: field names, compound actor lists, reciprocal sources, dropped statements', () => {
  const recs = exportToString('plover', ROWS, { now: NOW }).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(recs.length, 4, '6 rows: the compound pair merges, the 010 statement is dropped');
  for (const r of recs) for (const k of ['id', 'date', 'source', 'event']) assert.ok(k in r, `required field ${k}`);
  const drone = recs[0] as Record<string, any>;
  assert.deepEqual(drone.event, ['ASSAULT']);
  assert.equal(drone.date, '2025-04-01');
  assert.deepEqual(drone.source, [{ code: 'RUS', sector: 'MIL', actor_text: 'Russian forces', dyad_code: 'RUSMIL' }]);
  assert.equal(drone.recipient.length, 1);
  assert.equal(drone.event_loc.cc3, 'UKR');
  assert.equal(drone.event_loc['country code'], 'UA');
  assert.equal(drone.event_loc.geonameid, 706483);
  assert.equal(drone.quad_code, 4);
  assert.equal(drone.text_info.sequence, 3);
  assert.equal(drone.coded_date, '2026-01-02');
  const talks = recs[1] as Record<string, any>;
  assert.equal(talks.date, '2025-05-12', 'first day of ISO week 20');
  assert.equal(talks.source.length, 2, 'negotiation: both parties are sources');
  assert.equal(talks.recipient.length, 0);
  const accuse = recs[3] as Record<string, any>;
  assert.deepEqual(accuse.source.map((a: { code: string }) => a.code), ['FRA', 'GBR']);
  assert.deepEqual(accuse.recipient.map((a: { code: string }) => a.code), ['RUS']);
});

test('export: streaming to a Writable equals the string form; every format handles no rows', async () => {
  for (const f of FORMATS) {
    const pt = new PassThrough();
    const chunks: Buffer[] = [];
    pt.on('data', (c: Buffer) => chunks.push(c));
    const stats = await exportRows(f, (async function* () { yield* ROWS; })(), pt, { now: NOW });
    pt.end();
    assert.equal(Buffer.concat(chunks).toString('utf8'), exportToString(f, ROWS, { now: NOW }), f);
    assert.equal(stats.rows, ROWS.length);
    const ex = createExporter(f, { now: NOW });
    assert.doesNotThrow(() => ex.head() + ex.end());
  }
});

test('export helpers: ids, actor codes, FIPS, dates', () => {
  assert.equal(numericId('42'), 42);
  const n = numericId('ev_abc');
  assert.ok(Number.isSafeInteger(n) && n > 0);
  assert.equal(numericId('ev_abc'), n, 'stable');
  assert.deepEqual(splitActorCode('USAGOV', 'USA'), { knownGroup: null, types: ['GOV'] });
  assert.deepEqual(splitActorCode('NGOAMN', null), { knownGroup: 'AMN', types: [] });
  assert.deepEqual(splitActorCode('garbage!', null), { knownGroup: null, types: [] });
  assert.equal(fipsOf('DEU'), 'GM');
  assert.equal(fipsOf('GBR'), 'UK');
  assert.equal(fipsOf('XXX'), null);
  assert.deepEqual(dateParts('2025-W01'), { year: null, month: null, day: null, precision: 'week' }, 'the week spans two years');
  assert.deepEqual(dateParts(null).precision, null);
  assert.equal(geoType('PCLI', 'FRA'), 1);
  assert.equal(geoType('ADM1', 'USA'), 2);
  assert.equal(geoType('ADM1', 'GBR'), 5);
  assert.equal(geoType('PPLC', 'USA'), 3);
  assert.equal(geoType('PPLA', 'UKR'), 4);
  assert.equal(geoType('CONT', null), null, 'a continent is no GDELT place type');
  assert.equal(geoType('ADM2', 'DEU'), null);
  assert.equal(geoType(null, 'DEU'), null);
});
