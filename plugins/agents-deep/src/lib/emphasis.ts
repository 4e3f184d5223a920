// How the audience dial shapes the deep documents. Agents decide the depth once, so templates branch on
// one field instead of re-deriving it from the dial in many places.
import type { AudienceDial } from '@studio/sdk';

/** deep: Engineering (interfaces, data and operations first, every table); standard: Balanced;
 *  brief: Executive (outcomes and numbers first, detail tables left out). */
export type Detail = 'deep' | 'standard' | 'brief';

/** Depth for an audience dial. */
export function detailFor(audience: AudienceDial): Detail {
  if (audience === 'Engineering') return 'deep';
  if (audience === 'Executive') return 'brief';
  return 'standard';
}

/** Order of named sections: Executive readers get the summary and outcomes first, engineers the detail. */
export function orderSections<T extends string>(
  detail: Detail,
  engineeringOrder: T[],
  executiveOrder: T[],
): T[] {
  return detail === 'brief' ? [...executiveOrder] : [...engineeringOrder];
}
