// HTML pages -> records {id, url, title, body} for the engines that index
// records (MiniSearch, FlexSearch, lunr) and for the query generator. Osprey and
// Pagefind read the HTML site themselves.
//
// A deliberately small extractor: the page's <title>, and the text of its main
// content (<main>, [role=main], or [data-pagefind-body], else <body>), with
// scripts, styles and tags removed and the common entities decoded.
import fs from 'node:fs';
import path from 'node:path';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', para: '¶', copy: '©', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' };

export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      try { return String.fromCodePoint(code); } catch { return all; }
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

function stripTags(html) {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<\/(p|div|h[1-6]|li|dt|dd|pre|tr|section|table|blockquote)>/gi, '\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  ).replace(/[ \t\r\f\v]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

// The main content of a page: from the opening tag of the main element to the
// next sidebar/footer marker or the end of the body.
function mainHtml(html) {
  const from = html.search(/<[a-z]+[^>]*(?:data-pagefind-body|role="main")[^>]*>|<main\b[^>]*>/i);
  if (from < 0) {
    const body = html.search(/<body\b/i);
    return body >= 0 ? html.slice(body) : html;
  }
  const rest = html.slice(from);
  const end = rest.search(/<div class="sphinxsidebar"|<footer\b|<div class="footer"|<\/main>/i);
  return end > 0 ? rest.slice(0, end) : rest;
}

export function pageRecord(html, url) {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = titleMatch ? decodeEntities(titleMatch[1]).replace(/\s+/g, ' ').trim() : url;
  return { id: url, url, title: title.replace(/\s+—\s+Python [\d.]+ documentation$/, ''), body: stripTags(mainHtml(html)) };
}

export function listHtml(dir) {
  const out = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && /\.html?$/i.test(entry.name)) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

export function siteRecords(dir) {
  return listHtml(dir).map((rel) => pageRecord(fs.readFileSync(path.join(dir, rel), 'utf8'), `/${rel}`));
}
