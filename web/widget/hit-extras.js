// What a site's page result shows besides its title and excerpt: the page's
// image and its metadata chips (docs/site-indexing.md, "Results: image and
// chips"). Which fields play them comes from the bundle's manifest (roles.image,
// roles.chips); the element's images="off" and chips="off" leave them out.
// Index values stay inert: an image URL is set only when it is http(s) after
// resolving (safeHref), chip values are text nodes.
import { el, safeHref } from './render.js';

/** "reading_time" → "reading time": a key as a chip's label. */
function keyLabel(key) {
  return key.replace(/[_-]+/g, ' ');
}

/**
 * Adds the page's image (first, floated beside the text; removed when it
 * fails to load, so a broken URL leaves no gap) and its chips (after the
 * excerpt) to a result item. ctx: {base, roles, images, chips} (results.js).
 */
export function appendExtras(item, hit, ctx) {
  const f = hit.fields || {};
  const { roles } = ctx;
  const src = ctx.images && roles.image ? safeHref(f[roles.image], ctx.base) : null;
  if (src) {
    const img = el('img', 'thumb');
    img.setAttribute('part', 'image');
    img.alt = '';  // decorative: the title beside it says what the page is
    img.loading = 'lazy';
    img.addEventListener('error', () => img.remove(), { once: true });
    img.src = src;
    item.prepend(img);
    item.classList.add('with-image');
  }
  const chips = ctx.chips && Array.isArray(roles.chips) ? roles.chips : [];
  const shown = chips.filter((key) => typeof f[key] === 'string' && f[key].trim() !== '');
  if (shown.length === 0) return;
  const list = el('ul', 'chips');
  list.setAttribute('part', 'chips');
  for (const key of shown) {
    const chip = el('li', 'chip');
    chip.setAttribute('part', 'chip');
    chip.dataset.key = key;
    chip.append(el('span', 'chip-key', keyLabel(key)), ' ', el('span', 'chip-value', f[key]));
    list.append(chip);
  }
  item.append(list);
}
