// Message resolution and formatting for one pack in one run: the locale catalog first, the English
// source catalog as the per-message fallback. A message id the source does not have, or an argument
// a message needs and did not get, is a MessageError; the renderer reports it with pack, template and
// line (E_MESSAGE_INVALID).
import { unwrapStrict } from '../render/strict-context.js';
import type { CatalogMessage, MessageCatalog } from './catalog.js';
import { formatMessage } from './messages.js';

export class MessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageError';
  }
}

export interface Translator {
  /** Format a message id (with `args`) or a Message object (`{msg, args}`, merged with `args`). */
  format(value: unknown, args?: unknown): string;
}

/** What a run resolved for one pack's messages. */
export interface PackMessages {
  /** English source catalog; null when the pack has none (its templates are literal text). */
  source: MessageCatalog | null;
  /** The run locale's catalog from a locale pack, or null. */
  localized: MessageCatalog | null;
  /** Locale messages are formatted in. */
  locale: string;
  /** Ids of the source that the run shows in English although its locale is another language. */
  fallback: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type Args = Record<string, string | number>;

/** Nested messages deeper than this are refused (a message argument may itself be a message). */
const MAX_DEPTH = 4;

export function createTranslator(packId: string, messages: PackMessages): Translator {
  const pick = (id: string): { message: CatalogMessage; catalog: MessageCatalog } => {
    const local = messages.localized?.messages.get(id);
    if (local && messages.localized) return { message: local, catalog: messages.localized };
    const source = messages.source?.messages.get(id);
    if (source && messages.source) return { message: source, catalog: messages.source };
    const where = messages.source
      ? `the catalog ${messages.source.name}`
      : `pack "${packId}" (it has no catalogs/en-US.json)`;
    throw new MessageError(`unknown message id "${id}": not in ${where}`);
  };

  const argsOf = (value: unknown, what: string, depth: number): Args => {
    const real = unwrapStrict(value);
    if (real === undefined || real === null) return {};
    if (!isPlainObject(real)) throw new MessageError(`${what} must be an object of name → text or number`);
    const out: Args = {};
    for (const [key, v] of Object.entries(real)) {
      const arg = unwrapStrict(v);
      if (typeof arg === 'string' || (typeof arg === 'number' && Number.isFinite(arg))) out[key] = arg;
      else if (isPlainObject(arg) && typeof unwrapStrict(arg.msg) === 'string')
        out[key] = format(arg, undefined, depth + 1);
      else {
        const got = arg === null ? 'null' : Array.isArray(arg) ? 'a list' : typeof arg;
        throw new MessageError(
          `argument "${key}" is ${got}; message arguments are text, finite numbers or messages`,
        );
      }
    }
    return out;
  };

  function format(value: unknown, extra: unknown, depth: number): string {
    if (depth > MAX_DEPTH) throw new MessageError(`messages nest deeper than ${MAX_DEPTH} levels`);
    const real = unwrapStrict(value);
    let id: string;
    let args: Args;
    if (typeof real === 'string') {
      id = real;
      args = argsOf(extra, 'the arguments of t', depth);
    } else if (isPlainObject(real) && typeof unwrapStrict(real.msg) === 'string') {
      id = unwrapStrict(real.msg) as string;
      args = {
        ...argsOf(real.args, `the args of message "${id}"`, depth),
        ...argsOf(extra, 'the arguments of t', depth),
      };
    } else {
      throw new MessageError('t formats a message id (text) or a message object {msg, args}');
    }
    const { message, catalog } = pick(id);
    try {
      return formatMessage(message.ast, message.text, message.locale, args);
    } catch (error) {
      const detail =
        error instanceof Error ? error.message.replace(/ to the string ".*"$/s, '') : String(error);
      throw new MessageError(`message "${id}" of ${catalog.name} could not be formatted: ${detail}`);
    }
  }

  return { format: (value, extra) => format(value, extra, 0) };
}
