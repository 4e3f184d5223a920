// Artifact paths come from third-party manifests and from user text (slugs): they must stay inside the
// output folder and be creatable on Linux, macOS and Windows.

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;
// Characters Windows refuses in names, plus control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[<>:"|?*\u0000-\u001F\\]/;

/** Why `path` is not a safe relative POSIX artifact path, or null when it is. */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'the path is empty';
  if (path.length > 200) return 'the path is longer than 200 characters';
  if (path.includes('\\')) return 'the path contains a backslash (use "/")';
  if (path.startsWith('/')) return 'the path is absolute';
  if (/^[A-Za-z]:/.test(path)) return 'the path starts with a drive letter';
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '') return 'the path has an empty segment ("//" or a trailing "/")';
    if (segment === '..') return 'the path contains ".."';
    if (segment === '.') return 'the path contains "."';
    if (FORBIDDEN_CHARS.test(segment)) return `"${segment}" contains a character Windows refuses`;
    if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or space (refused on Windows)`;
    const stem = segment.split('.')[0] ?? '';
    if (WINDOWS_RESERVED.test(stem)) return `"${segment}" is a reserved name on Windows`;
  }
  return null;
}

/** Paths that differ only by case collide on macOS and Windows: return each colliding group. */
export function caseCollisions(paths: string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const key = p.normalize('NFC').toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].filter((g) => new Set(g).size > 1).map((g) => [...new Set(g)].sort());
}
