// The agents return messages (ids of packs/balanced/catalogs/en-US.json with arguments); the tests read
// their view-models as the English documents will, formatted through the host's own translator.
import { type Worded, packWords } from '../../../test/i18n/pack-words.js';

const balanced = packWords('balanced', ['packs/balanced/catalogs/en-US.json']);

/** A view-model with every message replaced by its English text. */
export type English<T> = Worded<T>;

/** Every message of `value` in English (unknown ids and missing arguments throw, as in a render). */
export const english = <T>(value: T): English<T> => balanced.words(value);
