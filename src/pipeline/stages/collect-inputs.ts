import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { type InputDocument, readDocument } from '../../inputs/read-document.js';
import { MemoCache } from '../../util/memo-cache.js';
import { defineStage } from '../stage.js';

/** The files a run starts from, as the user named them. */
export interface InputFiles {
  /** Idea Card (YAML/JSON). */
  ideaFile?: string;
  /** Decision Sheet; optional (defaults apply). */
  decisionsFile?: string;
  /** A ready Source Spec instead of idea + decisions. */
  specFile?: string;
}

/** The parsed inputs, each with its pointer → line:column map. */
export type CollectedInputs =
  { kind: 'spec'; spec: InputDocument } | { kind: 'idea'; idea: InputDocument; decisions?: InputDocument };

export const collectInputs = defineStage<InputFiles, CollectedInputs>({
  name: 'CollectInputs',
  async run(files, { run }) {
    const read = { cache: MemoCache.under(run.cacheDir, 'yaml') };
    if (files.specFile) return { kind: 'spec', spec: await readDocument(files.specFile, read) };
    if (files.ideaFile === undefined) {
      throw new StudioError(ErrorCodes.FLAG_INVALID, 'nothing to generate from', {
        hint: 'Pass --idea <file> (and usually --decisions <file>), or --spec <file>.',
      });
    }
    const idea = await readDocument(files.ideaFile, read);
    // An empty path (--decisions '') is refused by readDocument like --idea '', never ignored.
    const decisions =
      files.decisionsFile !== undefined ? await readDocument(files.decisionsFile, read) : undefined;
    return { kind: 'idea', idea, decisions };
  },
});
