/**
 * Jira's text search (`~`, `!~`) approximated without a search index. Jira runs the value through Lucene: the text
 * is split into words, case and accents do not matter, words are stemmed ("requests" finds "request"), common
 * English words are ignored, every remaining term must occur somewhere (in any order), `*` and `?` are wildcards
 * inside a word, and a quoted phrase must occur as consecutive words. Here a term also matches a word it begins
 * ("implement" finds "implementation"), which stands in for stemming; a term never matches inside a word
 * ("toso" does not find "Contoso"), as in Jira.
 */

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on', 'or',
  'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text, folded (lower case, no accents). */
export function words(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The terms of a `~` value: words, keeping the wildcards `*` and `?`. */
function queryTerms(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}*?]+/u).filter(Boolean);
}

function stem(word: string): string {
  for (const suffix of ['ies', 'es', 's', 'ing', 'ed']) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

type Matcher = (word: string) => boolean;

function termMatcher(term: string): Matcher {
  if (/[*?]/.test(term)) {
    const source = term.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    const re = new RegExp(`^${source}$`, 'u');
    return (word) => re.test(word);
  }
  const stemmed = stem(term);
  return (word) => word.startsWith(term) || stem(word) === stemmed;
}

/** A compiled `~` value: a list of terms and phrases that must all occur. Empty when only stop words remain. */
export interface TextQuery {
  groups: Matcher[][];
}

export function compileTextQuery(value: string): TextQuery {
  const groups: Matcher[][] = [];
  // Quoted phrases inside the value ("\"exact phrase\"" in JQL) keep their word order.
  const rest = value.replace(/"([^"]*)"/g, (_m, phrase: string) => {
    const phraseWords = queryTerms(phrase).filter((w) => w.replace(/[*?]/g, '') !== '');
    if (phraseWords.length > 0) groups.push(phraseWords.map(termMatcher));
    return ' ';
  });
  for (const term of queryTerms(rest)) {
    if (STOP_WORDS.has(term) || term.replace(/[*?]/g, '') === '') continue;
    groups.push([termMatcher(term)]);
  }
  return { groups };
}

/** Whether every term and phrase of `query` occurs in one of `texts`. A query of only stop words finds nothing. */
export function textMatches(query: TextQuery, texts: string[]): boolean {
  if (query.groups.length === 0) return false;
  const tokenised = texts.map(words);
  return query.groups.every((group) => tokenised.some((ws) => containsSequence(ws, group)));
}

function containsSequence(ws: string[], group: Matcher[]): boolean {
  for (let i = 0; i + group.length <= ws.length; i++) {
    if (group.every((match, j) => match(ws[i + j]!))) return true;
  }
  return false;
}

/** The plain text of an Atlassian Document Format node (or of a string). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const children = Array.isArray(n.content) ? n.content.map(adfText).filter(Boolean).join(' ') : '';
  return [own, children].filter(Boolean).join(' ');
}
