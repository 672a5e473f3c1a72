import type { Handlers } from '../define-surface';
import { portalRequest, requirePartner } from './request-access';
import { commitStep } from './request-service';
import { atVersion, existingRequest, findRequest, stepContextOf } from './request-step';
import { forPartner, viewOf } from './request-views';

type Portal = Handlers<'portal'>;

/**
 * The partner's side on the portal. Every operation first reads the JSM request AS THE CUSTOMER (their own, or
 * shared with their organisation; anything else is NOT_FOUND whatever the page's extension claims). Signing the SOW
 * and purchasing the quoted hours commit the partner: only the request's reporter or a member of its partner
 * organisation may. Answers are the partner's view (forPartner: no internal reasoning about consultants).
 */
export const requestMine: Portal['request/mine'] = async (_input, context) => {
  const request = await portalRequest(context);
  const loaded = await findRequest(request.issueId);
  return loaded ? forPartner(await viewOf(loaded, loaded.request)) : null;
};

const partnerStep = (kind: 'sign-sow' | 'purchase-hours'): Portal['request/sign-sow'] => async (input, context) => {
  const request = await portalRequest(context);
  const loaded = await existingRequest(request.issueId);
  await requirePartner(loaded.request, context.accountId);
  atVersion(loaded, input.expectedVersion);
  const stepContext = stepContextOf(context);
  const saved = await commitStep(loaded, { step: { kind }, action: `request.${kind}` }, stepContext);
  return forPartner(await viewOf(loaded, saved));
};

export const requestSignSow: Portal['request/sign-sow'] = partnerStep('sign-sow');
export const requestPurchaseHours: Portal['request/purchase-hours'] = partnerStep('purchase-hours');
