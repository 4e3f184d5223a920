// Stage progress appears on a terminal only: checked in a real pseudo-terminal (util-linux `script`),
// piped, and with --json. STUDIO_PROGRESS_DELAY_MS=0 makes it draw at once, so no test depends on speed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ux } from '@oclif/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressDelayMs, showStageProgress } from '../../src/cli/progress.js';
import { AuditLog } from '../../src/pipeline/audit-log.js';
import { systemClock } from '../../src/pipeline/run-context.js';
import { ROOT, ensureBuilt, generateArgs as exampleArgs } from '../e2e/cli.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
let home: string;

beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'studio-progress-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function generateArgs(out: string, extra: string[] = []): string[] {
  return [join(ROOT, 'bin/run.js'), ...exampleArgs('clinic-queue', '-o', out, ...extra)];
}

const env = () => ({
  ...process.env,
  STUDIO_DATA_DIR: join(home, 'data'),
  STUDIO_CACHE_DIR: join(home, 'cache'),
  STUDIO_PROGRESS_DELAY_MS: '0',
});

/** Run in a pseudo-terminal: stdout and stderr are both the terminal, so the output is everything. */
function inTerminal(args: string[]): { status: number | null; output: string } {
  const command = [process.execPath, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qfec', command, '/dev/null'], { env: env(), encoding: 'utf8' });
  return { status: r.status, output: r.stdout };
}

describe('stage progress', () => {
  it.skipIf(!hasScript)('names the pipeline stages on a terminal, then says done', () => {
    const r = inTerminal(generateArgs(join(home, 'out-tty')));
    expect(r.status).toBe(0);
    expect(r.output).toContain('Generating...');
    expect(r.output).toMatch(/Generating\.\.\. .*(Render|ValidateOutputs|Write|Package|Index|Report)/);
    expect(r.output).toContain('Generating... done');
    expect(r.output).toMatch(/Wrote \d+ artifacts/);
  });

  it.skipIf(!hasScript)('draws nothing on a terminal with --json', () => {
    const r = inTerminal(generateArgs(join(home, 'out-json'), ['--json']));
    expect(r.status).toBe(0);
    expect(r.output).not.toContain('Generating');
    expect(r.output).toContain('"ok": true');
  });

  it('draws nothing when stderr is piped', () => {
    const r = spawnSync(process.execPath, generateArgs(join(home, 'out-piped')), {
      env: env(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('Generating');
    expect(r.stdout).toMatch(/Wrote \d+ artifacts/);
  });

  it('starts nothing when the run ends before the delay, and nothing at all when disabled', () => {
    const audit = new AuditLog('run', systemClock);
    const quick = showStageProgress(audit, { enabled: true, title: 'Generating', delayMs: 60_000 });
    audit.info('Plan', 'entered');
    quick.stop('done');
    expect(ux.action.running).toBe(false);
    const off = showStageProgress(audit, { enabled: false, title: 'Generating', delayMs: 0 });
    off.stop('done');
    expect(ux.action.running).toBe(false);
  });

  it('reads its delay from STUDIO_PROGRESS_DELAY_MS, defaulting to one second', () => {
    expect(progressDelayMs({})).toBe(1000);
    expect(progressDelayMs({ STUDIO_PROGRESS_DELAY_MS: '0' })).toBe(0);
    expect(progressDelayMs({ STUDIO_PROGRESS_DELAY_MS: 'soon' })).toBe(1000);
  });
});
