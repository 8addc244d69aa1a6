/** Checks and clean-ups applied to an article before the pipeline runs. Offsets are never shifted. */
import { DyadInputError } from './errors.js';

/** Longest text coded; longer text is cut (with a warning) so one huge article cannot stall a batch. */
export const MAX_TEXT = 1_000_000;

/** Accepts YYYY-MM-DD or a full ISO timestamp; returns YYYY-MM-DD, or throws DyadInputError. */
export function normalizeDate(value: unknown, what = 'published'): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new DyadInputError(`invalid ${what} date ${JSON.stringify(value)}: expected YYYY-MM-DD`);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) {
    // Accept RFC 2822 dates from feeds ("Sun, 18 May 2025 10:00:00 GMT").
    const t = Date.parse(value);
    if (/[a-z]{3}/i.test(value) && !Number.isNaN(t)) return new Date(t).toISOString().slice(0, 10);
    throw new DyadInputError(`invalid ${what} date ${JSON.stringify(value)}: expected YYYY-MM-DD`);
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
    throw new DyadInputError(`invalid ${what} date ${JSON.stringify(value)}: no such day`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Share of characters that are control or replacement characters: binary junk scores high. */
export function junkRatio(text: string): number {
  const n = Math.min(text.length, 20000);
  if (!n) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad / n;
}

/** Looks like an HTML document or fragment rather than article text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 5000);
  if (/^\s*<(!doctype|html|head|body)\b/i.test(head)) return true;
  const tags = head.match(/<\/?(p|div|span|a|br|h[1-6]|script|article|section|li|ul|table|meta|link|img)\b[^>]*>/gi);
  return !!tags && tags.length >= 3;
}

/**
 * Mask HTML markup with spaces (same length, so offsets into the given text stay valid): tags,
 * comments, and the contents of script/style. Block tags become a newline so paragraphs split.
 */
export function maskHtml(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<\/?(p|div|br|h[1-6]|li|tr|article|section|header|footer|blockquote)\b[^>]*>/gi, (s) => '\n' + blank(s.slice(1)))
    .replace(/<[^>]+>/g, blank)
    .replace(/&(nbsp|amp|quot|apos|lt|gt|#\d+|#x[0-9a-f]+);/gi, (s) => {
      const map: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&nbsp;': ' ' };
      const ch = map[s.toLowerCase()] ?? ' ';
      return ch + ' '.repeat(s.length - 1);
    });
}
