/**
 * Dashboard benchmark: each view's API response time and render time in a real browser, on a store
 * of the 2,225 BBC articles (built with the ingest library on first run, then reused).
 *
 *   node dist/bench/dashboard.js [--db /tmp/dyad-bench-bbc.db] [--rounds 5] [--file path.jsonl]
 *
 * Needs ../shared/corpora/bbc/articles.jsonl (never committed) and /usr/bin/chromium; skips with a
 * message when either is absent. Target: every view under 300 ms (API + render).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ingest } from '../src/ingest/index.js';
import { packageRoot } from '../src/dictionaries/load.js';
import { openStore } from '../src/store/index.js';
import { startServer } from '../src/server/app.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: join(tmpdir(), 'dyad-bench-bbc.db') },
    file: { type: 'string', default: join(process.env.DYAD_SHARED ?? join(packageRoot(), '..', 'shared'), 'corpora', 'bbc', 'articles.jsonl') },
    rounds: { type: 'string', default: '5' },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const CHROMIUM = '/usr/bin/chromium';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

async function main(): Promise<void> {
  if (!existsSync(values.file!)) {
    console.log(`bench/dashboard: skipped: ${values.file} not found (set DYAD_SHARED)`);
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`bench/dashboard: skipped: ${CHROMIUM} not installed`);
    return;
  }
  const store = openStore(values.db!);
  if (store.counts().articles < 2000) {
    const t0 = performance.now();
    const r = await ingest([values.file!], { store });
    const d = store.dedupe();
    console.log(`built ${values.db}: ${r.stored} articles stored, ${r.failed} failed, ${d.mentions} mentions → ${d.events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const c = store.counts();
  console.log(`store: ${c.articles} articles, ${c.events} events, ${c.mentions} mentions, ${c.actors} actors, ${c.quotes} quotes`);
  // Uncached server for the per-view numbers; a second one with the response cache for repeat visits.
  const srv = await startServer({ store, cache: false });
  const cached = await startServer({ store, dbPath: values.db! });

  // 1. API alone (no browser): median over rounds of each endpoint a view calls.
  const top = (await (await fetch(srv.url + '/api/v1/stats/network?by=country&limit=1')).json()) as { edges: { source: string; target: string }[] };
  const dyad = top.edges[0] ? `${top.edges[0].source}:${top.edges[0].target}` : 'USA:GBR';
  const endpoints: [string, string][] = [
    ['timeline', '/api/v1/stats/timeline?bucket=day'],
    ['network', '/api/v1/stats/network?by=country&limit=150'],
    ['map', '/api/v1/events?fields=id,quad,lat,lon,placeName&limit=500'],
    ['table', '/api/v1/events?limit=50'],
    ['timeline (dyad)', `/api/v1/stats/timeline?bucket=day&dyad=${dyad}`],
    ['table (dyad)', `/api/v1/events?limit=50&dyad=${dyad}`],
    ['table (text q=election)', '/api/v1/events?limit=50&q=election'],
    ['search q=minister', '/api/v1/search?q=minister&limit=50'],
    ['export CSV (all)', '/api/v1/events?format=csv&limit=50000'],
  ];
  console.log(`\nmachine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start`);
  console.log('\nAPI alone (HTTP round trip in one process, uncached; wall ms min / median of ' + rounds + ', and CPU ms of the process, which is less sensitive to other load):\n');
  console.log('| endpoint | wall min | wall median | CPU ms median | bytes |\n|---|---:|---:|---:|---:|');
  for (const [name, path] of endpoints) {
    const times: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await fetch(srv.url + path);
      bytes = (await r.arrayBuffer()).byteLength;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(performance.now() - t0);
    }
    console.log(`| ${name} \`${path}\` | ${ms(Math.min(...times))} | ${ms(median(times))} | ${ms(median(cpu))} | ${bytes.toLocaleString('en-GB')} |`);
  }

  // 2. In the browser: each view's API time (as the page sees it) and render time.
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'dyad-bench-chrome-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const scenarios: [string, string][] = [
    ['all events', '/'],
    [`dyad ${dyad}`, `/?dyad=${dyad}`],
    ['text q=election', '/?q=election'],
  ];
  type T = { api?: number; render?: number; total?: number };
  for (const [name, path, base] of [...scenarios.map(([n, p]) => [n, p, srv.url]), [`all events, response cache on (repeat visit)`, '/', cached.url]] as [string, string, string][]) {
    const acc: Record<string, { api: number[]; render: number[]; total: number[] }> = {};
    for (let i = 0; i < rounds + 1; i++) {
      await page.goto(base + path);
      await page.waitForFunction(() => (window as any).__dyad?.ready === true, null, { timeout: 60_000 });
      const t = (await page.evaluate(() => (window as any).__dyad.timings)) as Record<string, T>;
      if (i === 0) continue; // warm-up (world map download, caches)
      for (const [view, v] of Object.entries(t)) {
        const a = (acc[view] ??= { api: [], render: [], total: [] });
        if (v.api !== undefined) a.api.push(v.api);
        if (v.render !== undefined) a.render.push(v.render);
        if (v.total !== undefined) a.total.push(v.total);
      }
    }
    if (base === srv.url && path === '/') {
      mkdirSync(join(packageRoot(), 'test-output', 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(packageRoot(), 'test-output', 'screenshots', 'bench-bbc.png'), fullPage: true });
    }
    // Open the first event's article.
    const art: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const row = page.locator('#events tbody tr[data-id]').first();
      if (!(await row.count())) break;
      await page.evaluate(() => delete (window as any).__dyad.timings.article);
      await row.click();
      await page.waitForFunction(() => (window as any).__dyad.timings.article !== undefined, null, { timeout: 30_000 });
      art.push(((await page.evaluate(() => (window as any).__dyad.timings.article)) as T).total!);
      await page.locator('#close-article').click();
    }
    console.log(`\nBrowser, ${name} (${path}), ${rounds} loads after one warm-up (load average ${loadavg()[0]!.toFixed(1)}):\n`);
    console.log('| view | API ms median (as the page sees it) | render ms median | total ms min | total ms median | median under 300 ms |\n|---|---:|---:|---:|---:|:---:|');
    for (const view of ['timeline', 'network', 'map', 'table', 'all']) {
      const a = acc[view];
      if (!a) continue;
      const tot = median(a.total);
      console.log(`| ${view === 'all' ? 'all four views (parallel requests)' : view} | ${view === 'all' ? '' : ms(median(a.api))} | ${view === 'all' ? '' : ms(median(a.render))} | ${ms(Math.min(...a.total))} | ${ms(tot)} | ${tot < 300 ? 'yes' : 'NO'} |`);
    }
    if (art.length) console.log(`| article + evidence (click a row) | | | ${ms(Math.min(...art))} | ${ms(median(art))} | ${median(art) < 300 ? 'yes' : 'NO'} |`);
  }
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
  await srv.close();
  await cached.close();
  store.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
