// YAML: every document in the file parses (yaml 2, YAML 1.2 core schema, duplicate keys refused).
import type { Finding } from '@studio/sdk';
import { packageVersion } from './package-version.js';
import type { HostValidator } from './types.js';

/** Parse errors of `content` as findings (empty when it parses). */
export async function yamlFindings(path: string, content: string, rule = 'yaml-parse'): Promise<Finding[]> {
  const { parseAllDocuments } = await import('yaml');
  const findings: Finding[] = [];
  const docs = parseAllDocuments(content, { prettyErrors: true, uniqueKeys: true });
  const errors = [...docs].flatMap((d) => d.errors);
  for (const e of errors) {
    // prettyErrors appends "at line L, column C:" and an excerpt; the position is reported separately.
    const text = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
    const finding: Finding = { path, rule, message: `${text} (${e.code})` };
    if (e.linePos?.[0]) {
      finding.line = e.linePos[0].line;
      finding.column = e.linePos[0].col;
    }
    findings.push(finding);
  }
  return findings;
}

export function createYamlValidator(): HostValidator {
  return {
    id: 'yaml',
    version: packageVersion('yaml'),
    formats: ['yaml'],
    configDigest: 'uniqueKeys=true',
    async validate(files) {
      const all = await Promise.all(files.map((f) => yamlFindings(f.path, f.content)));
      return all.flat();
    },
  };
}
