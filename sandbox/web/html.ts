/**
 * HTML for the simulated Jira's server-rendered pages. Every interpolated value is escaped unless it is already
 * `SafeHtml` (the output of another `html` template, or `raw` for markup this code wrote itself). Attribute values
 * are always written in double quotes in the templates, and the escaping covers both quote characters.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** Markup that this code wrote itself (never user or app data). */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose interpolations are escaped; arrays are rendered item by item; null, undefined and false vanish. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A path segment or query value for an href: percent-encoded (the template then escapes the `&`s). */
export const enc = encodeURIComponent;

/** A local path to come back to after a form post: only same-site absolute paths, never `//host` or a scheme. */
export function safeLocalPath(candidate: unknown, fallback = '/'): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || candidate.startsWith('//') || /[\\\r\n]/.test(candidate)) return fallback;
  return candidate;
}
