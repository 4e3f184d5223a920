// Shared by the tests that check how something fails: the StudioError it fails with, the test failing
// when it succeeds or fails with anything else.
import { expect } from 'vitest';
import { StudioError } from '../../src/errors/studio-error.js';

/** The StudioError `fn` throws; `what` names the call in the failure when it returns instead. */
export function thrown(fn: () => unknown, what = 'the call'): StudioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error(`expected ${what} to fail`);
}

/** The StudioError `p` rejects with; `what` names the call in the failure when it resolves instead. */
export async function rejected(p: Promise<unknown>, what = 'the call'): Promise<StudioError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error(`expected ${what} to fail`);
}
