import kvs from '@forge/kvs';
import { AppError } from '../shared/errors';
import { deliverySetupRecord, requestRecord } from './delivery-records';
import { parseStoredEngagement } from './engagement-records';
import { DELIVERY_ENTITIES, deliveryKeys, ENTITIES, keys } from './keys';
import { storageError } from './versioned-write';

/**
 * What the app knows that ties an issue to an organisation, in ONE batch read: the organisation its engagement links,
 * the partner its implementation request was routed for, and the id of Jira's "Organizations" field (so the issue's
 * own organisations cost one Jira read when neither record says).
 */
export interface IssueLinks {
  engagementOrganisationId: string | null;
  requestPartnerOrganizationId: string | null;
  organizationsFieldId: string | null;
}

export async function readIssueLinks(issueId: string): Promise<IssueLinks> {
  let result;
  try {
    result = await kvs.batchGet<unknown>([
      { entityName: ENTITIES.engagement, key: keys.engagement(issueId) },
      { entityName: DELIVERY_ENTITIES.request, key: deliveryKeys.request(issueId) },
      { entityName: DELIVERY_ENTITIES.setup, key: deliveryKeys.setup() },
    ]);
  } catch (error) {
    throw storageError(error, '');
  }
  if (result.failedKeys.some((f) => f.error.code !== 'KEY_NOT_FOUND')) throw new AppError('STORAGE_UNAVAILABLE', 'App storage did not answer. Try again in a moment.');
  const found = (key: string) => result.successfulKeys.find((k) => k.key === key)?.value;
  const engagement = found(keys.engagement(issueId));
  const request = found(deliveryKeys.request(issueId));
  const setup = found(deliveryKeys.setup());
  return {
    engagementOrganisationId: engagement === undefined ? null : (parseStoredEngagement(engagement).state.organisation?.id ?? null),
    requestPartnerOrganizationId: request === undefined ? null : requestRecord.parse(request).partnerOrganizationId,
    organizationsFieldId: setup === undefined ? null : (deliverySetupRecord.parse(setup).fieldIds?.organizations ?? null),
  };
}
