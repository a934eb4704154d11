// What <osprey-search> shows, read in the page: its words, its layout and
// direction, and the status line as text and as drawn. Shared by the suites
// of the widget's languages (i18n.test.mjs, languages-site.test.mjs).
import assert from 'node:assert/strict';

import { status } from './helpers.mjs';

/** Waits until the status line reads text (a language's strings arrive by fetch), then asserts it. */
export async function statusIs(page, text) {
  await page.waitForFunction((t) => document.querySelector('osprey-search').shadowRoot
    .querySelector('.status').textContent === t, text, { timeout: 5000 }).catch(() => {});
  assert.equal(await status(page), text);
}

/** What the widget shows and how it is laid out. */
export function widgetView(page) {
  return page.evaluate(() => {
    const host = document.querySelector('osprey-search');
    const shadow = host.shadowRoot;
    const box = (sel) => shadow.querySelector(sel).getBoundingClientRect();
    const statusLine = shadow.querySelector('.status');
    return {
      placeholder: shadow.querySelector('input').placeholder,
      label: shadow.querySelector('label.label').textContent,
      hostDirection: getComputedStyle(host).direction,
      direction: getComputedStyle(shadow.querySelector('.osprey')).direction,
      statusDirection: getComputedStyle(statusLine).direction,
      isolated: [...statusLine.querySelectorAll('bdi')].map((b) => b.textContent),
      // The search icon sits at the start of the box: right in RTL.
      iconAtRight: box('.icon').left > box('input').left + box('input').width / 2,
      // The status line's text ends within 40 px of the widget's right edge.
      statusAtRight: (() => {
        const range = document.createRange();
        range.selectNodeContents(statusLine);
        return range.getBoundingClientRect().right > box('.osprey').right - 40;
      })(),
      more: shadow.querySelector('.more').textContent,
      sortLabel: shadow.querySelector('.sort span')?.textContent ?? null,
    };
  });
}

/**
 * The characters of the status line in the order they appear on screen, left
 * to right (each character's box, sorted by x): how the line reads, whatever
 * its logical order. Mirrored glyphs (« ») keep their code points.
 */
export function statusOnScreen(page) {
  return page.evaluate(() => {
    const line = document.querySelector('osprey-search').shadowRoot.querySelector('.status');
    const chars = [];
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        chars.push([range.getBoundingClientRect().left, node.data[i]]);
      }
    }
    return chars.sort((a, b) => a[0] - b[0]).map(([, c]) => c).join('');
  });
}

/** A number as the page's Intl formats it in locale (Arabic digits may be Arabic-Indic). */
export function formatted(page, locale, n) {
  return page.evaluate(([l, v]) => new Intl.NumberFormat(l).format(v), [locale, n]);
}
