import { packageTime } from '../package/epoch.js';
import { zipFiles } from '../package/zip.js';
import type { Plan } from './plan.js';
import { compareCodePoints } from '../util/canonical-json.js';

/** One zip per requested pack, holding its own and its extended packs' artifacts plus the spec. */
export async function packageZips(
  plan: Plan,
  files: { path: string; pack: string; bytes: Uint8Array }[],
  env: NodeJS.ProcessEnv,
): Promise<{ path: string; pack: string; bytes: Buffer; entries: string[] }[]> {
  const mtime = packageTime(env);
  const out: { path: string; pack: string; bytes: Buffer; entries: string[] }[] = [];
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
}
