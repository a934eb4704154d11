// DOM building for <osprey-search>. Document text (titles, summaries, URLs,
// facet values) reaches the DOM only as text nodes and textContent, never as
// markup; links are made only for http(s) URLs, so javascript: and data: URLs
// in an index can never become live links.

/** A new element with a class and text; ownerDocument-free (document is global). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** The magnifier icon, built as nodes (decorative). */
export function searchIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const circle = document.createElementNS(SVG, 'circle');
  for (const [k, v] of Object.entries({ cx: '10.5', cy: '10.5', r: '6.5' })) circle.setAttribute(k, v);
  const line = document.createElementNS(SVG, 'path');
  line.setAttribute('d', 'M15.5 15.5 L20.5 20.5');
  svg.append(circle, line);
  return svg;
}

/**
 * The URL a result may link to: an absolute http(s) URL, or a relative one
 * resolved against base (the page). Anything else (javascript:, data:, vbscript:,
 * blob:, mailto:, unparsable) is null: the title is then shown as plain text.
 */
export function safeHref(url, base) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "2022-01-13" in the locale's long form (UTC); other text is shown as it is. */
export function formatDate(value, dateFormat) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === 'string' ? value : '');
  if (!m) return typeof value === 'string' ? value : '';
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** Appends an excerpt's segments to node: matches as <mark>, the rest as text. */
export function appendSegments(node, excerpt) {
  if (excerpt.cutStart) node.append('… ');
  for (const segment of excerpt.segments || []) {
    const text = String(segment.text ?? '');
    if (segment.match) {
      const mark = el('mark', null, text);
      mark.setAttribute('part', 'mark');
      node.append(mark);
    } else {
      node.append(text);
    }
  }
  if (excerpt.cutEnd) node.append(' …');
}

/**
 * Where the lead of a title-less text ends: after its first sentence when that
 * is at most 16 words, else after 12 words. Returns {end, cut} (cut: mid-sentence).
 */
function leadEnd(text) {
  const words = [...String(text).matchAll(/\S+/g)];
  for (let i = 0; i < Math.min(words.length, 16); i++) {
    if (/[.!?][)"'”’»]*$/.test(words[i][0])) return { end: words[i].index + words[i][0].length, cut: false };
  }
  if (words.length <= 12) return { end: String(text).length, cut: false };
  return { end: words[11].index + words[11][0].length, cut: true };
}

/** Splits excerpt segments at a character offset into [head, rest] (rest trimmed at its start). */
function splitSegments(segments, at) {
  const head = [];
  const rest = [];
  let seen = 0;
  for (const segment of segments) {
    const text = String(segment.text ?? '');
    if (seen + text.length <= at) head.push(segment);
    else if (seen >= at) rest.push(segment);
    else {
      head.push({ text: text.slice(0, at - seen), match: segment.match });
      rest.push({ text: text.slice(at - seen), match: segment.match });
    }
    seen += text.length;
  }
  while (rest.length && !rest[0].text.trim()) rest.shift();
  if (rest.length) rest[0] = { ...rest[0], text: rest[0].text.replace(/^\s+/, '') };
  return [head, rest];
}

/**
 * One result in the seed's layout: "date • type", the title as a link, the
 * excerpt with marked matches. ctx: {base, dateFormat, headingLevel}.
 */
export function renderHit(hit, ctx) {
  const f = hit.fields || {};
  const excerpts = hit.excerpts || {};
  const item = el('li', 'hit');
  item.setAttribute('part', 'hit');
  item.dataset.doc = String(hit.doc);
  item.dataset.url = typeof f.url === 'string' ? f.url : '';

  const meta = [formatDate(f.date, ctx.dateFormat), typeof f.type === 'string' ? f.type : '']
    .filter(Boolean).join(' • ');
  if (meta) {
    const p = el('p', 'meta', meta);
    p.setAttribute('part', 'meta');
    item.append(p);
  }

  const heading = el(`h${ctx.headingLevel}`, 'title');
  heading.setAttribute('part', 'title');
  const href = safeHref(f.url, ctx.base);
  const link = el(href ? 'a' : 'span', href ? 'link' : 'link inert');
  if (href) link.href = href;
  link.setAttribute('part', 'link');
  let body = excerpts.summary;
  if (typeof f.title === 'string' && f.title !== '') {
    if (excerpts.title) appendSegments(link, excerpts.title);
    else link.textContent = f.title;
  } else {
    // No title: the summary's lead is the link, and the excerpt goes on from
    // where the lead ends (its marks kept on whichever side they fall).
    const summary = typeof f.summary === 'string' ? f.summary : '';
    const { end, cut } = leadEnd(summary);
    const segments = body?.segments || [];
    const windowText = segments.map((seg) => String(seg.text ?? '')).join('');
    const at = body ? (body.cutStart ? summary.indexOf(windowText) : 0) : -1;
    if (at >= 0 && at < end && windowText) {
      const [head, rest] = splitSegments(segments, end - at);
      link.append(summary.slice(0, at));
      appendSegments(link, { segments: head });
      if (cut && rest.length > 0) link.append('…');
      body = rest.length ? { ...body, segments: rest, cutStart: cut } : null;
    } else {
      link.textContent = (summary.slice(0, end) + (cut ? '…' : '')) || (typeof f.url === 'string' ? f.url : String(hit.doc));
    }
  }
  heading.append(link);
  item.append(heading);

  if (body) {
    const p = el('p', 'excerpt');
    p.setAttribute('part', 'excerpt');
    appendSegments(p, body);
    item.append(p);
  }
  return item;
}
