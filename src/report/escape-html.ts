// Every value in the run report comes from user files, plugins or the file system: it is escaped so it
// can only ever be text, in element content and in quoted attribute values alike.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 controls other than tab, LF and CR; DEL; C1 controls. HTML forbids them as literal characters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** `value` as HTML text, safe in element content and in single- or double-quoted attributes.
 *  Control characters become U+FFFD so they stay visible without being emitted raw. */
export function escapeHtml(value: string | number | boolean): string {
  return String(value)
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]!)
    .replace(CONTROL, '\uFFFD');
}
