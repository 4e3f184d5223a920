// Every zone of the model in words (a participant's zone in words is @studio/sdk's zoneMessage).
import {
  type DeepReadonly,
  type Message,
  type ModelParticipant,
  type ProductModel,
  zoneMessage,
} from '@studio/sdk';

/** Every zone of the model, by name, in words: as declared when any of its participants declares it. */
export function zonesInWords(model: DeepReadonly<ProductModel>): Map<string, Message> {
  const first = new Map<string, DeepReadonly<ModelParticipant>>();
  for (const p of model.participants) {
    const seen = first.get(p.zone);
    if (seen === undefined || (p.zone_declared && !seen.zone_declared)) first.set(p.zone, p);
  }
  return new Map([...first].map(([name, p]) => [name, zoneMessage(p)]));
}
