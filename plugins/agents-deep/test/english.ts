// Test helper: format the agents' messages with the deep pack's catalogs, as the templates' `t` filter
// does, so tests can assert the words a reader sees (en-US by default, or the fr-CA locale pack).
import { packWords } from '../../../test/i18n/pack-words.js';

// Deep extends balanced: the shared model's words (default trust zones, open questions) are balanced's,
// and deep's own ids win, as in a run.
const deep = packWords('deep', ['packs/balanced/catalogs/en-US.json', 'packs/deep/catalogs/en-US.json'], {
  'fr-CA': ['packs/locale-fr-ca/catalogs/balanced.json', 'packs/locale-fr-ca/catalogs/deep.json'],
});

export const { format, text } = deep;
export const english = deep.words;
