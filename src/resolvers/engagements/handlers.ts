import type { engagementOperations } from '../../shared/operations/engagements';
import type { Handlers } from '../define-surface';

/** Handlers of the engagement operations, per surface (see src/shared/operations/engagements.ts). */
type Of<S extends keyof typeof engagementOperations> = Pick<Handlers<S>, keyof (typeof engagementOperations)[S] & keyof Handlers<S>>;

export const engagementHandlers: { [S in keyof typeof engagementOperations]: Of<S> } = {
  'issue-panel': {},
  portal: {},
  'project-page': {},
  admin: {},
};
