// Fault injection for crash tests: when STUDIO_FAULT_POINT names a point the run reaches, the process
// kills itself with SIGKILL there, exactly as a power cut or `kill -9` would stop it (no cleanup, no
// finally blocks). Unset (always, outside tests), a fault point is one environment lookup.

/** The fault points of the output commit, in the order a run reaches them. */
export const COMMIT_FAULT_POINTS = [
  'lock-acquired',
  'staged',
  'journal-written',
  'target-aside',
  'staging-in',
  'journal-removed',
  'index-removed',
  'old-removed',
  'entry-moved',
  'index-in',
] as const;

/** The fault points of a plugin install that a polling test cannot hit reliably (the window is short). */
export const INSTALL_FAULT_POINTS = ['install-npm-done'] as const;

export type FaultPoint = (typeof COMMIT_FAULT_POINTS)[number] | (typeof INSTALL_FAULT_POINTS)[number];

/** Die here (SIGKILL) when STUDIO_FAULT_POINT names this point. */
export function faultPoint(name: FaultPoint): void {
  if (process.env.STUDIO_FAULT_POINT === name) process.kill(process.pid, 'SIGKILL');
}
