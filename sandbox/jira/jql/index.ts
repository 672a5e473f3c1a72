/**
 * The emulator's JQL engine: parse with Atlassian's parser (@atlaskit/jql-ast), validate against the site's fields,
 * evaluate over IssueRecords, order. Pure: no HTTP; the search routes add permissions, paging and rendering.
 */
export { compileJql, runJql, type CompiledJql, type SortValue } from './engine';
export { storeEnvironment, type JqlEnvironment } from './environment';
export { JqlError } from './errors';
export { parseJql, type JqlClause, type JqlQuery } from './parse';
