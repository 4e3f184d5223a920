// Trust zones in words. A declared zone is the author's text; a default zone (people on the Internet,
// the product's own services, each third party, undeclared participants) is a message of the shared
// model's catalog (balanced's `zone.*`, which deep extends), so a locale pack names it in its language.
import type { DeepReadonly, ModelParticipant, ProductModel } from '@studio/sdk';
import { type Message, msg } from './message.js';

/** A participant's zone in words. */
export function zoneOf(p: DeepReadonly<ModelParticipant>): Message {
  if (p.zone_declared) return msg('common.verbatim', { text: p.zone });
  if (p.kind === 'person') return msg('zone.internet');
  if (p.kind === 'external') return msg('zone.third_party', { name: p.name });
  if (p.kind === 'undeclared') return msg('zone.undeclared');
  return msg('zone.product');
}

/** Every zone of the model, by name, in words: as declared when any of its participants declares it. */
export function zonesInWords(model: DeepReadonly<ProductModel>): Map<string, Message> {
  const first = new Map<string, DeepReadonly<ModelParticipant>>();
  for (const p of model.participants) {
    const seen = first.get(p.zone);
    if (seen === undefined || (p.zone_declared && !seen.zone_declared)) first.set(p.zone, p);
  }
  return new Map([...first].map(([name, p]) => [name, zoneOf(p)]));
}
