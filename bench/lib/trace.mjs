// A timestamped trace of <osprey-search>'s loading path, for a first keystroke
// that never gets its results (issue #14): bench/run --trace (typing.mjs) and
// bench/lib/first-key.mjs install it; it changes nothing the page does.
//
//   await context.addInitScript(pageTrace);          // before the page's scripts
//   page.on('worker', (w) => w.evaluate(workerTrace).catch(() => {}));
//   const { workers, lines } = await readTrace(page, workerList, tStart);
//
// Page: fetch start / headers / body read (chunks, done or error) of each URL,
// Worker construction, error and messageerror events, Worker.postMessage (type, id, bytes
// moved; for {type: "engine"} the wasm's size and the stalled flag), replies
// from the worker, unhandled rejections. Worker (osprey-worker.js's globals):
// the messages it receives once the trace is on (and messageerror, error
// events), and when its two promises
// settle (wasmBytes: the wasm from the page; engineReady: the engine compiled).
// Lines are "ms since tStart" (performance.timeOrigin + performance.now() of
// this process, the same clock as the page's and the worker's).

// The page's trace: wraps fetch, response bodies, Worker and its postMessage.
// Runs before any page script (context.addInitScript).
export function pageTrace() {
  const log = [];
  window.__trace = log;
  const t0 = performance.timeOrigin;
  const note = (what) => log.push([t0 + performance.now(), what]);
  const short = (url) => String(url).split('/').slice(-2).join('/');
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = short(input instanceof Request ? input.url : input);
    note(`fetch ${url}`);
    const p = realFetch.call(this, input, init);
    p.then((r) => {
      note(`headers ${url} ${r.status}`);
      const body = r.body;
      if (body) {
        const getReader = body.getReader.bind(body);
        body.getReader = (...a) => {
          const reader = getReader(...a);
          const read = reader.read.bind(reader);
          let n = 0;
          let bytes = 0;
          reader.read = () => read().then((x) => {
            if (x.done) note(`body done ${url} (${n} chunks, ${bytes} B)`);
            else {
              n++;
              bytes += x.value.length;
            }
            return x;
          }, (e) => {
            note(`body error ${url}: ${e}`);
            throw e;
          });
          return reader;
        };
      }
    }, (e) => note(`fetch failed ${url}: ${e}`));
    return p;
  };
  const RealWorker = window.Worker;
  const post = RealWorker.prototype.postMessage;
  RealWorker.prototype.postMessage = function (message, transfer) {
    const size = Array.isArray(transfer) ? transfer.reduce((a, b) => a + (b.byteLength || 0), 0) : 0;
    note(`postMessage ${message?.type}${message?.id ? ` #${message.id}` : ''}${size ? ` (${size} B moved)` : ''}` +
         `${message?.type === 'engine' ? ` wasm=${message.wasm ? message.wasm.byteLength : 'null'} stalled=${message.stalled}` : ''}`);
    try {
      return post.call(this, message, transfer);
    } catch (e) {
      note(`postMessage threw: ${e}`);
      throw e;
    }
  };
  window.Worker = class extends RealWorker {
    constructor(url, options) {
      note(`new Worker ${short(url)} name=${options?.name}`);
      super(url, options);
      this.addEventListener('message', (e) => note(`from worker #${e.data?.id} ok=${e.data?.ok}`));
      this.addEventListener('error', (e) => note(`worker error event: ${e.message}`));
      this.addEventListener('messageerror', () => note('worker messageerror'));
    }
  };
  window.addEventListener('unhandledrejection', (e) => note(`unhandled rejection: ${e.reason}`));
}

// In the worker (worker.evaluate, once it exists): what it receives from now on.
export function workerTrace() {
  if (self.__trace) return;
  self.__trace = [];
  const t0 = performance.timeOrigin;
  self.__trace.push([t0 + performance.now(), `trace on; wasm bytes promise ${typeof wasmBytes}`]);
  self.addEventListener('message', (e) => {
    const d = e.data || {};
    self.__trace.push([t0 + performance.now(), `received ${d.type}${d.id ? ` #${d.id}` : ''}` +
      `${d.type === 'engine' ? ` wasm=${d.wasm ? d.wasm.byteLength : 'null'}` : ''}`]);
  });
  self.addEventListener('messageerror', () => self.__trace.push([t0 + performance.now(), 'messageerror (a message that could not be read)']));
  self.addEventListener('error', (e) => self.__trace.push([t0 + performance.now(), `error event: ${e.message}`]));
  const watch = (name, p) => p.then(() => self.__trace.push([t0 + performance.now(), `${name} resolved`]),
                                    (e) => self.__trace.push([t0 + performance.now(), `${name} rejected: ${e && e.message}`]));
  if (typeof wasmBytes !== 'undefined') watch('wasm bytes', wasmBytes);
  if (typeof engineReady !== 'undefined') watch('engine', engineReady);
}

// The worker's two promises now, and its trace.
function workerState() {
  const peek = (p) => Promise.race([p.then(() => 'resolved', (e) => `rejected (${e && e.message})`),
                                    new Promise((ok) => setTimeout(() => ok('pending'), 200))]);
  return Promise.all([peek(wasmBytes), peek(engineReady)])
    .then(([b, e]) => ({ state: `wasm bytes ${b}, engine ${e}`, trace: self.__trace || [] }));
}

const withTimeout = (promise, ms) => Promise.race([promise, new Promise((_, no) => setTimeout(() => no(new Error(`no answer in ${ms} ms`)), ms))]);

/** {workers: [state], lines: [text]}: the page's and the workers' traces merged by time. */
export async function readTrace(page, workers, tStart) {
  const pageLog = await withTimeout(page.evaluate(() => window.__trace || []), 5000).catch(() => []);
  const states = [];
  for (const w of workers) states.push(await withTimeout(w.evaluate(workerState), 3000).catch((e) => ({ state: `(${e.message})`, trace: [] })));
  const lines = [...pageLog.map(([t, s]) => [t, `page    ${s}`]),
                 ...states.flatMap((s, k) => s.trace.map(([t, x]) => [t, `worker${k} ${x}`]))]
    .sort((a, b) => a[0] - b[0]).map(([t, s]) => `${(t - tStart).toFixed(1).padStart(9)} ${s}`);
  return { workers: states.map((s) => s.state), lines };
}

/** This process's clock in the units of the trace. */
export const traceNow = () => performance.timeOrigin + performance.now();
