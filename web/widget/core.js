// osprey-core.js for the page's modules: OspreyError (the one class) and the
// request handler. That UMD script defines the global OspreyCore in a browser;
// Node and bundlers take it for CommonJS (its exports: the default export).
import './parts.js';  // defines the global OspreyParts that osprey-core.js takes
import * as stemmerScript from './stemmer.js';  // and OspreyStemmer, before it
import * as script from '../osprey-core.js';

export const { OspreyError, fetchBytes, handler, create } = script.default ?? globalThis.OspreyCore;
export const { file: stemmerFile } = stemmerScript.default ?? globalThis.OspreyStemmer;
