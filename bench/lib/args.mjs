// bench/run's command line: USAGE and parseArgs (the options, their defaults
// per section, and their checks).
import path from 'node:path';
import { CORPUS_IDS } from './corpora.mjs';
import { ENGINE_IDS } from './engines.mjs';
import { NET_ENGINES } from './network.mjs';
import { HOST_MODELS } from './server.mjs';
import { PROFILES, PROTOCOLS } from './shaper.mjs';
import { SITE_ENGINES } from './site-relevance.mjs';
import { repo, work } from './paths.mjs';

export const USAGE = `usage: bench/run [--smoke] [options]
  --smoke            quick: the 1k Debian corpus only, fewer queries (for CI);
                     writes build/bench/RESULTS-smoke.md instead of bench/RESULTS.md
  --corpora LIST     comma-separated: ${CORPUS_IDS.join(',')}
  --engines LIST     comma-separated: ${ENGINE_IDS.join(',')}
  --no-browser       skip the Chromium measurements
  --per-type N       generated queries per type (default 50; smoke 10)
  --reps N           cold-cache Chromium repetitions (default 3; smoke 1)
  --split-above B    passed to \`osprey index --bundle\` (default: the CLI's own,
                     1 MiB, as shipped; smoke 0, so that the 1k index is sharded
                     and CI exercises the loading of parts)
  --repeat LIST      corpora on which Osprey is measured a second time, at the end,
                     to show run-to-run variance (default debian-63k; smoke and
                     "none": no repeat)
  --out FILE         where to write the Markdown report
  --strict           exit 1 when any measurement failed (default: exit 0; failures
                     are error cells in the report)
  --report-only      rewrite the report from the last run's raw numbers
                     (build/bench/results.json, or results-smoke.json with --smoke)
Shaped network (typed queries through a proxy; see bench/README.md, "Network"):
  --only network     only this section (builds what it needs, no other measurement);
                     writes build/bench/RESULTS-network.md (raw: results-network.json)
  --only relevance   only the site relevance section (judged Python-docs queries,
                     Osprey and Pagefind in Chromium): build/bench/RESULTS-relevance.md
  --corpus LIST      the same as --corpora
  --network-corpora LIST  corpora of the network section in a full run
                     (default debian-63k,python-docs; smoke: none; "none": skip it)
  --profiles LIST    ${Object.keys(PROFILES).join(',')} (default both)
  --hosts LIST       ${HOST_MODELS.join(',')} (default both)
  --protocols LIST   ${Object.keys(PROTOCOLS).join(',')}: what the shaper serves, HTTP/1.1 or HTTP/2 over TLS
                     (a self-signed certificate made at run time; default h1)
  --typed N          queries typed per session (default 12; smoke 4)
  --trace            trace Osprey's loading path in each session (bench/lib/trace.mjs); a
                     keystroke that times out writes it to build/bench/traces/ (off by default)
`;

export function parseArgs(argv) {
  const o = { smoke: false, corpora: null, engines: null, browser: true, perType: null, reps: null, splitAbove: undefined, repeat: null, out: null, strict: false, reportOnly: false,
    only: null, networkCorpora: null, profiles: Object.keys(PROFILES), hosts: HOST_MODELS, protocols: ['h1'], typed: null, trace: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    const list = (v, allowed, what) => {
      const items = v.split(',').map((s) => s.trim()).filter(Boolean);
      for (const x of items) if (!allowed.includes(x)) throw new Error(`unknown ${what} "${x}" (one of ${allowed.join(', ')})`);
      return items;
    };
    if (a === '--smoke') o.smoke = true;
    else if (a === '--corpora' || a === '--corpus') o.corpora = list(val(), CORPUS_IDS, 'corpus');
    else if (a === '--only') {
      o.only = val();
      if (!['network', 'relevance'].includes(o.only)) throw new Error(`--only: "${o.only}" is not a section (network, relevance)`);
    } else if (a === '--network-corpora') {
      const v = val();
      o.networkCorpora = v === 'none' ? [] : list(v, CORPUS_IDS, 'corpus');
    } else if (a === '--profiles') o.profiles = list(val(), Object.keys(PROFILES), 'profile');
    else if (a === '--hosts') o.hosts = list(val(), HOST_MODELS, 'host model');
    else if (a === '--protocols') o.protocols = list(val(), Object.keys(PROTOCOLS), 'protocol');
    else if (a === '--typed') o.typed = Number(val());
    else if (a === '--trace') o.trace = true;
    else if (a === '--engines') o.engines = list(val(), ENGINE_IDS, 'engine');
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--per-type') o.perType = Number(val());
    else if (a === '--reps') o.reps = Number(val());
    else if (a === '--split-above') o.splitAbove = Number(val());
    else if (a === '--repeat') {
      const v = val();
      o.repeat = v === 'none' ? [] : list(v, CORPUS_IDS, 'corpus');
    }
    else if (a === '--out') o.out = path.resolve(val());
    else if (a === '--strict') o.strict = true;
    else if (a === '--report-only') o.reportOnly = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  const network = o.only === 'network';
  const relevance = o.only === 'relevance';
  o.corpora ??= o.smoke ? ['debian-1k'] : network ? ['debian-63k', 'python-docs'] : relevance ? ['python-docs'] : CORPUS_IDS;
  o.engines ??= network ? NET_ENGINES : relevance ? SITE_ENGINES : ENGINE_IDS;
  o.perType ??= o.smoke ? 10 : 50;
  o.repeat ??= o.smoke || o.only ? [] : ['debian-63k'];
  // --smoke (CI) leaves the section out unless --network-corpora asks for it.
  o.networkCorpora ??= network ? o.corpora : o.smoke || relevance ? [] : ['debian-63k', 'python-docs'].filter((c) => o.corpora.includes(c));
  if (relevance && !o.browser) throw new Error('--only relevance needs the browser (no --no-browser)');
  o.typed ??= o.smoke ? 4 : 12;
  if (!Number.isInteger(o.typed) || o.typed < 1) throw new Error('--typed must be a positive integer');
  if (network && !o.browser) throw new Error('--only network needs the browser (no --no-browser)');
  if (o.splitAbove === undefined) o.splitAbove = o.smoke ? 0 : null;
  if (o.splitAbove !== null && (!Number.isInteger(o.splitAbove) || o.splitAbove < 0)) throw new Error('--split-above must be a non-negative integer');
  if (!Number.isInteger(o.perType) || o.perType < 1) throw new Error('--per-type must be a positive integer');
  if (o.reps !== null && (!Number.isInteger(o.reps) || o.reps < 1)) throw new Error('--reps must be a positive integer');
  o.out ??= network ? path.join(work, 'RESULTS-network.md') : relevance ? path.join(work, 'RESULTS-relevance.md') : o.smoke ? path.join(work, 'RESULTS-smoke.md') : path.join(repo, 'bench/RESULTS.md');
  return o;
}
