import type { Handlers } from '../define-surface';
import { requestSetUpBackOffice } from './back-office';
import {
  requestAssignConsultant,
  requestComplete,
  requestCompletePhase,
  requestConfirmConsultant,
  requestDraftSow,
  requestEstimate,
  requestGet,
  requestQuoteHours,
  requestRejectConsultant,
} from './panel-steps';
import { requestMine, requestPurchaseHours, requestSignSow } from './partner-steps';

/** The request workflow's handlers on the issue panel and the portal (issue 6); see each module for who may do what. */
export const panelRequestHandlers: Pick<Handlers<'issue-panel'>, 'request/get' | 'request/estimate' | 'request/draft-sow' | 'request/quote-hours' | 'request/set-up-back-office' | 'request/assign-consultant' | 'request/confirm-consultant' | 'request/reject-consultant' | 'request/complete-phase' | 'request/complete'> = {
  'request/get': requestGet,
  'request/estimate': requestEstimate,
  'request/draft-sow': requestDraftSow,
  'request/quote-hours': requestQuoteHours,
  'request/set-up-back-office': requestSetUpBackOffice,
  'request/assign-consultant': requestAssignConsultant,
  'request/confirm-consultant': requestConfirmConsultant,
  'request/reject-consultant': requestRejectConsultant,
  'request/complete-phase': requestCompletePhase,
  'request/complete': requestComplete,
};

export const portalRequestHandlers: Pick<Handlers<'portal'>, 'request/mine' | 'request/sign-sow' | 'request/purchase-hours'> = {
  'request/mine': requestMine,
  'request/sign-sow': requestSignSow,
  'request/purchase-hours': requestPurchaseHours,
};
