// Scaffolding a third-party pack from templates/pack-scaffold (used by `studio pack new` and tests).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { engineVersions } from '../registry/engine.js';
import { npmNameProblem } from '../registry/npm-name.js';
import { listFiles } from '../util/list-files.js';
import { parseVersion } from '../util/semver.js';

/** The scaffold shipped with studio (src/gates and dist/gates are two levels down). */
const SCAFFOLD = fileURLToPath(new URL('../../templates/pack-scaffold/', import.meta.url));

/** Files whose names are stored with a leading "_" so the scaffold itself is not mistaken for a package. */
const RENAMES: Record<string, string> = { '_package.json': 'package.json' };

/** Pack id from a package name: "@acme/pack-payments" → "payments", "travel-pack" → "travel". */
export function defaultPackId(name: string): string {
  const last = name.split('/').pop() ?? name;
  const id = last
    .replace(/^(studio-)?pack-/, '')
    .replace(/-(studio-)?pack$/, '')
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
  return id || 'my-pack';
}

/** Write a new pack into `out` (which must be missing or empty); returns the files written. */
export function scaffoldPack(opts: { name: string; id?: string; title?: string; out: string }): {
  id: string;
  files: string[];
} {
  const nameProblem = npmNameProblem(opts.name);
  if (nameProblem) {
    throw new StudioError(
      ErrorCodes.FLAG_INVALID,
      `"${opts.name}" is not a valid npm package name: ${nameProblem}`,
      {
        hint: 'Use lowercase letters, digits and dashes, optionally scoped: @scope/name.',
      },
    );
  }
  const id = opts.id ?? defaultPackId(opts.name);
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(id)) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, `"${id}" is not a valid pack id`, {
      hint: 'Pack ids are lowercase letters, digits and dashes, starting with a letter (--id).',
    });
  }
  const title =
    opts.title ??
    id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ');
  // eslint-disable-next-line no-control-regex
  if (/["\\\u0000-\u001F]/.test(title)) {
    throw new StudioError(
      ErrorCodes.FLAG_INVALID,
      'the title may not contain quotes, backslashes or control characters',
    );
  }
  if (existsSync(opts.out) && readdirSync(opts.out).length > 0) {
    throw new StudioError(ErrorCodes.FLAG_INVALID, `${opts.out} exists and is not empty`, {
      hint: 'Choose another folder with -o.',
    });
  }
  const host = engineVersions();
  const engine = parseVersion(host.engine)!;
  const spec = parseVersion(host.spec)!;
  const values: Record<string, string> = {
    __PACK_NAME__: opts.name,
    __PACK_ID__: id,
    __PACK_TITLE__: title,
    __PRODUCES__: `${id.replace(/-/g, '_')}_overview`,
    __ENGINE_RANGE__: `>=${engine.major}.${engine.minor}.0 <${engine.major + 1}.0.0`,
    __SPEC_RANGE__: `^${spec.major}.0.0`,
  };
  const files: string[] = [];
  for (const rel of listFiles(SCAFFOLD)) {
    const parts = rel.split('/');
    parts[parts.length - 1] = RENAMES[parts[parts.length - 1]!] ?? parts[parts.length - 1]!;
    const target = join(opts.out, ...parts);
    let text = readFileSync(join(SCAFFOLD, rel), 'utf8');
    for (const [key, value] of Object.entries(values)) text = text.split(key).join(value);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, text);
    files.push(parts.join('/'));
  }
  return { id, files };
}
