// Typed queries, one keystroke at a time, driven by bench/lib/typing.mjs
// through window.typing. A keystroke resolves when its results are shown.
//
// Osprey: the real <osprey-search> element of the bundle. The first keystroke
// puts the element in the page and imports the bundle's osprey.js (which
// imports the element's code once the document holds one), as a page with
// <script type="module" src="BUNDLE/osprey.js"> does, so code counts in the
// first result as it does for the peers; then focus (the element starts
// loading its index) and the typed text as an input event. Done when the
// element emits osprey-results for that text (the hits are in its DOM).
// debounce="0": the clock measures the search, not a chosen delay.
//
// The peers: their page code in engines.js (window.bench), first() for the
// first keystroke (code and index load), next() for the others; typo+prefix mode.

let element = null;

function ospreyResults(text, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no osprey-results for "${text}" in ${timeoutMs} ms`));
    }, timeoutMs);
    const onResults = (e) => {
      if (e.detail.query !== text) return;
      cleanup();
      resolve(e.detail);
    };
    const onError = (e) => {
      cleanup();
      reject(new Error(`osprey-error ${e.detail.code}: ${e.detail.message}`));
    };
    function cleanup() {
      clearTimeout(timer);
      element.removeEventListener('osprey-results', onResults);
      element.removeEventListener('osprey-error', onError);
    }
    element.addEventListener('osprey-results', onResults);
    element.addEventListener('osprey-error', onError);
  });
}

function typeInto(input, text) {
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text.slice(-1) }));
}

window.typing = {
  ready: true,

  // One keystroke: the input now holds `text`. Resolves to {ms, count}.
  async osprey(bundle, text, first, timeoutMs = 60_000) {
    const t0 = performance.now();
    if (first) {
      element = document.createElement('osprey-search');
      element.setAttribute('index', bundle);
      element.setAttribute('debounce', '0');
      element.setAttribute('url-state', 'off');
      // A part queued behind others on a slow link can go 15 s (the default)
      // without data; the benchmark waits, and the times show it.
      element.setAttribute('fetch-timeout', '120000');
      document.body.append(element);
      await import(`${bundle}osprey.js`);
      await customElements.whenDefined('osprey-search');
      element.shadowRoot.querySelector('input').focus();
    }
    const input = element.shadowRoot.querySelector('input');
    const done = ospreyResults(text, timeoutMs);
    typeInto(input, text);
    const d = await done;
    return { ms: performance.now() - t0, count: d.total };
  },

  // The element's state, status line and error, for the report of a keystroke that did not finish.
  describe() {
    if (!element) return 'not created';
    const root = element.shadowRoot;
    const text = (sel) => (root.querySelector(sel)?.textContent || '').trim().slice(0, 160);
    return `state=${element.getAttribute('state')}, searcher=${element.searcher ? element.searcher.thread : 'none'}, ` +
      `status="${text('[part~="status"], .status')}", error="${text('.error')}"`;
  },

  // Clears the box between typed queries (the element clears its results).
  ospreyClear() {
    if (element) typeInto(element.shadowRoot.querySelector('input'), '');
  },

  async peer(engine, cfg, text, first) {
    const q = { q: text, words: text };
    if (first) return window.bench.first(engine, cfg, q, 'typo');
    return window.bench.next(q, 'typo');
  },
};
