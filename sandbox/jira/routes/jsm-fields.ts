import type { IssueRecord } from '../jira-store';
import type { JiraContext } from '../router';
import type { FieldConfig } from '../site-config';
import { requestTypeDTO, requestTypeOf } from './servicedesk-catalogue';
import { currentStatusDTO, requestLinks, serviceDeskOfProject } from './servicedesk-common';

/**
 * The values of JSM's own fields, which Jira derives from the request instead of keeping them as field values:
 * "Request Type" (`com.atlassian.servicedesk:vp-origin`) from the request type the request was raised with, and
 * "Organizations" (`com.atlassian.servicedesk:sd-customer-organizations`) from the organisations it is shared with.
 * GET issue, the JQL search and the Forge issue events all show them through here.
 */

/** RequestTypeDTO keys that the request type resource answers but the Request Type field's value does not carry. */
const ONLY_ON_THE_RESOURCE = new Set(['_expands', 'restrictionStatus', 'canCreateRequest', 'fields']);

/**
 * The Request Type value: the request's links, its request type (RequestTypeDTO without the keys only the JSM
 * request type resource has) and its current status. Null for an issue raised without a request type, or outside a
 * service desk.
 */
export function requestTypeValue(context: JiraContext, issue: IssueRecord): Record<string, unknown> | null {
  const desk = issue.requestTypeId ? serviceDeskOfProject(context, issue.projectId) : undefined;
  const type = desk && issue.requestTypeId ? requestTypeOf(desk, issue.requestTypeId) : undefined;
  if (!desk || !type) return null;
  const dto = requestTypeDTO(context, desk, type);
  const requestType = Object.fromEntries(Object.entries(dto).filter(([key]) => !ONLY_ON_THE_RESOURCE.has(key)));
  const status = currentStatusDTO(issue);
  return { _links: requestLinks(context, issue, desk.id), requestType, ...(status ? { currentStatus: status } : {}) };
}

/** The Organizations value: `[{id, name, _links}]`, in the order the request was shared. */
export function organizationsValue(context: JiraContext, issue: IssueRecord): Array<Record<string, unknown>> {
  return issue.organizationIds.flatMap((id) => {
    const org = context.store.organization(id);
    return org ? [{ id: org.id, name: org.name, _links: { self: `${context.baseUrl}/rest/servicedeskapi/organization/${org.id}` } }] : [];
  });
}

/**
 * A derived field's value as GET issue shows it. Organizations is `[]` on a request shared with nobody and null on
 * an issue outside a service project (where the field has no meaning).
 */
export function derivedValue(context: JiraContext, field: FieldConfig, issue: IssueRecord): unknown {
  if (field.derived === 'requestType') return requestTypeValue(context, issue);
  if (field.derived === 'organizations') return serviceDeskOfProject(context, issue.projectId) ? organizationsValue(context, issue) : null;
  return null;
}
