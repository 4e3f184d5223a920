// Agents cannot import the host's helpers (they ship on their own), so the code-point comparison the
// host uses for every sort is repeated here: locale-independent, identical on every machine.

/** Compare by UTF-16 code units, independent of the process locale (unlike localeCompare). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
