// Embeddings are an adapter. Nothing is embedded unless the config names a local model folder
// (`research.embeddings_model`, e.g. the ONNX export of bge-small-en-v1.5): transformers.js then runs it
// with remote models disabled and `local_files_only`, so nothing is ever downloaded. transformers.js is
// an optional peer of the Librarian (its ONNX runtime is hundreds of megabytes), imported only when a
// model is configured. A folder that cannot be used is an error, never a quiet return to lexical ranking.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface Embedder {
  /** The model folder's name, as printed: "embeddings: <name>". */
  name: string;
  /** How the model ran, e.g. "transformers.js, local, cls pooling, query instruction". */
  detail: string;
  /** One normalized vector per text; `query` marks search queries (bge adds an instruction). */
  embed(texts: string[], options?: { query?: boolean }): Promise<number[][]>;
}

/** bge (v1.5, English) retrieves best when queries carry this instruction and passages do not. */
const BGE_QUERY_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

/** Files transformers.js reads for a feature-extraction model; the weights may be full or 8-bit. */
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const WEIGHTS = [
  { file: 'onnx/model.onnx', dtype: 'fp32' },
  { file: 'onnx/model_quantized.onnx', dtype: 'q8' },
] as const;

type Pooling = 'mean' | 'cls';
const BATCH = 32;

interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: object,
  ): Promise<(texts: string[], options: object) => Promise<{ dims: number[]; tolist(): number[][] }>>;
}

/** The model folder cannot be used; the message says why, in the user's terms. */
export class EmbeddingsUnavailable extends Error {}

/** The sentence-transformers pooling file decides (bge ships `cls`); without one, mean pooling. */
function poolingOf(dir: string): Pooling {
  const file = join(dir, '1_Pooling', 'config.json');
  if (!existsSync(file)) return 'mean';
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return config.pooling_mode_cls_token === true ? 'cls' : 'mean';
  } catch {
    throw new EmbeddingsUnavailable(`1_Pooling/config.json in the embeddings model folder is not JSON`);
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 300);
}

/** An embedder over the model in `folder` (relative paths from `baseDir`). */
export async function localEmbedder(folder: string, baseDir = process.cwd()): Promise<Embedder> {
  const dir = resolve(baseDir, folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new EmbeddingsUnavailable(`the embeddings model folder ${folder} does not exist`);
  const missing = REQUIRED.filter((f) => !existsSync(join(dir, f)));
  const weights = WEIGHTS.find((w) => existsSync(join(dir, w.file)));
  if (!weights) missing.push(WEIGHTS[0].file);
  if (missing.length > 0)
    throw new EmbeddingsUnavailable(
      `the embeddings model folder ${folder} lacks ${missing.join(', ')} (an ONNX export for transformers.js has config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx)`,
    );
  for (const f of REQUIRED) {
    try {
      JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch {
      throw new EmbeddingsUnavailable(`${f} in the embeddings model folder ${folder} is not JSON`);
    }
  }
  const pooling = poolingOf(dir);

  let transformers: Transformers;
  // A variable specifier: the package is an optional peer, absent unless the user installed it.
  const name = '@huggingface/transformers';
  try {
    transformers = (await import(name)) as Transformers;
  } catch (error) {
    const absent =
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && firstLine(error).includes(`'${name}'`);
    throw new EmbeddingsUnavailable(
      absent
        ? 'research.embeddings_model is set but @huggingface/transformers is not installed (npm install @huggingface/transformers@4.3.2)'
        : `@huggingface/transformers is installed but does not load: ${firstLine(error)}`,
    );
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = dirname(dir);
  const model = basename(dir);
  let extract: Awaited<ReturnType<Transformers['pipeline']>>;
  try {
    extract = await transformers.pipeline('feature-extraction', model, {
      local_files_only: true,
      dtype: weights!.dtype,
    });
    // A model that loads but cannot embed (wrong outputs, broken graph) fails here, not mid-run.
    const probe = await extract(['probe'], { pooling, normalize: true });
    if (probe.dims.length !== 2 || !(probe.dims[1]! > 0)) throw new Error('it gives no sentence vectors');
  } catch (error) {
    throw new EmbeddingsUnavailable(
      `transformers.js could not run the model in ${folder}: ${firstLine(error)}`,
    );
  }
  const instruct = /bge/i.test(model);
  return {
    name: model,
    detail: `transformers.js, local, ${pooling} pooling${instruct ? ', query instruction' : ''}`,
    async embed(texts, options = {}) {
      if (texts.length === 0) return [];
      const input = options.query && instruct ? texts.map((t) => BGE_QUERY_INSTRUCTION + t) : texts;
      const out: number[][] = [];
      // Batches bound the padded tensor (batch × longest text × width) on large sources.
      for (let i = 0; i < input.length; i += BATCH) {
        out.push(...(await extract(input.slice(i, i + BATCH), { pooling, normalize: true })).tolist());
      }
      return out;
    },
  };
}
