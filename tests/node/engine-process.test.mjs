// The engine is a guest in a Node process: loading it installs no process-wide
// handlers (wasm/CMakeLists.txt links with -sNODEJS_CATCH_EXIT=0 and
// -sNODEJS_CATCH_REJECTION=0). Emscripten's default handlers rethrow every
// uncaught error from inside the glue, so Node would print the engine's
// minified source as the place an unrelated error came from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { enginePath } from './helpers.mjs';

const engines = [enginePath, path.join(path.dirname(enginePath), 'osprey-engine-single.js')];

// Loads the engine in a child process, prints the handler counts, then throws
// an error of its own from a timer and lets it go uncaught.
function runChild(engine) {
  const script = `
    const OspreyEngine = require(${JSON.stringify(engine)});
    OspreyEngine().then((module) => {
      if (typeof module.Engine !== 'function') throw new Error('no Engine');
      console.log(JSON.stringify({
        uncaughtException: process.listenerCount('uncaughtException'),
        unhandledRejection: process.listenerCount('unhandledRejection'),
      }));
      setTimeout(() => { throw new Error('unrelated failure'); }, 0);
    });`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

for (const engine of engines) {
  test(`${path.basename(engine)} installs no process handlers and stays out of others' errors`, () => {
    assert.ok(fs.existsSync(engine), `${engine} is missing: build the wasm engine (scripts/build)`);
    const child = runChild(engine);
    assert.deepEqual(JSON.parse(child.stdout.trim()), { uncaughtException: 0, unhandledRejection: 0 });
    assert.equal(child.status, 1);
    assert.match(child.stderr, /Error: unrelated failure/);
    const longest = Math.max(...child.stderr.split('\n').map((line) => line.length));
    assert.ok(longest < 1000, `stderr has a line of ${longest} characters (the engine's source?)`);
    assert.doesNotMatch(child.stderr, /OspreyEngine/);
  });
}
