// Agents of user-installed packs run in the sandbox: each probe below tries one thing the report
// showed an agent doing in the host, and must be refused (or contained) with its code, while no canary
// file, canary env var or network connection appears.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AgentContext } from '@studio/sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { harnessSpecs } from '../../src/gates/harness-specs.js';
import { loadAgent } from '../../src/plugins/load-agent.js';
import type { PluginRef } from '../../src/plugins/types.js';
import {
  DEFAULT_AGENT_MEMORY_MB,
  DEFAULT_AGENT_OUTPUT_MB,
  runAgent,
  sandboxLimits,
} from '../../src/sandbox/agents.js';

const ROOT = path.join(import.meta.dirname, 'fixtures', 'sandbox', 'probes');
const PLUGIN: PluginRef = {
  name: '@test/sandbox-probes',
  version: '1.0.0',
  root: ROOT,
  type: 'user',
  studio: {},
};
const SECRET = 'canary-secret-6b1f0c';
const FIXED_CANARIES = [
  '/tmp/studio-sandbox-import-canary',
  '/tmp/studio-sandbox-outside-canary',
  '/tmp/studio-sandbox-detect-canary',
];

let dir: string;
let canary: string;
let server: Server;
let port: number;
let connections = 0;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studio-sandbox-'));
  canary = path.join(dir, 'CANARY');
  for (const k of [
    'STUDIO_CANARY_SECRET',
    'SOURCE_DATE_EPOCH',
    'STUDIO_AGENT_OUTPUT_MB',
    'STUDIO_AGENT_MEMORY_MB',
    'STUDIO_STEP_TIMEOUT_MS',
  ])
    saved[k] = process.env[k];
  process.env.STUDIO_CANARY_SECRET = SECRET;
  for (const f of FIXED_CANARIES) rmSync(f, { force: true });
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  // Nothing escaped: no canary file, no connection.
  expect(existsSync(canary)).toBe(false);
  for (const f of FIXED_CANARIES) expect(existsSync(f)).toBe(false);
  expect(connections).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

function ctxFor(): AgentContext {
  const spec = structuredClone(harnessSpecs()[1]!.spec);
  // Probes read where to write and where to connect from the spec: data is all they get.
  (spec as { title: string }).title = canary;
  (spec as { one_liner: string }).one_liner = String(port);
  return { spec, locale: 'en-US', inputs: {} } as unknown as AgentContext;
}

async function run(name: string, cpuMs = 5_000): Promise<unknown> {
  const agent = await loadAgent({ id: `probe:${name}`, plugin: PLUGIN, module: `agents/${name}.js` });
  return runAgent(agent, ctxFor(), { cpuMs, plugin: PLUGIN.name });
}

async function refusal(name: string, cpuMs?: number): Promise<StudioError> {
  try {
    await run(name, cpuMs);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    const e = error as StudioError;
    expect(e.plugin).toBe(PLUGIN.name);
    expect(e.message).not.toContain(SECRET);
    return e;
  }
  throw new Error(`probe ${name} was not refused`);
}

describe('the sandbox runs a well-behaved agent', () => {
  it('with its own files and the SDK importable, the spec frozen, the view-model as data', async () => {
    expect(await run('ok')).toEqual({
      title: `${canary.toUpperCase()}!`,
      slug: 'hello-sandbox',
      locale: 'en-US',
      frozen: true,
    });
  });

  it('has no capabilities, a pinned clock and no randomness', async () => {
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    const vm = (await run('run-probe')) as {
      kinds: Record<string, string>;
      random: string;
      now: number;
      date: string;
    };
    for (const [name, kind] of Object.entries(vm.kinds))
      expect(`${name}: ${kind}`).toBe(`${name}: undefined`);
    expect(vm.random).toBe('throws');
    expect(vm.now).toBe(1_700_000_000_000);
    expect(vm.date).toBe('2023-11-14T22:13:20.000Z');
  });
});

describe('capability probes', () => {
  for (const [name, pattern] of [
    ['import-process', /'process' is not defined/],
    ['import-fs', /"node:fs" refused/],
    ['import-bare', /"yaml" refused/],
    ['import-outside', /leaves the package/],
    ['import-absolute', /"\/etc\/hostname" refused/],
    ['random-import', /Math\.random is not available/],
  ] as const) {
    it(`at import: ${name} is refused with E_AGENT_FAILED`, async () => {
      const e = await refusal(name);
      expect(e.code).toBe(ErrorCodes.AGENT_FAILED);
      expect(e.message).toMatch(pattern);
    });
  }

  for (const [name, pattern] of [
    ['run-exfil', /'process' is not defined/],
    ['run-net', /not a function|undefined/],
    ['import-dynamic', /"node:child_process" refused/],
    ['async-timer', /'setTimeout' is not defined/],
  ] as const) {
    it(`in run: ${name} is refused with E_AGENT_FAILED`, async () => {
      const e = await refusal(name);
      expect(e.code).toBe(ErrorCodes.AGENT_FAILED);
      expect(e.message).toMatch(pattern);
    });
  }
});

describe('limits', () => {
  it('a synchronous loop stops with E_STEP_TIMEOUT naming plugin and agent, within 1 s of the limit', async () => {
    const started = performance.now();
    // The limit is short: the probe spins a core until it is stopped.
    const e = await refusal('loop', 500);
    const took = performance.now() - started;
    expect(e.code).toBe(ErrorCodes.STEP_TIMEOUT);
    expect(e.message).toContain('agent "probe:loop" of @test/sandbox-probes');
    expect(took).toBeLessThan(500 + 1_000);
  });

  it('a loop at import time is stopped the same way', async () => {
    process.env.STUDIO_STEP_TIMEOUT_MS = '500';
    const e = await refusal('import-loop');
    expect(e.code).toBe(ErrorCodes.STEP_TIMEOUT);
  }, 30_000);

  it('a promise that can never settle is a timeout at once, not a hang', async () => {
    const e = await refusal('async-hang', 60_000);
    expect(e.code).toBe(ErrorCodes.STEP_TIMEOUT);
    expect(e.message).toMatch(/can never settle/);
  });

  it('a memory bomb is E_AGENT_RESOURCE', async () => {
    process.env.STUDIO_AGENT_MEMORY_MB = '16';
    // The limit leaves room for a well-behaved agent: it is the bomb that reaches it.
    expect(await run('ok')).toMatchObject({ slug: 'hello-sandbox' });
    const e = await refusal('memory', 30_000);
    expect(e.code).toBe(ErrorCodes.AGENT_RESOURCE);
  }, 30_000);

  it('a bomb the allocator is slow to catch (native array fills) is stopped at the time limit', async () => {
    process.env.STUDIO_AGENT_MEMORY_MB = '64';
    const started = performance.now();
    const e = await refusal('memory-native', 1_000);
    expect([ErrorCodes.AGENT_RESOURCE, ErrorCodes.STEP_TIMEOUT]).toContain(e.code);
    // Stopped at the 1 s limit plus scheduling slack (the suite runs one worker more than the cores, so
    // a busy machine delays the worker's answer); unstopped, the fills run on to the memory limit.
    expect(performance.now() - started).toBeLessThan(1_000 + 2_500);
  }, 30_000);

  it('unbounded recursion is E_AGENT_RESOURCE', async () => {
    const e = await refusal('deep-stack');
    expect(e.code).toBe(ErrorCodes.AGENT_RESOURCE);
    expect(e.message).toMatch(/stack overflow/);
  });
});

describe('view-models are plain data', () => {
  it('a huge result is E_AGENT_OUTPUT', async () => {
    process.env.STUDIO_AGENT_OUTPUT_MB = '1';
    const e = await refusal('huge');
    expect(e.code).toBe(ErrorCodes.AGENT_OUTPUT);
    expect(e.message).toMatch(/more than the limit/);
  });

  for (const [name, pattern] of [
    ['cyclic', /cycle/],
    ['getter', /getter/],
    ['proxy', /'process' is not defined/],
    ['function-result', /function/],
    ['deep-nesting', /nested deeper/],
  ] as const) {
    it(`a ${name} result is E_AGENT_OUTPUT`, async () => {
      const e = await refusal(name);
      expect(e.code).toBe(ErrorCodes.AGENT_OUTPUT);
      expect(e.message).toMatch(pattern);
    });
  }
});

describe('an agent that recognises the harness', () => {
  it('behaves on the harness specs and is refused on a fourth spec, with nothing escaping', async () => {
    const agent = await loadAgent({
      id: 'probe:detect-harness',
      plugin: PLUGIN,
      module: 'agents/detect-harness.js',
    });
    for (const { spec } of harnessSpecs()) {
      const vm = await runAgent(agent, { spec, locale: 'en-US', inputs: {} } as unknown as AgentContext, {
        cpuMs: 5_000,
        plugin: PLUGIN.name,
      });
      expect(vm).toEqual({ title: spec.title });
    }
    const fourth = ctxFor();
    (fourth.spec as { title: string }).title = 'A spec the harness never uses';
    await expect(runAgent(agent, fourth, { cpuMs: 5_000, plugin: PLUGIN.name })).rejects.toMatchObject({
      code: ErrorCodes.AGENT_FAILED,
      message: expect.stringMatching(/'process' is not defined/),
    });
  });
});

describe('limits from the environment', () => {
  it('a positive number of MB overrides a limit; empty, zero, negative or not a number keeps the default', () => {
    const mb = 1024 * 1024;
    expect(sandboxLimits(500, { STUDIO_AGENT_MEMORY_MB: '64', STUDIO_AGENT_OUTPUT_MB: '0.5' })).toEqual({
      cpuMs: 500,
      memoryBytes: 64 * mb,
      outputChars: mb / 2,
    });
    for (const bad of ['', ' ', '0', '-8', 'lots', 'Infinity'])
      expect(sandboxLimits(1, { STUDIO_AGENT_MEMORY_MB: bad, STUDIO_AGENT_OUTPUT_MB: bad })).toEqual({
        cpuMs: 1,
        memoryBytes: DEFAULT_AGENT_MEMORY_MB * mb,
        outputChars: DEFAULT_AGENT_OUTPUT_MB * mb,
      });
  });
});
