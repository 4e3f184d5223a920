// Metadata from plugins and users is printed to terminals: strip C0/C1 control characters (ANSI
// escapes included) so that nothing printed can move the cursor, recolour or hide text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_WITH_NEWLINES = /[\u0000-\u001F\u007F-\u009F]/g;

export function stripControl(text: string, options: { keepNewlines?: boolean } = {}): string {
  if (options.keepNewlines) return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  return text.replace(CONTROL_WITH_NEWLINES, '');
}
