/** One pinned set. With `locale`, the run uses `--locale` with the plugins of `link` linked (folders of
 *  this repo), and the goldens live in `<example>/<pack>.<locale>/`. */
export interface GoldenSet {
  example: string;
  pack: string;
  locale?: string;
  link?: string[];
  files: string[];
}

/** Which generated files are pinned as goldens (shared by the test and scripts/update-goldens.mjs). */
export const GOLDENS: GoldenSet[] = [
  { example: 'clinic-queue', pack: 'balanced', files: ['brief.md', 'prd.md', 'roadmap.md', 'test_plan.md'] },
  { example: 'clinic-queue', pack: 'deep', files: ['slos.md', 'adr/ADR-0001-use-a-managed-sms-gateway.md'] },
  { example: 'permit-desk', pack: 'deep', files: ['runbooks.md', 'ci/workflow.yml', 'lifecycle.mmd'] },
  {
    example: 'clinic-queue',
    pack: 'balanced',
    locale: 'fr-CA',
    link: ['packs/locale-fr-ca'],
    files: ['brief.md'],
  },
  {
    example: 'clinic-queue',
    pack: 'deep',
    locale: 'fr-CA',
    link: ['packs/locale-fr-ca'],
    files: ['slos.md'],
  },
];
