// The run report in a real browser (Debian's chromium through playwright-core): every diagram is drawn
// as an SVG, nothing is logged as an error, no request leaves the machine, and at 1280 px the page has
// no horizontal overflow. Needs /usr/bin/chromium (CI installs it: apt-get install -y chromium).
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ensureBuilt, example, studio, tempDir } from './cli.js';

const made: string[] = [];
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function generate(idea: string, decisions: string, pack: string): string {
  const dir = tempDir('studio-report-');
  made.push(dir);
  const out = join(dir, 'out');
  const r = studio(['generate', '--idea', idea, '--decisions', decisions, '--pack', pack, '-o', out], {
    env: { STUDIO_DATA_DIR: join(dir, 'data') },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}

async function openReport(out: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // Every request goes through here: file: ones proceed, anything else fails and is recorded.
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith('file:')) await route.continue();
    else await route.abort('blockedbyclient');
  });
  await page.goto(pathToFileURL(join(out, 'run_report.html')).href);
  await page.waitForFunction(() => document.documentElement.dataset.diagrams !== undefined, null, {
    timeout: 60_000,
  });
  return { page, errors, requests };
}

async function checkReport(out: string) {
  const index = JSON.parse(readFileSync(join(out, 'artifact_index.json'), 'utf8')) as {
    artifacts: { path: string }[];
  };
  const { page, errors, requests } = await openReport(out);
  try {
    expect(await page.evaluate(() => document.documentElement.dataset.diagrams)).toBe('drawn');
    // Every document is shown, each .mmd file as a drawn diagram.
    const shown = await page.$$eval('#documents article > h3', (hs) => hs.map((h) => h.textContent));
    expect(shown).toEqual(index.artifacts.map((a) => a.path));
    const diagrams = await page.$$eval('#documents pre.mermaid', (pres) =>
      pres.map((p) => {
        const svg = p.querySelector(':scope > svg');
        const box = svg?.getBoundingClientRect();
        return { svg: svg !== null, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    const mmd = index.artifacts.filter((a) => a.path.endsWith('.mmd')).length;
    expect(mmd).toBeGreaterThan(0);
    expect(diagrams.length).toBeGreaterThanOrEqual(mmd);
    for (const d of diagrams) {
      expect(d.svg).toBe(true);
      expect(d.width).toBeGreaterThan(0);
      expect(d.height).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(requests.map((u) => u.slice(u.lastIndexOf('/out/') + 5)).sort()).toEqual([
      'run_report.html',
      'run_report_files/draw-diagrams.js',
      'run_report_files/mermaid.min.js',
    ]);
    // No horizontal overflow at 1280 px: the page does not scroll sideways, and the browser's own
    // layout metrics (what a full-page screenshot is sized by) give a content exactly the viewport's
    // width. Asked directly: a full-page screenshot of the deep report (~75,000 px tall) cost ~1.6 s of
    // CPU to paint and encode, for its width alone.
    const [scrollWidth, clientWidth] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const cdp = await page.context().newCDPSession(page);
    const metrics = (await cdp.send('Page.getLayoutMetrics')) as { cssContentSize: { width: number } };
    await cdp.detach();
    expect(metrics.cssContentSize.width).toBe(1280);
  } finally {
    await page.close();
  }
}

describe('run_report.html in Chromium', () => {
  it('ledgerly, deep pack: documents rendered, diagrams drawn, offline, no overflow', async () => {
    const { idea, decisions } = example('ledgerly');
    await checkReport(generate(idea, decisions, 'deep'));
  }, 180_000);

  it('hostile text in the inputs stays text: no request, no error, no overflow', async () => {
    const dir = tempDir('studio-report-input-');
    made.push(dir);
    const src = example('clinic-queue');
    const idea = parse(readFileSync(src.idea, 'utf8')) as Record<string, unknown> & {
      features: { name: string; description: string }[];
    };
    idea.title = '<script>alert(1)</script> ![x](http://example.invalid/x.png) [y](http://example.invalid/)';
    idea.problem = `<img src="http://example.invalid/p.png"> ${'averyveryverylongwordwithoutanybreak'.repeat(8)}`;
    idea.features[0]!.name = 'graph TD; A-->B; click A call evil(); %% end';
    writeFileSync(join(dir, 'idea.yaml'), stringify(idea));
    copyFileSync(src.decisions, join(dir, 'decisions.yaml'));
    const out = generate(join(dir, 'idea.yaml'), join(dir, 'decisions.yaml'), 'balanced');
    await checkReport(out);
    const html = readFileSync(join(out, 'run_report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)</script>');
  }, 180_000);
});
