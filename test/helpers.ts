/** Test helpers: paths, the ../shared skip, and schema validation. */
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
const Ajv = AjvModule.default;
import type { CodedDocument } from '../src/document.js';

/** Repository root (works from dist/test). */
export const ROOT = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) d = dirname(d);
  return d;
})();

/** ../shared next to the repository, or null. Tests that need it skip with a clear message. */
export const SHARED: string | null = (() => {
  const p = process.env.DYAD_SHARED ?? join(ROOT, '..', 'shared');
  return existsSync(p) ? p : null;
})();
export const NO_SHARED = SHARED ? false : 'skipped: ../shared is not present (set DYAD_SHARED to point at it)';

export function sharedFile(rel: string): string | null {
  if (!SHARED) return null;
  const p = join(SHARED, rel);
  return existsSync(p) ? p : null;
}

export function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

let validator: ReturnType<InstanceType<typeof Ajv>['compile']> | null = null;
/** Validate a coded document against schema/coded-document.schema.json; returns error text or null. */
export function schemaErrors(doc: CodedDocument): string | null {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'coded-document.schema.json'), 'utf8')));
  }
  return validator(doc) ? null : JSON.stringify(validator.errors?.slice(0, 5));
}

/** Offsets must index the article text: every span's text equals text.slice(start, end). */
export function offsetErrors(text: string, doc: CodedDocument): string[] {
  const bad: string[] = [];
  const check = (what: string, s: { start: number; end: number; text: string }) => {
    if (text.slice(s.start, s.end) !== s.text) bad.push(`${what} [${s.start},${s.end}) "${s.text}" != "${text.slice(s.start, s.end)}"`);
  };
  for (const a of doc.actors) for (const m of a.mentions) check(`actor ${a.name}`, m);
  for (const t of doc.times) check('time', t);
  for (const p of doc.places) check('place', p);
  for (const q of doc.quotes) {
    check('quote', q);
    if (q.cue) check('cue', q.cue);
  }
  for (const e of doc.events) {
    check(`event ${e.id}`, e.evidence);
    if (e.evidence.trigger) check(`trigger ${e.id}`, e.evidence.trigger);
  }
  for (const w of doc.article.wire) check('wire', w);
  return bad;
}
