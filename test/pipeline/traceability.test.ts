import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceSpec, TraceRule } from '@studio/sdk';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkTraceability,
  containsToken,
  idRuns,
  jsonVisibleText,
  traceIds,
  traceabilityPassKey,
  visibleText,
} from '../../src/pipeline/traceability.js';
import { entryFiles } from '../util/memo-cache-files.js';
import { MemoCache } from '../../src/util/memo-cache.js';

function loadSpec(): SourceSpec {
  const url = new URL('../../plugins/agents-deep/test/fixtures/clinic-queue.spec.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as SourceSpec;
}

const RULES: TraceRule[] = [
  { name: 'every acceptance criterion has a test case', ids: 'acceptance', in: ['test_plan'] },
  { name: 'every SLO has a runbook', ids: 'slos', in: ['runbooks'] },
  { name: 'every decision has an ADR', ids: 'decisions', in: ['adr'] },
  { name: 'every entity has a contract', ids: 'entities', in: ['contract'] },
];

/** Files that mention every id the rules ask for, the way real templates print them. */
function completeFiles(spec: SourceSpec) {
  const acceptance = spec.features.flatMap((f) => f.acceptance.map((a) => `| ${a.id} | ${a.text} |`));
  return [
    { artifactId: 'test_plan', path: 'test_plan.md', content: `# Test plan\n\n${acceptance.join('\n')}\n` },
    {
      artifactId: 'runbooks',
      path: 'runbooks.md',
      content: spec.ops.slos.map((s) => `## ${s.id}: ${s.name}\n`).join('\n'),
    },
    ...spec.decisions.map((d, i) => ({
      artifactId: 'adr',
      path: `adr/ADR-000${i + 1}-x.md`,
      content: `# ${d.id}: ${d.title}\n`,
    })),
    ...spec.entities.map((e) => ({
      artifactId: 'contract',
      path: `contracts/${e.name.toLowerCase()}.schema.json`,
      content: `${JSON.stringify({ title: e.name }, null, 2)}\n`,
    })),
  ];
}

describe('checkTraceability', () => {
  it('passes when every id of every rule appears in one of its artifacts', () => {
    const spec = loadSpec();
    expect(checkTraceability(spec, RULES, completeFiles(spec))).toEqual([]);
  });

  it('names each orphan id, the rule, and the file of the rule artifact', () => {
    const spec = loadSpec();
    const files = completeFiles(spec).map((f) =>
      f.artifactId === 'test_plan' ? { ...f, content: f.content.replace('| F-2-AC-2 |', '| (lost) |') } : f,
    );
    // Drop the ADR of the second decision and the runbook line of SLO-2.
    const orphaned = files
      .filter((f) => !f.content.includes(spec.decisions[1]!.title))
      .map((f) =>
        f.artifactId === 'runbooks' ? { ...f, content: f.content.replace(/## SLO-2[^\n]*\n/, '') } : f,
      );
    const findings = checkTraceability(spec, RULES, orphaned);
    expect(findings).toHaveLength(3);
    const byName = (name: string) => findings.find((f) => f.message.startsWith(name));
    expect(byName('every acceptance criterion has a test case')).toMatchObject({
      path: 'test_plan.md',
      rule: 'traceability',
    });
    expect(byName('every acceptance criterion has a test case')!.message).toContain('"F-2-AC-2"');
    expect(byName('every SLO has a runbook')!.message).toContain('"SLO-2"');
    expect(byName('every SLO has a runbook')!.message).not.toContain('"SLO-1"');
    expect(byName('every decision has an ADR')).toMatchObject({ path: 'adr/ADR-0001-x.md' });
    expect(byName('every decision has an ADR')!.message).toContain(`"${spec.decisions[1]!.id}"`);
  });

  it('an id inside a longer id does not count: F-1 is not traced by F-10 or F-1-AC-1', () => {
    const spec = loadSpec();
    const rule: TraceRule = { name: 'every feature is in the PRD', ids: 'features', in: ['prd'] };
    const content = '# PRD\n\nF-10, F-1-AC-1, XF-1, F-2, F-3 and F-4 are covered.\n';
    const findings = checkTraceability(spec, [rule], [{ artifactId: 'prd', path: 'prd.md', content }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('"F-1"');
    expect(findings[0]!.message).not.toMatch(/"F-[234]"/);
  });

  it('with no file of the rule artifact rendered, the finding points at source_spec.json', () => {
    const spec = loadSpec();
    const findings = checkTraceability(spec, [RULES[3]!], []);
    expect(findings).toEqual([expect.objectContaining({ path: 'source_spec.json', rule: 'traceability' })]);
    expect(findings[0]!.message).toContain('"Patient", "QueueEvent"');
    expect(findings[0]!.message).toContain('nothing was rendered');
  });

  it('a milestone deliverable naming no feature is an orphan even with no rules', () => {
    const spec = loadSpec();
    spec.milestones[1]!.deliverables = ['F-2', 'F-9', 'F-9'];
    const findings = checkTraceability(spec, [], []);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'source_spec.json', rule: 'traceability' });
    expect(findings[0]!.message).toContain('M-2');
    expect(findings[0]!.message).toContain('"F-9"');
    expect(findings[0]!.message).not.toContain('"F-2"');
  });

  it('only artifacts listed in the rule count', () => {
    const spec = loadSpec();
    const files = completeFiles(spec).map((f) =>
      f.artifactId === 'runbooks' ? { ...f, artifactId: 'slos' } : f,
    );
    const findings = checkTraceability(spec, RULES, files);
    expect(findings.map((f) => f.message.split(':')[0])).toEqual(['every SLO has a runbook']);
  });
});

describe('containsToken', () => {
  it('finds ids escaped by the Markdown and JSON filters', () => {
    expect(containsToken('Entity Queue\\_Event is stored', 'Queue_Event')).toBe(true);
    expect(containsToken('"title": "Say \\"hi\\""', 'Say "hi"')).toBe(true);
    expect(containsToken('R&amp;D team', 'R&D')).toBe(true);
    expect(containsToken('Patient\nrecord', 'Patient record')).toBe(true);
  });

  it('respects token boundaries at both ends, but not for punctuation-edged names', () => {
    expect(containsToken('ADR-0001.', 'ADR-0001')).toBe(true);
    expect(containsToken('(SLO-1)', 'SLO-1')).toBe(true);
    expect(containsToken('RB-SLO-1', 'SLO-1')).toBe(false);
    expect(containsToken('Patients', 'Patient')).toBe(false);
    expect(containsToken('C++ runtime', 'C++')).toBe(true);
    expect(containsToken('anything', '')).toBe(false);
  });

  it('a plain id is found by its run of id characters exactly when the scan finds it', () => {
    // checkTraceability looks plain ids up in the set of runs (linear); the scan is the reference.
    const unit = fc.constantFrom(
      'F',
      '-',
      '1',
      '0',
      '_',
      'é',
      ' ',
      '.',
      '\\',
      '&',
      '\n',
      '\u{1D49C}',
      '\uD800',
      'A',
      'C',
    );
    const text = fc.array(unit, { maxLength: 40 }).map((a) => a.join(''));
    const id = fc
      .array(fc.constantFrom('F', '-', '1', '0', '_', 'é', 'A', 'C'), { minLength: 1, maxLength: 6 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, id, (t, i) => {
        const runs = idRuns(jsonVisibleText(t), idRuns(visibleText(t)));
        expect(runs.has(i)).toBe(containsToken(t, i));
      }),
      { numRuns: 2000, seed: 10 },
    );
    expect([...idRuns('F-1, F-10 (F-1-AC-2) x\u{1D49C}F-2')]).toEqual([
      'F-1',
      'F-10',
      'F-1-AC-2',
      'x',
      'F-2',
    ]);
  });

  it('checkTraceability finds an orphan among thousands of ids', () => {
    const spec = loadSpec();
    const features = Array.from({ length: 3000 }, (_, i) => ({
      ...spec.features[0]!,
      id: `F-${i + 1}`,
      acceptance: [],
    }));
    const big = { ...spec, features };
    const rules: TraceRule[] = [{ name: 'every feature is planned', ids: 'features', in: ['plan'] }];
    const content =
      features
        .filter((f) => f.id !== 'F-1000')
        .map((f) => `- ${f.id}: thing`)
        .join('\n') + '\n- F-10000\n';
    const findings = checkTraceability(big, rules, [{ artifactId: 'plan', path: 'plan.md', content }]);
    expect(findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining('"F-1000" appears in none of plan'),
    );
  });

  it('visibleText leaves plain text alone', () => {
    expect(visibleText('plain text, F-1.')).toBe('plain text, F-1.');
  });
});

describe('traceIds', () => {
  it('reads ids per collection, entities by name, without duplicates', () => {
    const spec = loadSpec();
    expect(traceIds(spec, 'acceptance')).toContain('F-1-AC-2');
    expect(traceIds(spec, 'entities')).toEqual(['Patient', 'QueueEvent']);
    expect(traceIds(spec, 'slos')).toEqual(['SLO-1', 'SLO-2']);
    expect(traceIds(spec, 'milestones')).toEqual(['M-1', 'M-2']);
  });
});

describe('checkTraceability: remembered passes (the traceability/ cache)', () => {
  const root = mkdtempSync(join(tmpdir(), 'studio-trace-cache-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const newCache = () => new MemoCache(join(root, `c${(n += 1)}`));
  const lose = (files: ReturnType<typeof completeFiles>) =>
    files.map((f) =>
      f.artifactId === 'runbooks' ? { ...f, content: f.content.replace(/## SLO-2[^\n]*\n/, '') } : f,
    );

  it('remembers a pass for the exact spec, rules and files; a failure never, and is found every time', () => {
    const spec = loadSpec();
    const cache = newCache();
    const files = completeFiles(spec);
    expect(checkTraceability(spec, RULES, files, cache)).toEqual([]);
    expect(entryFiles(cache)).toHaveLength(1);
    expect(checkTraceability(spec, RULES, files, cache)).toEqual([]);
    const expected = checkTraceability(spec, RULES, lose(files));
    expect(expected).toHaveLength(1);
    for (let i = 0; i < 2; i += 1)
      expect(checkTraceability(spec, RULES, lose(files), cache)).toEqual(expected);
    // Another spec (an id that no file names), other rules, a file moved: each is checked again.
    const renamed = structuredClone(spec);
    renamed.ops.slos[0]!.id = 'SLO-99';
    expect(checkTraceability(renamed, RULES, files, cache)).toHaveLength(1);
    const moreRules = [...RULES, { name: 'every risk is covered', ids: 'risks' as const, in: ['test_plan'] }];
    expect(checkTraceability(spec, moreRules, files, cache)).toEqual(
      checkTraceability(spec, moreRules, files),
    );
    const moved = files.map((f) => (f.artifactId === 'runbooks' ? { ...f, artifactId: 'other' } : f));
    expect(checkTraceability(spec, RULES, moved, cache)).toHaveLength(1);
    expect(entryFiles(cache).length).toBeLessThanOrEqual(2);
  });

  it('uses an intact entry, and ignores a damaged one', () => {
    const spec = loadSpec();
    const cache = newCache();
    const orphaned = lose(completeFiles(spec));
    // An intact pass for these very files is trusted: that is what spares a warm run the search.
    cache.set(traceabilityPassKey(spec, RULES, orphaned), 'pass');
    expect(checkTraceability(spec, RULES, orphaned, cache)).toEqual([]);
    const [entry] = entryFiles(cache);
    const good = readFileSync(entry!, 'utf8');
    for (const damaged of [good.replace('pass', 'pasz'), good.slice(0, 10), '', 'pass']) {
      writeFileSync(entry!, damaged);
      expect(checkTraceability(spec, RULES, orphaned, cache)).toHaveLength(1);
    }
  });

  it('without a cache (--no-cache) nothing is remembered', () => {
    const spec = loadSpec();
    const cache = newCache();
    checkTraceability(spec, RULES, completeFiles(spec), null);
    checkTraceability(spec, RULES, completeFiles(spec));
    expect(entryFiles(cache)).toHaveLength(0);
  });
});
