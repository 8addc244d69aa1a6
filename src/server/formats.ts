/** Output formats for list endpoints: field selection, CSV (RFC 4180) and GeoJSON. */

export function pick<T extends object>(rows: T[], fields: string[] | null): Record<string, unknown>[] {
  if (!fields) return rows as unknown as Record<string, unknown>[];
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const f of fields) o[f] = (r as Record<string, unknown>)[f];
    return o;
  });
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Spreadsheet formula injection: a cell starting with = + - @ is read as a formula by Excel/Sheets.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Events with coordinates become Point features; events without are left out (and counted). */
export function toGeoJson(rows: Record<string, unknown>[], full: Record<string, unknown>[]): { type: 'FeatureCollection'; features: unknown[]; unlocated: number } {
  const features: unknown[] = [];
  let unlocated = 0;
  for (let i = 0; i < full.length; i++) {
    const f = full[i]!;
    const lat = f.lat, lon = f.lon;
    if (typeof lat !== 'number' || typeof lon !== 'number') {
      unlocated++;
      continue;
    }
    const props = { ...rows[i]! };
    delete props.lat;
    delete props.lon;
    features.push({ type: 'Feature', id: f.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props });
  }
  return { type: 'FeatureCollection', features, unlocated };
}
