/**
 * Atlassian Document Format helpers shared by the platform and JSM routes: Jira stores rich text as ADF; JSM's
 * customer-facing API and changelog strings show its text.
 */

export function isAdfDocument(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const doc = value as { type?: unknown; version?: unknown; content?: unknown };
  return doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content);
}

/** Jira v3's answer when a rich-text value is not an ADF document. */
export const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'bulletList', 'orderedList', 'listItem', 'panel', 'rule', 'table', 'tableRow', 'tableCell', 'tableHeader', 'mediaSingle']);

/**
 * The text of an ADF node (a string stays as it is): paragraphs apart by a blank line, breaks as newlines. A mention
 * shows its own `text`, or — as Jira renders one written with only the account id — `@` and the person's name.
 */
export function adfToText(node: unknown, nameOf: (accountId: string) => string | undefined = () => undefined): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: unknown; text?: unknown; content?: unknown; attrs?: { text?: unknown; id?: unknown } };
  if (n.type === 'text') return typeof n.text === 'string' ? n.text : '';
  if (n.type === 'hardBreak') return '\n';
  if (n.type === 'mention') {
    if (typeof n.attrs?.text === 'string' && n.attrs.text !== '') return n.attrs.text;
    const name = typeof n.attrs?.id === 'string' ? nameOf(n.attrs.id) : undefined;
    return name ? `@${name}` : '';
  }
  if (n.type === 'emoji') return typeof n.attrs?.text === 'string' ? n.attrs.text : '';
  const children = Array.isArray(n.content) ? (n.content as unknown[]) : [];
  const separator = n.type === 'doc' ? '\n\n' : children.some((c) => BLOCKS.has((c as { type?: string } | null)?.type ?? '')) ? '\n' : '';
  return children.map((child) => adfToText(child, nameOf)).join(separator);
}

/** Plain text as an ADF document: blank lines separate paragraphs, single newlines become hard breaks. */
export function textToAdf(text: string): Record<string, unknown> {
  const paragraphs = text.split(/\r?\n\s*\r?\n/).filter((p) => p.length > 0);
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split(/\r?\n/).flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}
