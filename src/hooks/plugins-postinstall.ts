// plugins:postinstall — runs after npm installed the package into the shadow data dir. The installed
// tree must be byte-identical to the one inspected and gated; then the install is committed to the
// real data dir (src/install/transaction.ts) and the vouching index named. On any difference nothing
// is left of it.
import type { Hook, Interfaces } from '@oclif/core';
import { renderError, toStudioError } from '../errors/render.js';
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
    this.error(`${renderError(failure).replace(/^Error /, '')}\nNothing of ${pending.name} is left.`, {
      exit: failure.exitCode,
    });
  }
  this.log(
    `${pending.name}@${pending.version} passed the gates (${pending.gates.join(', ')}); vouched for by ${pending.index}`,
  );
};

export default hook;
