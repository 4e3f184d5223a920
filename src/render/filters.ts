// The template filters (CONTRIBUTING "Template filters"), and their pure functions for reuse in tests.
import type nunjucks from 'nunjucks';
import { escapeCell, escapeMarkdown } from './escape-markdown.js';
import { escapeMermaidLabel, escapeMermaidText, mermaidId } from './escape-mermaid.js';
import { slugify } from './slugify.js';
import { jsonValue, pad, yamlString } from './value-filters.js';

export { collapseWhitespace, escapeCell, escapeMarkdown } from './escape-markdown.js';
export { escapeMermaidLabel, escapeMermaidText, mermaidId } from './escape-mermaid.js';
export { SLUG_MAX_LENGTH, slugify } from './slugify.js';
export { jsonValue, pad, yamlString } from './value-filters.js';

/** Filter name → implementation. Every filter takes the piped value first. */
export const FILTERS: Readonly<Record<string, (value: unknown, ...args: unknown[]) => string>> = {
  md: escapeMarkdown,
  cell: escapeCell,
  mmd: escapeMermaidLabel,
  mmd_text: escapeMermaidText,
  mmd_id: mermaidId,
  slug: slugify,
  yaml_str: yamlString,
  json: jsonValue,
  pad,
};

/** Register the studio filters on a nunjucks environment. */
export function registerFilters(env: nunjucks.Environment): void {
  for (const [name, fn] of Object.entries(FILTERS)) env.addFilter(name, fn);
}
