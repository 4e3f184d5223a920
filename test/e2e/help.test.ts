import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, studio } from './cli.js';

beforeAll(() => ensureBuilt());

/** The help text from a heading to the next blank-line-separated heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const rest = text.slice(start);
  const next = rest.slice(heading.length + 1).search(/\n\n[A-Z]+\n/);
  return next < 0 ? rest.trimEnd() : rest.slice(0, heading.length + 1 + next).trimEnd();
}

describe('help', () => {
  it('lists the topics and commands', () => {
    const r = studio(['--help'], { env: { COLUMNS: '80' } });
    expect(r.status).toBe(0);
    expect(section(r.stdout, 'TOPICS')).toMatchInlineSnapshot(`
      "TOPICS
        pack      Create, verify and list template packs.
        plugins   Install, link and remove pack plugins (checked against the registry
                  and the gates).
        registry  Browse and check the registry indexes of packs."
    `);
    expect(section(r.stdout, 'COMMANDS')).toMatchInlineSnapshot(`
      "COMMANDS
        generate  Generate a pack of planning documents from an Idea Card and a
                  Decision Sheet.
        help      Display help for studio.
        init      Write a starter Idea Card and Decision Sheet.
        migrate   Upgrade a Source Spec to the format this engine writes.
        plugins   List installed plugins.
        research  Collect evidence from files, folders and (with --research) URLs into
                  an evidence snapshot.
        update    Regenerate, merging your hand edits into the new render.
        validate  Check a Source Spec, or an Idea Card and Decision Sheet, against
                  their schemas.
        verify    Check an output folder against its artifact_index.json."
    `);
  });

  it('generate --help documents every flag', () => {
    const r = studio(['generate', '--help'], { env: { COLUMNS: '80' } });
    expect(r.status).toBe(0);
    expect(section(r.stdout, 'FLAGS')).toMatchInlineSnapshot(`
      "FLAGS
        -o, --out=<value>        Output folder (replaced as a whole). Default: the
                                 config's "out", else out.
        -p, --pack=<value>...    Pack id to generate (repeatable). Default: the
                                 config's "pack", else balanced.
            --decisions=<value>  Decision Sheet (YAML or JSON); defaults apply when
                                 omitted.
            --dials=<value>      Override dials: audience=…,flow=…,test=…
            --dry-run            Render and validate, print a unified diff of what
                                 would change on disk, write nothing.
            --evidence=<value>   Evidence folder written by "studio research": adds an
                                 Evidence section citing its chunks (read only; no
                                 network).
            --force              Overwrite files edited by hand since the previous run
                                 (see \`studio update\`), and accept a spec whose
                                 spec_version is newer than this engine supports.
            --idea=<value>       Idea Card (YAML or JSON).
            --locale=<value>     BCP 47 locale of the documents (default from the
                                 Decision Sheet, else en-US).
            --no-cache           Do not read or write the caches (validation passes,
                                 compiled templates and catalogs, parsed inputs,
                                 report HTML).
            --offline            Never open a network connection (always: --evidence
                                 reads a snapshot; only "studio research --research"
                                 fetches).
            --spec=<value>       A Source Spec (JSON/YAML) instead of
                                 --idea/--decisions.

      GLOBAL FLAGS
        --json  Format output as json."
    `);
  });
});
