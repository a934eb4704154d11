// scripts/serve.mjs (the demo's and the browser suites' static server): a file
// removed while its answer waits (a delayed answer, as the browser suites'
// slow links) ends that response; the server goes on serving.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { serve } from '../../scripts/serve.mjs';
import { tmpDir } from './helpers.mjs';

test('serve.mjs: a file removed before its delayed answer fails that request only', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'gone.txt'), 'soon gone');
  fs.writeFileSync(path.join(dir, 'kept.txt'), 'still here');
  const server = await serve(dir, 0, { delay: (p) => (p === '/gone.txt' ? 150 : 0) });
  try {
    const origin = `http://127.0.0.1:${server.address().port}`;
    const answer = fetch(`${origin}/gone.txt`).then((r) => r.text());
    await new Promise((ok) => setTimeout(ok, 30));
    fs.rmSync(path.join(dir, 'gone.txt'));
    await assert.rejects(answer);
    assert.equal(await (await fetch(`${origin}/kept.txt`)).text(), 'still here');
    assert.equal((await fetch(`${origin}/gone.txt`)).status, 404);
  } finally {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
