// The widget in the page's language (issue #16, item 4): the strings file
// chosen from lang (the element's, an ancestor's, <html lang>), plural forms
// through Intl.PluralRules, the language's quotation marks, right-to-left
// layout for Arabic and Hebrew with the query isolated in the status line,
// overrides over a language's strings, and English when a file cannot load.
// Screenshots of the Arabic and Hebrew widgets go to tests/artifacts/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifacts, buildIndex, launch, openPage, root, search, settled, startServer } from './helpers.mjs';
import { formatted, statusIs, statusOnScreen, widgetView } from './widget-view.mjs';

let server, base, browser;

before(async () => {
  buildIndex(join(root, 'data/news.json'), 'news.osp');
  ({ server, base } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
});

/** Opens tests/i18n.html with params (page-lang, page-dir, and the element's attributes). */
async function open(params) {
  const hash = new URLSearchParams({ index: '../index/news.osp', preload: '', ...params });
  const opened = await openPage(browser, `${base}/tests/i18n.html#${hash}`, { wait: false });
  await settled(opened.page);
  return opened;
}

test('Arabic (lang only, no dir): strings, plural forms, mirrored layout, the query isolated', async () => {
  const { page, context, problems } = await open({ 'page-lang': 'ar' });
  await search(page, 'torture');
  await statusIs(page, `${await formatted(page, 'ar', 4)} نتائج عن «torture»`);  // few: 3..10
  const view = await widgetView(page);
  assert.equal(view.placeholder, 'ابحث…');
  assert.equal(view.direction, 'rtl');
  assert.equal(view.statusDirection, 'rtl');
  assert.equal(view.hostDirection, 'ltr', 'the page did not set dir: the widget mirrors inside its shadow root');
  assert.deepEqual(view.isolated, ['torture']);
  assert.equal(view.iconAtRight, true);
  assert.equal(view.sortLabel, 'الترتيب حسب');
  await search(page, 'Koblenz!');
  await statusIs(page, 'نتيجة واحدة عن «Koblenz!»');  // one
  assert.deepEqual((await widgetView(page)).isolated, ['Koblenz!']);
  // On screen, right to left: the sentence, then the query whole with its "!",
  // between the quotes (the logical « is drawn mirrored at the right).
  assert.equal(await statusOnScreen(page), '»Koblenz!« نع ةدحاو ةجيتن');
  await page.keyboard.press('Escape');  // the suggestions closed: the status line shows
  await page.screenshot({ path: join(artifacts, 'i18n-ar.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Hebrew (dir=rtl on the page): strings, one/two/other, the query isolated', async () => {
  const { page, context, problems } = await open({ 'page-lang': 'he', 'page-dir': 'rtl' });
  await search(page, 'Koblenz');
  await statusIs(page, 'תוצאה אחת עבור ”Koblenz”');
  await search(page, 'torture');
  await statusIs(page, '4 תוצאות עבור ”torture”');
  const view = await widgetView(page);
  assert.equal(view.placeholder, 'חיפוש…');
  assert.equal(view.hostDirection, 'rtl');
  assert.equal(view.direction, 'rtl');
  assert.deepEqual(view.isolated, ['torture']);
  assert.equal(view.iconAtRight, true);
  assert.equal(view.more, 'הצגת תוצאות נוספות');
  await search(page, 'syria 2021');
  assert.deepEqual((await widgetView(page)).isolated, ['syria 2021']);
  assert.equal(await statusOnScreen(page), '”syria 2021” רובע תואצות 10');
  await page.screenshot({ path: join(artifacts, 'i18n-he.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('English strings on a right-to-left page read left to right (were "”!result for “Koblenz 1")', async () => {
  const { page, context } = await open({ 'page-lang': 'en', 'page-dir': 'rtl' });
  await search(page, 'Koblenz!');
  await statusIs(page, '1 result for “Koblenz!”');
  assert.equal(await statusOnScreen(page), '1 result for “Koblenz!”');
  assert.equal((await widgetView(page)).direction, 'rtl');
  await context.close();
});

test('German: one and other, „…“ quotes, German numbers; no dir change', async () => {
  const { page, context, problems } = await open({ 'page-lang': 'de-AT', browse: '' });
  await statusIs(page, '10 Einträge');
  await search(page, 'Koblenz');
  await statusIs(page, '1 Ergebnis für „Koblenz“');
  await search(page, 'torture');
  await statusIs(page, '4 Ergebnisse für „torture“');
  await search(page, 'xyzzyq');
  await statusIs(page, 'Keine Ergebnisse für „xyzzyq“.');
  const view = await widgetView(page);
  assert.equal(view.placeholder, 'Suchen…');
  assert.equal(view.direction, 'ltr');
  assert.equal(view.iconAtRight, false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('French: « … » with no-break spaces; the element\'s lang wins over the page\'s', async () => {
  const { page, context } = await open({ 'page-lang': 'de', lang: 'fr-CA' });
  await search(page, 'Koblenz');
  await statusIs(page, '1 résultat pour «\u00a0Koblenz\u00a0»');
  await search(page, 'torture');
  await statusIs(page, '4 résultats pour «\u00a0torture\u00a0»');
  assert.equal((await widgetView(page)).placeholder, 'Rechercher…');
  await context.close();
});

test('Japanese: 「…」 and no plural; Russian: one, few and many', async () => {
  const ja = await open({ 'page-lang': 'ja' });
  await search(ja.page, 'torture');
  await statusIs(ja.page, '「torture」の検索結果 4 件');
  assert.equal((await widgetView(ja.page)).placeholder, '検索…');
  await ja.context.close();

  const ru = await open({ 'page-lang': 'ru', browse: '' });
  await statusIs(ru.page, '10 записей');  // many
  await search(ru.page, 'Koblenz');
  await statusIs(ru.page, '1 результат по запросу «Koblenz»');  // one
  await search(ru.page, 'torture');
  await statusIs(ru.page, '4 результата по запросу «torture»');  // few
  await ru.context.close();
});

test('Chinese by script or region; Portuguese by its primary subtag; overrides over a language', async () => {
  const tw = await open({ 'page-lang': 'zh-Hant' });
  await search(tw.page, 'torture');
  await statusIs(tw.page, '「torture」的搜尋結果共 4 筆');
  await tw.context.close();
  const cn = await open({ 'page-lang': 'zh' });
  await search(cn.page, 'torture');
  await statusIs(cn.page, '“torture”的搜索结果共 4 条');
  await cn.context.close();

  const pt = await open({ 'page-lang': 'pt-BR', strings: JSON.stringify({ more: 'Mais' }), placeholder: 'Busca' });
  await search(pt.page, 'torture');
  await statusIs(pt.page, '4 resultados para “torture”');
  const view = await widgetView(pt.page);
  assert.deepEqual([view.placeholder, view.more, view.sortLabel], ['Busca', 'Mais', 'Ordenar por']);
  await pt.context.close();
});

test('English is built in: no strings file is fetched; an unknown language is English', async () => {
  for (const lang of ['en-GB', 'tlh']) {
    const { page, context, requests } = await open({ 'page-lang': lang });
    await search(page, 'torture');
    await statusIs(page, '4 results for “torture”');
    assert.deepEqual(requests.filter((p) => p.includes('/strings/')), []);
    await context.close();
  }
});

test('a strings file that cannot be loaded leaves the widget in English, with a warning', async () => {
  const context = await browser.newContext();
  await context.route('**/strings/de.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__events = [];
    document.addEventListener('osprey-results', (e) => window.__events.push(['osprey-results', e.detail]));
  });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/tests/i18n.html#${new URLSearchParams({ 'page-lang': 'de', index: '../index/news.osp' })}`);
  await search(page, 'torture');
  await statusIs(page, '4 results for “torture”');
  assert.equal((await widgetView(page)).placeholder, 'Search…');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^<osprey-search>: the de strings \(.*\/strings\/de\.json\) could not be loaded \(HTTP 404\); showing English$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('changing lang switches the strings and the direction', async () => {
  const { page, context } = await open({ 'page-lang': 'en' });
  await search(page, 'torture');
  await statusIs(page, '4 results for “torture”');
  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('lang', 'he'));
  await statusIs(page, '4 תוצאות עבור ”torture”');
  assert.equal((await widgetView(page)).direction, 'rtl');
  await page.evaluate(() => document.querySelector('osprey-search').setAttribute('lang', 'de'));
  await statusIs(page, '4 Ergebnisse für „torture“');
  assert.equal((await widgetView(page)).direction, 'ltr');
  await context.close();
});

test('the strings file comes from strings/ beside the entry module: module and classic builds, under a sub-path', async () => {
  for (const [path, lang, expected] of [
    ['/sub/path/tests/i18n.html', 'de', '4 Ergebnisse für „torture“'],
    ['/sub/path/tests/classic.html', 'ja', '「torture」の検索結果 4 件'],
  ]) {
    const hash = new URLSearchParams({ index: '../index/news.osp', preload: '', lang });
    const { page, context, requests, problems } = await openPage(browser, `${base}${path}#${hash}`, { wait: false });
    await settled(page);
    await search(page, 'torture');
    await statusIs(page, expected);
    assert.deepEqual(requests.filter((p) => p.includes('/strings/')), [`/sub/path/strings/${lang}.json`]);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('while its strings load, the box shows no English placeholder; then the language\'s', async () => {
  const context = await browser.newContext();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/strings/de.json', async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${base}/tests/i18n.html#${new URLSearchParams({ 'page-lang': 'de', index: '../index/news.osp' })}`);
  const placeholder = () => page.evaluate(() => document.querySelector('osprey-search')?.shadowRoot.querySelector('input').placeholder);
  await page.waitForFunction(() => customElements.get('osprey-search') && document.querySelector('osprey-search'));
  assert.equal(await placeholder(), '');
  release();
  await page.waitForFunction(() => document.querySelector('osprey-search').shadowRoot.querySelector('input').placeholder !== '');
  assert.equal(await placeholder(), 'Suchen…');
  await context.close();
});
