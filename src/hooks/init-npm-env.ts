// init — for `plugins …` commands only, set the npm environment before any npm process is spawned
// (`plugins update` and `plugins link` skip the install hooks but still run npm).
import type { Hook } from '@oclif/core';
import { applyInstallEnv } from '../install/npm-env.js';

const hook: Hook<'init'> = async function (options) {
  if (options.id?.startsWith('plugins')) applyInstallEnv(process.env);
};

export default hook;
