// osprey.js: the page API (widget/api.js) and a loader of the <osprey-search>
// element. The engine runs in a Web Worker (osprey-worker.js, next to this
// file), so loading and searching never block the page; when workers are
// blocked it runs on the page instead.
//
//   import { Osprey, OspreyError } from './osprey.js';
//   const searcher = await Osprey.open('index/news.osp');
//   const { total, terms, hits } = await searcher.search('torture', { limit: 20 });
//   // hits: [{doc, score, fields: {title, url, ...}, excerpts: {...}}]
//   searcher.close();
//
// Importing this module in a browser also makes <osprey-search> work: the
// element's code (osprey-search.js and widget/) is imported only once the
// document holds such an element, so a page that only calls Osprey.open
// downloads none of it. A page whose elements live only in shadow roots, where
// this module does not look, imports osprey-search.js itself. osprey-classic.js
// is the same code as one classic script (bundled by esbuild in scripts/build:
// scripts/bundle-classic.mjs), defining window.Osprey and <osprey-search> at once.
// A bundle (`osprey index --bundle`) serves web/dist/osprey.js in place of this
// file: the same API and the element as one module (scripts/bundle-web.mjs), so
// that its code takes one fetch round, not one per level of imports.
//
// Relative index URLs resolve against options.baseUrl, by default the page's
// document.baseURI. Every rejection is an OspreyError with a code and a one-line
// message; codes are listed in osprey-core.js, plus "network" (the index could
// not be fetched) and "engine-failed" (the engine could not start or crashed).
import { Osprey, OspreyError } from './widget/api.js';

export { Osprey, OspreyError };

/** Calls load() once an element named tag is in the document, now or later. */
function whenInDocument(tag, load) {
  if (document.getElementsByTagName(tag).length) {
    load();
    return;
  }
  // Checks only what each mutation added, so the cost follows the page's changes.
  const holds = (node) => node.nodeType === 1 && (node.localName === tag || node.getElementsByTagName(tag).length > 0);
  const observer = new MutationObserver((records) => {
    if (!records.some((record) => [...record.addedNodes].some(holds))) return;
    observer.disconnect();
    load();
  });
  observer.observe(document, { childList: true, subtree: true });
}

if (typeof customElements !== 'undefined' && typeof document !== 'undefined') {
  whenInDocument('osprey-search', () => import('./osprey-search.js'));
}
