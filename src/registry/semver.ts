// A small, dependency-free semver 2.0 implementation: enough for engine and spec-version ranges in pack
// manifests and registry indexes (comparators, ^, ~, x-ranges, hyphen ranges, ||). `semver` is only a
// transitive dependency here, and the host must not lean on what another package happens to pull in.

/** A parsed version. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Pre-release identifiers; empty for a release. */
  pre: (string | number)[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const VERSION_RE = new RegExp(
  `^v?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);

/** Parse a full version ("1.2.3", "1.2.3-rc.1"); null when it is not one. */
export function parseVersion(text: string): SemVer | null {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return null;
  const nums = [m[1], m[2], m[3]].map(Number);
  if (nums.some((n) => !Number.isSafeInteger(n))) return null;
  const pre = m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major: nums[0]!, minor: nums[1]!, patch: nums[2]!, pre };
}

export function isValidVersion(text: string): boolean {
  return parseVersion(text) !== null;
}

function comparePre(a: SemVer['pre'], b: SemVer['pre']): number {
  if (a.length === 0 && b.length === 0) return 0;
  if (a.length === 0) return 1;
  if (b.length === 0) return -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Semver precedence: negative, zero or positive. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || comparePre(a.pre, b.pre);
}

/** Compare two version strings (both must be valid). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) throw new TypeError(`not a version: ${x ? b : a}`);
  return compareSemVer(x, y);
}

type Op = '<' | '<=' | '>' | '>=' | '=';
interface Comparator {
  op: Op;
  v: SemVer;
}

const PARTIAL_RE =
  /^v?(\*|x|X|0|[1-9]\d*)(?:\.(\*|x|X|0|[1-9]\d*))?(?:\.(\*|x|X|0|[1-9]\d*))?(?:-([0-9A-Za-z.-]+))?$/;

interface Partial {
  major: number | null;
  minor: number | null;
  patch: number | null;
  pre: SemVer['pre'];
}

function parsePartial(text: string): Partial | null {
  const m = PARTIAL_RE.exec(text);
  if (!m) return null;
  const num = (s: string | undefined): number | null =>
    s === undefined || /^[*xX]$/.test(s) ? null : Number(s);
  const major = num(m[1]);
  const minor = major === null ? null : num(m[2]);
  const patch = minor === null ? null : num(m[3]);
  const pre = m[4] && patch !== null ? (parseVersion(`${major}.${minor}.${patch}-${m[4]}`)?.pre ?? null) : [];
  if (pre === null) return null;
  return { major, minor, patch, pre };
}

const v = (major: number, minor: number, patch: number, pre: SemVer['pre'] = []): SemVer => ({
  major,
  minor,
  patch,
  pre,
});
// The smallest pre-release of a version: `<2.0.0-0` excludes 2.0.0's pre-releases too.
const floor = (major: number, minor: number, patch: number): SemVer => v(major, minor, patch, [0]);

function expand(op: string, p: Partial): Comparator[] | null {
  const { major, minor, patch, pre } = p;
  if (op === '^' || op === '~') {
    if (major === null) return [];
    const lo = v(major, minor ?? 0, patch ?? 0, pre);
    let hi: SemVer;
    if (op === '~') hi = minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0);
    else if (major > 0 || minor === null) hi = floor(major + 1, 0, 0);
    else if (minor > 0 || patch === null) hi = floor(0, minor + 1, 0);
    else hi = floor(0, 0, patch + 1);
    return [
      { op: '>=', v: lo },
      { op: '<', v: hi },
    ];
  }
  if (major === null) return op === '<' || op === '>' ? [{ op: '<', v: v(0, 0, 0, [0]) }] : [];
  if (minor === null || patch === null) {
    // x-range: "1" or "1.2" with an operator.
    const lo = v(major, minor ?? 0, 0);
    const hi = minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0);
    switch (op) {
      case '':
      case '=':
        return [
          { op: '>=', v: lo },
          { op: '<', v: hi },
        ];
      case '>':
        return [{ op: '>=', v: hi }];
      case '>=':
        return [{ op: '>=', v: lo }];
      case '<':
        return [{ op: '<', v: floor(lo.major, lo.minor, 0) }];
      case '<=':
        return [{ op: '<', v: hi }];
      default:
        return null;
    }
  }
  const exact = v(major, minor, patch, pre);
  const o = (op === '' ? '=' : op) as Op;
  if (!['<', '<=', '>', '>=', '='].includes(o)) return null;
  return [{ op: o, v: exact }];
}

/** Parse a range into OR-ed sets of AND-ed comparators; null when it is not a valid range. */
function parseRange(range: string): Comparator[][] | null {
  if (range.length > 256) return null;
  const sets: Comparator[][] = [];
  for (const raw of range.split('||')) {
    const text = raw.trim().replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1');
    const comparators: Comparator[] = [];
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) {
      const a = parsePartial(hyphen[1]!);
      const b = parsePartial(hyphen[2]!);
      if (!a || !b) return null;
      comparators.push(...(expand('>=', a) ?? []));
      const hi = expand('<=', b);
      if (!hi) return null;
      comparators.push(...hi);
    } else if (text !== '') {
      for (const token of text.split(/\s+/)) {
        const m = /^(<=|>=|<|>|=|\^|~>?|)(.*)$/.exec(token)!;
        const p = parsePartial(m[2]!);
        if (!p) return null;
        const c = expand(m[1] === '~>' ? '~' : m[1]!, p);
        if (!c) return null;
        comparators.push(...c);
      }
    }
    sets.push(comparators);
  }
  return sets;
}

/** Whether `range` is a valid semver range. */
export function isValidRange(range: string): boolean {
  return typeof range === 'string' && range.trim() !== '' && parseRange(range) !== null;
}

function test(c: Comparator, ver: SemVer): boolean {
  const d = compareSemVer(ver, c.v);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    default:
      return d === 0;
  }
}

/** Whether `version` satisfies `range`, with npm's rule that a pre-release only matches a comparator
 *  set naming a pre-release of the same major.minor.patch. */
export function satisfies(version: string, range: string): boolean {
  const ver = parseVersion(version);
  const sets = parseRange(range);
  if (!ver || !sets) return false;
  return sets.some((set) => {
    if (!set.every((c) => test(c, ver))) return false;
    if (ver.pre.length === 0) return true;
    return set.some(
      (c) =>
        c.v.pre.length > 0 &&
        !(c.v.pre.length === 1 && c.v.pre[0] === 0 && c.op === '<') &&
        c.v.major === ver.major &&
        c.v.minor === ver.minor &&
        c.v.patch === ver.patch,
    );
  });
}
