import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { type RunReportData, renderRunReport } from '../../src/report/run-report.js';
import { renderDocument } from '../../src/report/documents.js';

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>'"&`;

function passing(): RunReportData {
  return {
    runId: 'run-20240517-abc',
    pack: ['balanced'],
    engineVersion: '0.1.0',
    startedAt: '2024-05-17T12:00:00Z',
    stages: [
      { name: 'CollectInputs', status: 'ok', duration_ms: 12.5 },
      { name: 'Render', status: 'ok', duration_ms: 340 },
      { name: 'Research', status: 'skipped', duration_ms: 0 },
      { name: 'Package', status: 'ok', duration_ms: 1200 },
    ],
    artifacts: [
      {
        path: 'adr/ADR-0001-use postgres.md',
        pack: 'deep',
        bytes: 1234,
        sha256: 'a'.repeat(64),
        validators: ['markdownlint'],
      },
      { path: 'brief.md', pack: 'balanced', bytes: 10, sha256: 'b'.repeat(64), validators: ['markdownlint'] },
      {
        path: 'source_spec.json',
        pack: 'balanced',
        bytes: 2_000_000,
        sha256: 'c'.repeat(64),
        validators: [],
      },
    ],
    openQuestions: [{ pointer: '/idea/metrics', question: 'Which metric proves success?' }],
  };
}

const parse = (html: string) => new JSDOM(html).window.document;
const texts = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((n) => n.textContent ?? '');

describe('renderRunReport', () => {
  it('is one self-contained page: no scripts, no external resources, a CSP that forbids them', () => {
    const html = renderRunReport(passing());
    const doc = parse(html);
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed, base, form')).toHaveLength(0);
    expect(html).not.toMatch(/https?:\/\/|\bsrc=|url\(/i);
    const csp =
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(doc.querySelectorAll('style')).toHaveLength(1);
    expect(html).not.toContain('\r');
  });

  it('shows pass, counts, timings and the run metadata', () => {
    const doc = parse(renderRunReport(passing()));
    expect(doc.getElementById('verdict')?.textContent).toBe('passed');
    expect(doc.getElementById('verdict')?.className).toContain('ok');
    expect(doc.title).toBe('studio run run-20240517-abc: passed');
    const count = (label: string) => doc.querySelector(`[data-count="${label}"] b`)?.textContent;
    expect(count('artifacts')).toBe('3');
    expect(count('bytes')).toBe('2\u2009001\u2009244');
    expect(count('open questions')).toBe('1');
    expect(count('stages')).toBe('4');
    expect(count('total ms')).toBe('1\u2009553');
    expect(texts(doc, '#stages tbody tr td:first-child')).toEqual([
      'CollectInputs',
      'Render',
      'Research',
      'Package',
    ]);
    expect(texts(doc, '#stages tbody tr td:nth-child(2)')).toEqual(['ok', 'ok', 'skipped', 'ok']);
    expect(texts(doc, '#stages tbody tr td:nth-child(3)')).toEqual(['12.5', '340', '0', '1\u2009200']);
    expect(texts(doc, '#open-questions li')).toEqual(['/idea/metrics Which metric proves success?']);
    expect(doc.getElementById('error')).toBeNull();
    expect(doc.querySelector('header .meta')?.textContent).toContain('2024-05-17T12:00:00Z');
  });

  it('links every artifact with a relative, percent-encoded href', () => {
    const doc = parse(renderRunReport(passing()));
    const hrefs = [...doc.querySelectorAll('#artifacts a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['adr/ADR-0001-use%20postgres.md', 'brief.md', 'source_spec.json']);
    expect(texts(doc, '#artifacts tbody td:nth-child(4)')).toEqual(['a', 'b', 'c'].map((c) => c.repeat(64)));
  });

  it('does not link a path that could leave the folder or name a URL scheme', () => {
    const data = passing();
    data.artifacts = [
      { path: '../secrets.md', pack: 'x', bytes: 1, sha256: 'd'.repeat(64), validators: [] },
      { path: 'javascript:alert(1)', pack: 'x', bytes: 1, sha256: 'e'.repeat(64), validators: [] },
      { path: '/etc/passwd', pack: 'x', bytes: 1, sha256: 'f'.repeat(64), validators: [] },
    ];
    const doc = parse(renderRunReport(data));
    expect(doc.querySelectorAll('#artifacts a')).toHaveLength(0);
    expect(texts(doc, '#artifacts tbody td:first-child')).toEqual([
      '../secrets.md',
      'javascript:alert(1)',
      '/etc/passwd',
    ]);
  });

  it('escapes every value: markup in any field stays text', () => {
    const data = passing();
    data.runId = EVIL;
    data.pack = [EVIL];
    data.engineVersion = EVIL;
    data.startedAt = EVIL;
    data.stages = [{ name: EVIL, status: 'ok', duration_ms: 1 }];
    data.artifacts = [{ path: `adr/${EVIL}.md`, pack: EVIL, bytes: 1, sha256: EVIL, validators: [EVIL] }];
    data.openQuestions = [{ pointer: EVIL, question: EVIL }];
    const html = renderRunReport(data);
    const doc = parse(html);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    expect([...doc.querySelectorAll('*')].some((el) => el.hasAttribute('onerror'))).toBe(false);
    // Each value appears verbatim as text where it belongs.
    expect(doc.title).toBe(`studio run ${EVIL}: passed`);
    expect(texts(doc, '#stages tbody td:first-child')).toEqual([EVIL]);
    expect(texts(doc, '#open-questions li')).toEqual([`${EVIL} ${EVIL}`]);
    expect(doc.querySelector('header .meta')?.textContent).toBe(
      `Run ${EVIL} · pack ${EVIL} · studio ${EVIL} · started ${EVIL}`,
    );
  });

  it('says so when there is nothing to list', () => {
    const data: RunReportData = { ...passing(), pack: [], stages: [], artifacts: [], openQuestions: [] };
    const doc = parse(renderRunReport(data));
    expect(doc.querySelector('#artifacts .empty')?.textContent).toBe('No artifact was written.');
    expect(doc.querySelector('#stages .empty')?.textContent).toBe('No stage ran.');
    expect(doc.querySelector('#open-questions .empty')).not.toBeNull();
    expect(doc.querySelectorAll('table')).toHaveLength(0);
  });

  it("lists the run's warnings (e.g. messages shown in English) in a section of their own, only when any", () => {
    expect(parse(renderRunReport(passing())).getElementById('warnings')).toBeNull();
    const warning = 'pack "balanced": 2 of 423 messages fall back to English (not in the fr-CA catalog <x>)';
    const doc = parse(renderRunReport({ ...passing(), warnings: [warning] }));
    expect(texts(doc, '#warnings li')).toEqual([warning]);
    expect(doc.querySelector('#warnings h2')?.textContent).toBe('Warnings (1)');
  });

  it('is a pure function of its data', () => {
    expect(renderRunReport(passing())).toBe(renderRunReport(passing()));
  });

  it('shows every document; loads scripts only from its assets folder, and only to draw diagrams', () => {
    const withDocs: RunReportData = {
      ...passing(),
      documents: [
        renderDocument({ path: 'brief.md', format: 'markdown', text: '# Brief\n\nHello.\n' }),
        renderDocument({ path: 'source_spec.json', format: 'json', text: '{}\n' }),
      ],
    };
    const doc = parse(renderRunReport(withDocs));
    expect(texts(doc, '#documents article > h3')).toEqual(['brief.md', 'source_spec.json']);
    expect(doc.querySelector('#doc-1 .doc h1')?.textContent).toBe('Brief');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const csp = () =>
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp()).toContain("script-src 'none'");

    withDocs.documents!.push(
      renderDocument({ path: 'l.mmd', format: 'mermaid', text: 'graph TD\n  A-->B\n' }),
    );
    const drawn = parse(renderRunReport(withDocs));
    expect([...drawn.querySelectorAll('script')].map((s) => s.getAttribute('src'))).toEqual([
      'run_report_files/mermaid.min.js',
      'run_report_files/draw-diagrams.js',
    ]);
    expect(
      drawn.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toContain("script-src 'self'");
    expect(drawn.querySelectorAll('#documents pre.mermaid')).toHaveLength(1);
    expect(drawn.querySelectorAll('[data-merge]')).toHaveLength(0);
  });

  it('marks documents that keep hand edits merged by `studio update`, and unresolved conflicts', () => {
    const doc = (path: string, merge?: 'merged' | 'conflict') => ({
      ...renderDocument({ path, format: 'markdown', text: '# x\n' }),
      ...(merge === undefined ? {} : { merge }),
    });
    const page = parse(
      renderRunReport({
        ...passing(),
        documents: [doc('a.md', 'merged'), doc('b.md', 'conflict'), doc('c.md')],
      }),
    );
    expect(texts(page, '#documents article > h3 [data-merge]')).toEqual([
      'keeps hand edits',
      'unresolved merge conflict',
    ]);
    expect(page.querySelector('#doc-3 > h3 [data-merge]')).toBeNull();
  });
});
