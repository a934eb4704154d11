// Reading a site bundle, the folder `osprey index --site` writes
// (docs/site-indexing.md, "The bundle"): its osprey-manifest.json names one
// index per language, where page URLs resolve (site_root) and which field
// plays which role in a result. Only the manifest is read here; the index
// files are opened with Osprey.open, whatever their format.
import { OspreyError } from './core.js';

const kManifestName = 'osprey-manifest.json';

/** Field roles of an index without a manifest: the built-in news schema. */
export const kDefaultRoles = Object.freeze({ url: 'url', title: 'title', excerpt: Object.freeze(['summary']) });

/** The primary subtag of a language tag, lower-cased ("en-GB" → "en"); '' for none. */
export function primaryLanguage(tag) {
  return String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Fetches osprey-manifest.json in folderUrl (no-cache: it is the entry that
 * names the content-hashed files). Resolves to {manifest, url}, or to null
 * when the folder has none: a 404, or an HTML page served in its place (hosts
 * that answer every path with one). Rejects with an OspreyError: "network"
 * when it cannot be fetched, "unsupported" for another format or version,
 * "invalid-input" when it is not a manifest.
 */
export async function fetchBundleManifest(folderUrl, { timeout = 15000 } = {}) {
  const url = new URL(kManifestName, folderUrl).href;
  // The manifest is small: it has timeout ms to arrive whole.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const fail = (what, error) => new OspreyError('network', controller.signal.aborted
    ? `timed out fetching ${url}: not all of it in ${timeout / 1000} s` : `${what} ${url}: ${error?.message || error}`);
  try {
    return await readManifest(url, controller.signal, fail);
  } finally {
    clearTimeout(timer);
  }
}

async function readManifest(url, signal, fail) {
  let response;
  try {
    response = await fetch(url, { cache: 'no-cache', signal });
  } catch (error) {
    throw fail('cannot fetch', error);
  }
  if (response.status === 404 || response.status === 410) return null;
  if (!response.ok) {
    throw new OspreyError('network', `cannot fetch ${url}: HTTP ${`${response.status} ${response.statusText || ''}`.trim()}`);
  }
  let text;
  try {
    text = await response.text();
  } catch (error) {
    throw fail('cannot read', error);
  }
  let manifest;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    if (/^text\/html\b/i.test(response.headers.get('content-type') || '')) return null;
    throw new OspreyError('invalid-input', `${url} is not JSON: ${error.message}`);
  }
  if (!isObject(manifest) || manifest.format !== 'osprey-bundle') {
    throw new OspreyError('invalid-input', `${url} is not an Osprey bundle manifest (no "format": "osprey-bundle")`);
  }
  if (manifest.version !== 1) {
    throw new OspreyError('unsupported',
                          `${url}: bundle version ${JSON.stringify(manifest.version)} is not supported (this widget reads version 1)`);
  }
  if (!isObject(manifest.languages) || Object.keys(manifest.languages).length === 0) {
    throw new OspreyError('invalid-input', `${url} names no index ("languages" is empty)`);
  }
  return { manifest, url };
}

/**
 * The language whose index to open: wanted (a language tag; its primary
 * subtag counts) when the bundle has it, else the bundle's default_language.
 * Resolves to {language, indexUrl}; throws an OspreyError when the manifest
 * names no usable index for it.
 */
export function bundleIndex(manifest, manifestUrl, wanted) {
  const has = (code) => typeof code === 'string' && Object.prototype.hasOwnProperty.call(manifest.languages, code);
  const primary = primaryLanguage(wanted);
  const language = has(primary) ? primary : manifest.default_language;
  const entry = has(language) ? manifest.languages[language] : null;
  if (!isObject(entry) || typeof entry.index !== 'string' || entry.index === '') {
    throw new OspreyError('invalid-input',
                          `${manifestUrl} names no index for the language ${JSON.stringify(language ?? null)}`);
  }
  return { language, indexUrl: new URL(entry.index, manifestUrl).href };
}

/**
 * What the bundle's page URLs resolve against: site_root relative to the
 * manifest's URL, or fallback (the page's base URL) when it is null.
 */
export function bundleSiteRoot(manifest, manifestUrl, fallback) {
  if (typeof manifest.site_root !== 'string') return fallback;
  try {
    return new URL(manifest.site_root, manifestUrl).href;
  } catch {
    return fallback;
  }
}

/**
 * The field roles of the bundle's results: {url, title, page, section,
 * page_title, image, excerpt: [fields], chips: [fields]}, names only where
 * the manifest gives strings.
 */
export function bundleRoles(manifest) {
  const given = isObject(manifest.fields) ? manifest.fields : {};
  const roles = {};
  for (const role of ['url', 'title', 'page', 'section', 'page_title', 'image']) {
    if (typeof given[role] === 'string' && given[role] !== '') roles[role] = given[role];
  }
  if (!roles.url) roles.url = kDefaultRoles.url;
  roles.excerpt = Array.isArray(given.excerpt) ? given.excerpt.filter((f) => typeof f === 'string') : [];
  roles.chips = Array.isArray(given.chips) ? given.chips.filter((f) => typeof f === 'string' && f !== '') : [];
  return roles;
}
