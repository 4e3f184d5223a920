// Which registry indexes may vouch for an install. The shipped index must carry a valid signature by
// the shipped key. Any other index is used for installs only when it is signed by a key the user
// trusts, or when the user trusted that index file explicitly (`--trust-index <path>` for one command,
// or an entry in the user-level trust file). A project's `.studiorc` can list indexes, but cannot make
// them trusted: that decision lives outside the project, in the user's config folder.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import {
  type NamedKey,
  type SignatureStatus,
  checkSignature,
  describeSignature,
  namedKey,
  shippedKey,
  signaturePath,
} from '../registry/signature.js';

/** The user-level trust file: `<config dir>/trust.json`. */
export interface UserTrust {
  /** Public keys (PEM) by label: an index signed by one of them is trusted. */
  keys: NamedKey[];
  /** Absolute index paths the user trusts whatever their signature. */
  indexes: string[];
  /** The trust file (shown in hints). */
  file: string;
}

/** studio's user config folder, as oclif computes it (STUDIO_CONFIG_DIR wins). */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STUDIO_CONFIG_DIR) return env.STUDIO_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'studio');
}

export const TRUST_FILE = 'trust.json';

/** Read `<configDir>/trust.json`; a malformed file is an error (silently ignoring it would hide why). */
export function readUserTrust(configDir: string = defaultConfigDir()): UserTrust {
  const file = join(configDir, TRUST_FILE);
  if (!existsSync(file)) return { keys: [], indexes: [], file };
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown; indexes?: unknown };
    const keys = Object.entries((data.keys ?? {}) as Record<string, unknown>).map(([label, pem]) =>
      namedKey(String(pem), label),
    );
    const indexes = Array.isArray(data.indexes) ? data.indexes.map((p) => resolve(String(p))) : [];
    return { keys, indexes, file };
  } catch (error) {
    throw new StudioError(ErrorCodes.CONFIG_INVALID, `${file} is invalid: ${(error as Error).message}`, {
      file,
      hint: 'It holds {"keys": {"<label>": "<ed25519 public key PEM>"}, "indexes": ["/abs/path/index.json"]}.',
    });
  }
}

/** Indexes trusted for this process only (`plugins install --trust-index <path>`). */
const sessionTrusted = new Set<string>();

export function trustIndexForThisRun(path: string): void {
  sessionTrusted.add(resolve(path));
}

/** Remove `--trust-index <path>` / `--trust-index=<path>` from argv; returns the paths. */
export function takeTrustIndex(argv: string[]): string[] {
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--trust-index' && i + 1 < argv.length) {
      paths.push(argv[i + 1]!);
      argv.splice(i, 2);
      i--;
    } else if (arg.startsWith('--trust-index=')) {
      paths.push(arg.slice('--trust-index='.length));
      argv.splice(i, 1);
      i--;
    }
  }
  return paths;
}

/** Whether one index may vouch for installs, and the words for it. */
export interface IndexTrust {
  trusted: boolean;
  /** e.g. "signed by the studio project key (key …)", "unsigned, trusted by you". */
  status: string;
  signature: SignatureStatus;
}

/** Judge one index: its text, whether it is the shipped one, and the user's trust. */
export function assessIndex(path: string, text: string, isDefault: boolean, user: UserTrust): IndexTrust {
  const shipped = shippedKey();
  const keys = isDefault ? (shipped ? [shipped] : []) : [...(shipped ? [shipped] : []), ...user.keys];
  const sigFile = signaturePath(path);
  const signature = checkSignature(text, existsSync(sigFile) ? readFileSync(sigFile, 'utf8') : null, keys);
  const described = describeSignature(signature);
  if (signature.state === 'signed') return { trusted: true, status: described, signature };
  if (signature.state === 'invalid') return { trusted: false, status: described, signature };
  const abs = resolve(path);
  if (!isDefault && sessionTrusted.has(abs))
    return { trusted: true, status: `${described}; trusted for this command (--trust-index)`, signature };
  if (!isDefault && user.indexes.includes(abs))
    return { trusted: true, status: `${described}; trusted by you (${user.file})`, signature };
  return { trusted: false, status: `${described}; not trusted`, signature };
}

/** The refusal for an install vouched for by an index that may not vouch. */
export function untrustedIndexError(
  name: string,
  path: string,
  trust: IndexTrust,
  user: UserTrust,
): StudioError {
  if (trust.signature.state === 'invalid') {
    return new StudioError(
      ErrorCodes.INDEX_SIGNATURE_INVALID,
      `${name} is listed by ${path}, whose ${trust.status}`,
      {
        file: path,
        hint: 'The index was changed after it was signed. Get a fresh copy from its maintainers.',
      },
    );
  }
  return new StudioError(
    ErrorCodes.INDEX_UNTRUSTED,
    `${name} is listed by ${path}, which is ${trust.status}`,
    {
      file: path,
      hint: `Nothing was installed. If you trust that index, add --trust-index ${path} to this command, or list it under "indexes" (or its signing key under "keys") in ${user.file}.`,
    },
  );
}
