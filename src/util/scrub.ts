import { existsSync } from 'node:fs';
import { homedir } from 'node:os';

// Audit data must not carry machine paths or personal data from the input (DESIGN §6).
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone-like runs: optional +, then 7+ digits possibly separated by spaces, dots, dashes or parentheses.
const PHONE = /\+?\(?\d[\d\s().-]{6,}\d/g;
// Absolute POSIX paths of two or more segments, and Windows drive paths. A JSON pointer looks the
// same ("/features/0/acceptance"), so a POSIX match only counts when its first segment is a real
// folder at the file-system root (/home, /tmp, /Users, /var …).
const POSIX_ABS = /(^|[\s"'=(:])(\/([^\s/"']+)(?:\/[^\s/"']*)+)/g;
const rootFolders = new Map<string, boolean>();
function isRootFolder(name: string): boolean {
  let known = rootFolders.get(name);
  if (known === undefined) {
    known = existsSync(`/${name}`);
    rootFolders.set(name, known);
  }
  return known;
}
const WINDOWS_ABS = /\b[A-Za-z]:\\[^\s"']*/g;

export function scrubText(text: string): string {
  let out = text;
  const home = homedir();
  if (home && home !== '/') out = out.split(home).join('~');
  out = out.split(process.cwd()).join('.');
  return out
    .replace(EMAIL, '<email>')
    .replace(WINDOWS_ABS, '<path>')
    .replace(POSIX_ABS, (m, lead: string, _path: string, first: string) =>
      isRootFolder(first) ? `${lead}<path>` : m,
    )
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '<phone>' : m));
}

/** Deep-scrub strings inside any JSON-like value. */
export function scrub(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v);
    return out;
  }
  return value;
}
