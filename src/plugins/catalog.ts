import type { Interfaces } from '@oclif/core';
import { trustedCatalogFromConfig } from '../install/trust.js';
import type { Catalog } from './types.js';

/** The catalog of packs and agents provided by the plugins oclif loaded for this process. User-installed
 *  packages whose passed-gates record does not match are left out, with a warning (src/hooks/trust.ts). */
export function catalogFromConfig(config: Interfaces.Config): Catalog {
  return trustedCatalogFromConfig(config);
}
