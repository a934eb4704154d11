// The benchmark corpora, built from what any Debian 12 machine has:
//   debian-1k, debian-10k, debian-63k  Debian package records (JSON Lines), from
//                                      tests/relevance/debian-corpus.mjs
//   python-docs                        the Python 3.11 documentation (530 HTML
//                                      pages), from `apt-get download python3.11-doc`
// Generated data lives under build/ (never committed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { listHtml, siteRecords } from './html.mjs';

export const CORPUS_IDS = ['debian-1k', 'debian-10k', 'debian-63k', 'python-docs'];

export function corpusInfo(repo, work) {
  const debian = path.join(repo, 'build/corpora');
  const pyRoot = path.join(work, 'corpora/python3.11-doc');
  return {
    'debian-1k': { id: 'debian-1k', kind: 'records', label: 'Debian packages, 1k records', file: path.join(debian, 'debian-1k.jsonl') },
    'debian-10k': { id: 'debian-10k', kind: 'records', label: 'Debian packages, 10k records', file: path.join(debian, 'debian-10k.jsonl') },
    'debian-63k': { id: 'debian-63k', kind: 'records', label: 'Debian packages, all records', file: path.join(debian, 'debian.jsonl') },
    'python-docs': {
      id: 'python-docs', kind: 'site', label: 'Python 3.11 docs (HTML site)',
      root: pyRoot, dir: path.join(pyRoot, 'usr/share/doc/python3.11/html'),
    },
  };
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) return { ok: false, message: `${cmd}: ${r.error.message}` };
  if (r.status !== 0) {
    const tail = `${r.stderr || ''}${r.stdout || ''}`.trim().split('\n').slice(-3).join(' | ');
    return { ok: false, message: `${cmd} ${args.join(' ')} exited ${r.status}: ${tail}` };
  }
  return { ok: true, stdout: r.stdout };
}

// Runs the relevance corpus builder (idempotent: it does nothing when its
// outputs are up to date). Returns null or an error message.
export function ensureDebian(repo, log) {
  const script = path.join(repo, 'tests/relevance/debian-corpus.mjs');
  log('corpus: Debian package records (tests/relevance/debian-corpus.mjs)');
  const r = run(process.execPath, [script, '--out', path.join(repo, 'build/corpora')], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (!r.ok) {
    const have = ['debian-1k.jsonl', 'debian-10k.jsonl', 'debian.jsonl'].every((f) => fs.existsSync(path.join(repo, 'build/corpora', f)));
    if (have) {
      log(`  warning: ${r.message}; using the existing files`);
      return null;
    }
    return r.message;
  }
  return null;
}

// apt-get download python3.11-doc && dpkg-deb -x, once. Returns null or an error.
export function ensurePythonDocs(info, log) {
  if (fs.existsSync(path.join(info.dir, 'index.html'))) return null;
  log('corpus: Python 3.11 docs (apt-get download python3.11-doc)');
  fs.mkdirSync(info.root, { recursive: true });
  const dl = path.join(info.root, '..');
  const debs = () => fs.readdirSync(dl).filter((f) => /^python3\.11-doc_.*\.deb$/.test(f));
  if (debs().length === 0) {
    let r = run('apt-get', ['download', 'python3.11-doc'], { cwd: dl });
    if (!r.ok && process.getuid?.() === 0) {
      log('  apt-get download failed; running apt-get update once');
      run('apt-get', ['update'], { stdio: ['ignore', 'pipe', 'pipe'] });
      r = run('apt-get', ['download', 'python3.11-doc'], { cwd: dl });
    }
    if (!r.ok) return r.message;
  }
  const deb = debs().sort().pop();
  if (!deb) return 'apt-get download python3.11-doc produced no .deb';
  const x = run('dpkg-deb', ['-x', path.join(dl, deb), info.root]);
  if (!x.ok) return x.message;
  if (!fs.existsSync(path.join(info.dir, 'index.html'))) return `no index.html in ${info.dir} after dpkg-deb -x`;
  return null;
}

// Records as the record engines index them: {id, url, name?, title, body}.
export function loadRecords(info) {
  if (info.kind === 'site') return siteRecords(info.dir);
  const out = [];
  for (const line of fs.readFileSync(info.file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    out.push({ id: r.url, url: r.url, name: r.name || '', title: r.title || '', body: r.body || '' });
  }
  return out;
}

export function pageCount(info) {
  return info.kind === 'site' ? listHtml(info.dir).length : null;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// One minimal HTML page per record (for Pagefind), under DIR/p/NN/N.html; kept
// while the stamp matches the corpus file's size and mtime.
export function recordSite(info, records, dir) {
  const st = fs.statSync(info.file);
  const stamp = `${st.size} ${st.mtimeMs} ${records.length} v1`;
  const stampFile = path.join(dir, '.stamp');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  records.forEach((r, i) => {
    const sub = path.join(dir, 'p', String(Math.floor(i / 1000)));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const paragraphs = r.body.split(/\n\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    fs.writeFileSync(path.join(sub, `${i}.html`),
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title></head>\n` +
      `<body><main data-pagefind-body>\n<h1>${escapeHtml(r.title)}</h1>\n<p>${escapeHtml(r.name)}</p>\n${paragraphs}\n` +
      `</main></body></html>\n`);
  });
  fs.writeFileSync(stampFile, stamp);
  return dir;
}
