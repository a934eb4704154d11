// How Searcher.mergeIndex gets widget/merge.js: imported by URL when first
// called, so that a bundler leaves it a file of its own (scripts/bundle-web.mjs
// writes it beside a bundle's osprey.js) and pages that never merge do not
// download it. The classic build is one script: scripts/bundle-classic.mjs
// replaces this file with a static import of merge.js.
export function loadMerge(url) {
  return import(url);
}
