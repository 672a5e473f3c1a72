import { jiraError, type JiraContext, type Route } from '../router';
import type { SandboxUser } from '../types';

/** A user as Jira's `User` schema describes them. */
export function userBody(context: Pick<JiraContext, 'baseUrl'>, user: SandboxUser): Record<string, unknown> {
  return {
    self: `${context.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.kind === 'customer' ? 'customer' : 'atlassian',
    emailAddress: user.emailAddress,
    displayName: user.displayName,
    active: true,
    timeZone: user.timeZone,
    locale: user.locale.replace('-', '_'),
    avatarUrls: {},
  };
}

export const directoryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rest/api/3/myself',
    handle: (context) => (context.user ? { status: 200, body: userBody(context, context.user) } : jiraError(404, 'The app has no user of its own to describe.')),
  },
];
