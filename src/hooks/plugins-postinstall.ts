// plugins:postinstall — runs after npm installed the package into the shadow data dir. The installed
// tree must be byte-identical to the one inspected and gated; then the install is committed to the
// real data dir (src/install/transaction.ts) and the vouching index named. On any difference nothing
// is left of it.
import type { Hook, Interfaces } from '@oclif/core';
import { toStudioError } from '../errors/render.js';
import { StudioError } from '../errors/studio-error.js';
import { finishInstall } from '../install/install-pack.js';
import { takePendingInstall } from '../install/pending-install.js';
import { abortInstall } from '../install/transaction.js';

const hook = async function (this: Hook.Context, options: { config: Interfaces.Config }): Promise<void> {
  const pending = takePendingInstall();
  if (!pending) return;
  const { config } = options;
  (config as { dataDir: string }).dataDir = pending.txn.dataDir;
  try {
    finishInstall(pending);
  } catch (error) {
    abortInstall(pending.txn.dataDir);
    config.plugins.delete(pending.name);
    const failure = toStudioError(error);
    // Thrown as is: the command's handler renders it (text or --json) and exits with its code.
    throw new StudioError(failure.code, failure.message, {
      ...failure,
      details: [...failure.details, { message: `Nothing of ${pending.name} is left.` }],
      cause: failure,
    });
  }
  // stderr: under --json, stdout holds only the command's JSON document.
  process.stderr.write(
    `${pending.name}@${pending.version} passed the gates (${pending.gates.join(', ')}); vouched for by ${pending.index}\n`,
  );
};

export default hook;
