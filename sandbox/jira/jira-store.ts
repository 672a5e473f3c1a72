import type Database from 'better-sqlite3';
import { ISSUE_TYPES, ORGANIZATIONS, WORKFLOWS } from './site-config';
import type { SandboxUser, UserKind } from './types';

/**
 * The emulated site's data, in the same SQLite database as KVS: the directory (users, projects, JSM organisations),
 * issues with their comments, worklogs, links and properties. Route handlers turn these records into Jira's JSON
 * shapes; the store knows nothing of HTTP.
 */
export interface ProjectRow {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'service_desk' | 'software';
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  parentId: string | null;
  summary: string;
  /** Atlassian Document Format, or null. */
  description: unknown;
  statusId: string;
  reporter: string | null;
  assignee: string | null;
  creator: string | null;
  /** Epoch milliseconds on the sandbox clock. */
  created: number;
  updated: number;
  labels: string[];
  /** Custom field values by field id (`customfield_10010`), in Jira's REST shape. */
  customFields: Record<string, unknown>;
  /** JSM: the request type the request was raised with, if it came through the portal or the JSM API. */
  requestTypeId: string | null;
  /** JSM: the organisations the request is shared with. */
  organizationIds: string[];
}

export interface NewIssue {
  projectKey: string;
  issueTypeId?: string;
  parentId?: string | null;
  summary: string;
  description?: unknown;
  reporter: string | null;
  assignee?: string | null;
  creator?: string | null;
  labels?: string[];
  customFields?: Record<string, unknown>;
  requestTypeId?: string | null;
  organizationIds?: string[];
}

export interface CommentRecord {
  id: string;
  issueId: string;
  author: string | null;
  body: unknown;
  /** JSM: public comments are shared with the customer; internal ones only with the team. */
  jsdPublic: boolean;
  created: number;
  updated: number;
}

export interface WorklogRecord {
  id: string;
  issueId: string;
  author: string | null;
  started: number;
  timeSpentSeconds: number;
  comment: unknown;
  created: number;
  updated: number;
}

export interface LinkRecord {
  id: string;
  typeId: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

/** Kept for tests written before the full issue model: an issue in a project, shared with an organisation by name. */
export type IssueRow = IssueRecord & { reporterAccountId: string | null; organization: string | null };

export class JiraStore {
  /**
   * Every issue, parsed, until the next write. JQL searches evaluate over all issues; parsing 50,000 JSON rows per
   * search made the emulator, not the app, dominate the bench's timings. Records are frozen: a caller that wants to
   * change one goes through updateIssue.
   */
  private allIssues: IssueRecord[] | undefined;
  /** Position of each issue id in `allIssues`, so a write updates the parsed list instead of dropping it. */
  private positions = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS jira_users (
        account_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        delivery_role TEXT, organization TEXT, locale TEXT NOT NULL, time_zone TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_projects (id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      CREATE TABLE IF NOT EXISTS jira_org_members (org_id TEXT NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (org_id, account_id));
      CREATE TABLE IF NOT EXISTS jira_issues (id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_id TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS jira_issues_project ON jira_issues (project_id);
      CREATE TABLE IF NOT EXISTS jira_comments (id TEXT PRIMARY KEY, issue_id TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS jira_comments_issue ON jira_comments (issue_id, id);
      CREATE TABLE IF NOT EXISTS jira_worklogs (id TEXT PRIMARY KEY, issue_id TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS jira_worklogs_issue ON jira_worklogs (issue_id, id);
      CREATE TABLE IF NOT EXISTS jira_links (id TEXT PRIMARY KEY, type_id TEXT NOT NULL, inward_id TEXT NOT NULL, outward_id TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_properties (issue_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_id, key));
      CREATE TABLE IF NOT EXISTS jira_sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_closed_accounts (account_id TEXT PRIMARY KEY, closed_at INTEGER NOT NULL);
    `);
  }

  clear(): void {
    this.allIssues = undefined;
    this.positions.clear();
    for (const table of ['users', 'projects', 'orgs', 'org_members', 'issues', 'comments', 'worklogs', 'links', 'properties', 'sequences', 'closed_accounts']) {
      this.db.exec(`DELETE FROM jira_${table}`);
    }
  }

  // ---- directory -------------------------------------------------------------------------------------------------

  addUser(user: SandboxUser): void {
    this.db
      .prepare('INSERT INTO jira_users VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(user.accountId, user.displayName, user.emailAddress, user.kind, user.deliveryRole ?? null, user.organization ?? null, user.locale, user.timeZone);
    if (user.organization) {
      const org = this.organizationByName(user.organization);
      if (org) this.addOrganizationMember(org.id, user.accountId);
    }
  }

  users(): SandboxUser[] {
    return (this.db.prepare('SELECT * FROM jira_users ORDER BY rowid').all() as UserRecord[]).map(toUser);
  }

  user(accountId: string): SandboxUser | undefined {
    const row = this.db.prepare('SELECT * FROM jira_users WHERE account_id = ?').get(accountId) as UserRecord | undefined;
    return row && toUser(row);
  }

  userByEmail(email: string): SandboxUser | undefined {
    const row = this.db.prepare('SELECT * FROM jira_users WHERE lower(email) = lower(?)').get(email) as UserRecord | undefined;
    return row && toUser(row);
  }

  addProject(project: ProjectRow): void {
    this.db.prepare('INSERT INTO jira_projects VALUES (?, ?, ?, ?)').run(project.id, project.key, project.name, project.projectTypeKey);
  }

  projects(): ProjectRow[] {
    return this.db.prepare('SELECT id, key, name, type AS projectTypeKey FROM jira_projects ORDER BY id').all() as ProjectRow[];
  }

  project(idOrKey: string): ProjectRow | undefined {
    const row = this.db.prepare('SELECT id, key, name, type AS projectTypeKey FROM jira_projects WHERE id = ? OR key = ?').get(idOrKey, idOrKey);
    return row as ProjectRow | undefined;
  }

  /** Creates the site's JSM organisations (config) — called on reset, before users join them. */
  addOrganizations(): void {
    for (const org of ORGANIZATIONS) this.db.prepare('INSERT OR IGNORE INTO jira_orgs VALUES (?, ?)').run(org.id, org.name);
  }

  organizations(): Array<{ id: string; name: string }> {
    return this.db.prepare('SELECT id, name FROM jira_orgs ORDER BY CAST(id AS INTEGER)').all() as Array<{ id: string; name: string }>;
  }

  organization(id: string): { id: string; name: string } | undefined {
    return this.db.prepare('SELECT id, name FROM jira_orgs WHERE id = ?').get(id) as { id: string; name: string } | undefined;
  }

  organizationByName(name: string): { id: string; name: string } | undefined {
    return this.db.prepare('SELECT id, name FROM jira_orgs WHERE name = ?').get(name) as { id: string; name: string } | undefined;
  }

  organizationMembers(orgId: string): string[] {
    return (this.db.prepare('SELECT account_id FROM jira_org_members WHERE org_id = ? ORDER BY account_id').all(orgId) as Array<{ account_id: string }>).map((r) => r.account_id);
  }

  addOrganizationMember(orgId: string, accountId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO jira_org_members VALUES (?, ?)').run(orgId, accountId);
  }

  /** The organisations a customer belongs to. */
  organizationsOf(accountId: string): string[] {
    return (this.db.prepare('SELECT org_id FROM jira_org_members WHERE account_id = ?').all(accountId) as Array<{ org_id: string }>).map((r) => r.org_id);
  }

  /**
   * Marks an account closed, as Atlassian does when a user deletes their account (what the personal data reporting
   * API answers `closed` for). The directory keeps the user; answers false for an unknown account. Closing twice
   * keeps the first time.
   */
  closeAccount(accountId: string): boolean {
    if (!this.user(accountId)) return false;
    this.db.prepare('INSERT OR IGNORE INTO jira_closed_accounts VALUES (?, ?)').run(accountId, this.now());
    return true;
  }

  /** The closed accounts, with when they closed (epoch milliseconds on the sandbox clock). */
  closedAccounts(): Array<{ accountId: string; closedAt: number }> {
    const rows = this.db.prepare('SELECT account_id, closed_at FROM jira_closed_accounts ORDER BY account_id').all() as Array<{ account_id: string; closed_at: number }>;
    return rows.map((r) => ({ accountId: r.account_id, closedAt: r.closed_at }));
  }

  // ---- issues ----------------------------------------------------------------------------------------------------

  createIssue(input: NewIssue): IssueRecord {
    const project = this.project(input.projectKey);
    if (!project) throw new Error(`No project ${input.projectKey}`);
    const issueTypeId = input.issueTypeId ?? ISSUE_TYPES.find((t) => !t.subtask && t.projectTypes.includes(project.projectTypeKey))!.id;
    const id = String(this.next('issue-id', 10000));
    const key = `${project.key}-${this.next(`issue-key:${project.key}`, 1)}`;
    const at = this.now();
    const record: IssueRecord = {
      id,
      key,
      projectId: project.id,
      issueTypeId,
      parentId: input.parentId ?? null,
      summary: input.summary,
      description: input.description ?? null,
      statusId: WORKFLOWS[project.projectTypeKey].initial,
      reporter: input.reporter,
      assignee: input.assignee ?? null,
      creator: input.creator ?? input.reporter,
      created: at,
      updated: at,
      labels: input.labels ?? [],
      customFields: input.customFields ?? {},
      requestTypeId: input.requestTypeId ?? null,
      organizationIds: input.organizationIds ?? [],
    };
    this.db.prepare('INSERT INTO jira_issues VALUES (?, ?, ?, ?)').run(id, key, project.id, JSON.stringify(record));
    if (this.allIssues) {
      // Ids grow, so the new issue goes last, as the ORDER BY of `issues()` would put it.
      this.positions.set(id, this.allIssues.length);
      this.allIssues.push(Object.freeze({ ...record }));
    }
    return record;
  }

  /** Convenience for tests: a request in `projectKey`, shared with the organisation named `organization`. */
  addIssue(projectKey: string, fields: { summary: string; reporterAccountId: string | null; organization?: string | null }): IssueRow {
    const org = fields.organization ? this.organizationByName(fields.organization) : undefined;
    const record = this.createIssue({ projectKey, summary: fields.summary, reporter: fields.reporterAccountId, organizationIds: org ? [org.id] : [] });
    return { ...record, reporterAccountId: record.reporter, organization: org?.name ?? null };
  }

  issue(idOrKey: string): IssueRecord | undefined {
    const row = this.db.prepare('SELECT data FROM jira_issues WHERE id = ? OR key = ?').get(idOrKey, idOrKey.toUpperCase()) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as IssueRecord) : undefined;
  }

  /** Saves changed fields and bumps `updated`; answers the new record. */
  updateIssue(id: string, patch: Partial<Omit<IssueRecord, 'id' | 'key' | 'projectId' | 'created'>>): IssueRecord {
    const current = this.issue(id);
    if (!current) throw new Error(`No issue ${id}`);
    const next: IssueRecord = { ...current, ...patch, updated: this.now() };
    this.db.prepare('UPDATE jira_issues SET data = ? WHERE id = ?').run(JSON.stringify(next), id);
    const position = this.positions.get(id);
    if (this.allIssues && position !== undefined) this.allIssues[position] = Object.freeze({ ...next });
    return next;
  }

  /** Every issue, in creation order (the JQL engine filters and sorts them). */
  issues(): readonly IssueRecord[] {
    if (!this.allIssues) {
      const rows = this.db.prepare('SELECT data FROM jira_issues ORDER BY CAST(id AS INTEGER)').all() as Array<{ data: string }>;
      this.allIssues = rows.map((r) => Object.freeze(JSON.parse(r.data) as IssueRecord));
      this.positions = new Map(this.allIssues.map((issue, i) => [issue.id, i]));
    }
    return this.allIssues;
  }

  subtasks(parentId: string): IssueRecord[] {
    return this.issues().filter((i) => i.parentId === parentId);
  }

  // ---- comments, worklogs, links, properties ---------------------------------------------------------------------

  addComment(issueId: string, comment: { author: string | null; body: unknown; jsdPublic: boolean }): CommentRecord {
    const at = this.now();
    const record: CommentRecord = { id: String(this.next('comment-id', 10000)), issueId, ...comment, created: at, updated: at };
    this.db.prepare('INSERT INTO jira_comments VALUES (?, ?, ?)').run(record.id, issueId, JSON.stringify(record));
    return record;
  }

  comments(issueId: string): CommentRecord[] {
    return this.rows<CommentRecord>('jira_comments', issueId);
  }

  comment(id: string): CommentRecord | undefined {
    return this.row<CommentRecord>('jira_comments', id);
  }

  updateComment(id: string, patch: Partial<Pick<CommentRecord, 'body' | 'jsdPublic'>>): CommentRecord {
    const next = { ...this.comment(id)!, ...patch, updated: this.now() };
    this.db.prepare('UPDATE jira_comments SET data = ? WHERE id = ?').run(JSON.stringify(next), id);
    return next;
  }

  deleteComment(id: string): void {
    this.db.prepare('DELETE FROM jira_comments WHERE id = ?').run(id);
  }

  addWorklog(issueId: string, worklog: { author: string | null; started: number; timeSpentSeconds: number; comment: unknown }): WorklogRecord {
    const at = this.now();
    const record: WorklogRecord = { id: String(this.next('worklog-id', 10000)), issueId, ...worklog, created: at, updated: at };
    this.db.prepare('INSERT INTO jira_worklogs VALUES (?, ?, ?)').run(record.id, issueId, JSON.stringify(record));
    return record;
  }

  worklogs(issueId: string): WorklogRecord[] {
    return this.rows<WorklogRecord>('jira_worklogs', issueId);
  }

  worklog(id: string): WorklogRecord | undefined {
    return this.row<WorklogRecord>('jira_worklogs', id);
  }

  updateWorklog(id: string, patch: Partial<Pick<WorklogRecord, 'started' | 'timeSpentSeconds' | 'comment'>>): WorklogRecord {
    const next = { ...this.worklog(id)!, ...patch, updated: this.now() };
    this.db.prepare('UPDATE jira_worklogs SET data = ? WHERE id = ?').run(JSON.stringify(next), id);
    return next;
  }

  deleteWorklog(id: string): void {
    this.db.prepare('DELETE FROM jira_worklogs WHERE id = ?').run(id);
  }

  addLink(typeId: string, inwardIssueId: string, outwardIssueId: string): LinkRecord {
    const id = String(this.next('link-id', 10000));
    this.db.prepare('INSERT INTO jira_links VALUES (?, ?, ?, ?)').run(id, typeId, inwardIssueId, outwardIssueId);
    return { id, typeId, inwardIssueId, outwardIssueId };
  }

  /** Links where the issue is on either end. */
  links(issueId: string): LinkRecord[] {
    return (this.db.prepare('SELECT id, type_id, inward_id, outward_id FROM jira_links WHERE inward_id = ? OR outward_id = ? ORDER BY CAST(id AS INTEGER)').all(issueId, issueId) as Array<{
      id: string;
      type_id: string;
      inward_id: string;
      outward_id: string;
    }>).map((r) => ({ id: r.id, typeId: r.type_id, inwardIssueId: r.inward_id, outwardIssueId: r.outward_id }));
  }

  /** Sets an issue property; answers true when it was created, false when it replaced a value. */
  setProperty(issueId: string, key: string, value: unknown): boolean {
    const existed = this.property(issueId, key) !== undefined;
    this.db.prepare('INSERT INTO jira_properties VALUES (?, ?, ?) ON CONFLICT(issue_id, key) DO UPDATE SET value = excluded.value').run(issueId, key, JSON.stringify(value));
    return !existed;
  }

  property(issueId: string, key: string): unknown {
    const row = this.db.prepare('SELECT value FROM jira_properties WHERE issue_id = ? AND key = ?').get(issueId, key) as { value: string } | undefined;
    return row ? JSON.parse(row.value) : undefined;
  }

  propertyKeys(issueId: string): string[] {
    return (this.db.prepare('SELECT key FROM jira_properties WHERE issue_id = ? ORDER BY key').all(issueId) as Array<{ key: string }>).map((r) => r.key);
  }

  deleteProperty(issueId: string, key: string): boolean {
    return this.db.prepare('DELETE FROM jira_properties WHERE issue_id = ? AND key = ?').run(issueId, key).changes > 0;
  }

  private rows<T>(table: string, issueId: string): T[] {
    return (this.db.prepare(`SELECT data FROM ${table} WHERE issue_id = ? ORDER BY CAST(id AS INTEGER)`).all(issueId) as Array<{ data: string }>).map((r) => JSON.parse(r.data) as T);
  }

  private row<T>(table: string, id: string): T | undefined {
    const row = this.db.prepare(`SELECT data FROM ${table} WHERE id = ?`).get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  private next(name: string, start: number): number {
    const row = this.db.prepare('SELECT value FROM jira_sequences WHERE name = ?').get(name) as { value: number } | undefined;
    const value = row ? row.value + 1 : start;
    this.db.prepare('INSERT INTO jira_sequences VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
    return value;
  }
}

interface UserRecord {
  account_id: string;
  display_name: string;
  email: string;
  kind: UserKind;
  delivery_role: 'lead' | 'consultant' | null;
  organization: string | null;
  locale: string;
  time_zone: string;
}

function toUser(r: UserRecord): SandboxUser {
  return {
    accountId: r.account_id,
    displayName: r.display_name,
    emailAddress: r.email,
    kind: r.kind,
    ...(r.delivery_role ? { deliveryRole: r.delivery_role } : {}),
    ...(r.organization ? { organization: r.organization } : {}),
    locale: r.locale,
    timeZone: r.time_zone,
  };
}
