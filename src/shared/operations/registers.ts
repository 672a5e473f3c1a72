/**
 * Operations of the organisation registers, role templates and coverage (issue 5, items 1, 2, 4, 5), per surface.
 * Composed into src/shared/operations.ts.
 */
export const registerOperations = {
  'issue-panel': {},
  portal: {},
  'project-page': {},
  admin: {},
} as const;
