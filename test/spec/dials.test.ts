import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StudioError } from '../../src/errors/studio-error.js';
import { DIAL_VALUES, parseDials } from '../../src/spec/dials.js';

function flagError(text: string): StudioError {
  try {
    parseDials(text);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe(ErrorCodes.FLAG_INVALID);
    return error as StudioError;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('parseDials', () => {
  it('parses all three dials', () => {
    expect(parseDials('audience=Engineering,flow=Scrum,test=Trophy')).toEqual({
      audience: 'Engineering',
      flow: 'Scrum',
      test: 'Trophy',
    });
  });

  it('accepts any subset, spaces, and values in any case or separator style', () => {
    expect(parseDials(' flow = dual_track ')).toEqual({ flow: 'Dual-Track' });
    expect(parseDials('TEST=diamond,audience=EXECUTIVE')).toEqual({ test: 'Diamond', audience: 'Executive' });
    expect(parseDials('flow=DualTrack,')).toEqual({ flow: 'Dual-Track' });
    expect(parseDials('')).toEqual({});
  });

  it('normalizes every allowed value from lower case', () => {
    for (const [dial, values] of Object.entries(DIAL_VALUES)) {
      for (const value of values)
        expect(parseDials(`${dial}=${value.toLowerCase()}`)).toEqual({ [dial]: value });
    }
  });

  it('refuses unknown values, listing the allowed ones', () => {
    const error = flagError('flow=Waterfall');
    expect(error.message).toBe('--dials: flow must be one of: Dual-Track, Scrum, Kanban (got "Waterfall")');
    expect(error.hint).toBe('Allowed: flow=Dual-Track|Scrum|Kanban.');
    expect(flagError('test=Pyramd').hint).toBe('Did you mean test=Pyramid?');
  });

  it('refuses unknown dials with a suggestion, malformed pairs and repeats', () => {
    expect(flagError('audiense=Balanced').message).toBe(
      '--dials: unknown dial "audiense" — did you mean "audience"?',
    );
    expect(flagError('audience').message).toContain('is not name=value');
    expect(flagError('flow=Scrum,flow=Kanban').message).toContain('given twice');
    expect(flagError('audience').hint).toContain('audience=Balanced|Engineering|Executive');
  });
});
