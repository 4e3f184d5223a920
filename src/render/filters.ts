// The template filters (CONTRIBUTING "Template filters"), and their pure functions for reuse in tests.
import type nunjucks from 'nunjucks';
import { SLUG_MAX_LENGTH, slugify } from '@studio/sdk';
import { escapeCell, escapeMarkdown, toText } from './escape-markdown.js';
import { escapeMermaidLabel, escapeMermaidText, mermaidId } from './escape-mermaid.js';
import { jsonValue, pad, yamlString } from './value-filters.js';

export { collapseWhitespace, escapeCell, escapeMarkdown } from './escape-markdown.js';
export { escapeMermaidLabel, escapeMermaidText, mermaidId } from './escape-mermaid.js';
export { SLUG_MAX_LENGTH };

/** The `slug` filter: any scalar through the one slugify of @studio/sdk. */
export function slug(value: unknown): string {
  return slugify(toText(value, 'slug'));
}
export { jsonValue, pad, yamlString } from './value-filters.js';

/** Filter name → implementation. Every filter takes the piped value first. */
export const FILTERS: Readonly<Record<string, (value: unknown, ...args: unknown[]) => string>> = {
  md: escapeMarkdown,
  cell: escapeCell,
  mmd: escapeMermaidLabel,
  mmd_text: escapeMermaidText,
  mmd_id: mermaidId,
  slug,
  yaml_str: yamlString,
  json: jsonValue,
  pad,
};

/** Register the studio filters on a nunjucks environment. */
export function registerFilters(env: nunjucks.Environment): void {
  for (const [name, fn] of Object.entries(FILTERS)) env.addFilter(name, fn);
}
