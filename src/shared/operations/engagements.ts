/**
 * Operations of the engagement panel and its governance (issue 5, items 3, 6, 7), per surface.
 * Composed into src/shared/operations.ts.
 */
export const engagementOperations = {
  'issue-panel': {},
  portal: {},
  'project-page': {},
  admin: {},
} as const;
