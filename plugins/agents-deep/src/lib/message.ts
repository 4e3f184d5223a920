// Human-facing prose leaves the agents as data: a message id of the pack's catalog (catalogs/en-US.json,
// ICU MessageFormat) with its arguments, formatted by the templates' `t` filter for the spec's locale.
// Numbers stay numbers so the catalog formats them for the locale ("43.2" in English, "43,2" in French).

/** An argument: text, a number, a message formatted first (a window, a budget inside a sentence), or a
 *  list of them (formatted one by one and joined with ", "). */
export type MessageArg = string | number | Message | readonly (string | Message)[];

/** One catalog message with its arguments (the shape of `Message` in @studio/sdk). */
export interface Message {
  msg: string;
  args?: Record<string, MessageArg>;
}

/** A message, without an empty `args`. */
export function msg(id: string, args?: Record<string, MessageArg>): Message {
  return args === undefined ? { msg: id } : { msg: id, args };
}
