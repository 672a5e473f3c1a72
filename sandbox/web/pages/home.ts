import type { FastifyReply } from 'fastify';
import type { PageRequest } from '../context';
import { enc, html } from '../html';
import { sendPage } from '../layout';
import { kindOf } from '../session';

/** `/`: the site's projects with links to everything, and who the demo's people are. */
export async function homePage(page: PageRequest): Promise<FastifyReply> {
  const { config } = page.web;
  const reply = await page.jira.get('/rest/api/3/project/search?maxResults=50');
  const projects = reply.status === 200 ? ((reply.body as { values?: Array<{ key: string; name: string; projectTypeKey: string }> }).values ?? []) : [];
  const projectPages = [...config.modules.values()].filter((m) => m.type === 'jira:projectPage');
  const adminPages = [...config.modules.values()].filter((m) => m.type === 'jira:adminPage');
  const rows = projects.map(
    (p) => html`<tr>
<th scope="row">${p.key}</th><td>${p.name}</td><td>${p.projectTypeKey === 'service_desk' ? 'Service management' : 'Software'}</td>
<td><ul class="plain-list">
<li><a href="/issues?jql=${enc(`project = ${p.key} ORDER BY created DESC`)}">Issues</a></li>
${p.projectTypeKey === 'software' ? html`<li><a href="/jira/software/projects/${enc(p.key)}/boards/1">Board</a></li>` : ''}
${p.projectTypeKey === 'software' ? projectPages.map((m) => html`<li><a href="/jira/software/projects/${enc(p.key)}/apps/${enc(m.key)}">${m.title} (app)</a></li>`) : ''}
${p.projectTypeKey === 'service_desk' ? html`<li><a href="/servicedesk/customer/portal/1">Help center</a></li>` : ''}
</ul></td>
</tr>`,
  );
  const people = page.session.users.map(
    (u) => html`<tr><th scope="row">${u.displayName}</th><td>${kindOf(u)}</td><td>${u.locale}</td><td>${u.emailAddress}</td></tr>`,
  );
  return sendPage(page, {
    title: 'Start',
    body: html`<h1>Jira sandbox</h1>
<p>You are <strong>${page.session.user.displayName}</strong> (${kindOf(page.session.user)}, ${page.session.user.locale}). Pick someone else with “Acting user” at the top of any page.</p>
<h2>Projects</h2>
${projects.length
  ? html`<table class="list"><thead><tr><th scope="col">Key</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Go to</th></tr></thead><tbody>${rows}</tbody></table>`
  : html`<p>${page.session.user.displayName} cannot browse any project: customers use the <a href="/servicedesk/customer/portal/1">help center</a>.</p>`}
<h2>Everywhere else</h2>
<ul>
<li><a href="/issues">Search issues with JQL</a></li>
<li><a href="/servicedesk/customer/portal/1">Help center: raise a request</a></li>
<li><a href="/servicedesk/customer/user/requests">Requests you can see</a></li>
${adminPages.map((m) => html`<li><a href="/jira/settings/apps/${enc(m.key)}">${m.title} settings (app admin page)</a></li>`)}
<li><a href="/__sandbox/api/users">The sandbox's users as JSON</a></li>
</ul>
<h2>People on this site</h2>
<table class="list"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Language</th><th scope="col">Email</th></tr></thead><tbody>${people}</tbody></table>`,
  });
}
