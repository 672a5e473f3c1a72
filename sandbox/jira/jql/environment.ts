import type { IssueRecord, JiraStore, ProjectRow } from '../jira-store';
import type { SandboxUser } from '../types';
import { adfText } from './text';

/**
 * What the JQL engine needs to know about the site besides the issues themselves: directory look-ups, the clock,
 * who searches (for currentUser() and for the time zone dates are read in), and which issues that searcher may see
 * (an issue key the searcher cannot see is, to JQL, an issue that does not exist).
 */
export interface JqlEnvironment {
  /** Sandbox time, epoch milliseconds. */
  now: number;
  /** The searching user's account id; undefined when the app searches as itself. */
  currentUser: string | undefined;
  /** IANA zone in which dates such as "2026-11-28" and startOfDay() are read. */
  timeZone: string;
  /** First day of the week for startOfWeek(): 0 Sunday, 1 Monday. */
  weekStart: 0 | 1;
  projects: ProjectRow[];
  users: Array<Pick<SandboxUser, 'accountId' | 'emailAddress' | 'displayName'>>;
  organizations: Array<{ id: string; name: string }>;
  /** An issue the searcher may see, by id or key (any case); undefined otherwise. */
  issue(idOrKey: string): IssueRecord | undefined;
  /** Plain text of an issue's comments (for `text ~` and `comment ~`). */
  comments(issueId: string): string[];
}

/** The environment of a search on the emulated site, as `user` (undefined = the app). */
export function storeEnvironment(
  store: JiraStore,
  options: { now: number; user: SandboxUser | undefined; canSee: (issue: IssueRecord) => boolean },
): JqlEnvironment {
  const { user, canSee } = options;
  return {
    now: options.now,
    currentUser: user?.accountId,
    timeZone: user?.timeZone ?? 'UTC',
    weekStart: !user || user.locale === 'en-US' ? 0 : 1,
    projects: store.projects(),
    users: store.users(),
    organizations: store.organizations(),
    issue: (idOrKey) => {
      const found = store.issue(idOrKey);
      return found && canSee(found) ? found : undefined;
    },
    comments: (issueId) => store.comments(issueId).map((c) => adfText(c.body)),
  };
}
