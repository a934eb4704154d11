// Reading a benchmark cell (results.json) for the reports: a row's value or
// why there is none, and the short formats the report files share.
import { isNum } from './report-format.mjs';

export const get = (obj, keys) => keys.reduce((o, k) => (o == null ? undefined : o[k]), obj);

// A cell's value for a row: a number, or {na}/{error}.
export function value(cell, row) {
  if (!cell) return { na: 'not run' };
  if (cell.all) return cell.all;
  const section = cell[row.path[0]];
  if (!section) return { na: 'not run' };
  if (section.na || section.error) return section;
  const v = get(cell, row.path);
  if (v === undefined || v === null) return { na: row.missing || 'n/a' };
  return v;
}

// A value that is not a number: "n/a (why)" or the error, cut to 70 characters.
export function shortNote(v) {
  if (v.na) return `n/a (${v.na})`;
  const m = String(v.error);
  return `error: ${m.length > 70 ? `${m.slice(0, 67)}…` : m}`;
}

export const pct = (part, whole) => (whole ? `${Math.round((100 * part) / whole)} %` : '—');
export const ok = (v) => v && !v.error && !v.na;
export const count = (n) => (isNum(n) ? n.toLocaleString('en-US') : '?');
