// Reads a guide of docs/guides/ as the test runs it, so the guide and the
// test cannot drift apart:
//   - a line that is only `PATH`: (a path in backquotes, then a colon),
//     followed by a fenced block: the file PATH of the project, verbatim;
//   - a fenced `sh` block: commands, one a line, run in order (`#` starts a
//     comment); single quotes group words as in sh.
import { readFileSync } from 'node:fs';

/** The fenced blocks of markdown text: [{info, body, caption}] (caption: the line before, if any). */
function blocks(text) {
  const lines = text.split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1]) && l.trim() === open[1]);
    if (end < 0) throw new Error(`unclosed block at line ${i + 1}`);
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    found.push({ info: open[2].trim(), body: lines.slice(i + 1, end).join('\n') + '\n', caption: k >= 0 ? lines[k] : '' });
    i = end;
  }
  return found;
}

/** The words of one command line: sh-like, with '…' quoting and # comments. */
export function words(line) {
  const out = [];
  let word = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unclosed quote: ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === ' ' || c === '\t') {
      if (word !== null) out.push(word);
      word = null;
    } else if ('"\\$`|&;<>(){}*?[]'.includes(c)) {
      throw new Error(`guide commands use plain words and '…' only: ${line}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) out.push(word);
  return out;
}

/** A guide: {files: [{path, content}], commands: [[word, …]]}. */
export function readGuide(path) {
  const files = [];
  const commands = [];
  for (const b of blocks(readFileSync(path, 'utf8'))) {
    const named = /^`([^`\s]+)`:$/.exec(b.caption.trim());
    if (named) files.push({ path: named[1], content: b.body });
    else if (b.info === 'sh') commands.push(...b.body.split('\n').map(words).filter((w) => w.length > 0));
  }
  return { files, commands };
}
