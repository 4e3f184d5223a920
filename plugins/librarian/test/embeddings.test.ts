import { cpSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddingsUnavailable, localEmbedder } from '../src/embeddings.js';
import { ChunkStore } from '../src/store.js';
import { ALERTS_MD, PARKING_MD, ROOT, TINY_MODEL, tempDir } from './helpers.js';

const transformersInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
})();

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});
/** A writable copy of the tiny model, named `name`. */
function modelCopy(name = 'tiny-bow-en'): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dir = join(t.dir, name);
  cpSync(TINY_MODEL, dir, { recursive: true });
  return dir;
}
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const F2_QUERY =
  'Turn notification. When a patient is two places from the front, they get a "come back now" text.';

describe('embeddings adapter: unusable model folders', () => {
  it('refuses a model folder that does not exist (nothing is downloaded instead)', async () => {
    await expect(localEmbedder('/nonexistent/bge-small-en-v1.5')).rejects.toThrow(EmbeddingsUnavailable);
    await expect(localEmbedder('/nonexistent/bge-small-en-v1.5')).rejects.toThrow(/does not exist/);
  });

  it('names the files a folder lacks', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    mkdirSync(join(t.dir, 'empty'));
    await expect(localEmbedder('empty', t.dir)).rejects.toThrow(
      /empty lacks config\.json, tokenizer\.json, tokenizer_config\.json, onnx\/model\.onnx/,
    );
  });

  it('refuses a broken tokenizer file', async () => {
    const dir = modelCopy();
    writeFileSync(join(dir, 'tokenizer.json'), '{"version":');
    await expect(localEmbedder(dir)).rejects.toThrow(/tokenizer\.json .* is not JSON/);
  });

  it.runIf(transformersInstalled)('refuses weights that are not an ONNX graph', async () => {
    const dir = modelCopy();
    writeFileSync(join(dir, 'onnx', 'model.onnx'), 'these are not weights');
    await expect(localEmbedder(dir)).rejects.toThrow(/transformers\.js could not run the model in/);
  });

  it.runIf(!transformersInstalled)('says how to install transformers.js when it is missing', async () => {
    await expect(localEmbedder(TINY_MODEL)).rejects.toThrow(/npm install @huggingface\/transformers/);
  });
});

describe.runIf(transformersInstalled)('embeddings adapter: the tiny local model', () => {
  it('embeds into unit vectors, the same numbers every time, and says how it ran', async () => {
    const embedder = await localEmbedder(TINY_MODEL);
    expect(embedder.name).toBe('tiny-bow-en');
    expect(embedder.detail).toBe('transformers.js, local, mean pooling');
    const [a, b] = await embedder.embed([ALERTS_MD, PARKING_MD]);
    expect(a).toHaveLength(64);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    expect(Math.hypot(...b!)).toBeCloseTo(1, 5);
    expect(await embedder.embed([ALERTS_MD])).toEqual([a]);
    expect(await embedder.embed([])).toEqual([]);
    // Batches of 32: the 33rd text is embedded as it would be alone.
    const many = await embedder.embed([...new Array(32).fill(PARKING_MD), ALERTS_MD]);
    expect(many[32]!.map((x) => x.toFixed(5))).toEqual(a!.map((x) => x.toFixed(5)));
  });

  it('puts a text closer to one that says the same in other words than to one that shares its words', async () => {
    const embedder = await localEmbedder(TINY_MODEL);
    const [query] = await embedder.embed([F2_QUERY], { query: true });
    const [alerts, parking] = await embedder.embed([ALERTS_MD, PARKING_MD]);
    expect(dot(query!, alerts!)).toBeGreaterThan(dot(query!, parking!) + 0.1);
  });

  it('pools as the folder says: a sentence-transformers 1_Pooling/config.json asking for CLS', async () => {
    const dir = modelCopy('tiny-bge-cls');
    mkdirSync(join(dir, '1_Pooling'));
    writeFileSync(
      join(dir, '1_Pooling', 'config.json'),
      JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }),
    );
    const embedder = await localEmbedder(dir);
    // A folder named like bge gets bge's query instruction.
    expect(embedder.detail).toBe('transformers.js, local, cls pooling, query instruction');
    // This model's [CLS] row is the same for every text, so CLS pooling cannot tell texts apart.
    const [a, b] = await embedder.embed([ALERTS_MD, PARKING_MD]);
    expect(a).toEqual(b);
  });

  it('loads 8-bit weights (onnx/model_quantized.onnx) when the full ones are absent', async () => {
    const dir = modelCopy('tiny-q8');
    renameSync(join(dir, 'onnx', 'model.onnx'), join(dir, 'onnx', 'model_quantized.onnx'));
    const [quantized] = await (await localEmbedder(dir)).embed([ALERTS_MD]);
    const [full] = await (await localEmbedder(TINY_MODEL)).embed([ALERTS_MD]);
    expect(quantized).toEqual(full);
  });

  it('reports the ranking as embeddings with the model folder name', async () => {
    const embedder = await localEmbedder(TINY_MODEL);
    expect(ChunkStore.ranking(embedder)).toEqual({
      ranking: 'embedding',
      ranking_detail: 'embeddings: tiny-bow-en (transformers.js, local, mean pooling, cosine similarity)',
    });
  });
});

describe('the tiny model fixture', () => {
  it('is what its generator writes, byte for byte', async () => {
    const generator = join(ROOT, 'test/fixtures/embedding-model/make-model.mjs');
    const { build } = (await import(generator)) as { build(): Record<string, string | Buffer> };
    const files = build();
    const onDisk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => relative(TINY_MODEL, join(e.parentPath, e.name)))
        .sort();
    expect(onDisk(TINY_MODEL)).toEqual(Object.keys(files).sort());
    for (const [file, bytes] of Object.entries(files)) {
      expect(readFileSync(join(TINY_MODEL, file)).equals(Buffer.from(bytes)), file).toBe(true);
    }
    const size = Object.values(files).reduce((n, b) => n + Buffer.byteLength(b), 0);
    expect(size).toBeLessThan(100_000);
  });
});
