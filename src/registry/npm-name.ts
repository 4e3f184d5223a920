// npm's rules for new package names (validate-npm-package-name's "validForNewPackages"), restated so
// the index check does not depend on a transitive package.
import { builtinModules } from 'node:module';

const BLOCKED = new Set(['node_modules', 'favicon.ico']);

/** Why `name` is not a valid npm package name for new packages, or null when it is. */
export function npmNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'the name is empty';
  if (name.length > 214) return 'the name is longer than 214 characters';
  if (name.trim() !== name) return 'the name has leading or trailing spaces';
  if (name !== name.toLowerCase()) return 'the name has uppercase letters';
  if (name.startsWith('.') || name.startsWith('_')) return 'the name starts with "." or "_"';
  if (BLOCKED.has(name)) return `"${name}" is a blocked name`;
  if (builtinModules.includes(name)) return `"${name}" is a Node.js core module name`;
  if (/[~'!()*]/.test(name.split('/').slice(-1)[0] ?? '')) return "the name has one of ~'!()*";
  const m = /^@([^/]+)\/([^/]+)$/.exec(name);
  if (name.startsWith('@') && !m) return 'a scoped name must look like "@scope/name"';
  const parts = m ? [m[1]!, m[2]!] : [name];
  for (const part of parts) {
    if (encodeURIComponent(part) !== part) return `"${part}" has characters that are not URL-safe`;
    if (part.startsWith('.') || part.startsWith('_')) return `"${part}" starts with "." or "_"`;
  }
  return null;
}
