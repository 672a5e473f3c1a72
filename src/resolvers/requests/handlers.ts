import type { Handlers } from '../define-surface';
import type { requestOperations } from '../../shared/operations/requests';
import { deliveryAdminHandlers } from './delivery-admin-handlers';
import { boardHandlers } from './board-handlers';
import { portalRequestHandlers, panelRequestHandlers } from './workflow-handlers';
import { statementHandlers } from './statement-handlers';

/** The handlers of issue 6's operations (src/shared/operations/requests.ts), per surface. */
type Ops = typeof requestOperations;
type Of<S extends keyof Ops> = Pick<Handlers<S>, keyof Ops[S] & keyof Handlers<S>>;

export const requestHandlers: { [S in keyof Ops]: Of<S> } = {
  'issue-panel': panelRequestHandlers,
  portal: portalRequestHandlers,
  'project-page': { ...boardHandlers, ...statementHandlers },
  admin: deliveryAdminHandlers,
};
