import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ForgeHost } from '../runtime/host';
import type { WebAppConfig } from './app-config';
import type { FrameRegistry } from './frames';
import { JiraAsUser } from './jira-client';
import { sessionOf, type Session } from './session';

/** What every page handler gets: the host, the app's manifest facts, the frame tokens, and who is looking. */
export interface WebContext {
  host: ForgeHost;
  config: WebAppConfig;
  frames: FrameRegistry;
}

export interface PageRequest {
  web: WebContext;
  session: Session;
  jira: JiraAsUser;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** The page's session, or a plain 503 while the site has no users at all (before the first reset). */
export function pageRequest(web: WebContext, request: FastifyRequest, reply: FastifyReply): PageRequest | undefined {
  const session = sessionOf(web.host, request);
  if (!session) {
    void reply.status(503).type('text/plain; charset=utf-8').send('The sandbox has no users yet: POST /__sandbox/api/reset {"seed":"demo"} first.');
    return undefined;
  }
  return { web, session, jira: new JiraAsUser(web.host, session.user.accountId), request, reply };
}
