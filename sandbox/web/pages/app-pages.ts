import type { FastifyReply } from 'fastify';
import { appFrame } from '../app-frame';
import type { PageRequest } from '../context';
import { enc, html } from '../html';
import { infoMessage, sendNotFound, sendPage } from '../layout';

/**
 * The app's full pages. A project page (`jira:projectPage`) opens for whoever may browse the project, with the
 * project as its extension context. An admin page (`jira:adminPage`) sits in Jira's settings; the sandbox renders it
 * for everyone, saying so to non-administrators, so that the app's own check can be seen refusing them (a display
 * rule is never the app's security).
 */
export async function projectAppPage(page: PageRequest, projectKey: string, moduleKey: string): Promise<FastifyReply> {
  const module = page.web.config.modules.get(moduleKey);
  if (!module || module.type !== 'jira:projectPage') return sendNotFound(page, 'Page not found', `The app has no project page '${moduleKey}'.`);
  const reply = await page.jira.get(`/rest/api/3/project/${enc(projectKey)}`);
  if (reply.status !== 200) return sendNotFound(page, 'Project not found', `The project ${projectKey} does not exist or you do not have permission to see it.`);
  const project = reply.body as { id: string; key: string; name?: string; projectTypeKey?: string };
  const extension = { project: { id: project.id, key: project.key, type: project.projectTypeKey ?? '' } };
  return sendPage(page, {
    title: `${module.title} - ${project.key}`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li>${project.name ?? project.key}</li><li>Apps</li><li>${module.title}</li></ol></nav>
${appFrame(page, module.key, extension, 'page')}`,
  });
}

export async function adminAppPage(page: PageRequest, moduleKey: string): Promise<FastifyReply> {
  const module = page.web.config.modules.get(moduleKey);
  if (!module || module.type !== 'jira:adminPage') return sendNotFound(page, 'Page not found', `The app has no admin page '${moduleKey}'.`);
  const admin = page.session.user.kind === 'admin';
  return sendPage(page, {
    title: `${module.title} settings`,
    body: html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li>Jira settings</li><li>Apps</li><li>${module.title}</li></ol></nav>
${admin ? '' : infoMessage('Jira shows this page to administrators only. The sandbox shows it to everyone, so that the app’s own permission check can be seen.')}
${appFrame(page, module.key, {}, 'page')}`,
  });
}
