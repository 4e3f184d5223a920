// JSON: strict RFC 8259 parse (duplicate keys refused), errors located by line and column.
import type { Finding } from '@studio/sdk';
import { JsonSyntaxError, parseJsonWithPositions } from '../inputs/json-positions.js';
import { lineIndex } from '../inputs/line-index.js';
import type { HostValidator } from './types.js';

/** Parse `content`; a syntax error becomes a finding. Returns the parsed value when it parses. */
export function parseJsonFile(
  path: string,
  content: string,
  findings: Finding[],
): { ok: true; value: unknown; positions: Map<string, number> } | { ok: false } {
  try {
    const { value, positions } = parseJsonWithPositions(content);
    return { ok: true, value, positions };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineIndex(content)(error.offset);
    findings.push({ path, line, column, rule: 'json-parse', message: error.message });
    return { ok: false };
  }
}

export function createJsonValidator(): HostValidator {
  return {
    id: 'json',
    // Our own parser: bump when src/inputs/json-positions.ts changes what it accepts.
    version: 'studio-json-1',
    formats: ['json'],
    configDigest: '',
    async validate(files) {
      const findings: Finding[] = [];
      for (const f of files) parseJsonFile(f.path, f.content, findings);
      return findings;
    },
  };
}
