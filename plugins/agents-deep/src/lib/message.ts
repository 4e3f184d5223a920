// Human-facing prose leaves the agents as data: a message id of the pack's catalog (catalogs/en-US.json,
// ICU MessageFormat) with its arguments, formatted by the templates' `t` filter for the spec's locale.
// Numbers stay numbers so the catalog formats them for the locale ("43.2" in English, "43,2" in French).
// Arguments are text, numbers or messages; a list of messages is left to the template to join.
export { msg, type Message } from '@studio/sdk';
