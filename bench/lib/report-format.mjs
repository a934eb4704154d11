// Number formats of the benchmark's reports (report.mjs and report-*.mjs).
export const KiB = 1024;
export const MiB = 1024 * 1024;

export function fmtMs(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtBytes(b) {
  if (b === null || b === undefined || !Number.isFinite(b)) return '—';
  if (b < KiB) return `${Math.round(b)} B`;
  if (b < MiB) return `${(b / KiB).toFixed(b < 10 * KiB ? 2 : 1)} KiB`;
  if (b < 1024 * MiB) return `${(b / MiB).toFixed(b < 10 * MiB ? 2 : 1)} MiB`;
  return `${(b / (1024 * MiB)).toFixed(2)} GiB`;
}

export function fmtRatio(r) {
  if (!Number.isFinite(r)) return '—';
  if (r === 0) return '0×';
  if (r >= 100) return `${Math.round(r)}×`;
  if (r >= 10) return `${r.toFixed(0)}×`;
  if (r >= 0.1) return `${r.toFixed(2)}×`;
  return `${r.toPrecision(2)}×`;
}

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
