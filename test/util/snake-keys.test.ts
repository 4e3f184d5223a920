import { describe, expect, it } from 'vitest';
import { snakeKeys } from '../../src/util/snake-keys.js';

describe('snakeKeys', () => {
  it('converts camelCase keys at every depth and leaves values alone', () => {
    expect(
      snakeKeys({ hadPrevious: true, list: [{ commandIDs: ['aB'] }], 'dry-run': { allowNo: 1 } }),
    ).toEqual({
      had_previous: true,
      list: [{ command_ids: ['aB'] }],
      'dry-run': { allow_no: 1 },
    });
    expect(snakeKeys(['x', null, 3])).toEqual(['x', null, 3]);
  });
});
