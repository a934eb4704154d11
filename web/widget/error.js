// The one error type of the page API: a code and a one-line message. Codes are
// listed in osprey-core.js (from the engine), plus "network" (the index could not
// be fetched) and "engine-failed" (the engine could not start or crashed).
export class OspreyError extends Error {
  constructor(code, message) {
    super(String(message).replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = 'OspreyError';
    this.code = code;
  }
}
