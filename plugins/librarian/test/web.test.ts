// Research over the network, against pages served from 127.0.0.1: one disallowed by robots.txt, one
// whose text only exists after its scripts run (rendered by the system Chromium), one far over the
// token cap, one redirecting elsewhere. Every connection Node opens is recorded, and the server logs
// every request it gets: nothing may go anywhere but the listed pages and their robots.txt.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, readSnapshot } from 'spec-to-pack-studio';
import { research } from '../src/research.js';
import { TURN_TEXTS_PDF, clinicSpec, tempDir, writeDocs } from './helpers.js';

const SMS_WORDS =
  'Managed SMS gateways publish uptime of 99.95% but regional outages happen a few times a year. ' +
  'Falling back to a second provider during an SMS provider outage keeps notifications flowing to patients.';
const HUGE_WORDS = 200_000;

const PAGES: Record<string, { type: string; body: string | Buffer } | { redirect: string }> = {
  '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' },
  '/article': {
    type: 'text/html; charset=utf-8',
    body: `<html><head><title>SMS</title></head><body><article><h1>SMS gateways</h1><p>${SMS_WORDS}</p></article></body></html>`,
  },
  '/private/notes': {
    type: 'text/html',
    body: '<html><body><p>Private notes nobody may crawl, with many words about queues and patients waiting.</p></body></html>',
  },
  // The text is assembled by the script: without running it, the page has none.
  '/app': {
    type: 'text/html',
    body: `<html><head><title>Queue app</title></head><body><div id="root"></div>
<img src="http://192.0.2.1/pixel.png">
<script>
  const words = ['Patients', 'who', 'join', 'the', 'queue', 'remotely', 'wait', 'at', 'home', 'and', 'arrive', 'when', 'the', 'text', 'message', 'says', 'their', 'turn', 'is', 'near;', 'rendered', 'by', 'script', 'only.'];
  document.getElementById('root').innerHTML = '<article><h1>Remote queues</h1><p>' + words.join(' ') + '</p><p>' + words.join(' ') + '</p></article>';
</script></body></html>`,
  },
  '/huge': {
    type: 'text/html',
    body: `<html><body><article><p>${Array.from({ length: HUGE_WORDS }, (_, i) => `queue${i % 97}`).join(' ')}</p></article></body></html>`,
  },
  '/moved': { redirect: 'http://192.0.2.1/elsewhere' },
  '/study.pdf': { type: 'application/pdf', body: readFileSync(TURN_TEXTS_PDF) },
};

let server: Server;
let base: string;
const served: string[] = [];
const connections: string[] = [];
const originalConnect = net.Socket.prototype.connect;

beforeAll(async () => {
  server = createServer((req, res) => {
    served.push(req.url ?? '');
    const page = PAGES[req.url ?? ''];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if ('redirect' in page) {
      res.writeHead(302, { location: page.redirect }).end();
    } else {
      res.writeHead(200, { 'content-type': page.type }).end(page.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  // Record every outgoing TCP connection of this process (fetch/undici, http, tls all end here).
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; port?: number; path?: string } | number | unknown[];
    const opts = Array.isArray(first) ? (first[0] as { host?: string; port?: number }) : first;
    if (typeof opts === 'object' && opts !== null && !('path' in opts && opts.path))
      connections.push(`${opts.host ?? 'localhost'}:${opts.port}`);
    else if (typeof opts === 'number') connections.push(`${String(args[1] ?? 'localhost')}:${opts}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});

afterAll(async () => {
  net.Socket.prototype.connect = originalConnect;
  await new Promise((resolve) => server.close(resolve));
});

describe('studio research --research', () => {
  it('reads the listed pages only, obeys robots.txt, renders the script page in Chromium and caps the huge one', async () => {
    const t = tempDir();
    try {
      writeDocs(t.dir);
      const listed = ['/article', '/private/notes', '/app', '/huge', '/moved', '/study.pdf'];
      const { snapshot } = await research({
        spec: await clinicSpec(),
        sources: ['docs/notes.txt', ...listed.map((p) => base + p)],
        outDir: 'evidence',
        network: true,
        maxTokens: 1000,
        now: new Date('2026-01-02T00:00:00Z'),
        cwd: t.dir,
        canonicalJson,
      });
      const by = new Map(snapshot.sources.map((s) => [s.source_url.replace(base, ''), s]));
      expect([...by.keys()]).toEqual(['docs/notes.txt', '/article', '/app', '/huge', '/study.pdf']);
      expect(by.get('/study.pdf')).toMatchObject({ via: 'http', tokens: 54, truncated: false });
      expect(by.get('/article')).toMatchObject({ via: 'http', truncated: false });
      expect(by.get('/app')).toMatchObject({ via: 'browser', truncated: false });
      expect(by.get('/huge')).toMatchObject({ via: 'http', tokens: 1000, truncated: true });
      expect(snapshot.skipped).toEqual([
        { source_url: `${base}/private/notes`, reason: 'disallowed by robots.txt' },
        { source_url: `${base}/moved`, reason: 'redirects (HTTP 302); only listed URLs are fetched' },
      ]);
      const text = (path: string) =>
        snapshot.chunks
          .filter((c) => c.source_url === base + path)
          .map((c) => c.text)
          .join(' ');
      expect(text('/app')).toContain('rendered by script only');
      expect(text('/article')).toContain('second provider');
      expect(text('/huge').split(/\s+/)).toHaveLength(1000);
      expect(text('/study.pdf')).toContain('came back in time in 94% of cases.');
      // Every chunk carries its provenance.
      for (const c of snapshot.chunks) expect(c.retrieved_at).toBe('2026-01-02T00:00:00Z');
      expect(readSnapshot(join(t.dir, 'evidence')).chunks).toHaveLength(snapshot.chunks.length);

      // Only the listed pages (never the disallowed one) and robots.txt reached the server, and Node
      // connected nowhere else; the browser's request for an image elsewhere was aborted.
      expect(new Set(served)).toEqual(
        new Set(['/robots.txt', '/article', '/app', '/huge', '/moved', '/study.pdf']),
      );
      expect(served.filter((p) => p === '/robots.txt')).toHaveLength(1);
      const port = new URL(base).port;
      expect(connections.length).toBeGreaterThan(0);
      expect(new Set(connections)).toEqual(new Set([`127.0.0.1:${port}`]));
    } finally {
      t.cleanup();
    }
  });
});
