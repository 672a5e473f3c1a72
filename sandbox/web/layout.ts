import type { FastifyReply } from 'fastify';
import type { PageRequest } from './context';
import { html, raw, type SafeHtml } from './html';
import { describeUser } from './session';

/** The host pages' own policy: nothing inline, frames and everything else from the site itself. */
export const HOST_PAGE_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export interface PageOptions {
  title: string;
  body: SafeHtml;
  status?: number;
}

interface NavItem {
  href: string;
  label: string;
}

function navItems(page: PageRequest): NavItem[] {
  const items: NavItem[] = [
    { href: '/', label: 'Home' },
    { href: '/issues', label: 'Issues' },
    { href: '/jira/software/projects/DEL/boards/1', label: 'DEL board' },
  ];
  for (const module of page.web.config.modules.values()) {
    if (module.type === 'jira:projectPage') items.push({ href: `/jira/software/projects/DEL/apps/${encodeURIComponent(module.key)}`, label: module.title });
  }
  items.push({ href: '/servicedesk/customer/portal/1', label: 'Help center' }, { href: '/servicedesk/customer/user/requests', label: 'Requests' });
  for (const module of page.web.config.modules.values()) {
    if (module.type === 'jira:adminPage') items.push({ href: `/jira/settings/apps/${encodeURIComponent(module.key)}`, label: `${module.title} settings` });
  }
  return items;
}

/** Sends a whole host page: header with navigation, the user switch and the theme toggle; the page's body; flags. */
export function sendPage(page: PageRequest, options: PageOptions): FastifyReply {
  const { session } = page;
  const path = session.here.split('?')[0] ?? '/';
  const nav = navItems(page).map((item) => html`<li><a href="${item.href}"${item.href === path ? raw(' aria-current="page"') : ''}>${item.label}</a></li>`);
  const users = session.users.map(
    (u) => html`<option value="${u.accountId}"${u.accountId === session.user.accountId ? raw(' selected') : ''}>${describeUser(u)}</option>`,
  );
  const nextTheme = session.colorMode === 'dark' ? 'light' : 'dark';
  const document = html`<!doctype html>
<html lang="en" data-color-mode="${session.colorMode}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} - Jira (sandbox)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/__web/host.css">
<script src="/__web/host.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="site-header__brand" href="/">Jira <span class="subtle">(sandbox)</span></a>
<nav class="site-nav" aria-label="Jira"><ul>${nav}</ul></nav>
<div class="site-tools">
<form class="inline-form" method="post" action="/__web/account">
<label for="acting-user">Acting user</label>
<select id="acting-user" name="accountId">${users}</select>
<input type="hidden" name="back" value="${session.here}">
<button class="button" type="submit">Switch user</button>
</form>
<form class="inline-form" method="post" action="/__web/theme">
<input type="hidden" name="theme" value="${nextTheme}">
<input type="hidden" name="back" value="${session.here}">
<button class="button" type="submit" id="theme-toggle">Switch to ${nextTheme} theme</button>
</form>
</div>
</header>
<main id="main" aria-label="${options.title}">
${options.body}
</main>
<div id="flags" class="flags" aria-live="polite"></div>
</body>
</html>
`;
  return page.reply
    .status(options.status ?? 200)
    .header('content-security-policy', HOST_PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(document.value);
}

export function errorMessage(text: string, heading?: string): SafeHtml {
  return html`<div class="message message--error" role="alert">${heading ? html`<p><strong>${heading}</strong></p>` : ''}<p>${text}</p></div>`;
}

export function infoMessage(text: string | SafeHtml): SafeHtml {
  return html`<div class="message message--info"><p>${text}</p></div>`;
}

/** A status as Jira's lozenge, coloured by its category and always written out. */
export function statusLozenge(status: unknown): SafeHtml {
  const s = (status ?? {}) as { name?: unknown; statusCategory?: { key?: unknown } };
  const category = typeof s.statusCategory?.key === 'string' ? s.statusCategory.key : 'new';
  return html`<span class="lozenge lozenge--${category}">${typeof s.name === 'string' ? s.name : 'Unknown'}</span>`;
}

export function personName(person: unknown, nobody = 'Unassigned'): string {
  const p = person as { displayName?: unknown } | null | undefined;
  return typeof p?.displayName === 'string' ? p.displayName : nobody;
}

/** A page that says a thing does not exist (or is not visible to the acting user), as Jira says it. */
export function sendNotFound(page: PageRequest, title: string, text: string): FastifyReply {
  return sendPage(page, { title, status: 404, body: html`<h1>${title}</h1>${errorMessage(text)}<p><a href="/">Back to the start page</a></p>` });
}
