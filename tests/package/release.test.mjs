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
                   'engine/osprey-engine.js', 'engine/osprey-engine.wasm', 'engine/osprey-engine-single.js']) {
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
  // The package's web/ is the release folder's.
  assert.deepEqual(filesUnder(web).filter((f) => f !== 'engine/package.json'), filesUnder(join(folder, 'web')));

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
});
