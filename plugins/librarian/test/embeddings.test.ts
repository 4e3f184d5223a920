import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddingsUnavailable, localEmbedder } from '../src/embeddings.js';
import { ChunkStore } from '../src/store.js';
import { tempDir } from './helpers.js';

const transformersInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@huggingface/transformers');
    return true;
  } catch {
    return false;
  }
})();

describe('embeddings adapter', () => {
  it('refuses a model folder that does not exist (nothing is downloaded instead)', async () => {
    await expect(localEmbedder('/nonexistent/bge-small-en-v1.5')).rejects.toThrow(EmbeddingsUnavailable);
    await expect(localEmbedder('/nonexistent/bge-small-en-v1.5')).rejects.toThrow(/does not exist/);
  });

  it.runIf(!transformersInstalled)(
    'says how to install transformers.js when a model folder is configured',
    async () => {
      const t = tempDir();
      try {
        const model = join(t.dir, 'bge-small-en-v1.5');
        mkdirSync(model);
        await expect(localEmbedder(model)).rejects.toThrow(/npm install @huggingface\/transformers/);
      } finally {
        t.cleanup();
      }
    },
  );

  it('ranks lexically when no model is configured, and says so', () => {
    expect(ChunkStore.ranking(null)).toEqual({
      ranking: 'lexical',
      ranking_detail: 'lexical (LanceDB full-text index, BM25)',
    });
  });
});
