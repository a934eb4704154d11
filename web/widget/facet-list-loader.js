// How <osprey-search> gets widget/facet-list.js: imported by URL once the
// index offers a facet field the element shows, so that a bundler leaves it a
// file of its own (scripts/bundle-web.mjs writes it beside a bundle's
// osprey.js) and pages without facets do not download it. The classic build
// is one script: scripts/bundle-classic.mjs replaces this file with a static
// import of facet-list.js.
export function loadFacetList(url) {
  return import(url);
}
