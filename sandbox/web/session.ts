import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ForgeHost } from '../runtime/host';
import type { SandboxUser } from '../jira/types';

/**
 * Who is looking at the simulated Jira, and in which theme: two cookies that only the host pages read and write.
 * The app's iframes never see them (they run sandboxed, in an opaque origin, so no cookie reaches the server from
 * them): the account behind every bridge call is bound to the frame's token when the server renders the page.
 */
export const ACCOUNT_COOKIE = 'sandbox-account';
export const THEME_COOKIE = 'sandbox-theme';
export type ColorMode = 'light' | 'dark';

export interface Session {
  user: SandboxUser;
  users: SandboxUser[];
  colorMode: ColorMode;
  /** The page's own path and query: where the user switch and the theme toggle come back to. */
  here: string;
  /** The site's origin as the browser reached it, e.g. `http://127.0.0.1:4000`. */
  siteUrl: string;
}

export function readCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** The acting user: the cookie's account when it names one, else the site's first administrator. */
export function sessionOf(host: ForgeHost, request: FastifyRequest): Session | undefined {
  const users = host.jiraStore.users();
  const cookies = readCookies(request.headers.cookie);
  const chosen = cookies.get(ACCOUNT_COOKIE);
  const user = (chosen ? users.find((u) => u.accountId === chosen) : undefined) ?? users.find((u) => u.kind === 'admin') ?? users[0];
  if (!user) return undefined;
  return { user, users, colorMode: cookies.get(THEME_COOKIE) === 'dark' ? 'dark' : 'light', here: request.url, siteUrl: siteUrlOf(request) };
}

export function siteUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

export function setCookie(reply: FastifyReply, name: string, value: string): void {
  void reply.header('set-cookie', `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`);
}

/** How the user switch names a person: "Dana Delivery — delivery lead — en-US". */
export function describeUser(user: SandboxUser): string {
  return `${user.displayName} — ${kindOf(user)} — ${user.locale}`;
}

export function kindOf(user: SandboxUser): string {
  switch (user.kind) {
    case 'admin':
      return 'admin';
    case 'agent':
      return 'agent';
    case 'delivery':
      return user.deliveryRole === 'lead' ? 'delivery lead' : 'consultant';
    case 'customer':
      return user.organization ? `customer (${user.organization})` : 'customer';
  }
}
