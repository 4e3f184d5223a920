import { dirname } from 'node:path';
import { Command, Errors, Flags } from '@oclif/core';
import type { SourceSpec } from '@studio/sdk';
import { type Embedder, EmbeddingsUnavailable, localEmbedder } from '../embeddings.js';
import { type Host, loadHost } from '../host.js';
import { DEFAULT_MAX_TOKENS, ResearchError, research } from '../research.js';
import { DEFAULT_TOP_K } from '../store.js';

export default class Research extends Command {
  static override summary =
    'Collect evidence from files, folders and (with --research) URLs into an evidence snapshot.';

  static override description =
    'Reads the sources (Markdown, HTML, text and PDF files; web pages only with --research, robots.txt obeyed), ' +
    'cuts each to --max-tokens, stores the chunks with their provenance in an embedded LanceDB database, ' +
    'retrieves the best chunks for every feature, risk and metric of the spec, and writes <out>/snapshot.json. ' +
    '"studio generate --evidence <out>" then adds an Evidence section that cites those chunks. ' +
    'Without --research nothing opens a network connection.';

  static override examples = [
    '<%= config.bin %> research --idea examples/clinic-queue/idea.yaml --sources docs/ -o evidence',
    '<%= config.bin %> research --idea idea.yaml --decisions decisions.yaml --sources notes/ https://example.org/study --research -o evidence',
  ];

  static override flags = {
    idea: Flags.string({ description: 'Idea Card (YAML or JSON).', exclusive: ['spec'] }),
    decisions: Flags.string({ description: 'Decision Sheet (YAML or JSON).', exclusive: ['spec'] }),
    spec: Flags.string({ description: 'A Source Spec (JSON/YAML) instead of --idea/--decisions.' }),
    sources: Flags.string({
      description: 'Files, folders (Markdown, HTML, text, PDF) and http(s) URLs to read.',
      multiple: true,
      required: true,
    }),
    out: Flags.string({
      char: 'o',
      description: 'Evidence folder to write (replaced as a whole).',
      default: 'evidence',
    }),
    research: Flags.boolean({
      description: 'Allow network access to fetch the listed URLs (and their robots.txt); off by default.',
      default: false,
    }),
    'max-tokens': Flags.integer({
      description: 'Per-document cap, in tokens (words); the rest of a longer document is dropped.',
      default: DEFAULT_MAX_TOKENS,
      min: 1,
    }),
    'top-k': Flags.integer({
      description: 'Chunks kept per feature, risk and metric.',
      default: DEFAULT_TOP_K,
      min: 1,
    }),
    browser: Flags.string({
      description: 'Render pages in Chromium: auto (only pages whose text needs scripts), always, never.',
      options: ['auto', 'always', 'never'],
      default: 'auto',
    }),
    json: Flags.boolean({ description: 'Print the result as JSON on stdout.', default: false }),
  };

  private host: Host | undefined;

  async run(): Promise<void> {
    const { flags } = await this.parse(Research);
    const host = (this.host = await loadHost(this.config.root));
    const started = performance.now();
    const spec = await this.loadSpec(host, flags);
    const studioConfig = await host.loadStudioConfig();
    const config = researchConfig(studioConfig.data.research, host);
    let embedder: Embedder | null = null;
    if (config.embeddings_model) {
      try {
        // A relative folder is read from the config file's folder: the setting means the same folder
        // wherever below it the command runs.
        const base = studioConfig.file ? dirname(studioConfig.file) : process.cwd();
        embedder = await localEmbedder(config.embeddings_model, base);
      } catch (error) {
        if (!(error instanceof EmbeddingsUnavailable)) throw error;
        throw new host.StudioError(host.ErrorCodes.EMBEDDINGS_UNAVAILABLE!, error.message, {
          file: studioConfig.file ?? undefined,
          hint:
            'Point research.embeddings_model at a local transformers.js model folder (e.g. the ONNX export of ' +
            'bge-small-en-v1.5), or remove the key to rank lexically.',
        });
      }
    }
    const epoch = host.sourceDateEpoch();
    const now = epoch === undefined ? new Date() : new Date(epoch * 1000);
    const outcome = await research({
      spec,
      sources: flags.sources,
      outDir: flags.out,
      network: flags.research,
      maxTokens: flags['max-tokens'],
      topK: flags['top-k'],
      web: { browser: flags.browser as 'auto' | 'always' | 'never', chromium: config.chromium },
      embedder,
      now,
      canonicalJson: host.canonicalJson,
    });
    const seconds = (performance.now() - started) / 1000;
    const s = outcome.snapshot;
    if (flags.json) {
      process.stdout.write(
        host.canonicalJson({
          ok: true,
          out: flags.out,
          ranking: s.ranking,
          ranking_detail: s.ranking_detail,
          sources: s.sources.map(({ source_url, via, tokens, truncated }) => ({
            source_url,
            via,
            tokens,
            truncated,
          })),
          skipped: s.skipped,
          chunks: s.chunks.length,
          snapshot_bytes: outcome.snapshotBytes,
        }),
      );
      return;
    }
    this.log(`Ranking: ${s.ranking_detail}.`);
    for (const src of s.sources) {
      this.log(
        `  read ${src.source_url} (${src.via}, ${src.tokens} tokens${src.truncated ? ', cut at the cap' : ''})`,
      );
    }
    for (const sk of s.skipped) this.log(`  skipped ${sk.source_url}: ${sk.reason}`);
    const hits = s.queries.filter((q) => q.hits.length > 0).length;
    this.log(
      `Wrote ${flags.out}/snapshot.json: ${s.sources.length} source(s), ${s.chunks.length} chunk(s), ` +
        `evidence for ${hits} of ${s.queries.length} features, risks and metrics (${outcome.snapshotBytes} bytes, ${seconds.toFixed(1)} s).`,
    );
  }

  private async loadSpec(
    host: Host,
    flags: { idea?: string; decisions?: string; spec?: string },
  ): Promise<SourceSpec> {
    if (flags.spec) return (await host.readDocument(flags.spec)).data as SourceSpec;
    if (!flags.idea) {
      throw new host.StudioError(host.ErrorCodes.FLAG_INVALID!, 'research needs a spec to retrieve for', {
        hint: 'Pass --idea <file> (and usually --decisions <file>), or --spec <file>.',
      });
    }
    const idea = await host.readDocument(flags.idea);
    const decisions = flags.decisions ? await host.readDocument(flags.decisions) : undefined;
    return host.buildSpec({
      idea: idea.data,
      decisions: decisions?.data,
      ideaFile: flags.idea,
      decisionsFile: flags.decisions,
      locateIdea: idea.locate,
      locateDecisions: decisions?.locate,
    }).spec;
  }

  protected override async catch(
    error: Error & { code?: string; oclif?: { exit?: number } },
  ): Promise<unknown> {
    if (error instanceof Errors.ExitError || error.code === 'EEXIT') throw error;
    const host = this.host ?? (await loadHost(this.config.root));
    // A ResearchError is this plugin's own failure; anything else (oclif's flag errors included) becomes
    // a StudioError as in the host's own commands, and is printed by the host's one renderer in its one
    // JSON shape.
    const studioError =
      error instanceof ResearchError
        ? new host.StudioError(error.code, error.message, { hint: error.hint })
        : host.toStudioError(error, { bin: this.config.bin, command: 'research' });
    if (this.argv.includes('--json')) process.stdout.write(host.canonicalJson(host.errorJson(studioError)));
    else process.stderr.write(`${host.renderError(studioError)}\n`);
    return this.exit(studioError.exitCode);
  }
}

/** The `research` section of the studio config: { embeddings_model?: folder, chromium?: executable }. */
function researchConfig(value: unknown, host: Host): { embeddings_model?: string; chromium: string } {
  const out = { chromium: process.env.STUDIO_CHROMIUM ?? '/usr/bin/chromium' } as {
    embeddings_model?: string;
    chromium: string;
  };
  if (value === undefined) return out;
  const bad = () =>
    new host.StudioError(
      host.ErrorCodes.CONFIG_INVALID!,
      '"research" in the studio config must be an object',
      {
        hint: 'Known keys: embeddings_model (a local model folder), chromium (the Chromium executable).',
      },
    );
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!['embeddings_model', 'chromium'].includes(key)) throw bad();
  if (v.embeddings_model !== undefined) {
    if (typeof v.embeddings_model !== 'string') throw bad();
    out.embeddings_model = v.embeddings_model;
  }
  if (v.chromium !== undefined) {
    if (typeof v.chromium !== 'string') throw bad();
    out.chromium = v.chromium;
  }
  return out;
}
