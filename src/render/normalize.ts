// Output normalization: every rendered artifact has LF line endings, no trailing whitespace and exactly
// one final newline, so bytes do not depend on template formatting details or on the platform.

export interface NormalizeOptions {
  /** Collapse runs of blank lines to one and drop leading blank lines (Markdown/Mermaid; markdownlint
   *  MD012). Lines inside fenced code blocks are left alone. Default true. */
  collapseBlankLines?: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function normalizeOutput(text: string, options: NormalizeOptions = {}): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  let out = lines;
  if (options.collapseBlankLines ?? true) {
    out = [];
    let fence: string | null = null;
    for (const line of lines) {
      const match = FENCE.exec(line);
      if (match?.[1]) {
        const marker = match[1];
        if (fence === null) fence = marker;
        else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      }
      const blank = line === '';
      if (blank && fence === null && (out.length === 0 || out[out.length - 1] === '')) continue;
      out.push(line);
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
