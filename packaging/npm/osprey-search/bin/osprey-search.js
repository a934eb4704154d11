#!/usr/bin/env node
// osprey-search: runs the osprey binary of this machine's platform package,
// @osprey-search/<platform>-<arch> (an optionalDependency, so npm installs only
// the one that fits: the convention of esbuild and Pagefind), with this
// package's web/ as its assets (OSPREY_ASSETS, unless already set). Arguments,
// stdio and the exit code pass through; SIGINT/SIGTERM are passed on.
// Without a binary: one line on stderr and exit code 1.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const platform = `${process.platform}-${process.arch}`;
const pkg = `@osprey-search/${platform}`;
// The platforms with a binary package (scripts/release writes this list).
const built = ['linux-x64'];

let binary;
try {
  binary = createRequire(import.meta.url).resolve(`${pkg}/bin/osprey`);
} catch {
  const why = built.includes(platform)
    ? `${pkg} is not installed (an optional dependency: install without --omit=optional)`
    : `osprey-search has binaries for ${built.join(', ')} only`;
  process.stderr.write(`osprey-search: no osprey binary for ${platform}: ${why}\n`);
  process.exit(1);
}

const env = { ...process.env };
if (!env.OSPREY_ASSETS) env.OSPREY_ASSETS = join(here, '..', 'web');
const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
child.on('error', (e) => {
  process.stderr.write(`osprey-search: cannot run ${binary}: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
