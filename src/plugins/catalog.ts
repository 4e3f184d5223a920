import type { Config } from '@oclif/core';
import { buildCatalog, pluginsFromOclif } from './discovery.js';
import type { Catalog } from './types.js';

/** The catalog of packs and agents provided by the plugins oclif loaded for this process. */
export function catalogFromConfig(config: Config): Catalog {
  const { plugins, warnings } = pluginsFromOclif(config.getPluginsList());
  return buildCatalog(plugins, warnings);
}
