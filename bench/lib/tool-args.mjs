// The command lines of bench's standalone tools (keystroke-rounds.mjs,
// keystroke-clock.mjs): options taken out of argv as they are read, and the
// query texts, from the arguments left or from a file.
import fs from 'node:fs';

/** {flag(name[, fallback]) -> its value, removed; has(name) -> present (removed); rest: what is left}. */
export function toolArgs(argv) {
  const rest = [...argv];
  return {
    rest,
    flag(name, fallback = null) {
      const i = rest.indexOf(name);
      if (i < 0) return fallback;
      return rest.splice(i, 2)[1];
    },
    has(name) {
      const i = rest.indexOf(name);
      if (i >= 0) rest.splice(i, 1);
      return i >= 0;
    },
  };
}

/** The texts of file (a JSON array of texts, or {"texts": [...]}), or else the texts given. */
export function queryTexts(file, texts) {
  if (!file) return texts;
  const q = JSON.parse(fs.readFileSync(file, 'utf8'));
  return Array.isArray(q) ? q : q.texts;
}
