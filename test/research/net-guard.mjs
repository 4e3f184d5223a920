// Preloaded into every Node process of a test run (NODE_OPTIONS=--import=<this file>): each way Node
// can open a connection or resolve a name (net, tls, dns, http, https, http2, dgram, fetch/undici) is
// replaced by a function that records the attempt in $STUDIO_NET_LOG and throws. A run that really is
// offline leaves the log empty.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const LOG = process.env.STUDIO_NET_LOG;

function describe(args) {
  const [first, second] = args;
  if (typeof first === 'string' || typeof first === 'number') return `${String(first)}${second && typeof second !== 'function' && typeof second !== 'object' ? ` ${String(second)}` : ''}`;
  if (first instanceof URL) return first.href;
  if (first && typeof first === 'object') {
    const o = Array.isArray(first) ? first[0] ?? {} : first;
    return String(o.href ?? o.url ?? o.path ?? `${o.host ?? o.hostname ?? ''}:${o.port ?? ''}`);
  }
  return '';
}

function blocked(what) {
  return function blockedNetworkAccess(...args) {
    if (LOG) appendFileSync(LOG, `${JSON.stringify({ what, target: describe(args), pid: process.pid })}\n`);
    throw new Error(`network access is blocked in this test (${what})`);
  };
}

net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
net.Socket.prototype.connect = blocked('net.Socket#connect');
tls.connect = blocked('tls.connect');
const DNS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
for (const name of DNS) {
  if (typeof dns[name] === 'function') dns[name] = blocked(`dns.${name}`);
  if (typeof dns.promises[name] === 'function') dns.promises[name] = blocked(`dns.promises.${name}`);
  if (typeof dns.Resolver.prototype[name] === 'function') dns.Resolver.prototype[name] = blocked(`dns.Resolver#${name}`);
  if (typeof dns.promises.Resolver.prototype[name] === 'function')
    dns.promises.Resolver.prototype[name] = blocked(`dns.promises.Resolver#${name}`);
}
for (const [name, mod] of [['http', http], ['https', https]]) {
  mod.request = blocked(`${name}.request`);
  mod.get = blocked(`${name}.get`);
  mod.Agent.prototype.createConnection = blocked(`${name}.Agent#createConnection`);
}
http2.connect = blocked('http2.connect');
dgram.createSocket = blocked('dgram.createSocket');
globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
// The undici package, when a dependency brings its own copy.
try {
  const undici = createRequire(import.meta.url)('undici');
  for (const name of ['fetch', 'request', 'stream', 'pipeline', 'connect', 'upgrade']) {
    if (typeof undici[name] === 'function') undici[name] = blocked(`undici.${name}`);
  }
} catch {
  // not installed: nothing to patch
}
// `import { request } from 'node:http'` reads the patched functions too.
syncBuiltinESMExports();
