// The dashboard's charts, drawn as SVG with small code of our own: timeline, network, map.
import { s, tip, clear, fmt } from './dom.js';

export const QUADS = [
  { key: 'quad1', label: 'Verbal cooperation', color: '#5fb37c' },
  { key: 'quad2', label: 'Material cooperation', color: '#1f7a4d' },
  { key: 'quad3', label: 'Verbal conflict', color: '#f0a03c' },
  { key: 'quad4', label: 'Material conflict', color: '#d64541' },
];

/** Goldstein −10…+10 → red…grey…green. */
export function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, (g ?? 0) / 10));
  const grey = [150, 156, 166];
  const end = t < 0 ? [214, 69, 65] : [31, 122, 77];
  const a = Math.abs(t) ** 0.7;
  const c = grey.map((v, i) => Math.round(v + (end[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function width(el, fallback = 600) {
  return Math.max(280, Math.floor(el.clientWidth || fallback));
}

function empty(el, msg, h = 180) {
  clear(el);
  const w = width(el);
  el.append(s('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}`, class: 'empty' }, s('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle', class: 'empty-text', text: msg })));
}

// ------------------------------------------------------------------------------------------
// Timeline: cooperation stacked above the axis, conflict below, Goldstein sum as a line.

function isoWeek(d) {
  const dt = new Date(d + 'T00:00:00Z');
  const day = (dt.getUTCDay() + 6) % 7;
  dt.setUTCDate(dt.getUTCDate() - day + 3);
  const y = dt.getUTCFullYear();
  const first = new Date(Date.UTC(y, 0, 4));
  const w = 1 + Math.round(((dt - first) / 86400000 - 3 + ((first.getUTCDay() + 6) % 7)) / 7);
  return `${y}-W${String(w).padStart(2, '0')}`;
}

function nextPeriod(p, bucket) {
  if (bucket === 'month') {
    let [y, m] = p.split('-').map(Number);
    m++;
    if (m > 12) (m = 1), y++;
    return `${y}-${String(m).padStart(2, '0')}`;
  }
  const d = new Date(Date.parse(p + 'T00:00:00Z') + 86400000);
  return d.toISOString().slice(0, 10);
}

/**
 * Re-bucket daily points client-side (one request serves every zoom level) and fill the gaps with
 * empty periods so the x axis is a real time axis.
 */
export function rebucket(points) {
  let days = points.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.period));
  if (!days.length) return { bucket: 'day', points, hidden: 0 };
  // A few stray dates (a treaty of 1230, a 2050 target) must not flatten the chart: when the dates
  // span more than ten years, show the range holding 95% of the events and count the rest.
  let hidden = 0;
  const total = days.reduce((n, p) => n + p.count, 0);
  const yearsSpan = (Date.parse(days[days.length - 1].period) - Date.parse(days[0].period)) / 86400000 / 365;
  if (yearsSpan > 10 && total >= 50) {
    let cum = 0, lo = 0, hi = days.length - 1;
    for (let i = 0; i < days.length; i++) {
      cum += days[i].count;
      if (cum <= total * 0.025) lo = i + 1;
      if (cum < total * 0.975) hi = i + 1;
    }
    hi = Math.min(hi, days.length - 1);
    const kept = days.slice(lo, hi + 1);
    hidden = total - kept.reduce((n, p) => n + p.count, 0);
    days = kept;
  }
  const span = (Date.parse(days[days.length - 1].period) - Date.parse(days[0].period)) / 86400000;
  const bucket = span > 20 * 365 ? 'year' : span > 3 * 365 ? 'month' : span > 120 ? 'week' : 'day';
  const keyOf = (d) => (bucket === 'day' ? d : bucket === 'week' ? isoWeek(d) : bucket === 'month' ? d.slice(0, 7) : d.slice(0, 4));
  const m = new Map();
  for (const p of days) {
    const k = keyOf(p.period);
    let q = m.get(k);
    if (!q) m.set(k, (q = { period: k, quad1: 0, quad2: 0, quad3: 0, quad4: 0, goldstein: 0, count: 0 }));
    for (const f of ['quad1', 'quad2', 'quad3', 'quad4', 'goldstein', 'count']) q[f] += p[f];
  }
  const zero = (k) => ({ period: k, quad1: 0, quad2: 0, quad3: 0, quad4: 0, goldstein: 0, count: 0 });
  const out = [];
  const first = days[0].period, last = days[days.length - 1].period;
  if (bucket === 'year') {
    for (let y = +first.slice(0, 4); y <= +last.slice(0, 4); y++) out.push(m.get(String(y)) ?? zero(String(y)));
  } else if (bucket === 'month') {
    for (let k = first.slice(0, 7); k <= last.slice(0, 7); k = nextPeriod(k, 'month')) out.push(m.get(k) ?? zero(k));
  } else {
    const seen = new Set();
    for (let d = first; d <= last; d = nextPeriod(d, 'day')) {
      const k = keyOf(d);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(m.get(k) ?? zero(k));
    }
  }
  return { bucket, points: out, hidden };
}

export function drawTimeline(el, rawPoints, onPick) {
  const { bucket, points, hidden } = rebucket(rawPoints);
  if (!points.length) return empty(el, 'No dated events for these filters'), { bucket, hidden };
  clear(el);
  const W = width(el, 1000), H = 230, m = { l: 56, r: 48, t: 12, b: 28 };
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const up = points.map((p) => p.quad1 + p.quad2), down = points.map((p) => p.quad3 + p.quad4);
  const maxUp = Math.max(1, ...up), maxDown = Math.max(1, ...down);
  const zeroY = m.t + ih * (maxUp / (maxUp + maxDown));
  const scale = ih / (maxUp + maxDown);
  const bw = iw / points.length;
  const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Events over time by quad class' });
  // grid + axis labels
  const ticks = (max, dir) => {
    const step = niceStep(max / 3);
    for (let v = step; v <= max; v += step) {
      const y = zeroY - dir * v * scale;
      svg.append(s('line', { x1: m.l, x2: W - m.r, y1: y, y2: y, class: 'grid' }), s('text', { x: m.l - 6, y: y + 4, 'text-anchor': 'end', class: 'axis', text: fmt.int(v) }));
    }
  };
  ticks(maxUp, 1);
  ticks(maxDown, -1);
  // Half labels, rotated in the left margin beside the tick numbers.
  const upMid = (m.t + zeroY) / 2, downMid = (zeroY + H - m.b) / 2;
  svg.append(s('text', { x: 0, y: 0, transform: `translate(12,${upMid.toFixed(1)}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis strong', text: zeroY - m.t > 60 ? 'cooperation' : 'coop.' }));
  svg.append(s('text', { x: 0, y: 0, transform: `translate(12,${downMid.toFixed(1)}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis strong', text: H - m.b - zeroY > 50 ? 'conflict' : 'confl.' }));
  points.forEach((p, i) => {
    const w = Math.max(1, Math.min(48, bw - (bw > 6 ? 2 : 0.5))), x = m.l + i * bw + (bw - w) / 2;
    const g = s('g', { class: 'bar', dataset: { period: p.period } });
    let y = zeroY;
    for (const q of [QUADS[0], QUADS[1]]) {
      const hgt = p[q.key] * scale;
      if (hgt > 0) g.append(s('rect', { x, y: y - hgt, width: w, height: hgt, fill: q.color }));
      y -= hgt;
    }
    y = zeroY;
    for (const q of [QUADS[2], QUADS[3]]) {
      const hgt = p[q.key] * scale;
      if (hgt > 0) g.append(s('rect', { x, y, width: w, height: hgt, fill: q.color }));
      y += hgt;
    }
    // Full-height hit area with the tooltip.
    g.append(s('rect', { x: m.l + i * bw, y: m.t, width: bw, height: ih, class: 'hit' }, tip(`${p.period}\n${p.count} events · Goldstein sum ${fmt.num(p.goldstein)}\n` + QUADS.map((q) => `${q.label}: ${p[q.key]}`).join('\n'))));
    if (onPick) g.addEventListener('click', () => onPick(p.period, bucket));
    svg.append(g);
  });
  svg.append(s('line', { x1: m.l, x2: W - m.r, y1: zeroY, y2: zeroY, class: 'zero' }));
  // Goldstein sum line on its own right-hand axis.
  const gmax = Math.max(1, ...points.map((p) => Math.abs(p.goldstein)));
  const gy = (v) => zeroY - (v / gmax) * Math.min(zeroY - m.t, H - m.b - zeroY || ih / 2) * 0.95;
  if (points.length > 1) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${(m.l + i * bw + bw / 2).toFixed(1)},${gy(p.goldstein).toFixed(1)}`).join('');
    svg.append(s('path', { d, class: 'gline' }));
  }
  points.forEach((p, i) => svg.append(s('circle', { cx: m.l + i * bw + bw / 2, cy: gy(p.goldstein), r: points.length > 60 ? 1.5 : 3, class: 'gdot' })));
  svg.append(s('text', { x: W - m.r + 6, y: m.t + 9, class: 'axis gaxis', text: `+${fmt.int(Math.round(gmax))}` }));
  svg.append(s('text', { x: W - m.r + 6, y: zeroY + 4, class: 'axis gaxis', text: '0' }));
  svg.append(s('text', { x: W - m.r + 6, y: H - m.b - 2, class: 'axis gaxis', text: `−${fmt.int(Math.round(gmax))}` }));
  // x labels: about 8
  const every = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if (i % every === 0) svg.append(s('text', { x: m.l + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis', text: p.period }));
  });
  el.append(svg);
  return { bucket, hidden };
}

function niceStep(x) {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, x)));
  const r = x / p;
  return Math.max(1, (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p);
}

// ------------------------------------------------------------------------------------------
// Network: undirected dyads, force layout (small, deterministic), edges coloured by mean Goldstein.

export function drawNetwork(el, data, { onEdge, onNode, selected } = {}) {
  const pairs = new Map();
  for (const e of data.edges) {
    if (e.source === e.target) continue;
    const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
    const k = a + '\u0000' + b;
    let p = pairs.get(k);
    if (!p) pairs.set(k, (p = { a, b, count: 0, gsum: 0, dirs: [] }));
    p.count += e.count;
    p.gsum += e.meanGoldstein * e.count;
    p.dirs.push(e);
  }
  let edges = [...pairs.values()].sort((x, y) => y.count - x.count).slice(0, 45);
  const nodeMap = new Map();
  for (const e of edges)
    for (const id of [e.a, e.b]) {
      let n = nodeMap.get(id);
      if (!n) nodeMap.set(id, (n = { id, count: 0 }));
      n.count += e.count;
    }
  const nodes = [...nodeMap.values()].sort((x, y) => y.count - x.count);
  if (!nodes.length) return empty(el, 'No actor pairs for these filters', 320);
  clear(el);
  const W = width(el, 560), H = 360;
  layout(nodes, edges, W, H);
  const maxC = Math.max(...edges.map((e) => e.count));
  const maxN = Math.max(...nodes.map((n) => n.count));
  const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Actor network' });
  for (const e of edges) {
    const A = nodeMap.get(e.a), B = nodeMap.get(e.b);
    const mean = e.gsum / e.count;
    const sel = selected && ((selected[0] === e.a && selected[1] === e.b) || (selected[0] === e.b && selected[1] === e.a));
    const w = 1.2 + 7 * Math.sqrt(e.count / maxC);
    const g = s('g', { class: 'edge' + (sel ? ' selected' : ''), dataset: { dyad: `${e.a}:${e.b}` } });
    g.append(s('line', { x1: A.x, y1: A.y, x2: B.x, y2: B.y, stroke: goldsteinColor(mean), 'stroke-width': w, class: 'edge-line' }));
    g.append(s('line', { x1: A.x, y1: A.y, x2: B.x, y2: B.y, class: 'edge-hit' }, tip(`${e.a} – ${e.b}\n${e.count} events · mean Goldstein ${fmt.num(mean)}\n` + e.dirs.map((d) => `${d.source} → ${d.target}: ${d.count} (${fmt.num(d.meanGoldstein)})`).join('\n') + '\nclick to filter to this dyad')));
    if (onEdge) g.addEventListener('click', () => onEdge(e.a, e.b));
    svg.append(g);
  }
  for (const n of nodes) {
    const r = 5 + 13 * Math.sqrt(n.count / maxN);
    const g = s('g', { class: 'node', transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, dataset: { actor: n.id } });
    g.append(s('circle', { r, class: 'node-dot' }, tip(`${n.id}: ${n.count} events\nclick to filter to this actor`)));
    g.append(s('text', { y: -r - 3, 'text-anchor': 'middle', class: 'node-label', text: n.id }));
    if (onNode) g.addEventListener('click', () => onNode(n.id));
    svg.append(g);
  }
  el.append(svg);
}

function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const cx = W / 2, cy = H / 2, R = Math.min(W, H) * 0.36;
  nodes.forEach((p, i) => {
    const a = (2 * Math.PI * i) / n;
    p.x = cx + R * Math.cos(a) * (n > 1 ? 1 : 0);
    p.y = cy + R * Math.sin(a) * (n > 1 ? 1 : 0);
  });
  if (n < 3) return;
  const idx = new Map(nodes.map((p, i) => [p.id, i]));
  const k = Math.sqrt((W * H) / n) * 0.55;
  const ITER = 150;
  for (let it = 0; it < ITER; it++) {
    const t = 0.1 * (1 - it / ITER) * Math.min(W, H) / 10;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d2 = Math.max(0.01, x * x + y * y), f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    for (const e of edges) {
      const i = idx.get(e.a), j = idx.get(e.b);
      const x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
      const d = Math.sqrt(x * x + y * y) || 0.01, f = (d * d) / k / d;
      dx[i] -= x * f; dy[i] -= y * f; dx[j] += x * f; dy[j] += y * f;
    }
    for (let i = 0; i < n; i++) {
      // gravity to the centre keeps disconnected parts on screen
      dx[i] += (cx - nodes[i].x) * 2;
      dy[i] += (cy - nodes[i].y) * 2;
      const len = Math.sqrt(dx[i] ** 2 + dy[i] ** 2) || 1;
      nodes[i].x += (dx[i] / len) * Math.min(len, t * 10);
      nodes[i].y += (dy[i] / len) * Math.min(len, t * 10);
    }
  }
  // fit to the box
  const pad = 34;
  const xs = nodes.map((p) => p.x), ys = nodes.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  // One scale for both axes (no stretching), at most 1.2×, centred.
  const sc = Math.min(1.2, (W - 2 * pad) / Math.max(1, x1 - x0), (H - 2 * pad) / Math.max(1, y1 - y0));
  const ox = (W - (x1 - x0) * sc) / 2, oy = (H - (y1 - y0) * sc) / 2 + 4;
  for (const p of nodes) {
    p.x = ox + (p.x - x0) * sc;
    p.y = oy + (p.y - y0) * sc;
  }
}

// ------------------------------------------------------------------------------------------
// Map: world countries (world-atlas 110m, projected once by the server with topojson-client), clustered points.

let worldPromise = null;
let landCache = null;

/** Countries as SVG paths in a fixed box, projected once by the server (see src/server/static.ts). */
export function loadWorld() {
  worldPromise ??= fetch('/vendor/world-110m-paths.json').then((r) => r.json());
  return worldPromise;
}

export function drawMap(el, world, rows, { onPlace } = {}) {
  clear(el);
  const W = world.width, H = world.height;
  const scale = width(el, 560) / W; // screen pixels per map unit, for clustering
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': 'Map of located events', preserveAspectRatio: 'xMidYMid meet' });
  svg.append(s('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }));
  // The countries layer is built once and moved into each new map.
  if (!landCache) {
    landCache = s('g', { class: 'land' });
    for (const c of world.countries) landCache.append(s('path', { d: c.d }, tip(c.name)));
  }
  svg.append(landCache);
  const P = (lon, lat) => [((lon + 180) / 360) * W, ((world.latTop - lat) / (world.latTop - world.latBottom)) * H];
  // Grid clustering in screen space (about 26 px cells).
  const cell = 26 / scale;
  const clusters = new Map();
  let located = 0;
  for (const r of rows) {
    if (typeof r.lat !== 'number' || typeof r.lon !== 'number') continue;
    located++;
    const [x, y] = P(r.lon, r.lat);
    const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    let c = clusters.get(key);
    if (!c) clusters.set(key, (c = { x: 0, y: 0, n: 0, quads: [0, 0, 0, 0, 0], places: new Map() }));
    c.x += x; c.y += y; c.n++;
    c.quads[r.quad] = (c.quads[r.quad] ?? 0) + 1;
    const pn = r.placeName ?? '?';
    c.places.set(pn, (c.places.get(pn) ?? 0) + 1);
  }
  const maxN = Math.max(1, ...[...clusters.values()].map((c) => c.n));
  const sorted = [...clusters.values()].sort((a, b) => a.n - b.n);
  for (const c of sorted) {
    const x = c.x / c.n, y = c.y / c.n;
    const r = (4 + 14 * Math.sqrt(c.n / maxN)) / scale;
    const dom = [1, 2, 3, 4].reduce((best, q) => (c.quads[q] > c.quads[best] ? q : best), 1);
    const top = [...c.places.entries()].sort((a, b) => b[1] - a[1]);
    const g = s('g', { class: 'cluster', transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, dataset: { place: top[0][0] } });
    g.append(s('circle', { r, fill: QUADS[dom - 1].color, 'stroke-width': 1.5 / scale }, tip(`${c.n} events\n` + top.slice(0, 6).map(([p, n]) => `${p}: ${n}`).join('\n') + '\n' + QUADS.map((q, i) => `${q.label}: ${c.quads[i + 1]}`).join('\n') + '\nclick to filter to ' + top[0][0])));
    if (c.n > 1) g.append(s('text', { 'text-anchor': 'middle', y: 4 / scale, 'font-size': 10 / scale, class: 'cluster-n', text: c.n > 999 ? Math.round(c.n / 1000) + 'k' : c.n }));
    if (onPlace) g.addEventListener('click', () => onPlace(top[0][0]));
    svg.append(g);
  }
  el.append(svg);
  return located;
}
