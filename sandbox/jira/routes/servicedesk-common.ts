import { jiraTime } from '../events';
import type { IssueRecord, ProjectRow } from '../jira-store';
import { canBrowse, projectPermissions } from '../permissions';
import type { JiraContext } from '../router';
import { CUSTOM_FIELDS, SERVICE_DESK, STATUSES, SYSTEM_FIELDS, type FieldConfig } from '../site-config';
import type { JiraReply, SandboxUser } from '../types';

/**
 * What every JSM route shares: the JSM error body, DateDTO and UserDTO, paging, the service desk lookup and who may
 * see which request. JSM answers differ from the platform's: errors are `{errorMessage}` (ErrorResponse), pages are
 * `PagedDTO` (`size,start,limit,isLastPage,values,_links`), and every DTO is strict (no extra keys).
 */

/** JSM's ErrorResponse. `i18nErrorMessage` is optional in the spec; we leave it out rather than invent i18n keys. */
export function jsmError(status: number, message: string): JiraReply {
  return { status, body: { errorMessage: message } };
}

export const REQUEST_NOT_FOUND = 'The request does not exist or you do not have permission to see it.';

/**
 * Request participants. On a real site they live in a custom field of type `sd-request-participants`; the store has
 * no column for them, so they are kept in the issue's custom fields under this id, as `[{accountId}]` (the field's
 * REST shape, minus the user details).
 */
export const REQUEST_PARTICIPANTS_FIELD = 'customfield_10090';

export function participantsOf(issue: IssueRecord): string[] {
  const value = issue.customFields[REQUEST_PARTICIPANTS_FIELD];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => (v && typeof v === 'object' && typeof (v as { accountId?: unknown }).accountId === 'string' ? [(v as { accountId: string }).accountId] : []));
}

// ---- dates and users ---------------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** DateDTO, in UTC (the sandbox does not render dates in the viewer's time zone). */
export function dateDTO(epochMs: number): Record<string, unknown> {
  const d = new Date(epochMs);
  const jira = jiraTime(epochMs);
  const hours = d.getUTCHours();
  const friendly = `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${String(d.getUTCFullYear()).slice(2)} ${hours % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
  return { epochMillis: epochMs, friendly, iso8601: jira.replace(/\.\d{3}/, ''), jira };
}

const STATUS_CATEGORY = { new: 'NEW', indeterminate: 'INDETERMINATE', done: 'DONE' } as const;

/** CustomerRequestStatusDTO: the request's current status as JSM names it. */
export function currentStatusDTO(issue: IssueRecord): Record<string, unknown> | undefined {
  const status = STATUSES.find((s) => s.id === issue.statusId);
  // The store keeps no status history: the last update is the closest date to when the status was reached.
  return status && { status: status.name, statusCategory: STATUS_CATEGORY[status.category], statusDate: dateDTO(issue.updated) };
}

/** CustomerRequestLinkDTO: where a request is read over REST, on the portal and in the agent view. */
export function requestLinks(context: Pick<JiraContext, 'baseUrl'>, issue: IssueRecord, deskId: string): Record<string, string> {
  const base = context.baseUrl;
  return {
    jiraRest: `${base}/rest/api/2/issue/${issue.id}`,
    web: `${base}/servicedesk/customer/portal/${deskId}/${issue.key}`,
    agent: `${base}/browse/${issue.key}`,
    self: `${base}/rest/servicedeskapi/request/${issue.id}`,
  };
}

/** UserDTO: the customer-facing user shape. */
export function userDTO(context: Pick<JiraContext, 'baseUrl'>, user: SandboxUser): Record<string, unknown> {
  const rest = `${context.baseUrl}/rest/api/2/user?accountId=${encodeURIComponent(user.accountId)}`;
  return {
    accountId: user.accountId,
    emailAddress: user.emailAddress,
    displayName: user.displayName,
    active: true,
    timeZone: user.timeZone,
    _links: { jiraRest: rest, self: rest },
  };
}

// ---- paging ------------------------------------------------------------------------------------------------------

export interface Page {
  start: number;
  limit: number;
}

const DEFAULT_LIMIT = 50;
/** JSM caps a page silently ("up to the maximum set for these objects"); 100 is the common cap. */
const MAX_LIMIT = 100;

/** `start` and `limit` from the query; a malformed value is a 400 reply. */
export function pageParams(query: URLSearchParams): Page | JiraReply {
  const read = (name: string, fallback: number, min: number): number | string => {
    const raw = query.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) return `The ${name} parameter must be an integer of at least ${min}.`;
    return Number(raw);
  };
  const start = read('start', 0, 0);
  const limit = read('limit', DEFAULT_LIMIT, 1);
  if (typeof start === 'string') return jsmError(400, start);
  if (typeof limit === 'string') return jsmError(400, limit);
  return { start, limit: Math.min(limit, MAX_LIMIT) };
}

export function isReply(value: unknown): value is JiraReply {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as { status: unknown }).status === 'number';
}

/** A PagedDTO of `items` (already filtered and ordered), cut at `page`, with links that keep the other parameters. */
export function pagedDTO<T>(context: JiraContext, all: T[], page: Page, toValue: (item: T) => unknown): Record<string, unknown> {
  const slice = all.slice(page.start, page.start + page.limit);
  const isLastPage = page.start + slice.length >= all.length;
  const link = (start: number) => {
    const q = new URLSearchParams(context.request.query);
    q.set('start', String(start));
    q.set('limit', String(page.limit));
    return `${context.baseUrl}${context.request.path}?${q.toString()}`;
  };
  const self = context.request.query.toString();
  return {
    _expands: [],
    size: slice.length,
    start: page.start,
    limit: page.limit,
    isLastPage,
    values: slice.map(toValue),
    _links: {
      base: `${context.baseUrl}/rest/servicedeskapi`,
      context: '',
      self: `${context.baseUrl}${context.request.path}${self ? `?${self}` : ''}`,
      ...(isLastPage ? {} : { next: link(page.start + page.limit) }),
      ...(page.start > 0 ? { prev: link(Math.max(0, page.start - page.limit)) } : {}),
    },
  };
}

/** A one-page PagedDTO of everything (for expansions that JSM also answers as a page). */
export function wholePage(context: JiraContext, values: unknown[]): Record<string, unknown> {
  return { _expands: [], size: values.length, start: 0, limit: Math.max(values.length, DEFAULT_LIMIT), isLastPage: true, values, _links: { base: `${context.baseUrl}/rest/servicedeskapi`, context: '' } };
}

/** Multi-value query parameters: JSM takes both `a=x&a=y` and `a=x,y`. */
export function multiValue(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

// ---- service desks and who sees what -----------------------------------------------------------------------------

/** The site's service desks with their projects (the demo has one, on PS; none when the project is missing). */
export function serviceDesks(context: JiraContext): Array<{ id: string; project: ProjectRow }> {
  const project = context.store.project(SERVICE_DESK.projectKey);
  return project && project.projectTypeKey === 'service_desk' ? [{ id: SERVICE_DESK.id, project }] : [];
}

/** A service desk by its id or, as JSM also accepts, its project's id or key. */
export function serviceDesk(context: JiraContext, ref: string): { id: string; project: ProjectRow } | undefined {
  return serviceDesks(context).find((d) => d.id === ref || d.project.id === ref || d.project.key.toUpperCase() === ref.toUpperCase());
}

export function serviceDeskOfProject(context: JiraContext, projectId: string): { id: string; project: ProjectRow } | undefined {
  return serviceDesks(context).find((d) => d.project.id === projectId);
}

/** Agents (and admins) of the desk; the app acting as itself counts as one. */
export function isAgent(user: SandboxUser | undefined, project: ProjectRow): boolean {
  return !user || projectPermissions(user, project).has('SERVICEDESK_AGENT');
}

/** Service desk administrators (Jira admins here); they alone see a request type's hidden fields. */
export function isDeskAdmin(user: SandboxUser | undefined, project: ProjectRow): boolean {
  return !user || projectPermissions(user, project).has('ADMINISTER_PROJECTS');
}

/**
 * Whether `user` may see `issue` as a customer request. People who can browse the project (agents, admins, delivery
 * people as collaborators) see every request; a customer sees the requests they reported, those they participate
 * in, and those shared with an organisation they belong to — nothing else.
 */
export function canSeeRequest(context: JiraContext, issue: IssueRecord, project: ProjectRow): boolean {
  const user = context.user;
  if (!user || canBrowse(user, project)) return true;
  if (issue.reporter === user.accountId || participantsOf(issue).includes(user.accountId)) return true;
  const memberOf = context.store.organizationsOf(user.accountId);
  return issue.organizationIds.some((id) => memberOf.includes(id));
}

/** The request `ref` (id or key) if it is a request of a service desk that the acting user may see. */
export function visibleRequest(context: JiraContext, ref: string): { issue: IssueRecord; project: ProjectRow; deskId: string } | undefined {
  const issue = ref ? context.store.issue(ref) : undefined;
  const desk = issue && serviceDeskOfProject(context, issue.projectId);
  if (!issue || !desk || !canSeeRequest(context, issue, desk.project)) return undefined;
  return { issue, project: desk.project, deskId: desk.id };
}

// ---- fields and document bodies ----------------------------------------------------------------------------------

export function fieldConfig(fieldId: string): FieldConfig | undefined {
  return SYSTEM_FIELDS.find((f) => f.id === fieldId) ?? CUSTOM_FIELDS.find((f) => f.id === fieldId);
}

export { adfToText, isAdfDocument, textToAdf } from '../adf';

/** HTML for `renderedValue` / `renderedBody`: each paragraph of the text, escaped. */
export function renderHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\n\n/)
    .filter(Boolean)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br/>')}</p>`)
    .join('');
}
