// What the page's modules take from the classic scripts (UMD) they share with
// the worker: OspreyError (the one class) and fetchBytes (widget/fetch.js), and
// the stemmer module's file name (widget/stemmer.js). In a browser those scripts
// define globals; bundlers and Node take them for CommonJS (their exports: the
// default export). The engine's side (osprey-core.js, widget/parts.js) is not
// here: only the main-thread fallback needs it (widget/engine-core.js).
import * as fetchScript from './fetch.js';
import * as stemmerScript from './stemmer.js';

export const { OspreyError, fetchBytes } = fetchScript.default ?? globalThis.OspreyFetch;
export const { file: stemmerFile } = stemmerScript.default ?? globalThis.OspreyStemmer;
