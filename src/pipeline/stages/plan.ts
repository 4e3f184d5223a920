import type { SourceSpec } from '@studio/sdk';
import type { Catalog } from '../../plugins/types.js';
import { resolveMessages } from '../../i18n/resolve.js';
import { cacheSubdir } from '../../util/cache-dir.js';
import { type Plan, planRun } from '../plan.js';
import { defineStage } from '../stage.js';

export interface PlanInput {
  catalog: Catalog;
  packIds: string[];
  spec: SourceSpec;
}

export const planStage = defineStage<PlanInput, Plan>({
  name: 'Plan',
  async run({ catalog, packIds, spec }, { run, warn }) {
    const plan = await planRun(catalog, packIds);
    const locale = spec.meta.locale;
    plan.messages = resolveMessages(plan.packs, plan.locales, locale, cacheSubdir(run.cacheDir, 'catalogs'));
    for (const note of plan.messages.fallbacks) {
      warn(note.message);
      run.audit.warn('Plan', 'locale fallback', {
        data: { pack: note.pack, locale, catalog: note.catalog, count: note.count, total: note.total },
      });
    }
    run.audit.info('Plan', 'planned', {
      data: {
        packs: plan.packs.map((p) => `${p.manifest.id}@${p.manifest.template_set}`),
        agents: plan.agents.map((a) => a.agent.id),
        artifacts: plan.artifacts.length,
      },
    });
    return plan;
  },
});
