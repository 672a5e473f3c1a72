import type { ProjectRow } from '../jira-store';
import { projectPermissions } from '../permissions';
import { jiraError, type JiraContext, type Route } from '../router';
import type { JiraReply, SandboxUser } from '../types';
import { browsable, failed, ISSUE_NOT_FOUND, ok, paging, queryList, type Outcome } from './route-kit';

/**
 * Users: GET /user, /user/search, /user/bulk, /user/assignable/search, /user/picker, /users/search — and the
 * `User` / `UserDetails` shapes every other route renders people with. Every account in the sandbox is active (the
 * demo has no deactivated people, so "inactive users are left out" is trivially true). JSM customers are found by
 * the searches, as on a site, but are never assignable (they hold no project permission). Customers lack the
 * global "Browse users and groups" permission: /user and /users/search refuse them, /user/search answers them
 * nothing, as the spec says.
 */

/**
 * The account the app acts as. Comments and worklogs written with asApp() carry it as their author; the store keeps
 * `null` for it (there is no directory row for the app).
 */
export const APP_ACCOUNT = {
  accountId: '557058:5b4d1f57-0c3e-4a8e-9c57-6f1f0e6a2d11',
  displayName: 'Engagement Desk',
} as const;

export function avatarUrls(context: Pick<JiraContext, 'baseUrl'>, kind: 'user' | 'project', id: string): Record<string, string> {
  const url = (size: number) => `${context.baseUrl}/avatars/${kind}/${encodeURIComponent(id)}?s=${size}`;
  return { '48x48': url(48), '24x24': url(24), '16x16': url(16), '32x32': url(32) };
}

const selfOf = (context: Pick<JiraContext, 'baseUrl'>, accountId: string) => `${context.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;

/** `User` (strict in the spec): what /user, /myself and the searches answer. */
export function userJson(context: Pick<JiraContext, 'baseUrl'>, user: SandboxUser): Record<string, unknown> {
  return {
    self: selfOf(context, user.accountId),
    accountId: user.accountId,
    accountType: user.kind === 'customer' ? 'customer' : 'atlassian',
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(context, 'user', user.accountId),
    displayName: user.displayName,
    active: true,
    timeZone: user.timeZone,
    locale: user.locale.replace('-', '_'),
  };
}

/** `UserDetails` (strict, no locale): how issue fields, comments and worklogs name people. */
export function userDetailsJson(context: Pick<JiraContext, 'baseUrl'>, user: SandboxUser): Record<string, unknown> {
  return {
    self: selfOf(context, user.accountId),
    accountId: user.accountId,
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(context, 'user', user.accountId),
    displayName: user.displayName,
    active: true,
    timeZone: user.timeZone,
    accountType: user.kind === 'customer' ? 'customer' : 'atlassian',
  };
}

/** The app's own account as `UserDetails`. */
export function appUserJson(context: Pick<JiraContext, 'baseUrl'>): Record<string, unknown> {
  return {
    self: selfOf(context, APP_ACCOUNT.accountId),
    accountId: APP_ACCOUNT.accountId,
    avatarUrls: avatarUrls(context, 'user', APP_ACCOUNT.accountId),
    displayName: APP_ACCOUNT.displayName,
    active: true,
    timeZone: 'UTC',
    accountType: 'app',
  };
}

/** A stored account reference as UserDetails: `null` for nobody, the app's account for `APP_ACCOUNT`. */
export function personJson(context: JiraContext, accountId: string | null): Record<string, unknown> | null {
  if (!accountId) return null;
  if (accountId === APP_ACCOUNT.accountId) return appUserJson(context);
  const user = context.store.user(accountId);
  return user ? userDetailsJson(context, user) : { accountId, active: false, displayName: 'Former user', accountType: 'unknown' };
}

/** The author of something the acting party writes: the user, or the app's account (stored as null). */
export function authorOf(context: JiraContext): string | null {
  return context.user?.accountId ?? null;
}

export function displayNameOf(context: JiraContext, accountId: string | null): string | null {
  if (!accountId) return null;
  if (accountId === APP_ACCOUNT.accountId) return APP_ACCOUNT.displayName;
  return context.store.user(accountId)?.displayName ?? accountId;
}

export function isAssignable(user: SandboxUser, project: ProjectRow): boolean {
  return projectPermissions(user, project).has('ASSIGNABLE_USER');
}

const canBrowseUsers = (context: JiraContext) => !context.user || context.user.kind !== 'customer';
const NO_BROWSE_USERS = 'You do not have the permission to browse users and groups.';

/** Jira matches a query against the start of the display name, of any of its words, or of the email address. */
export function matchesQuery(user: SandboxUser, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const name = user.displayName.toLowerCase();
  return name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q)) || user.emailAddress.toLowerCase().startsWith(q);
}

function slice<T>(items: T[], page: { startAt: number; maxResults: number }): T[] {
  return items.slice(page.startAt, page.startAt + page.maxResults);
}

function getUser(context: JiraContext): JiraReply {
  if (!canBrowseUsers(context)) return jiraError(403, NO_BROWSE_USERS);
  const accountId = context.request.query.get('accountId');
  if (!accountId) return jiraError(400, "The 'accountId' query parameter needs to be provided.");
  if (accountId === APP_ACCOUNT.accountId) {
    const { self, accountId: id, avatarUrls: avatars, displayName, active, timeZone, accountType } = appUserJson(context);
    return { status: 200, body: { self, accountId: id, accountType, avatarUrls: avatars, displayName, active, timeZone } };
  }
  const user = context.store.user(accountId);
  if (!user) return jiraError(404, `Specified user does not exist or you do not have required permissions`);
  return { status: 200, body: userJson(context, user) };
}

function findUsers(context: JiraContext): JiraReply {
  const query = context.request.query;
  const text = query.get('query');
  const accountId = query.get('accountId');
  if (text === null && accountId === null && query.get('property') === null) return jiraError(400, "One of 'accountId', 'query' or 'property' must be provided.");
  if (text !== null && accountId !== null) return jiraError(400, "Only one of 'accountId' and 'query' may be provided.");
  const page = paging(query, 50, 1000);
  if (!page.ok) return page.reply;
  if (!canBrowseUsers(context)) return { status: 200, body: [] };
  const found = context.store.users().filter((u) => (accountId !== null ? u.accountId === accountId : matchesQuery(u, text ?? '')));
  return { status: 200, body: slice(found, page.value).map((u) => userJson(context, u)) };
}

function bulkGetUsers(context: JiraContext): JiraReply {
  const ids = context.request.query.getAll('accountId').filter(Boolean);
  if (ids.length === 0) return jiraError(400, "The 'accountId' query parameter needs to be provided.");
  const page = paging(context.request.query, 10, 200);
  if (!page.ok) return page.reply;
  const found = [...new Set(ids)].flatMap((id) => {
    const user = context.store.user(id);
    return user ? [user] : [];
  });
  const values = slice(found, page.value).map((u) => userJson(context, u));
  return {
    status: 200,
    body: {
      self: `${context.baseUrl}${context.request.path}?${context.request.query.toString()}`,
      maxResults: page.value.maxResults,
      startAt: page.value.startAt,
      total: found.length,
      isLast: page.value.startAt + values.length >= found.length,
      values,
    },
  };
}

/** The project whose assignable users are asked for: from `project`, `issueKey` or `issueId`. */
function assignableScope(context: JiraContext): Outcome<ProjectRow> {
  const query = context.request.query;
  const projectRef = query.get('project');
  const issueRef = query.get('issueKey') ?? query.get('issueId');
  if (!projectRef && !issueRef) return failed(400, "One of 'project', 'issueKey' or 'issueId' must be provided.");
  if (issueRef) {
    const issue = context.store.issue(issueRef);
    const project = issue && context.store.project(issue.projectId);
    if (!issue || !project || !browsable(context, project)) return failed(404, ISSUE_NOT_FOUND);
    return ok(project);
  }
  const project = context.store.project(projectRef ?? '');
  if (!project || !browsable(context, project)) return failed(404, `No project could be found with key '${projectRef}'.`);
  return ok(project);
}

function findAssignableUsers(context: JiraContext): JiraReply {
  const query = context.request.query;
  const text = query.get('query');
  const accountId = query.get('accountId');
  if (text !== null && accountId !== null) return jiraError(400, "Only one of 'accountId' and 'query' may be provided.");
  const scope = assignableScope(context);
  if (!scope.ok) return scope.reply;
  const page = paging(query, 50, 1000);
  if (!page.ok) return page.reply;
  // A missing query lists every assignable user, as scripts against live Jira rely on.
  const found = context.store
    .users()
    .filter((u) => isAssignable(u, scope.value))
    .filter((u) => (accountId !== null ? u.accountId === accountId : matchesQuery(u, text ?? '')));
  return { status: 200, body: slice(found, page.value).map((u) => userJson(context, u)) };
}

function findUsersForPicker(context: JiraContext): JiraReply {
  const query = context.request.query;
  const text = query.get('query');
  if (text === null) return jiraError(400, "The 'query' parameter needs to be provided.");
  const max = Number(query.get('maxResults') ?? 50);
  const exclude = new Set(queryList(query, 'excludeAccountIds'));
  const showAvatar = query.get('showAvatar') === 'true';
  const found = canBrowseUsers(context) ? context.store.users().filter((u) => !exclude.has(u.accountId) && matchesQuery(u, text)) : [];
  const shown = found.slice(0, Number.isFinite(max) && max >= 0 ? max : 50);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const highlight = (s: string) => {
    const at = s.toLowerCase().indexOf(text.toLowerCase());
    if (!text || at < 0) return escape(s);
    return `${escape(s.slice(0, at))}<strong>${escape(s.slice(at, at + text.length))}</strong>${escape(s.slice(at + text.length))}`;
  };
  return {
    status: 200,
    body: {
      users: shown.map((u) => ({
        accountId: u.accountId,
        accountType: u.kind === 'customer' ? 'customer' : 'atlassian',
        html: `${highlight(u.displayName)} - ${highlight(u.emailAddress)}`,
        displayName: u.displayName,
        ...(showAvatar ? { avatarUrl: avatarUrls(context, 'user', u.accountId)['24x24'] } : {}),
      })),
      total: found.length,
      header: `Showing ${shown.length} of ${found.length} matching users`,
    },
  };
}

function getAllUsers(context: JiraContext): JiraReply {
  if (!canBrowseUsers(context)) return jiraError(403, NO_BROWSE_USERS);
  const page = paging(context.request.query, 50, 1000);
  if (!page.ok) return page.reply;
  return { status: 200, body: slice(context.store.users(), page.value).map((u) => userJson(context, u)) };
}

export const userRoutes: Route[] = [
  { method: 'GET', path: '/rest/api/3/user', handle: getUser },
  { method: 'GET', path: '/rest/api/3/user/search', handle: findUsers },
  { method: 'GET', path: '/rest/api/3/user/bulk', handle: bulkGetUsers },
  { method: 'GET', path: '/rest/api/3/user/assignable/search', handle: findAssignableUsers },
  { method: 'GET', path: '/rest/api/3/user/picker', handle: findUsersForPicker },
  { method: 'GET', path: '/rest/api/3/users/search', handle: getAllUsers },
  { method: 'GET', path: '/rest/api/3/users', handle: getAllUsers },
];
