import type { PageRequest } from './context';
import { framePageUrl } from './app-files';
import { html, type SafeHtml } from './html';

/**
 * One of the app's modules in the page, as Jira renders Custom UI: an iframe of the module's resource, sandboxed
 * without `allow-same-origin` (so the app's document has an origin of its own, as on Forge's CDN, and none of the
 * site's cookies), holding a fresh frame token bound to the module, this extension context and the acting user.
 */
export function appFrame(page: PageRequest, moduleKey: string, extension: Record<string, unknown>, variant: 'panel' | 'page'): SafeHtml {
  const module = page.web.config.modules.get(moduleKey);
  if (!module) return html`<p class="message message--error" role="alert">The app has no module '${moduleKey}' in manifest.yml.</p>`;
  const binding = page.web.frames.issue({ module, extension, user: page.session.user, colorMode: page.session.colorMode, siteUrl: page.session.siteUrl });
  const src = framePageUrl(module.resource, binding.token);
  const frame = html`<iframe class="app-frame app-frame--${variant}" data-app-frame="${module.key}" ${variant === 'panel' ? html`data-autosize=""` : ''} title="${module.title} (Engagement Desk app)" src="${src}" sandbox="allow-scripts allow-forms allow-downloads allow-popups allow-popups-to-escape-sandbox"></iframe>`;
  if (variant === 'page') return frame;
  const headingId = `app-panel-${module.key}`;
  return html`<section class="app-panel" aria-labelledby="${headingId}">
<div class="app-panel__header">${iconOf(page, module.icon)}<h2 id="${headingId}">${module.title}</h2></div>
${frame}
</section>`;
}

/** `resource:<key>;<entry or path>` as an image of the app's resource (decorative: the title says it all). */
function iconOf(page: PageRequest, icon: string | undefined): SafeHtml {
  const match = icon ? /^resource:([^;]+);(.+)$/.exec(icon) : null;
  if (!match) return html``;
  const resource = page.web.config.resources.get(match[1]!);
  if (!resource) return html``;
  const file = resource.entry[match[2]!] ?? match[2]!;
  return html`<img class="app-panel__icon" src="/__app/${encodeURIComponent(resource.key)}/${file}" alt="">`;
}
