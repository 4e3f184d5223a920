// @studio/sdk's runtime helpers, as agents and the host call them.
import { type ModelParticipant, STRIDE_CATEGORIES, compareCodePoints, msg, zoneMessage } from '@studio/sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/util/list-files.js';

function participant(over: Partial<ModelParticipant>): ModelParticipant {
  return {
    id: 'P-1',
    name: 'Queue API',
    kind: 'internal',
    kind_label: 'internal service',
    element_type: 'process',
    zone: 'Product',
    zone_declared: false,
    language: null,
    framework: null,
    description: null,
    features: [],
    declared: true,
    ...over,
  };
}

describe('zoneMessage', () => {
  it('keeps a declared zone as the author wrote it, whatever the kind', () => {
    for (const kind of ['person', 'external', 'internal', 'datastore', 'undeclared'] as const) {
      expect(zoneMessage(participant({ kind, zone: 'Clinic LAN', zone_declared: true }))).toEqual({
        msg: 'common.verbatim',
        args: { text: 'Clinic LAN' },
      });
    }
  });

  it('names the default zone of each kind by a catalog message', () => {
    expect(zoneMessage(participant({ kind: 'person' }))).toEqual({ msg: 'zone.internet' });
    expect(zoneMessage(participant({ kind: 'external', name: 'SMS gateway' }))).toEqual({
      msg: 'zone.third_party',
      args: { name: 'SMS gateway' },
    });
    expect(zoneMessage(participant({ kind: 'undeclared' }))).toEqual({ msg: 'zone.undeclared' });
    expect(zoneMessage(participant({ kind: 'internal' }))).toEqual({ msg: 'zone.product' });
    expect(zoneMessage(participant({ kind: 'datastore' }))).toEqual({ msg: 'zone.product' });
  });
});

describe('msg, STRIDE_CATEGORIES, compareCodePoints', () => {
  it('copies message arguments, so a later change to the caller’s object does not reach the message', () => {
    const args = { n: 3 };
    const m = msg('prd.count', args);
    args.n = 4;
    expect(m).toEqual({ msg: 'prd.count', args: { n: 3 } });
    expect(msg('brief.heading.problem')).toEqual({ msg: 'brief.heading.problem' });
  });

  it('lists the six STRIDE categories in order, frozen', () => {
    expect(STRIDE_CATEGORIES.map((c) => c[0]).join('')).toBe('STRIDE');
    expect(Object.isFrozen(STRIDE_CATEGORIES)).toBe(true);
  });

  it('orders by code units, not by the locale', () => {
    expect(['é', 'z', 'E', 'a'].sort(compareCodePoints)).toEqual(['E', 'a', 'z', 'é']);
  });

  it('is the one code-point comparator: no inline copy in the host or the plugins', () => {
    const root = join(import.meta.dirname, '../..');
    // `x < y ? -1 : x > y ? 1 : 0`, whatever the operands are called.
    const copy = /(\S+) < (\S+) \? -1 : \1 > \2 \? 1 : 0/;
    const copies = ['src', 'plugins/agents-core/src', 'plugins/agents-deep/src', 'plugins/librarian/src']
      .flatMap((dir) => listFiles(join(root, dir)).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith('.ts') && copy.test(readFileSync(join(root, f), 'utf8')));
    expect(copies).toEqual([]);
  });
});
