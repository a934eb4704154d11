// How Osprey.open gets widget/main-thread.js, the fallback for pages that
// cannot start a worker: imported by URL only then, so that a bundler leaves it
// (and the engine's side of osprey-core.js it takes) a file of its own
// (scripts/bundle-web.mjs writes it beside a bundle's osprey.js) and pages whose
// worker starts do not download it. The classic build is one script:
// scripts/bundle-classic.mjs replaces this file with a static import of main-thread.js.
export function loadMainThread(url) {
  return import(url);
}
