// What scripts/release makes, used as a user would on another machine: the
// release folder copied to a temp dir and run with a bare environment, and the
// two npm tarballs installed offline into a temp project and run through npx
// with only node, npm, npx and sh on PATH (no compiler, no build tree). Each
// indexes the fixture site and serves it; the page, the manifest and the
// engine are fetched over HTTP, and a search runs in Chromium.
// usage: scripts/release && node --test tests/package/
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync,
         writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, root, writeSearchPage } from '../site/browser.mjs';
import { binTarball, folder, jsTarball, nodeOnlyBin, npmEnv, project, run, serve, version } from './npm.mjs';

const site = join(root, 'tests/fixtures/sites/basic');

let tmp, browser;

before(async () => {
  for (const f of [folder, jsTarball, binTarball]) {
    assert.ok(existsSync(f), `${f} is missing: run scripts/release first`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'osprey-package-'));
  nodeOnlyBin(tmp);  // PATH for the npm test: node, npm, npx and sh only
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every file under dir, relative, '/' separators, sorted. */
function filesUnder(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else found.push(relative(dir, join(d, e.name)).split('\\').join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Fetches the site's page, the bundle's manifest and engine from base; checks
 * types and that the engine is the one in web; searches in Chromium.
 */
async function checkServed(base, web, siteDir) {
  const page = await fetch(base);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await page.text(), /Osprey Field Guide/);
  const manifest = await (await fetch(`${base}osprey/osprey-manifest.json`)).json();
  assert.deepEqual(Object.keys(manifest.languages).sort(), ['en', 'fr']);
  const wasm = await fetch(`${base}osprey/engine/osprey-engine.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.ok(Buffer.from(await wasm.arrayBuffer()).equals(readFileSync(join(web, 'engine/osprey-engine.wasm'))));
  const script = await fetch(`${base}osprey/osprey.js`);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(script.headers.get('content-encoding'), 'gzip');  // compressed by type
  assert.equal(await script.text(), readFileSync(join(siteDir, 'osprey/osprey.js'), 'utf8'));

  writeSearchPage(join(siteDir, 'osprey'), 'test-en.html', 'en');
  const tab = await browser.newPage();
  const problems = [];
  tab.on('pageerror', (e) => problems.push(e.message));
  tab.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  await tab.goto(`${base}osprey/test-en.html`);
  await tab.waitForSelector('body[data-state=ready]', { timeout: 30000 });
  const hits = await tab.evaluate(() => window.runSearch('nesting habits'));
  assert.equal(hits[0].url, './');  // the page, its matching section listed next
  assert.equal(hits[1].url, './#nesting');
  assert.deepEqual(problems, []);
  await tab.close();
}

test('the release folder runs after copying: static, finds web/ beside it, indexes and serves', async () => {
  const copy = join(tmp, 'anywhere', 'osprey-copied');
  cpSync(folder, copy, { recursive: true });
  const env = { PATH: '/usr/bin:/bin' };
  const osprey = join(copy, 'osprey');
  assert.ok(existsSync(join(copy, 'README.md')) && existsSync(join(copy, 'osprey.d.ts')));
  assert.match(run('ldd', [osprey], { cwd: tmp, env }).stderr + run('ldd', [osprey], { cwd: tmp, env }).stdout,
               /not a dynamic executable/);
  // No path of this tree is compiled in.
  assert.equal(readFileSync(osprey).includes(Buffer.from(join(root, 'web'))), false);

  // The assets: found beside the program, and exactly what web/ of the folder holds.
  const assets = run(osprey, ['assets'], { cwd: tmp, env });
  assert.equal(assets.code, 0, assets.stderr);
  const [where, ...listed] = assets.stdout.trimEnd().split('\n');
  assert.equal(where, join(copy, 'web'));
  assert.deepEqual([...listed].sort(), filesUnder(join(copy, 'web')));
  for (const f of ['osprey.js', 'osprey-worker.js', 'osprey-core.js', 'osprey-classic.js', 'osprey-search.js',
                   'engine/osprey-engine.js', 'engine/osprey-engine.wasm', 'engine/osprey-engine-single.js',
                   'engine/osprey-convert.wasm']) {
    assert.ok(listed.includes(f), f);
  }
  // A link to the program finds the folder through the program's real path.
  symlinkSync(osprey, join(tmp, 'osprey-link'));
  assert.equal(run(join(tmp, 'osprey-link'), ['assets'], { cwd: tmp, env }).stdout.split('\n')[0], join(copy, 'web'));

  const siteDir = join(tmp, 'release-site');
  cpSync(site, siteDir, { recursive: true });
  const index = run(osprey, ['index', '--site', siteDir, '--bundle', join(siteDir, 'osprey'), '--exclude', 'drafts/', '--quiet',
                             '--single-file', join(tmp, 'search.html')], { cwd: tmp, env });
  assert.equal(index.code, 0, index.stderr);
  assert.ok(readFileSync(join(siteDir, 'osprey/engine/osprey-engine.wasm'))
    .equals(readFileSync(join(copy, 'web/engine/osprey-engine.wasm'))));
  assert.ok(statSync(join(tmp, 'search.html')).size > statSync(join(copy, 'web/engine/osprey-engine-single.js')).size);

  const server = await serve(osprey, ['serve', siteDir, '--port', '0', '--quiet'], { cwd: tmp, env });
  try {
    await checkServed(server.base, join(copy, 'web'), siteDir);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('the npm tarballs install offline and npx osprey-search indexes and serves with only node', async () => {
  const env = npmEnv(tmp);
  const proj = project(join(tmp, 'npm-project'), 'npm-project');
  const install = run('npm', ['install', '--offline', jsTarball, binTarball], { cwd: proj, env });
  assert.equal(install.code, 0, install.stderr);
  const web = join(proj, 'node_modules/osprey-search/web');
  assert.equal(statSync(join(proj, 'node_modules/@osprey-search/linux-x64/bin/osprey')).mode & 0o111, 0o111);

  const v = run('npx', ['--offline', 'osprey-search', '--version'], { cwd: proj, env });
  assert.deepEqual([v.code, v.stdout, v.stderr], [0, `osprey ${version}\n`, '']);
  assert.equal(run('npx', ['--offline', 'osprey-search', 'assets'], { cwd: proj, env }).stdout.split('\n')[0], web);
  // The package's web/ is the release folder's, and the Node indexing API.
  const nodeApi = ['engine/osprey-builder.js', 'engine/osprey-builder.wasm', 'engine/package.json',
                   'node/indexer.d.ts', 'node/indexer.js'];
  assert.deepEqual(filesUnder(web).filter((f) => !nodeApi.includes(f)), filesUnder(join(folder, 'web')));
  assert.deepEqual(filesUnder(web).filter((f) => nodeApi.includes(f)), nodeApi);

  const siteDir = join(proj, 'public');
  cpSync(site, siteDir, { recursive: true });
  const index = run('npx', ['--offline', 'osprey-search', 'index', '--site', 'public', '--exclude', 'drafts/', '--quiet'],
                    { cwd: proj, env });
  assert.equal(index.code, 0, index.stderr);
  assert.ok(existsSync(join(siteDir, 'osprey/osprey-manifest.json')));

  const server = await serve('npx', ['--offline', 'osprey-search', 'serve', 'public', '--port', '0', '--quiet'],
                             { cwd: proj, env });
  try {
    await checkServed(server.base, web, siteDir);
  } finally {
    await server.stop();
  }
  // osprey itself stopped with the group: nothing answers any more.
  await assert.rejects(fetch(server.base));
});

/** A module run with node in proj: it imports osprey-search/indexer; its stdout parsed as JSON. */
function runApi(proj, env, source) {
  writeFileSync(join(proj, 'api.mjs'), source);
  const r = run(join(tmp, 'bin/node'), ['api.mjs'], { cwd: proj, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  return JSON.parse(r.stdout);
}

test('the Node indexing API of the installed package writes the bundle npx osprey-search index writes', () => {
  const env = npmEnv(tmp);
  const proj = project(join(tmp, 'npm-node-api'), 'npm-node-api');
  const install = run('npm', ['install', '--offline', jsTarball, binTarball], { cwd: proj, env });
  assert.equal(install.code, 0, install.stderr);
  cpSync(join(root, 'data/news.json'), join(proj, 'news.json'));
  const index = run('npx', ['--offline', 'osprey-search', 'index', 'news.json', '--bundle', 'cli-bundle', '--quiet'],
                    { cwd: proj, env });
  assert.equal(index.code, 0, index.stderr);
  const out = runApi(proj, env, `
import { readFileSync } from 'node:fs';
import { createIndex } from 'osprey-search/indexer';
const { index } = await createIndex({});
await index.addRecords(JSON.parse(readFileSync('news.json', 'utf8')));
const written = await index.writeFiles({ outputPath: 'api-bundle' });
const { index: pages } = await createIndex({});
await pages.addHTMLFile({ url: '/a/', content: '<html lang="en"><body><h1>Herons</h1><p>Wading birds.</p></body></html>' });
const html = await pages.getFiles();
console.log(JSON.stringify({ written, html: [html.errors, html.files.map((f) => f.path).filter((p) => p.startsWith('index.'))] }));
`);
  assert.deepEqual(out.written.errors, []);
  const cliFiles = filesUnder(join(proj, 'cli-bundle'));
  assert.deepEqual(filesUnder(join(proj, 'api-bundle')), cliFiles);
  for (const f of cliFiles) {
    assert.ok(readFileSync(join(proj, 'api-bundle', f)).equals(readFileSync(join(proj, 'cli-bundle', f))), f);
  }
  assert.deepEqual(out.html[0], []);
  assert.equal(out.html[1].length, 1);  // the binary indexed the page
});

test('without a binary for the platform, osprey-search says so in one line and exits 1', () => {
  const env = npmEnv(tmp);
  const proj = project(join(tmp, 'npm-no-binary'), 'npm-no-binary');
  const install = run('npm', ['install', '--offline', '--omit=optional', jsTarball], { cwd: proj, env });
  assert.equal(install.code, 0, install.stderr);
  const missing = run('npx', ['--offline', 'osprey-search', '--version'], { cwd: proj, env });
  assert.deepEqual([missing.code, missing.stdout, missing.stderr], [1, '',
    'osprey-search: no osprey binary for linux-x64: @osprey-search/linux-x64 is not installed ' +
    '(an optional dependency: install without --omit=optional)\n']);

  // Another platform, as Node would report it on a Mac.
  writeFileSync(join(proj, 'mac.cjs'), "Object.defineProperty(process, 'platform', { value: 'darwin' });\n" +
                                       "Object.defineProperty(process, 'arch', { value: 'arm64' });\n");
  const mac = run(join(tmp, 'bin/node'), ['-r', './mac.cjs', 'node_modules/osprey-search/bin/osprey-search.js', 'index'],
                  { cwd: proj, env });
  assert.deepEqual([mac.code, mac.stdout, mac.stderr], [1, '',
    'osprey-search: no osprey binary for darwin-arm64: osprey-search has binaries for linux-x64 only\n']);

  // Records need no binary; HTML files do, and say so.
  const out = runApi(proj, env, `
import { createIndex } from 'osprey-search/indexer';
const { index } = await createIndex({});
await index.addCustomRecord({ url: '/a/', content: 'Herons wade', meta: { title: 'Herons' } });
const files = await index.getFiles();
const html = await index.addHTMLFile({ url: '/b/', content: '<p>b</p>' });
console.log(JSON.stringify({ errors: files.errors, documents: files.documents, html: html.errors }));
`);
  assert.deepEqual(out, { errors: [], documents: 1, html: [
    'addHTMLFile needs the osprey binary of @osprey-search/linux-x64, which is not installed (an optional ' +
    'dependency of osprey-search, built for linux-x64 only); records need no binary: addRecords, addCustomRecord'] });
});
