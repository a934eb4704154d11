// The demo page: searches the sample index as you type and renders results in
// the seed page's layout. Document text only ever reaches the DOM through
// textContent; links are kept only for http(s) and same-site paths.
import { Osprey } from './osprey.js';

const params = new URLSearchParams(location.search);
const input = document.getElementById('q');
const status = document.getElementById('status');
const list = document.getElementById('results');
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const countFormat = new Intl.NumberFormat('en-US');

// ?index= lets tests point the page at another index on the same origin.
function indexUrl() {
  const fallback = new URL('index/news.json', document.baseURI);
  const asked = params.get('index');
  if (!asked) return fallback.href;
  const url = new URL(asked, document.baseURI);
  return url.origin === location.origin ? url.href : fallback.href;
}

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? dateFormat.format(new Date(Date.UTC(+m[1], m[2] - 1, +m[3]))) : '';
}

function safeHref(url) {
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Appends an excerpt's segments to node: matches as <mark>, the rest as text.
function appendSegments(node, excerpt) {
  if (excerpt.cutStart) node.append('… ');
  for (const segment of excerpt.segments) {
    node.append(segment.match ? el('mark', null, segment.text) : segment.text);
  }
  if (excerpt.cutEnd) node.append(' …');
}

function renderHit(hit) {
  const f = hit.fields;
  const item = el('li', 'result');
  item.dataset.url = f.url || '';
  item.appendChild(el('p', 'meta', [formatDate(f.date), f.type].filter(Boolean).join(' • ')));
  const heading = el('h2');
  const label = f.title || (f.summary || f.url || '').split(/\s+/).slice(0, 10).join(' ') + '…';
  const href = safeHref(f.url || '');
  const link = el(href ? 'a' : 'span');
  if (href) link.href = href;
  if (f.title && hit.excerpts.title) appendSegments(link, hit.excerpts.title);
  else link.textContent = label;
  heading.appendChild(link);
  item.appendChild(heading);
  if (hit.excerpts.summary) {
    const summary = el('p', 'summary');
    appendSegments(summary, hit.excerpts.summary);
    item.appendChild(summary);
  }
  return item;
}

function showError(error) {
  status.className = 'status error';
  status.textContent = `Search is unavailable: ${error.message}`;
  list.replaceChildren();
}

let searcher = null;
let latest = 0;

async function run() {
  const query = input.value;
  const ticket = ++latest;
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  if (!query.trim()) {
    status.className = 'status';
    status.textContent = 'Type to search the ten sample items.';
    list.replaceChildren();
    return;
  }
  try {
    const result = await searcher.search(query, { limit: 20 });
    if (ticket !== latest) return;  // a newer query is on its way
    status.className = 'status';
    const n = countFormat.format(result.total);
    status.textContent = `${n} result${result.total === 1 ? '' : 's'} for “${query.trim()}”`;
    if (result.didYouMean) {
      const link = el('a', 'did-you-mean', result.didYouMean);
      link.href = `?q=${encodeURIComponent(result.didYouMean)}`;
      link.addEventListener('click', (e) => {
        e.preventDefault();
        input.value = result.didYouMean;
        run();
      });
      status.append(' — did you mean ', link, '?');
    }
    list.replaceChildren(...result.hits.map(renderHit));
  } catch (error) {
    if (ticket === latest) showError(error);
  }
}

async function main() {
  input.value = params.get('q') || '';
  try {
    searcher = await Osprey.open(indexUrl());
  } catch (error) {
    showError(error);
    document.body.dataset.state = 'error';
    return;
  }
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  await run();
  document.body.dataset.state = 'ready';
}

main();
