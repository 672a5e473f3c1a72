/** Who a Jira request acts as: the app (asApp) or a user (asUser, or HTTP with X-Sandbox-Account / Basic auth). */
export type JiraActor = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface JiraRequest {
  method: string;
  /** Path without query, e.g. `/rest/api/3/myself`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  actor: JiraActor;
}

export interface JiraReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type UserKind = 'admin' | 'agent' | 'delivery' | 'customer';

export interface SandboxUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  kind: UserKind;
  deliveryRole?: 'lead' | 'consultant';
  /** The JSM organisation's name, for customers. */
  organization?: string;
  locale: string;
  timeZone: string;
}
