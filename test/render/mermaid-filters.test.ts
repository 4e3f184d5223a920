// Adversarial user text placed in every Mermaid position the templates use must parse with mermaid's
// own parser and come out of it as the user's text (after mermaid's entity decoding).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  escapeMermaidLabel as mmd,
  escapeMermaidText as mmdText,
  mermaidId,
} from '../../src/render/filters.js';
import { createMermaidValidator } from '../../src/validators/mermaid.js';
import { ADVERSARIAL } from './adversarial.js';

interface DiagramDb {
  getVertices(): Map<string, { text: string }>;
  getEdges(): { text: string }[];
  getActors(): Map<string, { description: string }>;
  getMessages(): { message: string }[];
  getStates(): Map<string, { descriptions: string[] }>;
}
interface MermaidModule {
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: DiagramDb }> };
}

const validator = createMermaidValidator();
let mermaid: MermaidModule;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const expected = (s: string): string => s.replace(CONTROL, '').replace(/\s+/gu, ' ').trim() || '-';

/** What a browser shows for a label: mermaid's entity placeholders back to `&…;`, then HTML-decoded. */
function shown(text: string): string {
  const html = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return html.replace(/&(#\d+|quot|lt|gt|amp);/g, (_m, code: string) =>
    code.startsWith('#') ? String.fromCodePoint(Number(code.slice(1))) : named[code]!,
  );
}

async function parses(path: string, content: string): Promise<void> {
  expect(await validator.validate([{ path, content }])).toEqual([]);
}

beforeAll(async () => {
  await parses('warm-up.mmd', 'flowchart TD\n  A --> B\n');
  mermaid = (await import('mermaid')).default as unknown as MermaidModule;
});

describe.each(ADVERSARIAL.map((t) => [t]))('mermaid positions with %j', (text) => {
  it('flowchart node and edge labels', async () => {
    const id = mermaidId(text);
    const src = `flowchart TD\n  ${id}["${mmd(text)}"] -->|"${mmd(text)}"| B["${mmd(text)}"]\n  B --> ${id}\n`;
    await parses('flow.mmd', src);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(src);
    expect(shown(db.getVertices().get(id)!.text)).toBe(expected(text));
    expect(shown(db.getEdges()[0]!.text)).toBe(expected(text));
  });

  it('sequence participant alias, message and note', async () => {
    const id = mermaidId(text);
    const src = [
      'sequenceDiagram',
      `  participant ${id} as ${mmdText(text)}`,
      '  participant P2 as Other',
      `  ${id}->>P2: ${mmdText(text)}`,
      `  Note right of P2: ${mmdText(text)}`,
      `  P2-->>${id}: ${mmdText(text)}`,
      '',
    ].join('\n');
    await parses('seq.mmd', src);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(src);
    expect(shown(db.getActors().get(id)!.description)).toBe(expected(text));
    expect(db.getMessages().map((m) => shown(m.message))).toEqual([
      expected(text),
      expected(text),
      expected(text),
    ]);
  });

  it('state names, descriptions and transition labels', async () => {
    const src = [
      'stateDiagram-v2',
      `  state "${mmd(text)}" as S1`,
      '  [*] --> S1',
      `  S1 : ${mmdText(text)}`,
      `  S1 --> S2 : ${mmdText(text)}`,
      '  S2 --> [*]',
      '',
    ].join('\n');
    await parses('state.mmd', src);
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(src);
    expect(db.getStates().get('S1')!.descriptions.map(shown)).toEqual([expected(text), expected(text)]);
  });
});

describe('mermaid escaping, property', () => {
  const NASTY = [...'"#;:<>`{}[]()|%&-=+*/\\\' \nabcXYZ09', 'end', '-->', '%%', 'click', '🚀', 'ש'];
  const nasty = fc.array(fc.constantFrom(...NASTY), { maxLength: 25 }).map((p) => p.join(''));

  it('any text parses in a flowchart label and a sequence message', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (text) => {
        await parses('p.mmd', `flowchart LR\n  A["${mmd(text)}"] --> B\n`);
        await parses('q.mmd', `sequenceDiagram\n  A->>B: ${mmdText(text)}\n`);
      }),
      { numRuns: 60 },
    );
  });
});
