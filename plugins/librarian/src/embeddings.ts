// Embeddings are an adapter. Nothing is embedded unless the config names a local model folder
// (`research.embeddings_model`, e.g. a bge-small-en-v1.5 ONNX export): transformers.js then runs it with
// remote models disabled, so nothing is ever downloaded. transformers.js is an optional dependency the
// user installs (`npm install @huggingface/transformers`); it is imported only when configured.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface Embedder {
  /** Words for the output, e.g. "bge-small-en-v1.5 via transformers.js, local". */
  detail: string;
  /** One normalized vector per text; `query` marks search queries (bge adds an instruction). */
  embed(texts: string[], options?: { query?: boolean }): Promise<number[][]>;
}

/** bge (v1.5, English) retrieves best when queries carry this instruction and passages do not. */
const BGE_QUERY_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: object,
  ): Promise<(texts: string[], options: object) => Promise<{ tolist(): number[][] }>>;
}

export class EmbeddingsUnavailable extends Error {}

/** An embedder over the model in `folder`. */
export async function localEmbedder(folder: string): Promise<Embedder> {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new EmbeddingsUnavailable(`the embeddings model folder ${folder} does not exist`);
  let transformers: Transformers;
  try {
    // A variable specifier: the package is optional and not installed by default.
    const name = '@huggingface/transformers';
    transformers = (await import(name)) as Transformers;
  } catch {
    throw new EmbeddingsUnavailable(
      'research.embeddings_model is set but @huggingface/transformers is not installed (npm install @huggingface/transformers)',
    );
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = dirname(dir);
  const extract = await transformers.pipeline('feature-extraction', basename(dir), {
    local_files_only: true,
  });
  const name = basename(dir);
  const instruct = /bge/i.test(name);
  return {
    detail: `${name} via transformers.js, local`,
    async embed(texts, options = {}) {
      const input = options.query && instruct ? texts.map((t) => BGE_QUERY_INSTRUCTION + t) : texts;
      const output = await extract(input, { pooling: 'cls', normalize: true });
      return output.tolist();
    },
  };
}
