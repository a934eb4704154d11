// osprey-core.js for the main-thread fallback (widget/main-thread.js): the
// request handler and create(), which the page needs only when it cannot start
// a worker. Its scripts are imported in the order their globals need
// (widget/fetch.js first, through widget/core.js); bundlers and Node take them
// for CommonJS (osprey-core.js requires the others itself).
import './core.js';
import './parts.js';  // defines the global OspreyParts that osprey-core.js takes
import * as script from '../osprey-core.js';

export const { create, handler } = script.default ?? globalThis.OspreyCore;
