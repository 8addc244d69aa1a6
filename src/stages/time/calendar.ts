/** Calendar arithmetic on plain (UTC) dates and TIMEX3 value formatting. */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function parseYMD(s: string | null | undefined): YMD | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  if (!m) return null;
  const r = { y: +m[1], m: +m[2], d: +m[3] };
  return validDate(r.y, r.m, r.d) ? r : null;
}

export function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const toDate = (a: YMD): Date => new Date(Date.UTC(a.y, a.m - 1, a.d));
const fromDate = (t: Date): YMD => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });

export function addDays(a: YMD, n: number): YMD {
  const t = toDate(a);
  t.setUTCDate(t.getUTCDate() + n);
  return fromDate(t);
}

/** ISO weekday 1 (Monday) .. 7 (Sunday). */
export function weekday(a: YMD): number {
  const w = toDate(a).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(a: YMD): { y: number; w: number } {
  const thursday = addDays(a, 4 - weekday(a));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const days = Math.round((toDate(thursday).getTime() - toDate(jan1).getTime()) / 86400000);
  return { y: thursday.y, w: Math.floor(days / 7) + 1 };
}

export function fmtDay(a: YMD): string {
  return `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
}
export function fmtMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}
export function fmtWeek(a: YMD): string {
  const w = isoWeek(a);
  return `${pad(w.y, 4)}-W${pad(w.w)}`;
}
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}
export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** Western Easter Sunday (anonymous Gregorian computus). */
export function easter(y: number): YMD {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** The n-th given weekday (1..7) of a month. */
export function nthWeekday(y: number, m: number, wd: number, n: number): YMD {
  const first = { y, m, d: 1 };
  const off = (wd - weekday(first) + 7) % 7;
  return { y, m, d: 1 + off + 7 * (n - 1) };
}

export { pad };
