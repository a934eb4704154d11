// The engines in the browser, driven by bench/lib/browser.mjs through
// window.bench. Nothing of an engine is loaded until bench.first() is called:
// its time and bytes are the cold path a visitor takes on the first search.
//
// A "result" is what a results list shows: the top 10 with their titles (for
// Pagefind that means loading each result's fragment with data()). Modes as in
// bench/lib/engines.mjs.

function lunrQuery(words, mode) {
  return words.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)
    .map((t) => (mode === 'typo' ? `+${t}~1` : `+${t}`)).join(' ');
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

async function fetchOk(url, as) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return as === 'json' ? r.json() : r.text();
}

const adapters = {
  async osprey(cfg) {
    // As <osprey-search index="BUNDLE/"> does: osprey.js from the bundle,
    // Osprey.warm() (the worker starts), its manifest, then Osprey.open(base);
    // the worker fetches the parts each query needs.
    const [{ Osprey }, { fetchBundleManifest, bundleIndex }] = await Promise.all([
      import(`${cfg.bundle}osprey.js`), import(`${cfg.bundle}widget/bundle.js`)]);
    Osprey.warm();  // as the element does before it reads the manifest
    const found = await fetchBundleManifest(new URL(cfg.bundle, location.href).href);
    if (!found) throw new Error(`${cfg.bundle} has no osprey-manifest.json`);
    const { indexUrl } = bundleIndex(found.manifest, found.url, 'en');
    const searcher = await Osprey.open(indexUrl);
    return {
      async search(q, mode) {
        const on = mode === 'typo';
        const r = await searcher.search(q.q, { limit: 10, typos: on, prefix: on });
        return { count: r.total, titles: r.hits.map((h) => h.fields?.title ?? h.doc) };
      },
      // The first 10 pages, as the widget lists them (a site index's hits are
      // pages; the page API's default options, as the widget).
      async pages(q) {
        const r = await searcher.search(q, { limit: 10 });
        return r.hits.map((h) => h.fields?.page ?? String(h.fields?.url ?? h.doc));
      },
    };
  },

  async minisearch(cfg) {
    const [{ default: MiniSearch }, text] = await Promise.all([import('/lib/minisearch.js'), fetchOk(cfg.indexUrl)]);
    const ms = MiniSearch.loadJSON(text, { fields: cfg.fields, storeFields: ['title', 'url'] });
    return {
      search(q, mode) {
        const options = { combineWith: 'AND', boost: cfg.boost };
        if (mode === 'typo') Object.assign(options, { fuzzy: 0.2, prefix: true });
        const hits = ms.search(q.words, options);
        return { count: hits.length, titles: hits.slice(0, 10).map((h) => h.title) };
      },
    };
  },

  async flexsearch(cfg) {
    const [{ Document }, manifest] = await Promise.all([import('/lib/flexsearch.js'), fetchOk(`${cfg.base}manifest.json`, 'json')]);
    const data = await Promise.all(manifest.map(({ file }) => fetchOk(cfg.base + file)));
    const fields = cfg.flexBodyStrict
      ? cfg.fields.map((field) => ({ field, tokenize: field === 'body' ? 'strict' : 'forward' }))
      : cfg.fields;
    const index = new Document({ tokenize: 'forward', document: { id: 'id', index: fields, store: ['title', 'url'] } });
    for (let i = 0; i < manifest.length; i++) await index.import(manifest[i].key, data[i]);
    return {
      search(q, mode) {
        const hits = index.search(q.words, { limit: 10, enrich: true, merge: true, suggest: mode === 'typo' });
        return { count: hits.length, titles: hits.map((h) => h.doc?.title) };
      },
    };
  },

  async lunr(cfg) {
    const [, json] = await Promise.all([loadScript('/lib/lunr.min.js'), fetchOk(cfg.indexUrl, 'json')]);
    const index = window.lunr.Index.load(json);
    return {
      search(q, mode) {
        const hits = index.search(lunrQuery(q.words, mode));
        // lunr keeps no documents: the ref (the URL) is what it can show.
        return { count: hits.length, titles: hits.slice(0, 10).map((h) => h.ref) };
      },
    };
  },

  async pagefind(cfg) {
    const pagefind = await import(`${cfg.base}pagefind.js`);
    await pagefind.init();
    return {
      async search(q) {
        // Pagefind has no typo or prefix switch: both modes are the same call.
        const r = await pagefind.search(q.q);
        const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
        return { count: r.results.length, titles: data.map((d) => d.meta?.title) };
      },
      // The first 10 pages (Pagefind's results are pages), site-relative:
      // Pagefind's URLs start with the folder above its own (its base URL).
      async pages(q) {
        const site = new URL('..', new URL(cfg.base, location.href)).pathname;
        const r = await pagefind.search(q);
        const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
        return data.map((d) => (d.url.startsWith(site) ? d.url.slice(site.length) : d.url.replace(/^\//, '')));
      },
    };
  },
};

let current = null;

window.bench = {
  ready: true,
  // Loads the engine and runs the first query; resolves to {ms, count, titles}.
  async first(engine, cfg, q, mode) {
    const t0 = performance.now();
    current = await adapters[engine](cfg);
    const r = await current.search(q, mode);
    return { ms: performance.now() - t0, count: r.count, titles: r.titles.slice(0, 3) };
  },
  // Site relevance: loads the engine (a fresh page each time) and returns the
  // first 10 pages the query q (a string) finds.
  async judge(engine, cfg, q) {
    const adapter = await adapters[engine](cfg);
    return adapter.pages(q);
  },
  // A later (warm) query on the loaded engine.
  async next(q, mode) {
    const t0 = performance.now();
    const r = await current.search(q, mode);
    return { ms: performance.now() - t0, count: r.count };
  },
};
