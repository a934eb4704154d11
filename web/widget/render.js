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
function formatDate(value, dateFormat) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === 'string' ? value : '');
  if (!m) return typeof value === 'string' ? value : '';
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** Appends an excerpt's segments to node: matches as <mark>, the rest as text. */
function appendSegments(node, excerpt) {
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

/** The stored text of a field, or '' (a missing role or a non-string value). */
function fieldText(fields, name) {
  return name && typeof fields[name] === 'string' ? fields[name] : '';
}

/** The text of an excerpt's segments. */
function segmentsText(excerpt) {
  return (excerpt?.segments || []).map((segment) => String(segment.text ?? '')).join('');
}

/**
 * The text of a hit's field: its value when the hit carries it whole, else
 * its excerpt's text (a hit carries a field longer than its excerpt only as
 * the excerpt: docs/query-language.md, "Results"), else ''.
 */
function hitText(hit, name) {
  return fieldText(hit.fields || {}, name) || segmentsText(hit.excerpts?.[name]);
}

/** The first excerpt of the role's fields that has text: {name, excerpt}, or null. */
function firstExcerpt(hit, names) {
  for (const name of names || []) {
    const excerpt = hit.excerpts?.[name];
    if (excerpt?.segments?.some((segment) => String(segment.text ?? '') !== '')) return { name, excerpt };
  }
  return null;
}

/** Appends a field's text to node: its excerpt (with marks) when it has one, else the plain text. */
function appendField(node, hit, name) {
  const excerpt = hit.excerpts?.[name];
  if (excerpt?.segments?.length) appendSegments(node, excerpt);
  else node.append(hitText(hit, name));
}

/**
 * A section hit of a site (docs/site-indexing.md: a record with a `section`
 * heading) is titled "page title › section"; returns whether the hit is one.
 */
function appendSectionTitle(link, hit, roles) {
  if (!hitText(hit, roles.section)) return false;
  if (hitText(hit, roles.page_title)) {
    const crumb = el('span', 'crumb');
    appendField(crumb, hit, roles.page_title);
    link.append(crumb, ' › ');
  }
  appendField(link, hit, roles.section);
  return true;
}

/** The link (or inert text, for an unsafe URL) of a hit; its URL resolved against ctx.base. */
function hitLink(hit, ctx, className) {
  const href = safeHref((hit.fields || {})[ctx.roles.url], ctx.base);
  const link = el(href ? 'a' : 'span', href ? className : `${className} inert`);
  if (href) link.href = href;
  link.setAttribute('part', 'link');
  return link;
}

/**
 * One result in the seed's layout: "date • type", the title as a link, the
 * excerpt with marked matches. ctx: {base (what URLs resolve against),
 * dateFormat, headingLevel, roles (which field plays which part: {url, title,
 * excerpt: [fields], and for sites section, page_title})}.
 */
export function renderHit(hit, ctx) {
  const f = hit.fields || {};
  const roles = ctx.roles;
  const item = el('li', 'hit');
  item.setAttribute('part', 'hit');
  item.dataset.doc = String(hit.doc);
  item.dataset.url = fieldText(f, roles.url);

  const meta = [formatDate(f.date, ctx.dateFormat), typeof f.type === 'string' ? f.type : '']
    .filter(Boolean).join(' • ');
  if (meta) {
    const p = el('p', 'meta', meta);
    p.setAttribute('part', 'meta');
    item.append(p);
  }

  const heading = el(`h${ctx.headingLevel}`, 'title');
  heading.setAttribute('part', 'title');
  const link = hitLink(hit, ctx, 'link');
  const found = firstExcerpt(hit, roles.excerpt);
  let body = found?.excerpt;
  const title = hitText(hit, roles.title);
  if (appendSectionTitle(link, hit, roles)) {
    // a section: its heading is the title
  } else if (title !== '') {
    if (hit.excerpts?.[roles.title]) appendSegments(link, hit.excerpts[roles.title]);
    else link.textContent = title;
  } else {
    // No title: the lead of the first excerpt field is the link, and the
    // excerpt goes on from where the lead ends (its marks kept on whichever
    // side they fall). The lead is the field's value when the hit carries it,
    // else (the value is longer than its excerpt) the excerpt's own text.
    body = found?.name === roles.excerpt[0] ? found.excerpt : null;
    const windowText = segmentsText(body);
    const whole = fieldText(f, roles.excerpt?.[0]);
    const lead = whole || windowText;
    const { end, cut } = leadEnd(lead);
    const at = whole && body?.cutStart ? body.offset : 0;
    if (at < end && windowText) {
      const [head, rest] = splitSegments(body.segments, end - at);
      link.append(lead.slice(0, at));
      appendSegments(link, { segments: head, cutStart: !whole && body.cutStart });
      // The lead goes on past the link: cut mid-sentence, or the excerpt (all in the link) cut.
      if (rest.length ? cut : body.cutEnd) link.append('…');
      body = rest.length ? { ...body, segments: rest, cutStart: cut } : null;
    } else {
      link.textContent = (lead.slice(0, end) + (cut ? '…' : '')) || fieldText(f, roles.url) || String(hit.doc);
    }
    // Another field's excerpt when the lead's own has no text.
    if (!body && found && found.name !== roles.excerpt[0]) body = found.excerpt;
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

/**
 * A section of a page hit (hit.sections), under that page's result (item): a
 * deep link titled by its heading (its marks kept) and its excerpt, in a
 * list that follows the result's own lines. Returns the new list item.
 */
export function appendSubHit(item, hit, ctx) {
  const f = hit.fields || {};
  const roles = ctx.roles;
  let list = item.querySelector(':scope > .subs');
  if (!list) {
    list = el('ul', 'subs');
    list.setAttribute('part', 'subs');
    item.append(list);
  }
  const sub = el('li', 'sub');
  sub.setAttribute('part', 'sub');
  sub.dataset.doc = String(hit.doc);
  sub.dataset.url = fieldText(f, roles.url);
  const link = hitLink(hit, ctx, 'link sub-link');
  if (!appendSectionTitle(link, hit, roles)) {
    if (hit.excerpts?.[roles.title]) appendSegments(link, hit.excerpts[roles.title]);
    else link.textContent = hitText(hit, roles.title) || fieldText(f, roles.url) || String(hit.doc);
  }
  sub.append(link);
  const found = firstExcerpt(hit, roles.excerpt);
  if (found) {
    const p = el('p', 'excerpt');
    p.setAttribute('part', 'excerpt');
    appendSegments(p, found.excerpt);
    sub.append(p);
  }
  list.append(sub);
  return sub;
}
