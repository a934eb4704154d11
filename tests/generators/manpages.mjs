// Content for the generator sites (tests/generators/): Debian's own manual
// pages of commands every Debian 12 machine that ran scripts/setup has
// (coreutils, gzip, tar, grep, sed, findutils, diffutils, patch, make, xz,
// lz4), rendered by man-db (`man -P cat`) and turned into Markdown (Hugo,
// Jekyll, MkDocs) or reStructuredText (Sphinx). Real, varied text; what a page holds
// depends on the installed versions, so tests derive their queries from it
// (distinctiveWord), never from one page's wording.
//
// A page: {name, summary, package, sections: [{heading, level, paragraphs}]}.
// level 2 is a man section (NAME, DESCRIPTION, ...), 3 a subsection; the NAME
// section gives the summary and is not a section of the page.
import { execFile } from 'node:child_process';

/** The commands, in order of preference; pages() takes those installed. */
export const commands = [
  'gzip', 'tar', 'grep', 'sed', 'find', 'xargs', 'diff', 'patch', 'make', 'xz', 'lz4',
  'ls', 'cp', 'mv', 'rm', 'mkdir', 'ln', 'chmod', 'chown', 'touch', 'cat', 'head', 'tail',
  'sort', 'uniq', 'wc', 'cut', 'tr', 'tee', 'du', 'df', 'date', 'env',
];

// Bounds that keep each site small and its build fast (find(1) alone has
// ~600 paragraphs).
const kMaxParagraphs = 60;
const kMaxParagraph = 1200;

/** A man section's heading as a title: "SEE ALSO" → "See also". */
function headingText(line) {
  const text = line.trim();
  return text === text.toUpperCase() ? text[0] + text.slice(1).toLowerCase() : text;
}

/**
 * Parses `man -P cat` output rendered MANWIDTH=10000 wide (a paragraph is one
 * line): the first line is the header, the last unindented one the footer;
 * unindented lines are section headings, lines indented less than 7 columns
 * subsection headings, the rest paragraph lines (a block of consecutive lines
 * is one paragraph).
 */
export function parseMan(name, text) {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  let last = lines.length - 1;
  while (last > 0 && lines[last] === '') last--;
  const page = { name, summary: '', package: '', sections: [] };
  let section = null;
  let block = [];
  let count = 0;
  const flush = () => {
    if (block.length && section && count < kMaxParagraphs) {
      section.paragraphs.push(block.join(' ').slice(0, kMaxParagraph));
      count++;
    }
    block = [];
  };
  for (const line of lines.slice(1, last)) {
    const indent = line.length - line.trimStart().length;
    if (line === '') {
      flush();
    } else if (indent < 7) {
      flush();
      section = { heading: headingText(line), level: indent === 0 ? 2 : 3, paragraphs: [] };
      page.sections.push(section);
    } else {
      block.push(line.trim());
    }
  }
  flush();
  const nameSection = page.sections.findIndex((s) => s.heading === 'Name');
  if (nameSection >= 0) {
    page.summary = page.sections[nameSection].paragraphs.join(' ').replace(/^.* - /, '');
    page.sections.splice(nameSection, 1);
  }
  page.sections = page.sections.filter((s) => s.paragraphs.length > 0 || s.level === 2);
  return page;
}

/** Runs a program; resolves to its stdout (stderr ignored), rejects on failure. */
function output(cmd, args, env) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** The installed pages of `commands`, in that order (at least min of them, else rejects). */
export async function manualPages(min = 20) {
  const env = { ...process.env, MANWIDTH: '10000', MAN_KEEP_FORMATTING: '', LC_ALL: 'C.UTF-8' };
  // One `man -w` for all: a path a line for those installed (the others only on stderr).
  const paths = new Map();
  const where = await output('sh', ['-c', 'man -w 1 "$@" 2>/dev/null; true', 'man', ...commands], env);
  for (const path of where.split('\n').filter(Boolean)) {
    const name = /([^/]+)\.1(\.gz)?$/.exec(path)?.[1];
    if (commands.includes(name) && !paths.has(name)) paths.set(name, path);
  }
  const names = commands.filter((n) => paths.has(n));
  if (names.length < min) {
    throw new Error(`manual pages: found ${names.length} of ${commands.length} (need ${min}); ` +
                    'is man-db installed and /usr/share/man not excluded by dpkg (path-exclude)?');
  }
  // Four at a time: groff is CPU-bound and the machine's cores are shared.
  const pages = new Array(names.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < names.length; i = next++) {
      pages[i] = parseMan(names[i], await output('man', ['-P', 'cat', '1', names[i]], env));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  // Which package each page comes from: one dpkg -S call, "pkg: /usr/share/man/...".
  const owners = new Map();
  for (const line of (await output('dpkg', ['-S', ...paths.values()], env)).split('\n')) {
    const m = /^([^:]+): (.*)$/.exec(line);
    if (m) owners.set(m[2], m[1].split(',')[0]);
  }
  for (const p of pages) p.package = owners.get(paths.get(p.name)) ?? 'unknown';
  return pages;
}

/**
 * Markdown text that stays literal in CommonMark (Hugo) and Python-Markdown
 * (MkDocs): entities for & < >, backslashes before inline markup, and before
 * a first character that would start a block (a list, a heading, a rule).
 * Python-Markdown leaks the placeholders of escapes in headings into its
 * table of contents (control characters), so headings are given inline
 * escapes only (man pages' headings need none).
 */
export function escapeMarkdown(text, { heading = false } = {}) {
  const inline = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]]/g, '\\$&');
  return heading ? inline : inline.replace(/^[-+#]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * The page as Markdown. frontMatter 'json': it starts with the front matter
 * {"title", "description", "tags"} as a JSON object (Hugo); 'yaml': the same
 * object between --- lines (JSON is YAML: Jekyll); none: with `# name` and
 * the summary instead (MkDocs takes the title from the heading).
 */
export function toMarkdown(page, { frontMatter } = {}) {
  const fields = JSON.stringify({ title: page.name, description: page.summary, tags: [page.package] });
  const out = frontMatter === 'json' ? [fields, '']
    : frontMatter === 'yaml' ? ['---', fields, '---', '']
      : [`# ${page.name}`, '', escapeMarkdown(page.summary), ''];
  for (const s of page.sections) {
    out.push(`${'#'.repeat(s.level)} ${escapeMarkdown(s.heading, { heading: true })}`, '');
    for (const p of s.paragraphs) out.push(escapeMarkdown(p), '');
  }
  return out.join('\n');
}

/** reStructuredText: a backslash makes any character literal. */
export function escapeRest(text) {
  return text.replace(/[^\p{L}\p{N}\s]/gu, '\\$&');
}

/** The page as a reST document titled by the command. */
export function toRest(page) {
  const title = (text, mark) => [text, mark.repeat(text.length)];
  const out = [...title(escapeRest(page.name), '='), '', escapeRest(page.summary), ''];
  for (const s of page.sections) {
    out.push(...title(escapeRest(s.heading), s.level === 2 ? '-' : '~'), '');
    for (const p of s.paragraphs) out.push(escapeRest(p), '');
  }
  return out.join('\n');
}

/** The lower-case words of a text (letters only). */
function words(text) {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/**
 * A word that one page has at least twice and that no other page has, nor any
 * word sharing its first five letters (so no stem or completion of it either):
 * {page, word}, the first such page in order and its most frequent such word
 * of at least 7 letters.
 */
export function distinctiveWord(pages) {
  const text = (p) => [p.name, p.summary, ...p.sections.flatMap((s) => [s.heading, ...s.paragraphs])].join(' ');
  const counts = pages.map((p) => {
    const m = new Map();
    for (const w of words(text(p))) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  });
  const prefixOwners = new Map();  // five-letter prefix → pages that have a word with it
  counts.forEach((m, i) => {
    for (const w of m.keys()) {
      const k = w.slice(0, 5);
      if (!prefixOwners.has(k)) prefixOwners.set(k, new Set());
      prefixOwners.get(k).add(i);
    }
  });
  for (let i = 0; i < pages.length; i++) {
    const best = [...counts[i]].filter(([w, n]) => w.length >= 7 && n >= 2 && prefixOwners.get(w.slice(0, 5)).size === 1)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best) return { page: pages[i], word: best[0] };
  }
  throw new Error('manual pages: no page has a word of its own');
}
