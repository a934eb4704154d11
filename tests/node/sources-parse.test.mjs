// Every JavaScript file of the repository parses (node --check): the scripts
// that no test imports (bench/, scripts/, the relevance tools) would otherwise
// break unseen until someone runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('every tracked .js/.mjs file parses', () => {
  const files = execFileSync('git', ['ls-files', '*.js', '*.mjs'], { cwd: repo, encoding: 'utf8' })
    .split('\n').filter(Boolean);
  assert.ok(files.length > 50, `git ls-files found ${files.length} files`);
  const broken = [];
  for (const file of files) {
    try {
      execFileSync(process.execPath, ['--check', file], { cwd: repo, stdio: 'pipe' });
    } catch (error) {
      broken.push(`${file}: ${String(error.stderr).split('\n').slice(0, 4).join(' | ')}`);
    }
  }
  assert.deepEqual(broken, []);
});
