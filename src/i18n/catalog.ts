// Message catalogs: flat JSON objects, message id → ICU MessageFormat text, one file per locale. A
// content pack ships its English source at `catalogs/en-US.json` beside its `templates/` folder; a
// locale pack (kind "locale") ships translations of other packs' catalogs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { StudioError } from '../errors/studio-error.js';
import { readEntry, writeEntry } from '../util/cache-entry.js';
import { sha256Hex } from '../util/hash.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';
import { MARKUP_RULES, type MessageAst, markupIn, parseMessage } from './messages.js';

/** The locale every source catalog is written in. */
export const SOURCE_LOCALE = 'en-US';
/** Message ids: lowercase dot/snake case, e.g. `prd.heading.risks`. */
export const MESSAGE_ID = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;
/** Most messages one catalog may hold (a bound on what a pack makes the host parse). */
export const CATALOG_MAX_MESSAGES = 20_000;

export interface CatalogMessage {
  text: string;
  /** The parsed message; formatted with formatMessage in `locale`. */
  ast: MessageAst;
  /** The locale of the catalog the message comes from (a merged catalog holds several). */
  locale: string;
}

export interface MessageCatalog {
  /** As shown to users: `<package>/<path>`, never a machine path. */
  name: string;
  locale: string;
  messages: ReadonlyMap<string, CatalogMessage>;
}

/** The source catalog path of a content pack whose plugin root is `root`. */
export function sourceCatalogFile(root: string): string {
  return join(root, 'catalogs', `${SOURCE_LOCALE}.json`);
}

function refuse(name: string, message: string, hint: string, id?: string): StudioError {
  return new StudioError(ErrorCodes.CATALOG_INVALID, `${name}: ${message}`, {
    file: name,
    pointer: id === undefined ? undefined : `/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    hint,
  });
}

/** Check and parse catalog JSON text already read. Every message must parse as ICU MessageFormat
 *  and hold no markup or template syntax. */
export function parseCatalog(text: string, name: string, locale: string): MessageCatalog {
  const data = parseJsonStrict(text, name);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw refuse(name, 'a catalog must be a JSON object of message id → text', 'See docs/pack-authoring.md.');
  }
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length > CATALOG_MAX_MESSAGES) {
    throw refuse(name, `${entries.length} messages, more than ${CATALOG_MAX_MESSAGES}`, 'Split the pack.');
  }
  const messages = new Map<string, CatalogMessage>();
  for (const [id, value] of entries) {
    if (!MESSAGE_ID.test(id)) {
      throw refuse(
        name,
        `"${id}" is not a message id`,
        'Ids are dotted lowercase: "brief.heading.problem".',
        id,
      );
    }
    if (typeof value !== 'string') {
      throw refuse(name, `message "${id}" is not a string`, 'Each value is ICU MessageFormat text.', id);
    }
    let ast: MessageAst | null = null;
    let syntax: string | null = null;
    try {
      ast = parseMessage(value, locale);
    } catch (error) {
      syntax = error instanceof Error ? error.message : String(error);
    }
    const markup = markupIn(value, ast);
    if (markup !== null) {
      throw refuse(
        name,
        `message "${id}" holds ${markup}`,
        'Messages are plain text: markup and template syntax stay in the templates, which escape what t returns.',
        id,
      );
    }
    if (ast === null) {
      throw refuse(
        name,
        `message "${id}" is not valid ICU MessageFormat (${syntax})`,
        "Arguments are {name}, {n, number}, {n, plural, one {# x} other {# xs}}; quote a literal brace as '{'.",
        id,
      );
    }
    messages.set(id, { text: value, ast, locale });
  }
  return { name, locale, messages };
}

/** Bump when what parseCatalog checks, or the form a checked catalog is stored in, changes. */
const CATALOG_CACHE_VERSION = 1;

let parserVersion: string | undefined;
/** intl-messageformat's version (its parser makes the ASTs); its package.json is not exported. */
function messageFormatVersion(): string {
  if (parserVersion === undefined) {
    const require = createRequire(import.meta.url);
    const main = require.resolve('intl-messageformat');
    parserVersion = (
      JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as { version: string }
    ).version;
  }
  return parserVersion;
}

/** Where the checked form of catalog `text` in `locale` is cached: named by the digest of everything
 *  the check and the parse depend on. Only catalogs that passed are stored, so a refused catalog is
 *  always checked again and refused in the current words. */
export function catalogEntryPath(cacheDir: string, text: string, locale: string): string {
  const key = sha256Hex(
    JSON.stringify([
      CATALOG_CACHE_VERSION,
      messageFormatVersion(),
      MESSAGE_ID.source,
      CATALOG_MAX_MESSAGES,
      MARKUP_RULES,
      locale,
      text,
    ]),
  );
  return join(cacheDir, `${key}.json`);
}

/** A stored catalog: [id, text, AST] per message, in catalog order. */
type StoredMessages = [string, string, MessageAst][];

/** The messages of a verified cache entry, or null (missing, damaged, or not the stored form). */
function readStored(file: string, locale: string): Map<string, CatalogMessage> | null {
  const entry = readEntry(file);
  if (entry === null) return null;
  let stored: unknown;
  try {
    stored = JSON.parse(entry.text);
  } catch {
    return null;
  }
  const wellFormed = (m: unknown): m is StoredMessages[number] =>
    Array.isArray(m) && typeof m[0] === 'string' && typeof m[1] === 'string' && Array.isArray(m[2]);
  if (!Array.isArray(stored) || !stored.every(wellFormed)) return null;
  return new Map(stored.map(([id, text, ast]) => [id, { text, ast, locale }]));
}

function writeStored(file: string, catalog: MessageCatalog): void {
  const stored: StoredMessages = [...catalog.messages].map(([id, m]) => [id, m.text, m.ast]);
  try {
    writeEntry(file, JSON.stringify(stored));
  } catch {
    // read-only or full disk: checked again next run
  }
}

/** Catalogs already checked and compiled in this process, by locale, name and exact text. A catalog is
 *  immutable once compiled and formatting is pure, so renders in one process (the gates' harness, a
 *  test suite, the sandbox bench) share it: compiling ~1,000 messages costs 25–45 ms a time. */
const compiledCatalogs = new Map<string, MessageCatalog>();
const COMPILED_CATALOGS_KEPT = 32;

/** Read a catalog file; `name` is how messages name it. A missing file is null. With `cacheDir`, a
 *  catalog checked by an earlier run is read from its verified entry there (checking ~500 messages
 *  costs ~10 ms a run; reading the entry ~1 ms). */
export function readCatalog(
  file: string,
  name: string,
  locale: string,
  cacheDir: string | null = null,
): MessageCatalog | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const key = `${locale}\u0000${name}\u0000${text}`;
  const known = compiledCatalogs.get(key);
  if (known) return known;
  const entry = cacheDir === null ? null : catalogEntryPath(cacheDir, text, locale);
  const stored = entry === null ? null : readStored(entry, locale);
  const catalog = stored ? { name, locale, messages: stored } : parseCatalog(text, name, locale);
  if (entry !== null && stored === null) writeStored(entry, catalog);
  if (compiledCatalogs.size >= COMPILED_CATALOGS_KEPT)
    compiledCatalogs.delete(compiledCatalogs.keys().next().value as string);
  compiledCatalogs.set(key, catalog);
  return catalog;
}
