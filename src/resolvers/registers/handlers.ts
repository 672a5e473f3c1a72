import type { registerOperations } from '../../shared/operations/registers';
import type { Handlers } from '../define-surface';

/** Handlers of the register operations, per surface (see src/shared/operations/registers.ts). */
type Of<S extends keyof typeof registerOperations> = Pick<Handlers<S>, keyof (typeof registerOperations)[S] & keyof Handlers<S>>;

export const registerHandlers: { [S in keyof typeof registerOperations]: Of<S> } = {
  'issue-panel': {},
  portal: {},
  'project-page': {},
  admin: {},
};
