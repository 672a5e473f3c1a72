/**
 * The emulator's JQL engine, pure: parsing with @atlaskit/jql-ast, evaluation over hand-made IssueRecords, ordering,
 * and the errors Jira answers with a 400.
 */
import type { IssueRecord, ProjectRow } from '../../sandbox/jira/jira-store';
import { compileJql, JqlError, parseJql, runJql, type JqlEnvironment } from '../../sandbox/jira/jql';

const NOW = Date.UTC(2026, 10, 28, 12, 0); // Saturday 28 November 2026, 12:00 UTC
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ANN = '712020:ann';
const BOB = '712020:bob';
const CUS = '712020:customer';

const PROJECTS: ProjectRow[] = [
  { id: '10000', key: 'PS', name: 'Partner Support', projectTypeKey: 'service_desk' },
  { id: '10001', key: 'DEL', name: 'Delivery', projectTypeKey: 'software' },
];

function issue(id: number, key: string, fields: Partial<IssueRecord> = {}): IssueRecord {
  return {
    id: String(id),
    key,
    projectId: key.startsWith('PS-') ? '10000' : '10001',
    issueTypeId: key.startsWith('PS-') ? '10100' : '10102',
    parentId: null,
    summary: `Issue ${key}`,
    description: null,
    statusId: key.startsWith('PS-') ? '1' : '5',
    reporter: null,
    assignee: null,
    creator: null,
    created: NOW - DAY,
    updated: NOW - DAY,
    labels: [],
    customFields: {},
    requestTypeId: null,
    organizationIds: [],
    ...fields,
  };
}

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

const ISSUES: IssueRecord[] = [
  issue(10001, 'PS-1', {
    summary: 'Request for Implementation services for End Customer Contoso Foods',
    description: adf('The partner needs help with the rollout of invoicing.'),
    reporter: CUS,
    creator: CUS,
    assignee: ANN,
    labels: ['Urgent', 'portal'],
    created: Date.UTC(2026, 10, 28, 9, 30),
    updated: Date.UTC(2026, 10, 28, 11, 0),
    customFields: { customfield_10010: { id: '10020' }, customfield_10011: 'Contoso Foods', customfield_10012: 12 },
    requestTypeId: '20',
    organizationIds: ['1'],
  }),
  issue(10002, 'PS-2', {
    summary: 'General question about licences',
    reporter: CUS,
    assignee: BOB,
    statusId: '3',
    labels: ['portal'],
    created: Date.UTC(2026, 10, 20, 8, 0),
    updated: Date.UTC(2026, 10, 27, 18, 0),
    customFields: { customfield_10010: { id: '10021', value: 'General Question' }, customfield_10012: 8 },
    requestTypeId: '21',
    organizationIds: ['2'],
  }),
  issue(10003, 'PS-3', {
    summary: 'Implementation request: Fabrikam Metal rollout',
    reporter: CUS,
    statusId: '4',
    created: Date.UTC(2026, 9, 1, 10, 0),
    updated: Date.UTC(2026, 9, 2, 10, 0),
    customFields: { customfield_10011: 'Fabrikam Metal', customfield_10012: 4.5 },
  }),
  issue(10004, 'DEL-1', {
    summary: 'Deliver Contoso onboarding',
    assignee: ANN,
    reporter: BOB,
    creator: BOB,
    created: Date.UTC(2026, 10, 27, 23, 30),
    updated: Date.UTC(2026, 10, 28, 11, 59),
    customFields: { customfield_10013: 'Business blueprint' },
  }),
  issue(10005, 'DEL-2', {
    summary: 'Q&A phase',
    issueTypeId: '10103',
    parentId: '10004',
    assignee: BOB,
    statusId: '6',
    labels: ['phase'],
    created: Date.UTC(2026, 10, 28, 10, 0),
    updated: Date.UTC(2026, 10, 28, 10, 0),
  }),
  issue(10006, 'DEL-10', { summary: 'Prototype assessment', created: Date.UTC(2026, 10, 28, 10, 0), updated: Date.UTC(2026, 10, 28, 10, 0) }),
];

const COMMENTS: Record<string, string[]> = { '10002': ['Customer asked about the renewal quote'] };

function env(overrides: Partial<JqlEnvironment> = {}): JqlEnvironment {
  return {
    now: NOW,
    currentUser: ANN,
    timeZone: 'UTC',
    weekStart: 0,
    projects: PROJECTS,
    users: [
      { accountId: ANN, emailAddress: 'ann@example.com', displayName: 'Ann Agent' },
      { accountId: BOB, emailAddress: 'bob@example.com', displayName: 'Bob Builder' },
      { accountId: CUS, emailAddress: 'cus@partner.example', displayName: 'Cara Customer' },
    ],
    organizations: [
      { id: '1', name: 'Northwind Partners' },
      { id: '2', name: 'Lumière Conseil' },
    ],
    issue: (ref) => ISSUES.find((i) => i.id === ref || i.key === ref.toUpperCase()),
    comments: (id) => COMMENTS[id] ?? [],
    ...overrides,
  };
}

/** Keys matching `jql`, in result order. */
const keys = (jql: string, e: JqlEnvironment = env()): string[] => runJql(jql, ISSUES, e).map((i) => i.key);
/** The same keys, sorted, for tests about matching only. */
const matching = (jql: string, e?: JqlEnvironment): string[] => keys(jql, e).sort();

function errorsOf(jql: string, e: JqlEnvironment = env()): string[] {
  try {
    compileJql(jql, e);
  } catch (error) {
    if (error instanceof JqlError) return error.messages;
    throw error;
  }
  throw new Error(`expected "${jql}" to be refused`);
}

describe('JQL parsing (@atlaskit/jql-ast)', () => {
  it('builds a clause tree where AND binds tighter than OR, with NOT and parentheses', () => {
    expect(parseJql('a = 1 OR b = 2 AND c = 3').where).toMatchObject({
      kind: 'or',
      clauses: [{ kind: 'term', field: 'a' }, { kind: 'and', clauses: [{ field: 'b' }, { field: 'c' }] }],
    });
    expect(parseJql('NOT (a = 1 OR b = 2) AND c in (x, "y z")').where).toMatchObject({
      kind: 'and',
      clauses: [{ kind: 'not', clause: { kind: 'or' } }, { kind: 'term', operator: 'in', operand: { kind: 'list', items: [{ value: 'x' }, { value: 'y z' }] } }],
    });
  });

  it('reads ORDER BY keys with their directions', () => {
    expect(parseJql('project = PS ORDER BY status DESC, key').orderBy).toEqual([
      { field: 'status', direction: 'DESC' },
      { field: 'key', direction: undefined },
    ]);
    expect(parseJql('').where).toBeUndefined();
  });

  it.each([
    ['project = PS AND', "Error in the JQL Query: Expecting a field name but got the end of the query. (line 1, character 17)"],
    ['project PS', "Error in the JQL Query: Expecting operator but got 'PS'."],
    ['summary ~ "unfinished', "Error in the JQL Query: The quoted string 'unfinished' has not been completed."],
    ['project = select', "Error in the JQL Query: 'select' is a reserved JQL word."],
    ['(project = PS', "Error in the JQL Query: Expecting ')' but got the end of the query."],
    ['project = PS status = 1', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'."],
  ])('refuses the syntax error in %j', (jql, message) => {
    const [first] = errorsOf(jql);
    expect(first).toContain(message);
  });
});

describe('JQL fields', () => {
  it('project by key (any case), id or name', () => {
    expect(matching('project = PS')).toEqual(['PS-1', 'PS-2', 'PS-3']);
    expect(matching('project = ps')).toEqual(['PS-1', 'PS-2', 'PS-3']);
    expect(matching('project = 10001')).toEqual(['DEL-1', 'DEL-10', 'DEL-2']);
    expect(matching('project = "Partner Support"')).toEqual(['PS-1', 'PS-2', 'PS-3']);
    expect(matching('project in (PS, Delivery)')).toHaveLength(6);
    expect(matching('project != PS')).toEqual(['DEL-1', 'DEL-10', 'DEL-2']);
    expect(errorsOf('project = NOPE')).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
  });

  it('issuetype and its alias type, by name or id, and standardIssueTypes()', () => {
    expect(matching('issuetype = "Sub-task"')).toEqual(['DEL-2']);
    expect(matching('type = 10102')).toEqual(['DEL-1', 'DEL-10']);
    expect(matching('issuetype in standardIssueTypes() AND project = DEL')).toEqual(['DEL-1', 'DEL-10']);
    expect(matching('issuetype in subTaskIssueTypes()')).toEqual(['DEL-2']);
    expect(errorsOf('type = Epic')).toEqual(["The value 'Epic' does not exist for the field 'type'."]);
  });

  it('status by name (any case) or id; statusCategory by name, key or id', () => {
    expect(matching('status = "in progress"')).toEqual(['PS-2']);
    expect(matching('status in (4, Done)')).toEqual(['DEL-2', 'PS-3']);
    expect(matching('statusCategory = Done')).toEqual(['DEL-2', 'PS-3']);
    expect(matching('statusCategory = new')).toEqual(['DEL-1', 'DEL-10', 'PS-1']);
    expect(matching('statusCategory = 4')).toEqual(['PS-2']);
    expect(matching('statusCategory != "To Do"')).toEqual(['DEL-2', 'PS-2', 'PS-3']);
    expect(errorsOf('status = Open')).toEqual(["The value 'Open' does not exist for the field 'status'."]);
  });

  it('assignee, reporter and creator by account id or email, currentUser(), EMPTY and NULL', () => {
    expect(matching(`assignee = "${ANN}"`)).toEqual(['DEL-1', 'PS-1']);
    expect(matching('assignee = "bob@example.com"')).toEqual(['DEL-2', 'PS-2']);
    expect(matching('assignee = currentUser()')).toEqual(['DEL-1', 'PS-1']);
    expect(matching('assignee = currentUser()', env({ currentUser: undefined }))).toEqual([]);
    expect(matching('assignee is EMPTY')).toEqual(['DEL-10', 'PS-3']);
    expect(matching('assignee = NULL')).toEqual(['DEL-10', 'PS-3']);
    expect(matching('assignee is not empty AND project = PS')).toEqual(['PS-1', 'PS-2']);
    expect(matching(`reporter = "${CUS}"`)).toEqual(['PS-1', 'PS-2', 'PS-3']);
    expect(matching('creator = "bob@example.com"')).toEqual(['DEL-1']);
    expect(matching('creator in (currentUser(), EMPTY) AND project = DEL')).toEqual(['DEL-10', 'DEL-2']);
    expect(errorsOf('assignee = "Ann Agent"')).toEqual(["The value 'Ann Agent' does not exist for the field 'assignee'."]);
  });

  it('key, issuekey, id and issue: by key or id, lists, and comparisons within a project', () => {
    expect(matching('key = PS-2')).toEqual(['PS-2']);
    expect(matching('issuekey = ps-2')).toEqual(['PS-2']);
    expect(matching('id = 10003')).toEqual(['PS-3']);
    expect(matching('issue in (PS-1, 10004)')).toEqual(['DEL-1', 'PS-1']);
    expect(matching('key != PS-1 AND project = PS')).toEqual(['PS-2', 'PS-3']);
    expect(matching('key not in (PS-1, PS-2) AND project = PS')).toEqual(['PS-3']);
    expect(matching('key > DEL-1')).toEqual(['DEL-10', 'DEL-2']); // numerically: DEL-2 and DEL-10
    expect(matching('key <= PS-2')).toEqual(['PS-1', 'PS-2']);
    expect(errorsOf('key = PS-99')).toEqual(["An issue with key 'PS-99' does not exist for field 'key'."]);
    expect(errorsOf('key = nonsense')).toEqual(["The issue key 'nonsense' for field 'key' is invalid."]);
    expect(errorsOf('key is EMPTY')).toEqual(["The operator 'is' is not supported by the 'key' field."]);
  });

  it('parent by key or id, and parent is EMPTY', () => {
    expect(matching('parent = DEL-1')).toEqual(['DEL-2']);
    expect(matching('parent in (10004)')).toEqual(['DEL-2']);
    expect(matching('parent is not EMPTY')).toEqual(['DEL-2']);
    expect(errorsOf('parent = DEL-99')).toEqual(["An issue with key 'DEL-99' does not exist for field 'parent'."]);
  });

  it('labels: any case, several per issue; != and NOT IN leave out issues without labels', () => {
    expect(matching('labels = urgent')).toEqual(['PS-1']);
    expect(matching('labels in (portal, phase)')).toEqual(['DEL-2', 'PS-1', 'PS-2']);
    expect(matching('labels != urgent')).toEqual(['DEL-2', 'PS-2']);
    expect(matching('labels not in (urgent, phase)')).toEqual(['PS-2']);
    expect(matching('labels is EMPTY')).toEqual(['DEL-1', 'DEL-10', 'PS-3']);
  });

  it('JSM organizations and request type by name or id', () => {
    expect(matching('organizations = "Northwind Partners"')).toEqual(['PS-1']);
    expect(matching('organizations in (2)')).toEqual(['PS-2']);
    expect(matching('"Request Type" = "Implementation services"')).toEqual(['PS-1']);
    expect(matching('"Customer Request Type" is EMPTY AND project = PS')).toEqual(['PS-3']);
  });

  describe('text', () => {
    it('summary ~ finds words in any case and order; a term also finds words it begins; never inside a word', () => {
      expect(matching('summary ~ contoso')).toEqual(['DEL-1', 'PS-1']);
      expect(matching('summary ~ "FOODS contoso"')).toEqual(['PS-1']);
      expect(matching('summary ~ implement')).toEqual(['PS-1', 'PS-3']);
      expect(matching('summary ~ "requests"')).toEqual(['PS-1', 'PS-3']); // stemmed: request
      expect(matching('summary ~ toso')).toEqual([]);
      expect(matching('summary ~ "impl*ation"')).toEqual(['PS-1', 'PS-3']);
      expect(matching('summary ~ "licen?es"')).toEqual(['PS-2']);
    });

    it('quoted phrases keep their word order; stop words are ignored', () => {
      expect(matching('summary ~ "\\"end customer\\""')).toEqual(['PS-1']);
      expect(matching('summary ~ "\\"customer end\\""')).toEqual([]);
      expect(matching('summary ~ "the rollout of Fabrikam"')).toEqual(['PS-3']);
    });

    it('!~ is the complement among issues that have a value', () => {
      expect(matching('summary !~ contoso AND project = PS')).toEqual(['PS-2', 'PS-3']);
      expect(matching('"End Customer" !~ contoso')).toEqual(['PS-3']);
    });

    it('text ~ searches summary, description, comments and text custom fields', () => {
      expect(matching('text ~ invoicing')).toEqual(['PS-1']); // description
      expect(matching('text ~ renewal')).toEqual(['PS-2']); // comment
      expect(matching('text ~ blueprint')).toEqual(['DEL-1']); // Implementation stage
      expect(matching('description ~ partner')).toEqual(['PS-1']);
      expect(matching('comment ~ quote')).toEqual(['PS-2']);
      expect(matching('description is EMPTY AND project = PS')).toEqual(['PS-2', 'PS-3']);
    });

    it('refuses = on text fields and an empty search string', () => {
      expect(errorsOf('summary = "Q&A phase"')).toEqual(["The operator '=' is not supported by the 'summary' field."]);
      expect(errorsOf('summary ~ ""')).toEqual(["The field 'summary' does not support searching for an empty string."]);
    });
  });

  describe('dates', () => {
    it('compares created and updated with absolute dates, to the day or the minute', () => {
      expect(matching('created >= "2026-11-28"')).toEqual(['DEL-10', 'DEL-2', 'PS-1']);
      expect(matching('created > "2026/11/28"')).toEqual(['DEL-10', 'DEL-2', 'PS-1']); // includes that day, as in Jira
      expect(matching('created < "2026-11-28"')).toEqual(['DEL-1', 'PS-2', 'PS-3']);
      expect(matching('created <= "2026-11-20 08:00"')).toEqual(['PS-2', 'PS-3']);
      expect(matching('created = "2026-11-28"')).toEqual(['DEL-10', 'DEL-2', 'PS-1']); // within that day
      expect(matching('created = "2026-11-28 10:00"')).toEqual(['DEL-10', 'DEL-2']); // within that minute
      expect(matching('created != "2026-11-28" AND project = PS')).toEqual(['PS-2', 'PS-3']);
      expect(matching('updated in ("2026-10-02", "2026-11-27")')).toEqual(['PS-2', 'PS-3']);
    });

    it('reads relative periods on the sandbox clock', () => {
      expect(matching('created >= -4h')).toEqual(['DEL-10', 'DEL-2', 'PS-1']); // since 08:00
      expect(matching('created > -1d')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1']);
      expect(matching('created >= -1w')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1']);
      expect(matching('created >= "-1w 2d"')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1', 'PS-2']);
      expect(matching('updated > -1h', env({ now: NOW + 30 * 60_000 }))).toEqual(['DEL-1']); // since 11:30
      expect(matching('updated >= -1h')).toEqual(['DEL-1', 'PS-1']); // since 11:00
    });

    it('evaluates now(), startOfDay() and their relatives', () => {
      expect(matching('updated >= startOfDay()')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1']);
      expect(matching('created >= startOfDay(-1) AND created < startOfDay()')).toEqual(['DEL-1']);
      expect(matching('created < startOfDay("-7d")')).toEqual(['PS-2', 'PS-3']);
      expect(matching('updated <= now() AND updated > endOfDay(-1)')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1']);
      expect(matching('created >= startOfMonth()')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1', 'PS-2']);
      expect(matching('created >= startOfWeek()')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-1']); // Sunday 22 Nov
      expect(matching('created < startOfYear()')).toEqual([]);
    });

    it('reads dates in the searcher’s time zone', () => {
      // DEL-1 was created at 23:30 UTC on the 27th: the 28th already in Berlin.
      expect(matching('created >= "2026-11-28" AND project = DEL', env({ timeZone: 'Europe/Berlin' }))).toEqual(['DEL-1', 'DEL-10', 'DEL-2']);
      expect(matching('created >= startOfDay() AND project = DEL', env({ timeZone: 'Europe/Berlin' }))).toEqual(['DEL-1', 'DEL-10', 'DEL-2']);
      expect(matching('created >= "2026-11-28" AND project = DEL')).toEqual(['DEL-10', 'DEL-2']);
    });

    it('refuses values that are not dates, and bad function arguments', () => {
      expect(errorsOf('created > yesterday')[0]).toMatch(/^Date value 'yesterday' for field 'created' is invalid\./);
      expect(errorsOf('created > "2026-13-01"')[0]).toMatch(/^Date value '2026-13-01'/);
      expect(errorsOf('created > startOfDay("soon")')[0]).toMatch(/^Duration for function 'startOfDay'/);
      expect(errorsOf('created ~ "2026"')).toEqual(["The operator '~' is not supported by the 'created' field."]);
    });
  });

  describe('custom fields', () => {
    it('a select field by cf[id], customfield_id or name; compares the option value (any case) or id', () => {
      expect(matching('cf[10010] = "Implementation Issue"')).toEqual(['PS-1']);
      expect(matching('customfield_10010 = 10021')).toEqual(['PS-2']);
      expect(matching('"Type of Inquiry" = "implementation issue"')).toEqual(['PS-1']);
      expect(matching('"type of inquiry" in ("General Question", "License Issue")')).toEqual(['PS-2']);
      expect(matching('"Type of Inquiry" != "Implementation Issue"')).toEqual(['PS-2']);
      expect(matching('"Type of Inquiry" is EMPTY AND project = PS')).toEqual(['PS-3']);
      expect(errorsOf('"Type of Inquiry" = "Feature Request"')).toEqual(["The option 'Feature Request' for field 'Type of Inquiry' does not exist."]);
    });

    it('a text field with ~', () => {
      expect(matching('"End Customer" ~ "Contoso"')).toEqual(['PS-1']);
      expect(matching('cf[10011] ~ metal')).toEqual(['PS-3']);
      expect(matching('"End Customer" is EMPTY AND project = PS')).toEqual(['PS-2']);
      expect(errorsOf('"End Customer" = Contoso')).toEqual(["The operator '=' is not supported by the 'End Customer' field."]);
    });

    it('a number field numerically', () => {
      expect(matching('"Estimated hours" > 8')).toEqual(['PS-1']);
      expect(matching('"Estimated hours" >= 8')).toEqual(['PS-1', 'PS-2']);
      expect(matching('cf[10012] < 8')).toEqual(['PS-3']);
      expect(matching('cf[10012] = 4.5')).toEqual(['PS-3']);
      expect(matching('cf[10012] in (8, 12)')).toEqual(['PS-1', 'PS-2']);
      expect(matching('cf[10012] != 8')).toEqual(['PS-1', 'PS-3']); // not the issues without an estimate
      expect(matching('"Estimated hours" is EMPTY')).toEqual(['DEL-1', 'DEL-10', 'DEL-2']);
      expect(errorsOf('"Estimated hours" > eight')).toEqual(["The value 'eight' for field 'Estimated hours' is invalid: it must be a number."]);
    });

    it('the app’s Implementation stage field is a text field', () => {
      expect(matching('"Implementation stage" ~ blueprint')).toEqual(['DEL-1']);
      expect(matching('cf[10013] is not EMPTY')).toEqual(['DEL-1']);
    });
  });
});

describe('JQL operators and logic', () => {
  it('!= and NOT IN leave out empty fields; NOT (…) is the plain complement', () => {
    expect(matching(`assignee != "${ANN}"`)).toEqual(['DEL-2', 'PS-2']);
    expect(matching(`assignee not in ("${ANN}")`)).toEqual(['DEL-2', 'PS-2']);
    expect(matching(`NOT assignee = "${ANN}"`)).toEqual(['DEL-10', 'DEL-2', 'PS-2', 'PS-3']);
    expect(matching(`assignee in ("${ANN}", EMPTY)`)).toEqual(['DEL-1', 'DEL-10', 'PS-1', 'PS-3']);
    expect(matching('assignee != EMPTY')).toEqual(['DEL-1', 'DEL-2', 'PS-1', 'PS-2']);
  });

  it('AND binds tighter than OR; parentheses and NOT change that', () => {
    expect(matching('project = DEL AND status = Done OR labels = urgent')).toEqual(['DEL-2', 'PS-1']);
    expect(matching('project = DEL AND (status = Done OR labels = urgent)')).toEqual(['DEL-2']);
    expect(matching('labels = urgent OR project = DEL AND status = Done')).toEqual(['DEL-2', 'PS-1']);
    expect(matching('NOT project = DEL AND NOT status = Resolved')).toEqual(['PS-1', 'PS-2']);
    expect(matching('NOT (project = DEL OR status = Resolved)')).toEqual(['PS-1', 'PS-2']);
    expect(matching('project = PS && !(labels = portal) || key = DEL-10')).toEqual(['DEL-10', 'PS-3']);
  });

  it('says which operators a field does not support', () => {
    expect(errorsOf('project > PS')).toEqual(["The operator '>' is not supported by the 'project' field."]);
    expect(errorsOf('text is EMPTY')).toEqual(["The operator 'is' is not supported by the 'text' field."]);
    expect(errorsOf('labels ~ portal')).toEqual(["The operator '~' is not supported by the 'labels' field."]);
  });
});

describe('JQL ordering', () => {
  it('defaults to newest first (created DESC, then id DESC for ties)', () => {
    expect(keys('project in (PS, DEL)')).toEqual(['DEL-10', 'DEL-2', 'PS-1', 'DEL-1', 'PS-2', 'PS-3']);
  });

  it('orders by several keys, ASC by default, DESC on request; keys sort by project then number', () => {
    expect(keys('project = DEL ORDER BY key')).toEqual(['DEL-1', 'DEL-2', 'DEL-10']);
    expect(keys('project = DEL ORDER BY key DESC')).toEqual(['DEL-10', 'DEL-2', 'DEL-1']);
    // Delivery before Partner Support; DEL-2 and DEL-10 were created together: the newer id first.
    expect(keys('project is not EMPTY ORDER BY project ASC, created ASC')).toEqual(['DEL-1', 'DEL-10', 'DEL-2', 'PS-3', 'PS-2', 'PS-1']);
    expect(keys('project = PS ORDER BY status DESC')).toEqual(['PS-3', 'PS-2', 'PS-1']);
    expect(keys('project = PS ORDER BY "Estimated hours"')).toEqual(['PS-3', 'PS-2', 'PS-1']);
    expect(keys('project = PS ORDER BY cf[10010] ASC, key DESC')).toEqual(['PS-1', 'PS-2', 'PS-3']);
    expect(keys('project = PS ORDER BY summary')).toEqual(['PS-2', 'PS-3', 'PS-1']);
  });

  it('puts empty values last ascending and first descending', () => {
    expect(keys('project = DEL ORDER BY assignee, key')).toEqual(['DEL-1', 'DEL-2', 'DEL-10']);
    expect(keys('project = DEL ORDER BY assignee DESC, key')).toEqual(['DEL-10', 'DEL-2', 'DEL-1']);
  });

  it('refuses fields that cannot order, repeated fields and more than 7 keys', () => {
    expect(errorsOf('project = PS ORDER BY text')).toEqual(["Field 'text' does not support sorting."]);
    expect(errorsOf('project = PS ORDER BY created, created DESC')).toEqual(["The sort field 'created' is referenced multiple times in the JQL sort."]);
    expect(errorsOf('project = PS ORDER BY key, status, project, created, updated, summary, assignee, reporter')).toEqual([
      'The ORDER BY clause can contain at most 7 fields.',
    ]);
    expect(errorsOf('project = PS ORDER BY nope')).toEqual(["Field 'nope' does not exist or you do not have permission to view it."]);
  });

  it('gives JSON-safe sort keys that compare in result order', () => {
    const compiled = compileJql('project = DEL ORDER BY key', env());
    const sorted = ISSUES.filter(compiled.matches).map((r) => JSON.parse(JSON.stringify(compiled.sortKey(r))));
    sorted.sort(compiled.compareKeys);
    expect(sorted.map((k) => k[0])).toEqual(['DEL-000000000001', 'DEL-000000000002', 'DEL-000000000010']);
  });
});

describe('JQL errors and boundedness', () => {
  it('names unknown fields the way Jira does, and the fields the sandbox does not emulate', () => {
    expect(errorsOf('nope = 1')).toEqual(["Field 'nope' does not exist or you do not have permission to view it."]);
    expect(errorsOf('cf[99999] = 1')).toEqual(["Field 'cf[99999]' does not exist or you do not have permission to view it."]);
    expect(errorsOf('priority = High')).toEqual(["The sandbox does not emulate the field 'priority' in JQL."]);
  });

  it('names unknown functions, unemulated ones, and functions used on the wrong field', () => {
    expect(errorsOf('assignee = whoever()')).toEqual(["Unable to find JQL function 'whoever()'."]);
    expect(errorsOf('assignee in membersOf("jira-users")')).toEqual(["The sandbox does not emulate the JQL function 'membersOf()'."]);
    expect(errorsOf('project = currentUser()')).toEqual(["A value provided by the function 'currentUser' is invalid for the field 'project'."]);
    expect(errorsOf('assignee = now()')).toEqual(["A value provided by the function 'now' is invalid for the field 'assignee'."]);
  });

  it('refuses history searches and entity properties plainly', () => {
    expect(errorsOf('status was Done')[0]).toMatch(/does not emulate history searches/);
    expect(errorsOf('status changed after -1d')[0]).toMatch(/does not emulate history searches/);
    expect(errorsOf('issue.property[stage].name = x')[0]).toMatch(/does not emulate searching by entity properties/);
  });

  it('reports every problem of a query at once', () => {
    expect(errorsOf('nope = 1 AND status = Open OR created > soon')).toEqual([
      "Field 'nope' does not exist or you do not have permission to view it.",
      "The value 'Open' does not exist for the field 'status'.",
      expect.stringMatching(/^Date value 'soon'/),
    ]);
  });

  it('knows whether a query is bounded', () => {
    expect(compileJql('', env()).bounded).toBe(false);
    expect(compileJql('ORDER BY key DESC', env()).bounded).toBe(false);
    expect(compileJql('assignee = currentUser() ORDER BY key', env()).bounded).toBe(true);
  });
});
