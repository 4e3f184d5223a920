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

/** A zone of the model, by name, in words: as declared when any of its participants declares it. */
export function zoneNamed(model: DeepReadonly<ProductModel>, name: string): Message {
  const members = model.participants.filter((p) => p.zone === name);
  const first = members.find((p) => p.zone_declared) ?? members[0];
  return first === undefined ? msg('common.verbatim', { text: name }) : zoneOf(first);
}
