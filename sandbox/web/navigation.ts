import type { WebAppConfig } from './app-config';
import { enc } from './html';

/**
 * Where `router.navigate`, `router.open` and `router.getUrl` lead, as Jira resolves a NavigationLocation: issues to
 * their view, the app's own project and admin pages to their routes here. Targets of other products are refused, as
 * Jira refuses them. A plain URL is taken as it is, relative to the site; only http(s) URLs are accepted.
 */
export type Resolved = { ok: true; url: string } | { ok: false; message: string };

export function resolveLocation(location: unknown, config: WebAppConfig, siteUrl: string, current: { projectKey?: string }): Resolved {
  if (typeof location === 'string') return absolute(location, siteUrl);
  if (!location || typeof location !== 'object') return { ok: false, message: 'A location is a URL or an object with a target.' };
  const l = location as Record<string, unknown>;
  if (typeof l.url === 'string' && l.target === undefined) return absolute(l.url, siteUrl);
  const text = (name: string): string | undefined => (typeof l[name] === 'string' && l[name] !== '' ? (l[name] as string) : undefined);
  switch (l.target) {
    case 'issue': {
      const key = text('issueKey');
      return key ? absolute(`/browse/${enc(key)}`, siteUrl) : { ok: false, message: 'The issue target needs an issueKey.' };
    }
    case 'module': {
      const moduleKey = text('moduleKey');
      const module = moduleKey ? config.modules.get(moduleKey) : undefined;
      if (!module) return { ok: false, message: `The app has no module '${moduleKey ?? ''}'.` };
      if (module.type === 'jira:adminPage') return absolute(`/jira/settings/apps/${enc(module.key)}`, siteUrl);
      if (module.type === 'jira:projectPage') {
        const projectKey = text('projectKey') ?? current.projectKey;
        if (!projectKey) return { ok: false, message: 'A project page target needs a projectKey.' };
        return absolute(`/jira/software/projects/${enc(projectKey)}/apps/${enc(module.key)}`, siteUrl);
      }
      return { ok: false, message: `A ${module.type} module is not a page one can navigate to.` };
    }
    case 'dashboard': {
      const id = text('dashboardId');
      return id ? absolute(`/jira/dashboards/${enc(id)}`, siteUrl) : { ok: false, message: 'The dashboard target needs a dashboardId.' };
    }
    case 'userProfile': {
      const accountId = text('accountId');
      return accountId ? absolute(`/jira/people/${enc(accountId)}`, siteUrl) : { ok: false, message: 'The userProfile target needs an accountId.' };
    }
    case 'projectSettingsDetails': {
      const projectKey = text('projectKey');
      return projectKey ? absolute(`/jira/software/projects/${enc(projectKey)}/settings/details`, siteUrl) : { ok: false, message: 'The projectSettingsDetails target needs a projectKey.' };
    }
    default:
      return { ok: false, message: `Jira cannot navigate to the target '${String(l.target)}'.` };
  }
}

function absolute(url: string, siteUrl: string): Resolved {
  try {
    const resolved = new URL(url, siteUrl);
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return { ok: false, message: 'Only http and https URLs can be opened.' };
    return { ok: true, url: resolved.toString() };
  } catch {
    return { ok: false, message: `Not a URL: ${url}` };
  }
}
