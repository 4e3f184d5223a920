// DESIGN §5 "gates for everyone": the built-in packs and the example vendor pack pass exactly the
// gates a third-party pack must pass at install time.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGates } from '../../src/gates/run-gates.js';
import { REPO, ensureFirstPartyBuilt, firstPartyPlugins } from './first-party.js';
import { PACK_GATES } from './helpers.js';

const failures = (report: Awaited<ReturnType<typeof runGates>>) =>
  report.gates.flatMap((g) =>
    g.ok ? [] : [`${g.name}: ${g.skipped ?? g.findings.map((f) => f.message).join(' | ')}`],
  );

describe('first-party packs through the gates', () => {
  beforeAll(() => ensureFirstPartyBuilt(), 600_000);

  it.each(['packs/balanced', 'packs/deep', 'examples/packs/fintech-pack'])(
    '%s passes every gate',
    async (dir) => {
      const report = await runGates(
        { root: join(REPO, dir), name: '', version: '' },
        { plugins: firstPartyPlugins() },
      );
      expect(failures(report)).toEqual([]);
      expect(report.gates.map((g) => g.name)).toEqual(PACK_GATES);
    },
  );
});
