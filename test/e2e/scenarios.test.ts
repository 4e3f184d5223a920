import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ensureBuilt, generateArgs, readTree, studio, tempDir } from './cli.js';

// One default run of clinic-queue (Balanced, the sheet's own dials) that several scenarios compare
// against or start from; they only read it.
let plain: string;
beforeAll(() => {
  ensureBuilt();
  plain = join(tempDir(), 'plain');
  expect(studio(generateArgs('clinic-queue', '-o', plain)).status).toBe(0);
});

describe('DESIGN §9 scenarios', () => {
  it('flow: Scrum instead of Dual-Track turns the roadmap from tracks into sprints', () => {
    const dir = tempDir();
    const scrum = studio(generateArgs('clinic-queue', '--dials', 'flow=Scrum', '-o', join(dir, 'scrum')));
    expect(scrum.status).toBe(0);
    const dual = readFileSync(join(plain, 'roadmap.md'), 'utf8');
    const sprints = readFileSync(join(dir, 'scrum/roadmap.md'), 'utf8');
    expect(dual).toMatch(/discovery/i);
    expect(dual).toMatch(/delivery/i);
    expect(dual).not.toMatch(/sprint \d/i);
    expect(sprints).toMatch(/sprint 1/i);
    expect(sprints).not.toMatch(/discovery track/i);
    const spec = JSON.parse(readFileSync(join(dir, 'scrum/source_spec.json'), 'utf8'));
    expect(spec.dials.flow).toBe('Scrum');
  });

  it('the test dial changes the mix of test levels', () => {
    const dir = tempDir();
    const plans: Record<string, string> = {};
    for (const test of ['Pyramid', 'Trophy', 'Diamond']) {
      const r = studio(generateArgs('clinic-queue', '--dials', `test=${test}`, '-o', join(dir, test)));
      expect(r.status).toBe(0);
      plans[test] = readFileSync(join(dir, test, 'test_plan.md'), 'utf8');
      expect(plans[test]).toContain(test);
    }
    expect(plans.Pyramid).not.toBe(plans.Trophy);
    expect(plans.Trophy).not.toBe(plans.Diamond);
  });

  it('an Idea Card with only the required fields: placeholders visible, listed as open questions and audit overrides', () => {
    const dir = tempDir();
    const idea = join(dir, 'idea.yaml');
    writeFileSync(
      idea,
      stringify({
        title: 'Bare idea',
        one_liner: 'Something small.',
        problem: 'A problem worth solving.',
        audience: [{ name: 'Someone', needs: ['Something'] }],
        goals: ['A goal'],
        features: [
          { name: 'Only feature', description: 'Does one thing.', priority: 'must', acceptance: [] },
        ],
      }),
    );
    const out = join(dir, 'out');
    const r = studio(['generate', '--idea', idea, '--pack', 'balanced', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const spec = JSON.parse(readFileSync(join(out, 'source_spec.json'), 'utf8'));
    expect(spec.open_questions.length).toBeGreaterThan(0);
    const brief = readFileSync(join(out, 'brief.md'), 'utf8');
    expect(brief).toMatch(/open questions/i);
    const audit = readFileSync(join(out, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const overrides = audit.filter((e) => /override/.test(e.event));
    expect(overrides.length).toBe(spec.open_questions.length);
    for (const q of spec.open_questions) {
      expect(q.placeholder).toMatch(/TBD/);
      expect(brief.replace(/\\/g, '')).toContain(q.question);
      expect(
        overrides.some((e) => e.data.pointer === q.pointer),
        q.pointer,
      ).toBe(true);
    }
    // The placeholder stands visibly where the value is missing.
    expect(readFileSync(join(out, 'prd.md'), 'utf8')).toMatch(/TBD/);
  });

  it('a spec with a wrong type: studio validate exits 2 and names the JSON pointer', () => {
    const dir = tempDir();
    const out = plain;
    const spec = JSON.parse(readFileSync(join(out, 'source_spec.json'), 'utf8'));
    spec.features[1].priority = 42;
    const bad = join(dir, 'spec.json');
    writeFileSync(bad, JSON.stringify(spec, null, 2));
    const r = studio(['validate', '--spec', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/features/1/priority');
    const asJson = studio(['validate', '--spec', bad, '--json']);
    expect(asJson.status).toBe(2);
    const parsed = JSON.parse(asJson.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.error.details.map((e: { pointer: string }) => e.pointer)).toContain('/features/1/priority');
    // generate --spec goes through the same check and prints the same file:line:column.
    const line =
      readFileSync(bad, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"priority": 42')) + 1;
    const located = new RegExp(`spec\\.json:${line}:\\d+`);
    expect(r.stderr).toMatch(located);
    const gen = studio(['generate', '--spec', bad, '-o', join(dir, 'out2')]);
    expect(gen.status).toBe(2);
    expect(gen.stderr).toMatch(located);
    const good = studio(['validate', '--spec', join(out, 'source_spec.json')]);
    expect(good.status).toBe(0);
  });

  it('generate opens no network connection (offline by default)', () => {
    const dir = tempDir();
    const guard = join(dir, 'no-network.cjs');
    const log = join(dir, 'attempts.log');
    writeFileSync(
      guard,
      `const fs = require('node:fs'); const net = require('node:net'); const dgram = require('node:dgram'); const dns = require('node:dns');
const record = (what) => { fs.appendFileSync(${JSON.stringify(log)}, what + '\\n'); throw new Error('network blocked: ' + what); };
net.Socket.prototype.connect = function () { record('net.connect'); };
dgram.Socket.prototype.send = function () { record('udp'); };
dns.lookup = function () { record('dns.lookup'); };
`,
    );
    const r = studio(generateArgs('ledgerly', '--pack', 'balanced', '-o', join(dir, 'out')), {
      nodeArgs: ['--require', guard],
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    let attempts = '';
    try {
      attempts = readFileSync(log, 'utf8');
    } catch {
      attempts = '';
    }
    expect(attempts).toBe('');
    expect(readTree(join(dir, 'out')).has('prd.md')).toBe(true);
  });

  it('unknown pack: exit 2 naming the known packs', () => {
    const r = studio(generateArgs('clinic-queue', '--pack', 'nope', '-o', join(tempDir(), 'o')));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('E_PACK_NOT_FOUND');
    expect(r.stderr).toContain('balanced');
  });

  it('a .studiorc in the project gives defaults (pack, out, dials); flags still win', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"my-product"}');
    writeFileSync(join(dir, '.studiorc.yaml'), 'pack: deep\nout: plan\ndials:\n  flow: Kanban\n');
    const r = studio(generateArgs('clinic-queue'), { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const tree = readTree(join(dir, 'plan'));
    expect(tree.has('deep.zip')).toBe(true);
    expect(JSON.parse(tree.get('source_spec.json')!.toString()).dials.flow).toBe('Kanban');
    const flagged = studio(
      generateArgs('clinic-queue', '--pack', 'balanced', '--dials', 'flow=Scrum', '-o', 'other'),
      {
        cwd: dir,
      },
    );
    expect(flagged.status).toBe(0);
    const other = readTree(join(dir, 'other'));
    expect(other.has('balanced.zip')).toBe(true);
    expect(JSON.parse(other.get('source_spec.json')!.toString()).dials.flow).toBe('Scrum');
  });

  it('a locale no pack has: documents fall back to English, with a visible warning', () => {
    const out = join(tempDir(), 'out');
    const r = studio(generateArgs('clinic-queue', '--locale', 'de-DE', '-o', out));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('pack "balanced" has no de-DE templates');
    expect(JSON.parse(readFileSync(join(out, 'source_spec.json'), 'utf8')).meta.locale).toBe('de-DE');
    const audit = readFileSync(join(out, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('locale fallback');
    const same = studio(generateArgs('clinic-queue', '--locale', 'en-GB', '-o', join(tempDir(), 'o')));
    expect(same.stderr).toBe('');
  });

  it('--spec with --dials: the ready spec is generated with the dials overridden', () => {
    const dir = tempDir();
    const r = studio([
      'generate',
      '--spec',
      join(plain, 'source_spec.json'),
      '--dials',
      'flow=Scrum',
      '-o',
      join(dir, 'b'),
    ]);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'b/roadmap.md'), 'utf8')).toMatch(/sprint 1/i);
    const same = studio(['generate', '--spec', join(plain, 'source_spec.json'), '-o', join(dir, 'c')]);
    expect(same.status).toBe(0);
    expect(readFileSync(join(dir, 'c/prd.md'))).toEqual(readFileSync(join(plain, 'prd.md')));
  });
});
