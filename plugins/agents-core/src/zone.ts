// Trust zones in words: a declared zone is the author's text; a default zone (people on the Internet,
// the product's own services, each third party) is a message of the catalog.
import { type DeepReadonly, type Message, type ModelParticipant, msg } from '@studio/sdk';

/** A participant's trust zone: as declared, or the default zone in words of the catalog. */
export function zoneMessage(p: DeepReadonly<ModelParticipant>): Message {
  if (p.zone_declared) return msg('common.verbatim', { text: p.zone });
  if (p.kind === 'person') return msg('zone.internet');
  if (p.kind === 'external') return msg('zone.third_party', { name: p.name });
  if (p.kind === 'undeclared') return msg('zone.undeclared');
  return msg('zone.product');
}
