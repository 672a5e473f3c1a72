import type { Handlers } from '../define-surface';
import { pending } from './pending';

export const panelRequestHandlers: Pick<Handlers<'issue-panel'>, 'request/get' | 'request/estimate' | 'request/draft-sow' | 'request/quote-hours' | 'request/set-up-back-office' | 'request/assign-consultant' | 'request/confirm-consultant' | 'request/reject-consultant' | 'request/complete-phase' | 'request/complete'> = {
  'request/get': pending,
  'request/estimate': pending,
  'request/draft-sow': pending,
  'request/quote-hours': pending,
  'request/set-up-back-office': pending,
  'request/assign-consultant': pending,
  'request/confirm-consultant': pending,
  'request/reject-consultant': pending,
  'request/complete-phase': pending,
  'request/complete': pending,
};

export const portalRequestHandlers: Pick<Handlers<'portal'>, 'request/mine' | 'request/sign-sow' | 'request/purchase-hours'> = {
  'request/mine': pending,
  'request/sign-sow': pending,
  'request/purchase-hours': pending,
};
