import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { scrub, scrubText } from '../../src/util/scrub.js';

describe('scrub', () => {
  it('removes e-mail addresses, phone numbers and absolute paths', () => {
    expect(scrubText('mail ana@example.org now')).toBe('mail <email> now');
    expect(scrubText('call +44 7700 900123 today')).toBe('call <phone> today');
    expect(scrubText('file /home/ana/secret/idea.yaml failed')).toBe('file <path> failed');
    expect(scrubText('at C:\\Users\\ana\\idea.yaml')).toBe('at <path>');
    expect(scrubText(`${homedir()}/x`)).toBe('~/x');
    expect(scrubText(`${process.cwd()}/examples/idea.yaml`)).toBe('./examples/idea.yaml');
  });
  it('keeps ordinary text, relative paths and short numbers', () => {
    expect(scrubText('examples/clinic-queue/idea.yaml has 4 features, 99.9%')).toBe(
      'examples/clinic-queue/idea.yaml has 4 features, 99.9%',
    );
  });
  it('scrubs deeply and leaves non-strings alone', () => {
    expect(scrub({ a: ['x@y.io', 3], b: { c: true } })).toEqual({ a: ['<email>', 3], b: { c: true } });
  });
});

describe('scrub and JSON pointers', () => {
  it('keeps JSON pointers, which look like paths but name no real root folder', () => {
    expect(scrubText('/features/0/acceptance')).toBe('/features/0/acceptance');
    expect(scrub({ pointer: '/milestones/1/deliverables/0' })).toEqual({
      pointer: '/milestones/1/deliverables/0',
    });
    expect(scrubText('/tmp/x/y')).toBe('<path>');
  });
});
