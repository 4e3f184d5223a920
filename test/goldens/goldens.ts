/** Which generated files are pinned as goldens (shared by the test and scripts/update-goldens.mjs). */
export const GOLDENS: { example: string; pack: string; files: string[] }[] = [
  { example: 'clinic-queue', pack: 'balanced', files: ['brief.md', 'prd.md', 'roadmap.md', 'test_plan.md'] },
  { example: 'clinic-queue', pack: 'deep', files: ['slos.md', 'adr/ADR-0001-use-a-managed-sms-gateway.md'] },
  { example: 'permit-desk', pack: 'deep', files: ['runbooks.md', 'ci/workflow.yml', 'lifecycle.mmd'] },
];
