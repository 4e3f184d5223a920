import { packageTime } from '../../output/epoch.js';
import type { OutputFile, OutputZip } from '../../output/output-set.js';
import { zipFiles } from '../../output/zip.js';
import { compareCodePoints } from '../../util/canonical-json.js';
import type { Plan } from '../plan.js';
import { defineStage } from '../stage.js';

export interface PackageInput {
  plan: Plan;
  files: OutputFile[];
}

/** One zip per requested pack, holding its own and its extended packs' artifacts plus the spec. */
export const packageZips = defineStage<PackageInput, OutputZip[]>({
  name: 'Package',
  async run({ plan, files }, { env }) {
    const mtime = packageTime(env);
    const out: OutputZip[] = [];
    for (const pack of plan.requested) {
      const id = pack.manifest.id;
      const members = new Set(plan.members.get(id) ?? [id]);
      const chosen = files.filter((f) => members.has(f.pack) || f.path === 'source_spec.json');
      const bytes = await zipFiles(
        chosen.map((f) => ({ path: f.path, bytes: f.bytes })),
        { mtime },
      );
      out.push({
        path: `${id}.zip`,
        pack: id,
        bytes,
        entries: chosen.map((f) => f.path).sort(compareCodePoints),
      });
    }
    return out;
  },
});
