// Slow clients against `osprey serve` on 127.0.0.1 only: COUNT connections
// that send their headers one byte every 300 ms, then one ordinary request.
// Prints one line: "normal STATUS MS; closed CLOSED of COUNT; first F s, last L s"
// (the ordinary request's status and time, how many slow connections the
// server closed, and the shortest and longest time from a slow connection's
// connect to its close). Everything stops after 15 s.
// usage: node slow_headers.mjs PORT COUNT
import net from "node:net";
import http from "node:http";

const port = Number(process.argv[2]);
const count = Number(process.argv[3]);
const start = Date.now();
const closedAt = [];
const sockets = [];
for (let i = 0; i < count; i++) {
  const s = net.connect(port, "127.0.0.1");
  const text = `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: ${"a".repeat(200)}\r\n\r\n`;
  let at = 0;
  s.on("connect", () => {
    const connected = Date.now();
    const timer = setInterval(() => {
      if (at < text.length && !s.destroyed) s.write(text[at++]);
    }, 300);
    s.on("close", () => {
      clearInterval(timer);
      closedAt.push((Date.now() - connected) / 1000);
    });
  });
  s.on("error", () => {});
  sockets.push(s);
}

const normal = await new Promise((resolve) => {
  setTimeout(() => {
    const t = Date.now();
    const req = http.get({ host: "127.0.0.1", port, path: "/index.html" }, (res) => {
      res.resume();
      res.on("end", () => resolve(`${res.statusCode} ${Date.now() - t}`));
    });
    req.setTimeout(10000, () => req.destroy());
    req.on("error", (e) => resolve(`error ${Date.now() - t}`));
  }, 1000);
});

const deadline = Date.now() + 15000 - (Date.now() - start);
while (closedAt.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
for (const s of sockets) s.destroy();
closedAt.sort((a, b) => a - b);
const first = closedAt.length ? closedAt[0].toFixed(1) : "-";
const last = closedAt.length === count ? closedAt[count - 1].toFixed(1) : "-";
console.log(`normal ${normal}; closed ${closedAt.length} of ${count}; first ${first} s, last ${last} s`);
process.exit(0);
