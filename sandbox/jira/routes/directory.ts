import type { Route } from '../router';
import { appUserJson, userJson } from './users';

/** GET /rest/api/3/myself: the acting user; asApp, the app's own account (accountType "app"), as Jira answers. */
export const directoryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rest/api/3/myself',
    handle: (context) => ({ status: 200, body: context.user ? userJson(context, context.user) : appUserJson(context) }),
  },
];
