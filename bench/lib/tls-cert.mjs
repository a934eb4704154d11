// A self-signed certificate for 127.0.0.1, made at run time by the openssl CLI
// (nothing committed), for the HTTP/2 shaper (shaper.mjs, protocol "h2"):
// Chromium trusts it by its SPKI hash (--ignore-certificate-errors-spki-list),
// so the connection counts as valid (the HTTP cache keeps responses as it does
// for a real host), and a Node client by passing `cert` as its `ca`.
//
//   const { key, cert, spki } = benchCert();   // PEM, PEM, base64 SHA-256 of the DER SPKI
//
// One certificate per process (made at the first call, valid one day); its files
// are deleted once read.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let made = null;

export function benchCert() {
  if (made) return made;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osprey-bench-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', keyFile, '-out', certFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const why = error.code === 'ENOENT' ? 'the openssl CLI is not installed' : String(error.stderr || error.message).trim().split('\n')[0];
      throw new Error(`benchCert: could not make a self-signed certificate (${why})`);
    }
    const key = fs.readFileSync(keyFile, 'utf8');
    const cert = fs.readFileSync(certFile, 'utf8');
    const der = new crypto.X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    made = { key, cert, spki: crypto.createHash('sha256').update(der).digest('base64') };
    return made;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Chromium's flag that trusts benchCert() (needs --user-data-dir, which
// playwright always passes).
export function chromiumTrustArgs() {
  return [`--ignore-certificate-errors-spki-list=${benchCert().spki}`];
}
