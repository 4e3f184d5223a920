// Where each error code is explained. The anchor is the one GitHub (and most Markdown renderers) give the
// code's heading in docs/troubleshooting.md; a test keeps the two in step.

/** The heading anchor of a code's entry in docs/troubleshooting.md. */
export function troubleshootingAnchor(code: string): string {
  return code.toLowerCase();
}

/** The page and anchor of a code's entry, relative to the studio package (docs/ ships with it). */
export function troubleshootingLink(code: string): string {
  return `docs/troubleshooting.md#${troubleshootingAnchor(code)}`;
}
