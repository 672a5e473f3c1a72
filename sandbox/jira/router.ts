import type { JiraStore } from './jira-store';
import type { JiraReply, JiraRequest, SandboxUser } from './types';

/** A Forge product event raised by a write; the host delivers it to the app's triggers. */
export interface ProductEvent {
  eventType: string;
  payload: Record<string, unknown>;
  /** The app's own asApp() write: triggers with ignoreSelf never see it. */
  causedByApp: boolean;
}

/** What a route handler gets: the store, who acts (undefined = the app itself), and how to raise events. */
export interface JiraContext {
  store: JiraStore;
  request: JiraRequest;
  /** The acting user; undefined when the app acts as itself (asApp). */
  user: SandboxUser | undefined;
  baseUrl: string;
  now(): number;
  emit(event: Omit<ProductEvent, 'causedByApp'>): void;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Jira's path template, e.g. `/rest/api/3/issue/{issueIdOrKey}/comment/{id}`. */
  path: string;
  handle(context: JiraContext, params: Record<string, string>): JiraReply | Promise<JiraReply>;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

/** Matches a request to the first route whose method and path template fit; literal segments win over parameters. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes
      .map((r) => {
        const names: string[] = [];
        const source = r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        return { ...r, pattern: new RegExp(`^${source}$`), names };
      })
      // Fewer parameters first: /issue/createmeta must not be taken for /issue/{issueIdOrKey}.
      .sort((a, b) => a.names.length - b.names.length);
  }

  match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | undefined {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      return { route, params };
    }
    return allowed.length ? { allowed } : undefined;
  }
}

export function jiraError(status: number, message: string, errors: Record<string, string> = {}): JiraReply {
  return { status, body: { errorMessages: message ? [message] : [], errors } };
}
