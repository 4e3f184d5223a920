import { describe, expect, it } from 'vitest';
import { ErrorCodes, exitCodeFor } from '../../src/errors/codes.js';
import { renderError, toStudioError } from '../../src/errors/render.js';
import { StudioError } from '../../src/errors/studio-error.js';

describe('error rendering', () => {
  it('shows code, message, location, details and hint', () => {
    const e = new StudioError(ErrorCodes.SPEC_INVALID, 'the Idea Card is invalid', {
      file: 'idea.yaml',
      hint: 'Fix the fields.',
      details: [
        {
          file: 'idea.yaml',
          line: 3,
          column: 5,
          pointer: '/features/0/priority',
          message: 'must be one of: must, should',
          hint: 'use must',
        },
      ],
    });
    expect(renderError(e)).toBe(
      'Error E_SPEC_INVALID: the Idea Card is invalid (idea.yaml)\n' +
        '  - idea.yaml:3:5 at /features/0/priority: must be one of: must, should\n' +
        '    hint: use must\n' +
        'Try this: Fix the fields. (docs/troubleshooting.md#e_spec_invalid)',
    );
  });
  it('strips terminal control sequences from messages', () => {
    const e = new StudioError(ErrorCodes.PLUGIN_CONFLICT, 'evil \u001b[2Jname\u0007', {
      plugin: 'x\u001b[31m',
    });
    // eslint-disable-next-line no-control-regex
    expect(renderError(e)).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
  it('maps codes to exit codes: 2 for invalid input, 1 otherwise', () => {
    expect(exitCodeFor(ErrorCodes.SPEC_INVALID)).toBe(2);
    expect(exitCodeFor(ErrorCodes.TEMPLATE_UNDEFINED)).toBe(2);
    expect(exitCodeFor(ErrorCodes.STEP_TIMEOUT)).toBe(1);
    expect(exitCodeFor(ErrorCodes.INTERNAL)).toBe(1);
  });
  it("makes a value a flag refused E_FLAG_INVALID, like the parser's own errors", () => {
    const refused = Object.assign(
      new Error(
        'Parsing --top-k \n\tExpected an integer greater than or equal to 1 but received: 0\nSee more help with --help',
      ),
      { oclif: { exit: 2 } },
    );
    const e = toStudioError(refused, { bin: 'studio', command: 'research' });
    expect(e.code).toBe(ErrorCodes.FLAG_INVALID);
    expect(e.message).toBe('Parsing --top-k');
    expect(e.details).toEqual([
      { message: 'Expected an integer greater than or equal to 1 but received: 0' },
    ]);
    expect(e.hint).toBe('Run "studio research --help" for the flags.');
    const other = toStudioError(Object.assign(new Error('npm failed'), { oclif: { exit: 1 } }));
    expect(other.code).toBe(ErrorCodes.COMMAND_FAILED);
  });

  it('wraps unknown errors as E_INTERNAL with a hint', () => {
    const e = toStudioError(new TypeError('boom'));
    expect(e.code).toBe('E_INTERNAL');
    expect(e.hint).toBeTruthy();
    expect(e.toJSON()).toMatchObject({ code: 'E_INTERNAL', message: 'boom' });
  });
});
