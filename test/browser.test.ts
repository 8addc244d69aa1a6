/**
 * Browser tests: the dashboard in Debian's chromium (playwright-core), over a real server and a
 * SQLite demo store (the bundled examples plus hand-made test articles, no ../shared). Screenshots
 * go to test-output/screenshots/.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Running } from '../src/server/app.js';
import { loadDemo } from '../src/server/demo.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { ROOT } from './helpers.js';
import { allFixtures } from './server-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is not installed (apt-get install chromium)`;
const SHOTS = join(ROOT, 'test-output', 'screenshots');

let dir: string;
let store: Store;
let srv: Running;
// playwright-core types are loaded lazily so the suite compiles and skips without a browser.
let browser: any;
let page: any;
const pageErrors: string[] = [];

before(async () => {
  if (SKIP) return;
  dir = mkdtempSync(join(tmpdir(), 'dyad-browser-test-'));
  mkdirSync(SHOTS, { recursive: true });
  // Start the browser while the demo articles are coded.
  const { chromium } = await import('playwright-core');
  const launching = chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  store = openStore(join(dir, 'demo.db'));
  await loadDemo(store, { shared: null, workers: 0 });
  for (const f of allFixtures()) store.putCoded(f.article, f.doc);
  store.dedupe();
  srv = await startServer({ store });
  browser = await launching;
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (e: Error) => pageErrors.push(e.message));
  // Nothing outside the test server may be requested (no CDN, no tiles).
  await page.route('**/*', (route: any) => (route.request().url().startsWith(srv.url) || route.request().url().startsWith('blob:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
});

after(async () => {
  await browser?.close();
  await srv?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ready(): Promise<void> {
  await page.waitForFunction(() => (window as any).__dyad?.ready === true, null, { timeout: 10_000 });
}

test('dashboard loads every view on the demo store', { skip: SKIP }, async () => {
  await page.goto(srv.url + '/');
  await ready();
  assert.ok(await page.locator('#timeline svg rect').count() > 0, 'timeline bars');
  assert.ok(await page.locator('#network .edge').count() > 0, 'network edges');
  assert.ok(await page.locator('#map .land path').count() > 100, 'world countries drawn');
  assert.ok(await page.locator('#map .cluster').count() > 0, 'event clusters on the map');
  assert.ok(await page.locator('#events tbody tr').count() >= 6, 'event rows');
  await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('filter to the USA–RUS dyad by clicking the network edge; the URL keeps it', { skip: SKIP }, async () => {
  await page.goto(srv.url + '/?by=country');
  await ready();
  const edge = page.locator('#network .edge[data-dyad="RUS:USA"], #network .edge[data-dyad="USA:RUS"]');
  assert.equal(await edge.count(), 1, 'a USA–RUS edge');
  await edge.locator('.edge-hit').click({ force: true });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dyad') !== null && (window as any).__dyad.ready === true);
  const dyad = new URL(page.url()).searchParams.get('dyad');
  assert.ok(dyad === 'RUS:USA' || dyad === 'USA:RUS', String(dyad));
  const rows = await page.locator('#events tbody tr').evaluateAll((trs: HTMLElement[]) => trs.map((t) => t.textContent));
  assert.ok(rows.length >= 2, rows.join('\n'));
  for (const r of rows) assert.match(r, /(USA|United States|Rubio).*(RUS|Russia|Lavrov)|(RUS|Russia|Lavrov).*(USA|United States|Rubio)/);
  // The URL alone reproduces the view (a fresh load of the shared link).
  await page.goto(page.url());
  await ready();
  assert.equal(await page.locator('#events tbody tr').count(), rows.length);
  assert.equal(await page.inputValue('input[name=dyad]'), dyad);
  await page.screenshot({ path: join(SHOTS, 'dyad-usa-rus.png') });
  // Export what is filtered: the CSV holds exactly the filtered events.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  assert.match(csv[0]!, /^id,cluster,articleId,date/);
  assert.equal(csv.length - 1, rows.length);
});

test('opening an event highlights the evidence sentence, actors, quote and date', { skip: SKIP }, async () => {
  await page.goto(srv.url + '/?dyad=USA:RUS&q=Geneva');
  await ready();
  await page.locator('#events tbody tr', { hasText: 'Meet at third location' }).first().click();
  await page.waitForSelector('#article:not([hidden]) .hl-sentence');
  const text = (sel: string) => page.locator(sel).evaluateAll((els: HTMLElement[]) => els.map((e) => e.textContent).join(''));
  assert.equal(await text('#article-text .hl-sentence'), 'US Secretary of State Marco Rubio met Russian Foreign Minister Sergei Lavrov in Geneva on Monday, the State Department said.');
  assert.equal(await text('#article-text .hl-trigger'), 'met');
  assert.match(await text('#article-text .hl-source'), /Marco Rubio/);
  assert.equal(await text('#article-text .hl-target'), 'Sergei Lavrov');
  assert.equal(await text('#article-text .hl-date'), 'Monday');
  assert.equal(await text('#article-text .hl-place'), 'Geneva');
  assert.match(await page.textContent('#article-why'), /fixture:verbs\/met/);
  await page.screenshot({ path: join(SHOTS, 'article-usa-rus.png') });
  // The open event is part of the URL: loading it again reopens the article with the same evidence.
  assert.ok(new URL(page.url()).searchParams.get('event'));
  await page.goto(page.url());
  await ready();
  await page.waitForSelector('#article:not([hidden]) .hl-sentence');
  assert.equal(await text('#article-text .hl-trigger'), 'met');
  // Another event of the same article, from its quote: the quote and the speaker are highlighted.
  await page.locator('#article-why button.mini', { hasText: 'Make statement' }).click();
  assert.equal(await text('#article-text .hl-quote'), '"We had a frank discussion about Ukraine,"');
  assert.equal(await text('#article-text .hl-trigger'), 'told');
});

test('hostile article text is shown as text and never runs', { skip: SKIP }, async () => {
  await page.goto(srv.url + '/?dyad=FRA:DEU');
  await ready();
  await page.locator('#events tbody tr').first().click();
  await page.waitForSelector('#article:not([hidden]) .hl-sentence');
  const shown = await page.textContent('#article-text');
  assert.match(shown, /<script>window.__pwned = 1<\/script>/);
  assert.match(shown, /<img src=x onerror=/);
  // The article body holds only text and our highlight spans; the title and the actor names no markup.
  assert.deepEqual(await page.locator('#article-text *').evaluateAll((els: Element[]) => [...new Set(els.map((e) => e.tagName))]), ['SPAN']);
  assert.equal(await page.locator('#article-title *, #article img, #article script, #article [onload], #article [onerror]').count(), 0);
  assert.match(await page.textContent('#article-why'), /Germany <svg onload=window.__pwned=4>/);
  assert.match(await page.textContent('#article-title'), /<b>pact<\/b>/);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
  // The javascript: URL in the metadata did not become a link.
  assert.equal(await page.locator('#article a[href^="javascript"]').count(), 0);
  await page.screenshot({ path: join(SHOTS, 'article-hostile.png') });
  assert.deepEqual(pageErrors, []);
});
