import { secondsToHours } from '../../domain/engagement-budget';
import { linkEngagement } from '../../domain/engagement-roles';
import { splitItems, toView } from '../../domain/engagement-view';
import { loggedTimeUnder, secondsOnIssue, type LoggedTime } from '../../jira/worklog-hours';
import { myPermissions } from '../../jira/permissions';
import type { LinkEngagementInput } from '../../shared/engagement';
import { AppError } from '../../shared/errors';
import { readHistory, readItems, startEngagement, type StoredEngagement } from '../../storage/engagement-repository';
import { readIssueOpening, type IssueOpening } from '../../storage/issue-opening';
import { readRegister } from '../../storage/register-repository';
import { listTemplates, readTemplate } from '../../storage/template-repository';
import type { CallContext, Handlers } from '../define-surface';
import { issueOf } from '../extension';
import { loadedFrom, panelTeamOf, viewOf } from '../requests/request-views';
import { changeEngagement, requireEditor } from './access';

type Panel = Handlers<'issue-panel'>;

/**
 * Opening the panel: ONE permission check as the user (it answers both "may see" and "may edit"), then ONE batch
 * read of the viewer's preferences, the settings, the engagement, the implementation request and the delivery set-up
 * (1 KVS request). Then, in parallel: when there is an engagement, its first page of items and of history (2 KVS
 * queries); when the issue is a routed request, its partner's finance hold (1 KVS get); and ONE worklog search for
 * the hours both show (the engagement's budget, the request's phases once the back office has made them). So at most
 * 4 KVS requests and 2 Jira reads (the permission check and that search); an issue with neither costs 1 KVS request
 * and the permission check.
 */
export const panelGet: Panel['panel/get'] = async (_input, context) => {
  const issue = issueOf(context.extension);
  const granted = await myPermissions({ issueId: issue.id }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have access to it.');
  const opening = await readIssueOpening(issue.id, context.accountId);
  // One worklog search for whatever shows hours: the engagement's budget (the issue and its sub-tasks) and the
  // request's phases (its delivery issue's sub-tasks).
  const delivery = opening.request?.delivery?.subtasks.length ? opening.request.delivery.issueId : null;
  const roots = [...(opening.engagement ? [issue.id] : []), ...(delivery ? [delivery] : [])];
  const time = loggedTimeOrNull(roots);
  const [opened, request] = await Promise.all([openEngagement(issue.id, opening.engagement, time), openRequest(opening, time)]);
  const viewer = { accountId: context.accountId, preferredLocale: opening.preferences.preferredLocale, preferencesVersion: opening.preferences.version };
  const base = { viewer, issue, canEdit: granted.EDIT_ISSUES === true, engagement: opened?.view ?? null, sowThresholdHours: opening.settings.sowThresholdHours, ...request };
  return opened ? { ...base, history: opened.history } : base;
};

async function openEngagement(issueId: string, stored: StoredEngagement | null, time: Promise<LoggedTime | null>) {
  if (!stored) return null;
  const [items, history, logged] = await Promise.all([readItems(issueId), readHistory(issueId), time]);
  const loggedHours = logged ? secondsToHours(secondsOnIssue(logged, issueId)) : null;
  return { view: toView(stored.state, stored.version, splitItems(items.items, items.cursor), loggedHours), history };
}

/** The implementation request's view and team (issue 6), from the records the opening batch read. */
async function openRequest(opening: IssueOpening, time: Promise<LoggedTime | null>) {
  const loaded = await loadedFrom(opening.request, opening.setup, opening.settings);
  return { request: loaded ? await viewOf(loaded, loaded.request, await time) : null, requestTeam: panelTeamOf(loaded) };
}

/** An engagement's logged hours, or null (shown as unknown) when Jira cannot count them just now. */
async function loggedHoursOrNull(issueId: string): Promise<number | null> {
  const time = await loggedTimeOrNull([issueId]);
  return time ? secondsToHours(secondsOnIssue(time, issueId)) : null;
}

/** The panel still opens when Jira cannot count the hours just now: logged hours are then shown as unknown. */
async function loggedTimeOrNull(roots: string[]): Promise<LoggedTime | null> {
  if (roots.length === 0) return new Map();
  try {
    return await loggedTimeUnder(roots);
  } catch (error) {
    if (error instanceof AppError && error.code === 'JIRA_UNAVAILABLE') return null;
    throw error;
  }
}

async function requireReader(context: CallContext): Promise<string> {
  const issue = issueOf(context.extension);
  const granted = await myPermissions({ issueId: issue.id }, ['BROWSE_PROJECTS']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have access to it.');
  return issue.id;
}

export const historyList: Panel['history/list'] = async (input, context) => readHistory(await requireReader(context), input.cursor);

export const itemsList: Panel['engagement-items/list'] = async (input, context) => {
  const page = await readItems(await requireReader(context), input.cursor);
  return splitItems(page.items, page.cursor);
};

/** The templates an engagement can follow: service engagements and onboarding projects (not key-contact lists). */
export const engagementOptions: Panel['engagement/options'] = async (_input, context) => {
  await requireReader(context);
  const templates = (await listTemplates()).filter((t) => t.kind !== 'key-contacts');
  return { templates: templates.map((t) => ({ key: t.key, kind: t.kind, name: t.name, builtIn: t.builtIn })) };
};

export const engagementStart: Panel['engagement/start'] = async (input, context) => {
  const issue = await requireEditor(context);
  const started = await startEngagement(issue.id, input.title, context.accountId);
  return toView(started.state, started.version, splitItems([], null), await loggedHoursOrNull(issue.id));
};

/** Links the engagement to an organisation register and a template (whose roles and duties it then follows). */
export const engagementLink: Panel['engagement/link'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'engagement.link', async (state, now) => {
    const { organisation, template, registerProjectKind } = await linkTargets(input);
    // No project kind given: the register's (an onboarding register names one), else the engagement's own.
    const projectKind = input.projectKind !== undefined ? input.projectKind : (registerProjectKind ?? state.projectKind);
    const summary = (s: typeof state) => ({ organisationId: s.organisation?.id ?? null, templateKey: s.template?.key ?? null, projectKind: s.projectKind });
    const next = linkEngagement(state, { organisation, template, projectKind }, context.accountId, now);
    return { next, before: summary(state), after: summary(next) };
  });

async function linkTargets(input: LinkEngagementInput) {
  const [register, template] = await Promise.all([readRegister(input.organisationId), readTemplate(input.templateKey)]);
  if (!register) throw new AppError('NOT_FOUND', 'There is no organisation with this id. Create its register first.');
  if (!template) throw new AppError('NOT_FOUND', `There is no template "${input.templateKey}".`);
  if (template.kind === 'key-contacts') throw new AppError('INVALID_INPUT', 'Key contacts are kept in the organisation’s register; link an engagement or onboarding template.');
  return {
    organisation: { id: register.id, name: register.name, deploymentType: register.deploymentType },
    template,
    registerProjectKind: register.projectKind,
  };
}
