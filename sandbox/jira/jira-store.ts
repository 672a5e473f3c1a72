import type Database from 'better-sqlite3';
import type { SandboxUser, UserKind } from './types';

/**
 * The emulated site's data, in the same SQLite database as KVS. Issue 3 grows this into the full Jira/JSM emulator;
 * here are the directory (users, projects) and the issue rows that permission checks need.
 */
export interface ProjectRow {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'service_desk' | 'software';
}

export interface IssueRow {
  id: string;
  key: string;
  projectId: string;
  summary: string;
  reporterAccountId: string | null;
  /** The JSM organisation the request is shared with, if any. */
  organization: string | null;
}

export class JiraStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS jira_users (
        account_id TEXT PRIMARY KEY, display_name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        delivery_role TEXT, organization TEXT, locale TEXT NOT NULL, time_zone TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_projects (id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS jira_issues (
        id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_id TEXT NOT NULL, summary TEXT NOT NULL,
        reporter TEXT, organization TEXT);
      CREATE TABLE IF NOT EXISTS jira_sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
  }

  clear(): void {
    this.db.exec('DELETE FROM jira_users; DELETE FROM jira_projects; DELETE FROM jira_issues; DELETE FROM jira_sequences;');
  }

  addUser(user: SandboxUser): void {
    this.db
      .prepare('INSERT INTO jira_users VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(user.accountId, user.displayName, user.emailAddress, user.kind, user.deliveryRole ?? null, user.organization ?? null, user.locale, user.timeZone);
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

  /** Creates an issue row with the project's next key; answers the row. */
  addIssue(projectKey: string, fields: { summary: string; reporterAccountId: string | null; organization?: string | null }): IssueRow {
    const project = this.project(projectKey);
    if (!project) throw new Error(`No project ${projectKey}`);
    const id = String(this.next('issue-id', 10000));
    const key = `${project.key}-${this.next(`issue-key:${project.key}`, 1)}`;
    this.db.prepare('INSERT INTO jira_issues VALUES (?, ?, ?, ?, ?, ?)').run(id, key, project.id, fields.summary, fields.reporterAccountId, fields.organization ?? null);
    return { id, key, projectId: project.id, summary: fields.summary, reporterAccountId: fields.reporterAccountId, organization: fields.organization ?? null };
  }

  issue(idOrKey: string): IssueRow | undefined {
    const row = this.db
      .prepare('SELECT id, key, project_id AS projectId, summary, reporter AS reporterAccountId, organization FROM jira_issues WHERE id = ? OR key = ?')
      .get(idOrKey, idOrKey);
    return row as IssueRow | undefined;
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
