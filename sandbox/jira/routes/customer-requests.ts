import type { IssueRecord, ProjectRow } from '../jira-store';
import type { JiraContext, Route } from '../router';
import { STATUSES, type RequestTypeConfig } from '../site-config';
import type { JiraReply } from '../types';
import { requestTypeDTO, requestTypeOf, serviceDeskDTO } from './servicedesk-catalogue';
import { commentDTO, visibleComments } from './servicedesk-comments';
import {
  adfToText,
  canSeeRequest,
  currentStatusDTO,
  dateDTO,
  fieldConfig,
  isAgent,
  isReply,
  jsmError,
  multiValue,
  pagedDTO,
  pageParams,
  participantsOf,
  renderHtml,
  REQUEST_NOT_FOUND,
  requestLinks,
  serviceDesk,
  serviceDesks,
  userDTO,
  visibleRequest,
  wholePage,
} from './servicedesk-common';

/**
 * JSM customer requests: GET /rest/servicedeskapi/request/{issueIdOrKey} and GET /rest/servicedeskapi/request.
 * A customer sees the requests they reported, those they participate in, and those shared with an organisation they
 * belong to; people who browse the service project (agents, admins, delivery collaborators) and the app see every
 * request of the desk. Anything else is a 404, never a 403, so that a request's existence does not leak.
 * POST /request lives in servicedesk-request-create.ts.
 */

type Desk = { id: string; project: ProjectRow };

const EXPANDABLE = ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'];


/**
 * The request's visible field values (the request type's form fields, in form order), as JSM shows them: text for
 * the description (with `renderedValue`), `{self,value,id}` for a select, a list of them for checkboxes. Hidden preset fields are not included, as
 * JSM documents. A request raised without a request type (e.g. created in Jira) shows its summary and description.
 */
function requestFieldValues(context: JiraContext, issue: IssueRecord, type: RequestTypeConfig | undefined): Array<Record<string, unknown>> {
  const fieldIds = type ? type.fields.map((f) => f.fieldId) : ['summary', 'description'];
  return fieldIds.flatMap((fieldId) => {
    const label = fieldConfig(fieldId)?.name ?? fieldId;
    if (fieldId === 'summary') return [{ fieldId, label, value: issue.summary }];
    if (fieldId === 'description') {
      if (issue.description === null || issue.description === undefined) return [];
      const text = adfToText(issue.description, (id) => context.store.user(id)?.displayName);
      return [{ fieldId, label, value: text, renderedValue: { html: renderHtml(text) } }];
    }
    const raw = issue.customFields[fieldId];
    if (raw === undefined || raw === null) return [];
    const options = fieldConfig(fieldId)?.options;
    if (options && typeof raw === 'object') {
      const optionJson = (value: unknown) => {
        const ref = (value ?? {}) as { id?: unknown; value?: unknown };
        const option = options.find((o) => o.id === ref.id || o.value === ref.value);
        return option ? [{ self: `${context.baseUrl}/rest/api/2/customFieldOption/${option.id}`, value: option.value, id: option.id }] : [];
      };
      // Checkboxes: the ticked options, in the order the request has them; none ticked shows nothing.
      if (Array.isArray(raw)) {
        const ticked = raw.flatMap(optionJson);
        return ticked.length ? [{ fieldId, label, value: ticked }] : [];
      }
      const [option] = optionJson(raw);
      if (option) return [{ fieldId, label, value: option }];
    }
    return [{ fieldId, label, value: raw }];
  });
}

/** CustomerRequestDTO with exactly the spec's keys; `expand` adds serviceDesk, requestType, participant, status… */
export function customerRequestDTO(context: JiraContext, issue: IssueRecord, desk: Desk, expand: string[] = []): Record<string, unknown> {
  const reporter = issue.reporter ? context.store.user(issue.reporter) : undefined;
  const type = issue.requestTypeId ? requestTypeOf(desk, issue.requestTypeId) : undefined;
  const status = currentStatusDTO(issue);
  const agent = isAgent(context.user, desk.project);
  const users = (ids: string[]) => ids.flatMap((id) => {
    const u = context.store.user(id);
    return u ? [userDTO(context, u)] : [];
  });
  return {
    _expands: EXPANDABLE,
    issueId: issue.id,
    issueKey: issue.key,
    summary: issue.summary,
    ...(type ? { requestTypeId: type.id } : {}),
    serviceDeskId: desk.id,
    createdDate: dateDTO(issue.created),
    ...(reporter ? { reporter: userDTO(context, reporter) } : {}),
    requestFieldValues: requestFieldValues(context, issue, type),
    ...(status ? { currentStatus: status } : {}),
    ...(expand.includes('serviceDesk') ? { serviceDesk: serviceDeskDTO(context, desk) } : {}),
    ...(expand.includes('requestType') && type ? { requestType: requestTypeDTO(context, desk, type) } : {}),
    ...(expand.includes('participant') ? { participants: wholePage(context, users(participantsOf(issue))) } : {}),
    ...(expand.includes('status') && status ? { status: wholePage(context, [status]) } : {}),
    // SLAs and attachments are not emulated: their expansions are empty pages.
    ...(expand.includes('sla') ? { sla: wholePage(context, []) } : {}),
    ...(expand.includes('attachment') ? { attachments: wholePage(context, []) } : {}),
    ...(expand.includes('action')
      ? { actions: { addAttachment: { allowed: false }, addComment: { allowed: true }, addParticipant: { allowed: agent }, removeParticipant: { allowed: agent } } }
      : {}),
    ...(expand.includes('comment') ? { comments: wholePage(context, visibleComments(context, issue, desk.project).map((c) => commentDTO(context, issue, c))) } : {}),
    _links: requestLinks(context, issue, desk.id),
  };
}

function getRequest(context: JiraContext, params: Record<string, string>): JiraReply {
  const found = visibleRequest(context, params.issueIdOrKey ?? '');
  if (!found) return jsmError(404, REQUEST_NOT_FOUND);
  return { status: 200, body: customerRequestDTO(context, found.issue, { id: found.deskId, project: found.project }, multiValue(context.request.query, 'expand')) };
}

const OWNERSHIP = ['OWNED_REQUESTS', 'PARTICIPATED_REQUESTS', 'ORGANIZATION', 'ALL_ORGANIZATIONS', 'APPROVER', 'ALL_REQUESTS'];

/** Words of a summary, for `searchTerm`: a term matches a whole word, or a word's start when it ends with `*`. */
function matchesSearch(summary: string, searchTerm: string): boolean {
  const words = summary.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const terms = searchTerm.toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((term) => {
    const prefix = term.endsWith('*');
    const core = term.replace(/\*+$/, '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!core) return true;
    return words.some((w) => (prefix ? w.startsWith(core) : w === core));
  });
}

/**
 * GET /rest/servicedeskapi/request. With no `requestOwnership`, everything the user may see: for a customer their
 * own requests, those they participate in and those shared with their organisations (the portal's "all requests");
 * for agents every request of the desk. Ownership values narrow that set (their union), ordered by latest activity.
 */
function listRequests(context: JiraContext): JiraReply {
  const query = context.request.query;
  const page = pageParams(query);
  if (isReply(page)) return page;
  const me = context.user?.accountId;

  const ownership = multiValue(query, 'requestOwnership');
  const unknownOwnership = ownership.filter((o) => !OWNERSHIP.includes(o));
  if (unknownOwnership.length) return jsmError(400, `Unknown requestOwnership: ${unknownOwnership.join(', ')}.`);
  const organizationId = query.get('organizationId');
  if (organizationId !== null && !ownership.includes('ORGANIZATION')) return jsmError(400, 'organizationId is valid only with requestOwnership=ORGANIZATION.');
  if (ownership.includes('ORGANIZATION') && !organizationId) return jsmError(400, 'requestOwnership=ORGANIZATION needs an organizationId.');
  if (organizationId !== null && !/^\d+$/.test(organizationId)) return jsmError(400, 'organizationId must be an integer.');
  const approvalStatus = query.get('approvalStatus');
  if (approvalStatus !== null && (!ownership.includes('APPROVER') || !['MY_PENDING_APPROVAL', 'MY_HISTORY_APPROVAL'].includes(approvalStatus))) {
    return jsmError(400, 'approvalStatus is MY_PENDING_APPROVAL or MY_HISTORY_APPROVAL, and valid only with requestOwnership=APPROVER.');
  }
  const requestStatus = query.get('requestStatus') ?? 'ALL_REQUESTS';
  if (!['OPEN_REQUESTS', 'CLOSED_REQUESTS', 'ALL_REQUESTS'].includes(requestStatus)) return jsmError(400, `Unknown requestStatus: ${requestStatus}.`);

  let desks = serviceDesks(context);
  const deskRef = query.get('serviceDeskId');
  if (deskRef !== null) {
    if (!/^\d+$/.test(deskRef)) return jsmError(400, 'serviceDeskId must be an integer.');
    const desk = serviceDesk(context, deskRef);
    if (!desk || desk.id !== deskRef) return jsmError(404, `The service desk ${deskRef} does not exist.`);
    desks = [desk];
  }
  const requestTypeId = query.get('requestTypeId');
  if (requestTypeId !== null) {
    if (!/^\d+$/.test(requestTypeId)) return jsmError(400, 'requestTypeId must be an integer.');
    if (deskRef === null) return jsmError(400, 'requestTypeId needs the serviceDeskId of the service desk the request type belongs to.');
    if (!desks[0] || !requestTypeOf(desks[0], requestTypeId)) return jsmError(404, `The service desk ${deskRef} has no request type ${requestTypeId}.`);
  }
  const searchTerm = (query.get('searchTerm') ?? '').trim();
  const myOrgs = me ? context.store.organizationsOf(me) : [];

  const owned = (issue: IssueRecord): boolean => {
    if (ownership.length === 0 || ownership.includes('ALL_REQUESTS')) return true;
    if (ownership.includes('OWNED_REQUESTS') && me && issue.reporter === me) return true;
    if (ownership.includes('PARTICIPATED_REQUESTS') && me && participantsOf(issue).includes(me)) return true;
    if (ownership.includes('ALL_ORGANIZATIONS') && issue.organizationIds.some((id) => myOrgs.includes(id))) return true;
    // The user must belong to the organisation (JSM's rule); APPROVER matches nothing: approvals are not emulated.
    return ownership.includes('ORGANIZATION') && !!organizationId && myOrgs.includes(organizationId) && issue.organizationIds.includes(organizationId);
  };
  const statusOpen = (issue: IssueRecord) => STATUSES.find((s) => s.id === issue.statusId)?.category !== 'done';

  const found = desks.flatMap((desk) =>
    context.store
      .issues()
      .filter((issue) => issue.projectId === desk.project.id && issue.parentId === null)
      .filter((issue) => canSeeRequest(context, issue, desk.project))
      .filter(owned)
      .filter((issue) => requestStatus === 'ALL_REQUESTS' || (requestStatus === 'OPEN_REQUESTS') === statusOpen(issue))
      .filter((issue) => requestTypeId === null || issue.requestTypeId === requestTypeId)
      .filter((issue) => !searchTerm || matchesSearch(issue.summary, searchTerm))
      .map((issue) => ({ issue, desk })),
  );
  found.sort((a, b) => b.issue.updated - a.issue.updated || Number(b.issue.id) - Number(a.issue.id));
  const expand = multiValue(query, 'expand');
  return { status: 200, body: pagedDTO(context, found, page, (f) => customerRequestDTO(context, f.issue, f.desk, expand)) };
}

export const customerRequestRoutes: Route[] = [
  { method: 'GET', path: '/rest/servicedeskapi/request/{issueIdOrKey}', handle: getRequest },
  { method: 'GET', path: '/rest/servicedeskapi/request', handle: listRequests },
];
