// Accessibility of <osprey-search>: the WAI-ARIA APG combobox/listbox pattern
// and its keys, the shortcuts, the live region, visible focus, labels, and
// axe-core over the demo page in its states.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  buildIndex, hitUrls, launch, nextResults, openPage, resultCount, root, search, startServer, status, urls,
} from './helpers.mjs';

let server, base, browser;
const axePath = join(root, 'node_modules/axe-core/axe.min.js');
const input = 'osprey-search input[role="combobox"]';

before(async () => {
  buildIndex(join(root, 'data/news.json'), 'news.osp');
  ({ server, base } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The combobox's ARIA state and its options, read from the shadow root. */
function comboState(page) {
  return page.evaluate(() => {
    const root = document.querySelector('osprey-search').shadowRoot;
    const box = root.querySelector('[role="combobox"]');
    const list = root.getElementById(box.getAttribute('aria-controls'));
    return {
      expanded: box.getAttribute('aria-expanded'),
      active: box.getAttribute('aria-activedescendant'),
      listVisible: !!list && !list.hidden && list.getBoundingClientRect().height > 0,
      options: [...list.querySelectorAll('[role="option"]')].map((o) => [o.id, o.textContent, o.getAttribute('aria-selected')]),
      focused: root.activeElement === box,
    };
  });
}

async function waitForOptions(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector('osprey-search').shadowRoot;
    return root.querySelectorAll('[role="option"]').length > 0 && !root.getElementById('listbox').hidden;
  });
}

test('the input is a labelled combobox that controls a listbox of suggestions', async () => {
  const { page, context, problems } = await openPage(browser, `${base}/`);
  const attrs = await page.evaluate(() => {
    const root = document.querySelector('osprey-search').shadowRoot;
    const box = root.querySelector('input');
    const label = root.querySelector(`label[for="${box.id}"]`);
    const list = root.getElementById(box.getAttribute('aria-controls'));
    return {
      role: box.getAttribute('role'), type: box.type, autocomplete: box.getAttribute('aria-autocomplete'),
      expanded: box.getAttribute('aria-expanded'), label: label?.textContent, listRole: list?.getAttribute('role'),
      listLabel: list?.getAttribute('aria-label'), shortcuts: box.getAttribute('aria-keyshortcuts'),
      form: root.querySelector('form').getAttribute('role'),
    };
  });
  assert.deepEqual(attrs, {
    role: 'combobox', type: 'search', autocomplete: 'list', expanded: 'false',
    label: 'Search news, reports and urgent actions', listRole: 'listbox', listLabel: 'Suggestions',
    shortcuts: '/ Control+K Meta+K', form: 'search',
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('arrows move through suggestions, Enter picks one, Escape closes then clears', async () => {
  const { page, context, problems } = await openPage(browser, `${base}/`);
  await page.locator(input).click();
  const before = await resultCount(page);
  await page.keyboard.type('tort');
  await nextResults(page, before, 'tort');
  await waitForOptions(page);
  let state = await comboState(page);
  assert.deepEqual(state, {
    expanded: 'true', active: null, listVisible: true, focused: true,
    options: [['option-0', 'torture3', 'false'], ['option-1', 'tortured1', 'false'], ['option-2', 'torturing1', 'false']],
  });
  await page.keyboard.press('ArrowDown');
  state = await comboState(page);
  assert.equal(state.active, 'option-0');
  assert.deepEqual(state.options.map((o) => o[2]), ['true', 'false', 'false']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal((await comboState(page)).active, 'option-2');
  await page.keyboard.press('ArrowDown');  // wraps
  assert.equal((await comboState(page)).active, 'option-0');
  await page.keyboard.press('ArrowUp');  // wraps back
  state = await comboState(page);
  assert.equal(state.active, 'option-2');
  assert.deepEqual(state.options.map((o) => o[2]), ['false', 'false', 'true']);
  assert.equal(state.focused, true, 'focus stays on the input (aria-activedescendant)');

  let n = await resultCount(page);
  await page.keyboard.press('Enter');
  await nextResults(page, n, 'torturing');
  assert.equal(await page.inputValue(input), 'torturing');
  state = await comboState(page);
  assert.equal(state.expanded, 'false');
  assert.equal(state.active, null);
  assert.equal(state.listVisible, false);
  // The picked word is the word being typed: its stem forms compete with it by
  // score (docs/ranking.md "Typing"), so "tortured" in a title comes first and
  // the one document holding "torturing" itself follows.
  const hits = await hitUrls(page);
  assert.equal(hits[0], '/reports/2021/09/former-refugees-tortured-raped-disappeared-in-syria/');
  assert.ok(hits.includes(urls.iran));
  assert.equal(new URL(page.url()).searchParams.get('q'), 'torturing');

  // Escape: first closes the open list, then clears the box.
  n = await resultCount(page);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await nextResults(page, n, 'tortur');
  await waitForOptions(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  state = await comboState(page);
  assert.deepEqual([state.expanded, state.active, state.listVisible], ['false', null, false]);
  assert.equal(await page.inputValue(input), 'tortur');
  n = await resultCount(page);
  await page.keyboard.press('Escape');
  await nextResults(page, n, '');
  assert.equal(await page.inputValue(input), '');
  assert.equal(await status(page), '10 items');
  // Alt+ArrowDown opens without choosing; a click on an option picks it.
  n = await resultCount(page);
  await page.keyboard.type('denm');
  await nextResults(page, n, 'denm');
  await waitForOptions(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+ArrowDown');
  state = await comboState(page);
  assert.deepEqual([state.expanded, state.active], ['true', null]);
  n = await resultCount(page);
  await page.locator('osprey-search [role="option"]').first().click();
  await nextResults(page, n, 'denmark');
  assert.equal((await hitUrls(page))[0], urls.denmark);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a completion that comes after Escape closed the suggestions does not open them again', async () => {
  const { page, context, problems } = await openPage(browser, `${base}/`);
  await page.locator(input).click();
  let n = await resultCount(page);
  await page.keyboard.type('tor');
  await nextResults(page, n, 'tor');
  await waitForOptions(page);
  // The next completion is held until the test releases it.
  await page.evaluate(() => {
    const searcher = document.querySelector('osprey-search').searcher;
    const complete = searcher.complete.bind(searcher);
    searcher.complete = (...args) => new Promise((resolve, reject) => {
      window.__release = async () => {
        await complete(...args).then(resolve, reject);
        await new Promise((done) => setTimeout(done));  // the widget has taken the reply
      };
    });
  });
  n = await resultCount(page);
  await page.keyboard.type('t');
  await nextResults(page, n, 'tort');
  await page.waitForFunction(() => typeof window.__release === 'function');
  await page.keyboard.press('Escape');
  assert.equal((await comboState(page)).expanded, 'false');
  await page.evaluate(() => window.__release());
  const state = await comboState(page);
  assert.deepEqual([state.expanded, state.listVisible], ['false', false]);
  assert.equal(await page.inputValue(input), 'tort');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"/" and Ctrl/Cmd-K focus the box; not while typing elsewhere; shortcuts="off" turns them off', async () => {
  const { page, context } = await openPage(browser, `${base}/tests/widget.html#index=../index/news.osp&preload=`);
  const focused = () => page.evaluate(() => document.querySelector('osprey-search').shadowRoot.activeElement?.id ?? null);
  await page.locator('h1').click();
  assert.equal(await focused(), null);
  await page.keyboard.press('/');
  assert.equal(await focused(), 'input');
  assert.equal(await page.inputValue(input), '', 'the "/" is not typed');
  await page.locator('h1').click();
  await page.keyboard.press('Control+k');
  assert.equal(await focused(), 'input');
  await page.locator('h1').click();
  await page.keyboard.press('Meta+k');
  assert.equal(await focused(), 'input');
  // In another text field "/" is a character.
  await page.evaluate(() => {
    const other = document.createElement('input');
    other.id = 'other';
    other.setAttribute('aria-label', 'other');
    document.querySelector('main').append(other);
  });
  await page.locator('#other').click();
  await page.keyboard.press('/');
  assert.equal(await page.inputValue('#other'), '/');
  assert.equal(await focused(), null);
  // Turned off.
  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('shortcuts', 'off'));
  await page.locator('h1').click();
  await page.keyboard.press('/');
  await page.keyboard.press('Control+k');
  assert.equal(await focused(), null);
  assert.equal(await page.evaluate(() => document.querySelector('osprey-search').shadowRoot
    .querySelector('input').hasAttribute('aria-keyshortcuts')), false);
  await context.close();
});

test('a polite live region announces the count once typing pauses', async () => {
  const { page, context } = await openPage(browser, `${base}/`);
  const live = page.locator('osprey-search [aria-live="polite"]');
  assert.equal(await live.getAttribute('role'), 'status');
  assert.equal(await live.textContent(), '', 'nothing said on load');
  // What the live region says as each result is shown (read at the event, in
  // the page: a read after it could come after the announcement's delay).
  await page.evaluate(() => {
    window.__liveAtResults = [];
    document.addEventListener('osprey-results', (e) => window.__liveAtResults.push(
      [e.detail.query, document.querySelector('osprey-search').shadowRoot.querySelector('[aria-live]').textContent]));
  });
  await page.locator(input).click();
  const n = await resultCount(page);
  await page.keyboard.type('torture', { delay: 30 });
  await nextResults(page, n, 'torture');
  const [, early] = (await page.evaluate(() => window.__liveAtResults)).findLast(([q]) => q === 'torture');
  assert.notEqual(early, '4 results for “torture”', 'not said while the results are fresh');
  await page.waitForFunction(() => document.querySelector('osprey-search').shadowRoot
    .querySelector('[aria-live]').textContent === '4 results for “torture”');
  await search(page, 'tortre');
  await page.waitForFunction(() => document.querySelector('osprey-search').shadowRoot
    .querySelector('[aria-live]').textContent === '4 results for “tortre” Did you mean torture?');
  await context.close();
});

test('focus is visible on the box, facets, links and buttons', async () => {
  const { page, context } = await openPage(browser, `${base}/?q=syria`);
  await page.locator(input).focus();
  // The ring fades in (a transition): read it once the box runs no transition any more.
  await page.waitForFunction(() => document.querySelector('osprey-search').shadowRoot.querySelector('input')
    .getAnimations().length === 0, null, { timeout: 10000 });
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('osprey-search').shadowRoot.querySelector('input'));
    return [s.borderTopColor, s.boxShadow.includes(' 0px 0px 0px 3px')];
  });
  assert.deepEqual(ring, ['rgb(11, 87, 208)', true], 'the box gets an accent border and ring');
  const outlines = [];
  // Tab on from the box: sort menu, then facet checkboxes, then result links.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    outlines.push(await page.evaluate(() => {
      const el = document.querySelector('osprey-search').shadowRoot.activeElement;
      if (!el) return null;
      const s = getComputedStyle(el);
      return [el.localName, s.outlineStyle, s.outlineWidth];
    }));
  }
  const seen = new Set(outlines.filter(Boolean).map((o) => o[0]));
  assert.ok(seen.has('select') && seen.has('input') && seen.has('a'), [...seen].join(','));
  for (const outline of outlines.filter(Boolean)) {
    assert.equal(outline[1], 'solid', `${outline[0]} shows focus`);
    assert.equal(outline[2], '3px');
  }
  await context.close();
});

async function axe(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
}

// axe is injected as a script, which the page's own CSP would (rightly) block:
// these contexts bypass CSP. The CSP suite checks the page under its policy.
for (const [name, path, options, act] of [
  ['browse, desktop, light', '/', {}, null],
  ['results with marks and did-you-mean, dark', '/?q=tortre', { colorScheme: 'dark' }, null],
  ['filters applied, phone', '/?q=syria&type=Report', { viewport: { width: 360, height: 780 } }, async (page) => {
    await page.locator('osprey-search .filters-toggle').click();
  }],
  ['suggestions open', '/', {}, async (page) => {
    await page.locator(input).click();
    await page.keyboard.type('tort');
    await waitForOptions(page);
    await page.keyboard.press('ArrowDown');
  }],
  ['no results', '/?q=xyzzyq', {}, null],
  ['error', '/tests/widget.html#index=../index/test-missing.json&browse=', {}, null],
]) {
  test(`axe-core finds no violations: ${name}`, async () => {
    const { page, context } = await openPage(browser, `${base}${path}`, { bypassCSP: true, ...options });
    if (act) await act(page);
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

test('axe-core does see into the shadow root (a control)', async () => {
  const { page, context } = await openPage(browser, `${base}/`, { bypassCSP: true });
  await page.evaluate(() => {
    const stray = document.createElement('input');
    stray.type = 'text';
    document.querySelector('osprey-search').shadowRoot.querySelector('.osprey').append(stray);
  });
  const violations = await axe(page);
  assert.equal(violations.length, 1, violations.join('\n'));
  assert.match(violations[0], /^label: /);
  await context.close();
});
