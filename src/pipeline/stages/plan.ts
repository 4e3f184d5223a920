import type { SourceSpec } from '@studio/sdk';
import type { Catalog } from '../../plugins/types.js';
import { type Plan, planRun } from '../plan.js';
import { defineStage } from '../stage.js';

export interface PlanInput {
  catalog: Catalog;
  packIds: string[];
  spec: SourceSpec;
}

/** A pack serves a locale when it lists it, or lists the same language ("fr" for "fr-CA" and back). */
function supportsLocale(locales: string[], locale: string): boolean {
  const lang = (l: string) => l.toLowerCase().split('-')[0];
  return locales.some((l) => l.toLowerCase() === locale.toLowerCase() || lang(l) === lang(locale));
}

export const planStage = defineStage<PlanInput, Plan>({
  name: 'Plan',
  async run({ catalog, packIds, spec }, { run, warn }) {
    const plan = await planRun(catalog, packIds);
    const locale = spec.meta.locale;
    for (const pack of plan.packs) {
      if (!supportsLocale(pack.manifest.locales, locale)) {
        warn(
          `pack "${pack.manifest.id}" has no ${locale} templates; its documents are in ${pack.manifest.locales.join(', ')}`,
        );
        run.audit.warn('Plan', 'locale fallback', {
          data: { pack: pack.manifest.id, locale, used: pack.manifest.locales[0] },
        });
      }
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
