// The shaped link of bench/lib/shaper.mjs as arithmetic, for the tools that
// simulate a visitor's fetches without a browser (bench/keystroke-clock.mjs):
// a response is ready one round trip after its request goes out, then crosses
// one shared link, first come first served, at bitsPerSecond; a request goes
// out when one of `connections` connections is free (0: no limit, as over
// HTTP/2), and a connection is busy until its response has arrived.
//
//   const link = linkModel({ rttMs, bitsPerSecond, connections });
//   link.request(t, bytes)  -> the time (ms) the whole response has arrived
//
// Requests must come in order of t: the clock only goes forward, so the link's
// queue is in the order of the requests.
export function linkModel({ rttMs, bitsPerSecond, connections = 0 }) {
  if (!(rttMs >= 0) || !(bitsPerSecond > 0) || !(connections >= 0)) {
    throw new Error('linkModel: rttMs >= 0, bitsPerSecond > 0 and connections >= 0 needed');
  }
  const free = Array.from({ length: connections || 1 }, () => 0);  // when each connection is free
  let linkFree = 0;                                                // when the shared link is free
  let last = -Infinity;
  return {
    request(t, bytes) {
      if (t < last) throw new Error(`linkModel: a request at ${t} ms after one at ${last} ms`);
      last = t;
      let i = 0;
      if (connections) for (let k = 1; k < free.length; ++k) if (free[k] < free[i]) i = k;
      const sent = connections ? Math.max(t, free[i]) : t;
      const arrived = Math.max(sent + rttMs, linkFree) + (bytes * 8 * 1000) / bitsPerSecond;
      linkFree = arrived;
      if (connections) free[i] = arrived;
      return arrived;
    },
  };
}
