// Per-language analysis through the wasm modules (docs/languages.md): the
// Node API's builder puts the index language's stop words into the index as
// the CLI does, and the engine, which carries no list, reads them from the
// loaded index; Thai sentences are found by the words inside them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';

import { createIndex } from '../../web/node/indexer.js';
import { cli, createCore, root, tmpDir } from './helpers.mjs';

const german = [
  { url: '/1/', content: 'Der Hund schläft', title: 'Eins' },
  { url: '/2/', content: 'Hund und Katze', title: 'Zwei' },
  { url: '/3/', content: 'Die Katze', title: 'Drei' },
];

/** The index of records in language, written by the native CLI. */
function cliIndex(language, records) {
  const dir = tmpDir();
  const schema = { id: 'url', language, fields: [{ name: 'url', stored: true },
    { name: 'title', weight: 2, stored: true }, { name: 'content', weight: 1, stored: true }] };
  fs.writeFileSync(path.join(dir, 'osprey.json'), JSON.stringify({ schema }));
  fs.writeFileSync(path.join(dir, 'r.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const out = path.join(dir, 'index.osp');
  const r = cli(['index', path.join(dir, 'r.jsonl'), '--config', path.join(dir, 'osprey.json'), '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(out);
}

const hits = (core, query) => core.search(query, { partial: false }).hits.map((h) => h.fields.url);

test('the Node API writes the German stop words into the index, as the CLI does', async () => {
  const { index } = await createIndex({ language: 'de' });
  for (const r of german) {
    assert.deepEqual((await index.addCustomRecord({ url: r.url, content: r.content, language: 'de',
                                                    meta: { title: r.title } })).errors, []);
  }
  const got = await index.getFiles();
  assert.deepEqual(got.errors, []);
  const files = Object.fromEntries(got.files.map((f) => [f.path, Buffer.from(f.content)]));
  const manifest = JSON.parse(files['osprey-manifest.json']);
  const bytes = zlib.gunzipSync(files[manifest.languages.de.index]);
  assert.ok(bytes.equals(cliIndex('de', german)), 'the builder wasm and the CLI write the same index');
  // The list is in the base: "und" and "der" are there as words.
  assert.ok(bytes.includes(Buffer.from('\x03und')) && bytes.includes(Buffer.from('\x03der')));

  const { core } = await createCore();
  core.load(bytes);
  await core.useStemmer(fs.readFileSync(path.join(root, 'web/engine/stem/german.wasm')));
  // "der" is optional beside "hund": both records, the one holding it first.
  assert.deepEqual(hits(core, 'der hund'), ['/1/', '/2/']);
  // Alone, a stop word is searched (it is indexed); in a phrase it is exact.
  assert.deepEqual(hits(core, 'und'), ['/2/']);
  assert.deepEqual(hits(core, '"der hund"'), ['/1/']);
  assert.deepEqual(hits(core, '"die hund"'), []);
  core.close();
});

test('an English index carries its list; an index without one requires every word', async () => {
  const { core } = await createCore();
  core.load(cliIndex('en', [{ url: '/a/', content: 'The heron', title: 'A' },
                            { url: '/b/', content: 'Heron', title: 'B' }]));
  assert.deepEqual(hits(core, 'the heron').sort(), ['/a/', '/b/']);  // "the" is optional
  assert.deepEqual(hits(core, 'against heron'), []);  // "against" is no stop word
  core.load(cliIndex('zh', [{ url: '/a/', content: 'The heron', title: 'A' },
                            { url: '/b/', content: 'Heron', title: 'B' }]));
  assert.deepEqual(hits(core, 'the heron'), ['/a/']);
  core.close();
});

test('Thai and Chinese sentences are found by the words inside them', async () => {
  const { core } = await createCore();
  // Sentences written for this test.
  core.load(cliIndex('th', [
    { url: '/1/', content: 'โปรแกรมนี้บีบอัดไฟล์ให้เล็กลง', title: 'หนึ่ง' },
    { url: '/2/', content: 'ภาษาไทยไม่มีช่องว่างระหว่างคำ', title: 'สอง' },
  ]));
  assert.deepEqual(hits(core, 'ไฟล์'), ['/1/']);
  assert.deepEqual(hits(core, 'ช่องว่าง'), ['/2/']);
  core.load(cliIndex('zh', [
    { url: '/1/', content: '这个程序可以压缩文件并显示进度', title: '一' },
    { url: '/2/', content: '请在安装之前阅读说明书', title: '二' },
  ]));
  assert.deepEqual(hits(core, '压缩'), ['/1/']);
  assert.deepEqual(hits(core, '说明书'), ['/2/']);
  core.close();
});
