import { html, raw, type SafeHtml } from './html';

/**
 * Small renderers the pages share: Jira dates in the viewer's time zone, durations as Jira writes them, field
 * values by shape, and Atlassian Document Format as simple, escaped HTML.
 */

/** Jira's `2026-01-05T10:00:00.000+0000` (and ISO strings) as a readable date in `timeZone`. */
export function formatDate(value: unknown, timeZone: string): string {
  if (typeof value !== 'string') return '';
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) return value;
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(ms);
  }
}

/** Seconds as Jira shows time spent: `1d 2h 30m` with 8-hour days (Jira's default time tracking). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '0m';
  const minutes = Math.round(seconds / 60);
  const days = Math.floor(minutes / 480);
  const hours = Math.floor((minutes % 480) / 60);
  const rest = minutes % 60;
  return [days ? `${days}d` : '', hours ? `${hours}h` : '', rest ? `${rest}m` : ''].filter(Boolean).join(' ') || '0m';
}

/** A field value as text: options by value, people by name, lists joined, anything else as JSON. */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(fieldText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['value', 'displayName', 'name', 'key', 'accountId']) if (typeof v[key] === 'string') return v[key] as string;
    // JSM's Request Type value: the request type inside names it.
    if (v.requestType && typeof v.requestType === 'object') return fieldText(v.requestType);
    if (v.type === 'doc') return adfText(v);
  }
  return JSON.stringify(value);
}

type Node = { type?: unknown; text?: unknown; content?: unknown; attrs?: Record<string, unknown>; marks?: unknown };

const children = (node: Node): Node[] => (Array.isArray(node.content) ? (node.content as Node[]) : []);

/** The plain text of an ADF document. */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as Node;
  if (n.type === 'text') return typeof n.text === 'string' ? n.text : '';
  if (n.type === 'hardBreak') return '\n';
  return children(n).map(adfText).join(n.type === 'doc' ? '\n' : '');
}

const SAFE_HREF = /^(https?:|mailto:|\/(?!\/))/i;

function textWithMarks(n: Node): SafeHtml {
  let out = html`${typeof n.text === 'string' ? n.text : ''}`;
  for (const mark of Array.isArray(n.marks) ? (n.marks as Node[]) : []) {
    switch (mark.type) {
      case 'strong':
        out = html`<strong>${out}</strong>`;
        break;
      case 'em':
        out = html`<em>${out}</em>`;
        break;
      case 'code':
        out = html`<code>${out}</code>`;
        break;
      case 'strike':
        out = html`<s>${out}</s>`;
        break;
      case 'underline':
        out = html`<u>${out}</u>`;
        break;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' && SAFE_HREF.test(mark.attrs.href) ? mark.attrs.href : undefined;
        if (href) out = html`<a href="${href}" rel="noopener noreferrer">${out}</a>`;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * The account ids of the mentions in an ADF document, for the page to look their names up before rendering: a
 * mention's `text` is optional (apps often leave it empty), and Jira's renderer shows the account's current name.
 */
export function mentionedAccountIds(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (!node || typeof node !== 'object') return into;
  const n = node as Node;
  if (n.type === 'mention' && typeof n.attrs?.id === 'string' && n.attrs.id !== '') into.add(n.attrs.id);
  for (const child of children(n)) mentionedAccountIds(child, into);
  return into;
}

/**
 * ADF as simple HTML: paragraphs, headings (as bold paragraphs, so the page's own outline stays intact), lists, code,
 * quotes, rules, tables, mentions and links. Unknown nodes show their text. Everything is escaped. A mention shows its
 * `text`, or when that is empty, as in Jira, `@` and the name of its account (from `names`, by account id).
 */
export function adfHtml(node: unknown, names: ReadonlyMap<string, string> = new Map()): SafeHtml {
  if (typeof node === 'string') return html`<p>${node}</p>`;
  if (!node || typeof node !== 'object') return raw('');
  const n = node as Node;
  const inner = () => children(n).map((child) => adfHtml(child, names));
  switch (n.type) {
    case 'doc':
      return html`${inner()}`;
    case 'paragraph':
      return html`<p>${inner()}</p>`;
    case 'heading':
      return html`<p class="adf-heading"><strong>${inner()}</strong></p>`;
    case 'text':
      return textWithMarks(n);
    case 'hardBreak':
      return raw('<br>');
    case 'bulletList':
      return html`<ul>${inner()}</ul>`;
    case 'orderedList':
      return html`<ol>${inner()}</ol>`;
    case 'listItem':
      return html`<li>${inner()}</li>`;
    case 'blockquote':
      return html`<blockquote>${inner()}</blockquote>`;
    case 'codeBlock':
      return html`<pre><code>${adfText(n)}</code></pre>`;
    case 'rule':
      return raw('<hr>');
    case 'panel':
      return html`<div class="adf-panel">${inner()}</div>`;
    case 'table':
      return html`<table class="adf-table"><tbody>${inner()}</tbody></table>`;
    case 'tableRow':
      return html`<tr>${inner()}</tr>`;
    case 'tableHeader':
      return html`<th scope="col">${inner()}</th>`;
    case 'tableCell':
      return html`<td>${inner()}</td>`;
    case 'mention': {
      const given = typeof n.attrs?.text === 'string' ? n.attrs.text.trim() : '';
      const name = typeof n.attrs?.id === 'string' ? names.get(n.attrs.id) : undefined;
      return html`<span class="adf-mention">${given !== '' ? given : name ? `@${name}` : '@someone'}</span>`;
    }
    case 'emoji':
      return html`${typeof n.attrs?.text === 'string' ? n.attrs.text : typeof n.attrs?.shortName === 'string' ? n.attrs.shortName : ''}`;
    case 'inlineCard':
    case 'blockCard': {
      const url = typeof n.attrs?.url === 'string' && SAFE_HREF.test(n.attrs.url) ? n.attrs.url : undefined;
      return url ? html`<a href="${url}" rel="noopener noreferrer">${url}</a>` : raw('');
    }
    default:
      return html`${inner()}`;
  }
}
