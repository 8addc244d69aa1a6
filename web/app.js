// The dyad dashboard: filters kept in the URL and shared by every view; each view is one API call.
// Article text and metadata are hostile input and are only ever rendered as text (see dom.js).
import { h, clear, fmt } from './dom.js';
import { QUADS, drawTimeline, drawNetwork, drawMap, loadWorld, goldsteinColor } from './charts.js';

const FILTERS = ['actor', 'dyad', 'code', 'plover', 'modality', 'since', 'until', 'place', 'q'];
const LABELS = { actor: 'actor', dyad: 'dyad', code: 'CAMEO', plover: 'PLOVER', modality: 'modality', since: 'from', until: 'to', place: 'place', q: 'text' };
const ROOTS = [
  ['01', 'Make public statement'], ['02', 'Appeal'], ['03', 'Express intent to cooperate'], ['04', 'Consult'], ['05', 'Diplomatic cooperation'],
  ['06', 'Material cooperation'], ['07', 'Provide aid'], ['08', 'Yield'], ['09', 'Investigate'], ['10', 'Demand'], ['11', 'Disapprove'],
  ['12', 'Reject'], ['13', 'Threaten'], ['14', 'Protest'], ['15', 'Exhibit force posture'], ['16', 'Reduce relations'], ['17', 'Coerce'],
  ['18', 'Assault'], ['19', 'Fight'], ['20', 'Unconventional mass violence'],
];
const PLOVER = ['AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const PAGE = 50;
/** Events fetched for the map (newest first). */
const MAP_ROWS = 500;

const $ = (id) => document.getElementById(id);
const state = { filters: {}, event: null, next: null, networkBy: 'country' };
/** Per-view timings (ms) of the last refresh, read by bench/dashboard.ts. */
window.__dyad = { timings: {}, ready: false, refreshes: 0 };

// ------------------------------------------------------------------------------------------
// URL <-> state

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.filters = {};
  for (const k of FILTERS) {
    const v = p.get(k);
    if (v) state.filters[k] = v;
  }
  state.event = p.get('event');
  state.networkBy = p.get('by') === 'code' ? 'code' : 'country';
}

function writeUrl(push = true) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
  if (state.networkBy !== 'country') p.set('by', state.networkBy);
  if (state.event) p.set('event', state.event);
  const url = location.pathname + (p.toString() ? '?' + p : '');
  if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

function filterParams(extra = {}) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) p.set(k, state.filters[k]);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p;
}

// ------------------------------------------------------------------------------------------
// API

function token() {
  return sessionStorage.getItem('dyad-token');
}

class ApiError extends Error {}

async function api(path, params) {
  const url = '/api/v1' + path + (params && params.toString() ? '?' + params : '');
  const headers = {};
  if (token()) headers.Authorization = 'Bearer ' + token();
  const r = await fetch(url, { headers });
  if (r.status === 401) {
    $('token-form').hidden = false;
    throw new ApiError('This server is private: enter its token at the top right.');
  }
  const type = r.headers.get('content-type') || '';
  if (!r.ok) {
    let msg = `${r.status} ${r.statusText}`;
    if (type.includes('json')) msg = (await r.json()).error?.message ?? msg;
    throw new ApiError(msg);
  }
  return type.includes('json') ? r.json() : r.blob();
}

function showError(e) {
  const el = $('error');
  el.hidden = false;
  el.textContent = e instanceof ApiError ? e.message : `Something went wrong: ${e.message}`;
}

// ------------------------------------------------------------------------------------------
// Filters form and chips

function setupForm() {
  const code = document.querySelector('select[name=code]');
  for (const [c, n] of ROOTS) code.append(h('option', { value: c, text: `${c} ${n}` }));
  const plover = document.querySelector('select[name=plover]');
  for (const p of PLOVER) plover.append(h('option', { value: p, text: p.toLowerCase() }));
  $('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fd = new FormData($('filters'));
    state.filters = {};
    for (const k of FILTERS) {
      const v = String(fd.get(k) ?? '').trim();
      if (v) state.filters[k] = v;
    }
    state.event = null;
    writeUrl();
    refresh();
  });
  $('clear').addEventListener('click', () => {
    state.filters = {};
    state.event = null;
    writeUrl();
    refresh();
  });
  $('export-csv').addEventListener('click', () => exportAs('csv'));
  $('export-geojson').addEventListener('click', () => exportAs('geojson'));
  $('more').addEventListener('click', () => loadTable(true));
  $('close-article').addEventListener('click', closeArticle);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('article').hidden) closeArticle();
  });
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem('dyad-token', $('token').value.trim());
    $('token-form').hidden = true;
    refresh().then(() => {
      loadCounts();
      loadActors();
    });
  });
  window.addEventListener('popstate', () => {
    readUrl();
    refresh();
  });
}

function fillForm() {
  const form = $('filters');
  for (const k of FILTERS) form.elements[k].value = state.filters[k] ?? '';
}

function renderChips() {
  const el = clear($('chips'));
  const keys = FILTERS.filter((k) => state.filters[k]);
  if (!keys.length) {
    el.append(h('span', { class: 'chip-none', text: 'All events — use the filters, or click an edge, a map cluster or a bar.' }));
    return;
  }
  for (const k of keys)
    el.append(
      h('span', { class: 'chip' }, h('b', { text: LABELS[k] + ' ' }), state.filters[k],
        h('button', { type: 'button', 'aria-label': `remove ${LABELS[k]} filter`, text: '×', onclick: () => setFilter({ [k]: null }) })),
    );
}

function setFilter(changes) {
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') delete state.filters[k];
    else state.filters[k] = v;
  }
  state.event = null;
  writeUrl();
  refresh();
}

// ------------------------------------------------------------------------------------------
// Views

async function timed(name, fetcher, render) {
  const t0 = performance.now();
  try {
    const data = await fetcher();
    const t1 = performance.now();
    render(data);
    const t2 = performance.now();
    window.__dyad.timings[name] = { api: t1 - t0, render: t2 - t1, total: t2 - t0 };
  } catch (e) {
    window.__dyad.timings[name] = { error: String(e.message) };
    showError(e);
  }
}

function loadTimeline() {
  return timed('timeline', () => api('/stats/timeline', filterParams({ bucket: 'day' })), (d) => {
    const { bucket, hidden } = drawTimeline($('timeline'), d.points, (period, b) => {
      if (b === 'day') setFilter({ since: period, until: period });
      else if (b === 'year') setFilter({ since: period + '-01-01', until: period + '-12-31' });
      else if (b === 'month') setFilter({ since: period + '-01', until: period + '-' + String(new Date(Date.UTC(+period.slice(0, 4), +period.slice(5, 7), 0)).getUTCDate()).padStart(2, '0') });
    });
    const total = d.points.reduce((n, p) => n + p.count, 0);
    const g = d.points.reduce((n, p) => n + p.goldstein, 0);
    const out = hidden ? ` (${fmt.int(hidden)} with outlying dates not drawn)` : '';
    $('timeline-hint').textContent = `${fmt.int(total)} dated events by ${bucket}${out} · Goldstein sum ${fmt.num(g)} · ${who()}`;
  });
}

function who() {
  if (state.filters.dyad) return 'dyad ' + state.filters.dyad.replace(':', ' – ');
  if (state.filters.actor) return 'actor ' + state.filters.actor;
  return 'all actors';
}

function loadNetwork() {
  return timed('network', () => api('/stats/network', filterParams({ by: state.networkBy, limit: 150 })), (d) => {
    const sel = state.filters.dyad ? state.filters.dyad.split(':') : null;
    drawNetwork($('network'), d, {
      selected: sel,
      onEdge: (a, b) => setFilter({ dyad: `${a}:${b}`, actor: null }),
      onNode: (id) => setFilter({ actor: id, dyad: null }),
    });
  });
}

function loadMap() {
  const fetchRows = () =>
    Promise.all([loadWorld(), api('/events', filterParams({ fields: 'id,quad,lat,lon,placeName', limit: MAP_ROWS }))]);
  return timed('map', fetchRows, ([world, d]) => {
    const n = drawMap($('map'), world, d.rows, { onPlace: (p) => setFilter({ place: p }) });
    const more = d.next ? ` (among the ${fmt.int(MAP_ROWS)} newest events)` : '';
    $('map-hint').textContent = `${fmt.int(n)} located events${more}; bubbles coloured by the most common quad class`;
  });
}

function quadOf(q) {
  return QUADS[q - 1] ?? QUADS[0];
}

function actorCell(name, code) {
  return h('td', {}, h('span', { class: 'actor', text: name ?? code ?? '—' }), code && name ? h('span', { class: 'code', text: ' ' + code }) : null);
}

async function loadTable(append = false) {
  const extra = { limit: PAGE };
  if (append && state.next) extra.cursor = state.next;
  return timed(append ? 'table-more' : 'table', () => api('/events', filterParams(extra)), (d) => {
    const body = $('events').tBodies[0];
    if (!append) clear(body);
    for (const r of d.rows) {
      const q = quadOf(r.quad);
      const tr = h('tr', { tabindex: 0, dataset: { id: r.id }, title: r.sentence },
        h('td', { class: 'nowrap', text: r.date ?? '—' }),
        actorCell(r.sourceName, r.sourceCode),
        h('td', {}, h('span', { class: 'quad-dot', style: `background:${q.color}` }), h('span', { class: 'code', text: r.code + ' ' }), r.name),
        actorCell(r.targetName, r.targetCode),
        h('td', { class: 'modality m-' + r.modality, text: r.modality }),
        h('td', { text: r.placeName ?? '' }),
        h('td', { class: 'num', text: fmt.int(r.sources) }),
      );
      tr.addEventListener('click', () => openEvent(r));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') openEvent(r);
      });
      body.append(tr);
    }
    if (!body.rows.length) body.append(h('tr', {}, h('td', { colspan: 7, class: 'none', text: 'No events match these filters.' })));
    state.next = d.next;
    $('more').hidden = !d.next;
    const total = d.total !== undefined ? fmt.int(d.total) + ' events' : '';
    $('table-hint').textContent = `${total}${total ? ' · ' : ''}newest first · click a row for the article and its evidence`;
  });
}

async function loadCounts() {
  try {
    const d = await api('');
    const c = d.counts;
    $('counts').textContent = `${fmt.int(c.articles)} articles · ${fmt.int(c.events)} events · ${fmt.int(c.actors)} actors · ${fmt.int(c.quotes)} quotes`;
  } catch (e) {
    showError(e);
  }
}

async function refresh() {
  $('error').hidden = true;
  window.__dyad.ready = false;
  fillForm();
  renderChips();
  const t0 = performance.now();
  window.__dyad.timings = {};
  await Promise.all([loadTable(false), loadTimeline(), loadNetwork(), loadMap()]);
  window.__dyad.timings.all = { total: performance.now() - t0 };
  if (state.event) await openEventById(state.event);
  window.__dyad.refreshes++;
  window.__dyad.ready = true;
}

// ------------------------------------------------------------------------------------------
// Export what is filtered

async function exportAs(format) {
  try {
    const blob = await api('/events', filterParams({ format, limit: 50000 }));
    const url = URL.createObjectURL(blob);
    const a = h('a', { download: `dyad-events.${format}` });
    a.href = url;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  } catch (e) {
    showError(e);
  }
}

// ------------------------------------------------------------------------------------------
// Article with highlighted evidence

const HIGHLIGHTS = [
  ['hl-sentence', 'evidence sentence'],
  ['hl-trigger', 'trigger'],
  ['hl-source', 'source actor'],
  ['hl-target', 'target actor'],
  ['hl-quote', 'quote'],
  ['hl-date', 'date expression'],
  ['hl-place', 'place'],
  ['hl-cue', 'modality cue'],
];

async function openEventById(id) {
  try {
    const d = await api('/events/' + encodeURIComponent(id));
    await openEvent(d.event, false);
  } catch (e) {
    showError(e);
  }
}

async function openEvent(row, push = true) {
  state.event = row.id;
  if (push) writeUrl();
  for (const tr of $('events').tBodies[0].rows) tr.classList.toggle('active', tr.dataset.id === row.id);
  const t0 = performance.now();
  let d;
  try {
    d = await api('/articles/' + encodeURIComponent(row.articleId));
  } catch (e) {
    showError(e);
    return;
  }
  const t1 = performance.now();
  renderArticle(d.article, d.doc, row);
  window.__dyad.timings.article = { api: t1 - t0, render: performance.now() - t1, total: performance.now() - t0 };
  sources(row);
}

function closeArticle() {
  $('article').hidden = true;
  state.event = null;
  writeUrl();
  for (const tr of $('events').tBodies[0].rows) tr.classList.remove('active');
}

function matchEvent(doc, row) {
  return (
    doc.events.find((e) => e.evidence.start === row.evidenceStart && e.code === row.code) ??
    doc.events.find((e) => e.evidence.start === row.evidenceStart) ??
    doc.events.find((e) => e.code === row.code) ??
    null
  );
}

let lastArticle = null;

function renderArticle(article, doc, row, ev = matchEvent(doc, row)) {
  lastArticle = article;
  const text = article.text;
  $('article').hidden = false;
  $('article-title').textContent = article.title ?? '(untitled article)';
  // Meta: outlet, date, link (http(s) only), credit for Wikinews.
  const meta = clear($('article-meta'));
  meta.append(h('span', { text: [article.outlet, article.published].filter(Boolean).join(' · ') || 'no outlet or date' }));
  if (article.url && /^https?:\/\//i.test(article.url)) meta.append(' · ', h('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer', text: 'original' }));
  if (/wikinews/i.test(article.outlet ?? '') || /wikinews\.org/i.test(article.url ?? ''))
    meta.append(h('div', { class: 'credit' }, 'Text: Wikinews, CC BY 2.5 — ', h('a', { href: /^https?:\/\//i.test(article.url ?? '') ? article.url : null, target: '_blank', rel: 'noopener noreferrer', text: article.url ?? 'en.wikinews.org' })));

  // Spans to highlight.
  const spans = [];
  const add = (cls, a, b) => {
    if (Number.isInteger(a) && Number.isInteger(b) && b > a && a >= 0 && b <= text.length) spans.push({ cls, start: a, end: b });
  };
  if (ev) {
    add('hl-sentence', ev.evidence.start, ev.evidence.end);
    if (ev.evidence.trigger) add('hl-trigger', ev.evidence.trigger.start, ev.evidence.trigger.end);
    if (ev.evidence.modalityCue) add('hl-cue', ev.evidence.modalityCue.start, ev.evidence.modalityCue.end);
    for (const [role, ref] of [['hl-source', ev.source], ['hl-target', ev.target]]) {
      const actor = ref && doc.actors.find((a) => a.id === ref.actor);
      if (actor) for (const m of actor.mentions) add(role, m.start, m.end);
    }
    if (ev.date) {
      if (Number.isInteger(ev.date.start)) add('hl-date', ev.date.start, ev.date.end);
      else if (ev.date.time) {
        const t = doc.times.find((x) => x.id === ev.date.time);
        if (t) add('hl-date', t.start, t.end);
      }
    }
    if (ev.place && Number.isInteger(ev.place.start)) add('hl-place', ev.place.start, ev.place.end);
    else if (ev.place?.place) {
      const p = doc.places.find((x) => x.id === ev.place.place);
      if (p) add('hl-place', p.start, p.end);
    }
    for (const q of doc.quotes) if ((ev.quote && q.id === ev.quote) || (q.start < ev.evidence.end && q.end > ev.evidence.start)) add('hl-quote', q.start, q.end);
  } else add('hl-sentence', row.evidenceStart, row.evidenceEnd);

  const body = clear($('article-text'));
  const cuts = new Set([0, text.length]);
  for (const sp of spans) cuts.add(sp.start).add(sp.end);
  const points = [...cuts].sort((a, b) => a - b);
  let firstMark = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const cls = spans.filter((sp) => sp.start <= a && sp.end >= b).map((sp) => sp.cls);
    if (!cls.length) body.append(document.createTextNode(piece));
    else {
      const span = h('span', { class: [...new Set(cls)].join(' '), dataset: { start: a, end: b } });
      span.textContent = piece;
      body.append(span);
      if (!firstMark && cls.includes('hl-sentence')) firstMark = span;
    }
  }
  // Legend of what is highlighted.
  const legend = clear($('article-legend'));
  const present = new Set(spans.map((sp) => sp.cls));
  for (const [cls, label] of HIGHLIGHTS) if (present.has(cls)) legend.append(h('span', { class: 'key ' + cls, text: label }));
  // Why this event.
  renderWhy(ev, row, doc);
  if (firstMark) firstMark.scrollIntoView({ block: 'center' });
}

function renderWhy(ev, row, doc) {
  const el = clear($('article-why'));
  const q = quadOf(row.quad);
  const actorLine = (ref, name, code) => {
    const a = ref && doc.actors.find((x) => x.id === ref.actor);
    return h('span', {}, h('b', { text: a?.name ?? name ?? '—' }), h('span', { class: 'code', text: ' ' + (a?.code ?? code ?? 'no code') }));
  };
  el.append(
    h('div', { class: 'why-head' },
      h('span', { class: 'quad-pill', style: `background:${q.color}`, text: q.label }),
      h('span', { class: 'event-name' }, h('span', { class: 'code', text: row.code + ' ' }), row.name),
      h('span', { class: 'gs', style: `color:${goldsteinColor(row.goldstein)}`, text: `Goldstein ${fmt.num(row.goldstein)}` }),
    ),
    h('div', { class: 'who' }, actorLine(ev?.source, row.sourceName, row.sourceCode), h('span', { class: 'arrow', text: ' → ' }), actorLine(ev?.target, row.targetName, row.targetCode)),
  );
  const dl = h('dl');
  const item = (k, ...v) => dl.append(h('dt', { text: k }), h('dd', {}, ...v));
  item('Rule', h('code', { text: ev?.evidence.rule ?? row.rule }), ` · confidence ${fmt.num(ev?.evidence.confidence ?? row.confidence, 2)}`);
  item('Modality', ev?.modality ?? row.modality, ev?.evidence.modalityCue ? ` (cue “${ev.evidence.modalityCue.text}”)` : '');
  if (ev?.date) item('Date', ev.date.value, ` · ${ev.date.precision}, ${ev.date.anchor}`);
  else item('Date', row.date ?? 'unknown');
  if (ev?.place) item('Place', ev.place.name, ev.place.country ? ` (${ev.place.country})` : '');
  if (ev?.plover?.type) item('PLOVER', ev.plover.type, ev.plover.mode ? ` / ${ev.plover.mode}` : '');
  item('Reported', `${fmt.int(row.mentions)} mention(s) in ${fmt.int(row.articles)} article(s) from ${fmt.int(row.sources)} source(s)`);
  dl.append(h('dt', { text: 'Sources' }), h('dd', { id: 'article-sources', text: '…' }));
  el.append(dl);
  if (doc.events.length > 1) {
    const others = h('div', { class: 'others' }, h('span', { class: 'muted', text: 'Other events in this article: ' }));
    for (const e of doc.events) {
      if (e === ev) continue;
      others.append(h('button', { type: 'button', class: 'mini', title: e.evidence.text, text: `${e.code} ${e.name}`, onclick: () => renderArticleEvent(doc, e, row) }));
    }
    el.append(others);
  }
}

/** Switch the highlighted event inside the open article without another request. */
function renderArticleEvent(doc, e, row) {
  const fake = {
    ...row, code: e.code, name: e.name, quad: e.quad, goldstein: e.goldstein, modality: e.modality, evidenceStart: e.evidence.start, evidenceEnd: e.evidence.end,
    rule: e.evidence.rule, confidence: e.evidence.confidence, sourceName: null, targetName: null, sourceCode: e.source?.code ?? null, targetCode: e.target?.code ?? null, date: e.date?.value ?? null,
  };
  renderArticle(lastArticle, doc, fake, e);
}

async function sources(row) {
  try {
    const d = await api('/events/' + encodeURIComponent(row.id));
    const el = $('article-sources');
    if (!el) return;
    clear(el);
    const seen = new Set();
    for (const m of d.mentions) {
      const key = (m.outlet ?? '') + (m.url ?? '') + m.articleId;
      if (seen.has(key)) continue;
      seen.add(key);
      const label = [m.outlet ?? 'unknown outlet', m.firstSeen ?? m.date].filter(Boolean).join(', ');
      el.append(h('div', {}, m.url && /^https?:\/\//i.test(m.url) ? h('a', { href: m.url, target: '_blank', rel: 'noopener noreferrer', text: label }) : label));
    }
  } catch {
    const el = $('article-sources');
    if (el) el.textContent = row.outlet ?? '—';
  }
}

// ------------------------------------------------------------------------------------------

function legend() {
  const el = $('timeline-legend');
  for (const q of QUADS) el.append(h('span', { class: 'key' }, h('i', { style: `background:${q.color}` }), q.label));
  el.append(h('span', { class: 'key' }, h('i', { class: 'line' }), 'Goldstein sum (right axis)'));
  const netHead = document.querySelector('#network-card h2');
  const sel = h('select', { class: 'by', 'aria-label': 'network nodes' }, h('option', { value: 'country', text: 'by country' }), h('option', { value: 'code', text: 'by actor code' }));
  sel.value = state.networkBy;
  sel.addEventListener('change', () => {
    state.networkBy = sel.value;
    writeUrl(false);
    loadNetwork();
  });
  netHead.append(sel);
}

async function loadActors() {
  try {
    const d = await api('/actors', new URLSearchParams({ limit: 300, fields: 'code,name' }));
    const dl = $('actor-list');
    const seen = new Set();
    for (const a of d.rows) {
      const v = a.code ?? a.name;
      if (seen.has(v)) continue;
      seen.add(v);
      dl.append(h('option', { value: v, text: a.name }));
    }
  } catch {
    /* the list is a convenience */
  }
}

readUrl();
setupForm();
legend();
// The views first; the header counts and the actor suggestions after them.
refresh().then(() => {
  loadCounts();
  loadActors();
});
