import { chooseTriageOwner } from '../domain/consultant-choice';
import { isComplete, snapshotOf, type IssueSnapshot } from '../domain/issue-snapshot';
import { couldMatch, endCustomerOf, fieldsRulesRead, firstMatch, routingComment, type RuleEvaluation } from '../domain/routing-rules';
import { findFieldIds, mirrorStage } from '../jira/request-fields';
import { routeIssue } from '../jira/route-issue';
import { JiraFailure } from '../jira/jira-failure';
import { readRoutingIssue, readUserLocale } from '../jira/routing-facts';
import { APP_LABEL, type JiraFieldIds, type RoutingRule } from '../shared/delivery';
import { AppError } from '../shared/errors';
import { STAGE_FIELD_VALUES, type ImplementationRequest } from '../shared/implementation';
import { toSupportedLocale } from '../shared/locales';
import { fromRequestRecord, type RequestRecord } from '../storage/delivery-records';
import { readRoutingInputs, readTeamState, saveFieldIds, type StoredSetup } from '../storage/delivery-setup-repository';
import { writeRequest } from '../storage/request-repository';

/**
 * Routing a request to its delivery team (DESIGN capability 4, issue 6 item 4).
 *
 * Cost of a routed event (first delivery, event fields complete, team triaged by its lead): KVS 3 requests (one batch
 * read of request + set-up + settings, the claim transaction, the finishing write; a rota team adds its state read),
 * Jira 1 read (the reporter's locale) and 2 writes (the one edit with assignee, labels, end customer, public reply
 * and marker; the app-field value for the stage). An event no rule could match costs one KVS read and nothing else.
 *
 * Exactly once, with at-least-once delivery:
 * - the request record is created first as a CLAIM (a conditional create: of two deliveries at once, one wins);
 * - a delivery that meets someone else's live claim asks Forge to try again after it; a claim whose holder gave up
 *   (after Forge's retries) expires and the next delivery takes it over;
 * - the routing edit writes a marker property in the same call as the reply, so a retry that finds the marker
 *   skips the edit: one reply, whatever failed after it;
 * - Jira 429/5xx and storage outages surface as retryable errors; the handler turns them into InvocationError.
 */
export type RouteOutcome =
  | { kind: 'routed'; ruleId: string; teamId: string; assignee: string }
  | { kind: 'already-routed' }
  | { kind: 'no-rules' }
  | { kind: 'no-match' }
  | { kind: 'issue-gone' }
  | { kind: 'team-missing'; ruleId: string }
  | { kind: 'busy'; retryAfterSeconds: number }
  | { kind: 'lost-race' };

/** A claim holds this long: longer than Forge's longest retry delay (900 s), so a retrying holder keeps it. */
const CLAIM_SECONDS = 16 * 60;
const MAX_RETRY_AFTER = 900;

export interface RoutingEvent {
  issueId: string;
  issueKey: string;
  fields: Record<string, unknown>;
  /** This delivery's claim token: made by its first attempt, carried by Forge's retries (retryContext.retryData). */
  claimToken: string;
}

export async function routeRequest(event: RoutingEvent, nowMs: number = Date.now()): Promise<RouteOutcome> {
  const { request: existing, setup, settings } = await readRoutingInputs(event.issueId);
  if (existing?.routing.state === 'done') return { kind: 'already-routed' };
  if (!setup.rules.some((r) => r.enabled)) return { kind: 'no-rules' };

  let resuming = false;
  if (existing) {
    const own = existing.routing.token === event.claimToken;
    const live = Date.parse(existing.routing.until) > nowMs;
    if (!own && live) return { kind: 'busy', retryAfterSeconds: Math.min(MAX_RETRY_AFTER, Math.ceil((Date.parse(existing.routing.until) - nowMs) / 1000) + 1) };
    resuming = true;
  }

  // Judge by what every event carries before reading anything from Jira.
  const issueType = (event.fields.issuetype as { id?: unknown } | undefined)?.id;
  const summary = typeof event.fields.summary === 'string' ? event.fields.summary : '';
  if (!resuming && !setup.rules.some((r) => couldMatch(r, { issueTypeId: typeof issueType === 'string' ? issueType : '', summary }))) return { kind: 'no-match' };

  const fieldIds = await knownFieldIds(setup);
  let snapshot: IssueSnapshot;
  let marker: unknown = null;
  if (resuming || !isComplete(event.fields, setup.rules, fieldIds)) {
    const issue = await readRoutingIssue(event.issueId, { ...fieldIds, conditions: fieldsRulesRead(setup.rules) }, 'app').catch(unlessGone);
    if (!issue) return { kind: 'issue-gone' };
    snapshot = issue.snapshot;
    marker = issue.routingProperty;
  } else {
    snapshot = snapshotOf(event.fields, fieldIds);
  }
  const match: { rule: RoutingRule; evaluation?: RuleEvaluation } | null = resuming && existing ? ruleOf(setup, existing) : firstMatch(setup.rules, snapshot.facts);
  if (!match) return { kind: 'no-match' };
  const team = setup.teams.find((t) => t.id === match.rule.teamId);
  if (!team) {
    console.warn(`Rule ${match.rule.id} routes to team ${match.rule.teamId}, which no longer exists; ${event.issueKey} was not routed.`);
    return { kind: 'team-missing', ruleId: match.rule.id };
  }

  // 1. Claim (or take over) the request, with the triage turn when the team shares triage.
  const token = event.claimToken;
  const until = new Date(nowMs + CLAIM_SECONDS * 1000).toISOString();
  let record: RequestRecord;
  if (existing) {
    record = await writeRequest({ request: fromRequestRecord(existing), routing: { state: 'claimed', token, until }, expectedVersion: existing.version, change: { actor: 'app', action: 'request.routing-resumed', before: existing.routing, after: { token, until } } }).catch(raceLost);
  } else {
    const now = new Date(nowMs).toISOString();
    // Only a rota needs the team's state (whose turn it is); a lead triages everything.
    const state = team.triage === 'rota' ? await readTeamState(team.id) : null;
    const assignee = state ? chooseTriageOwner(team, state, now.slice(0, 10)) : team.leadAccountId;
    const teamState = state ? { ...state, triageTurns: { ...state.triageTurns, [assignee]: (state.triageTurns[assignee] ?? 0) + 1 } } : undefined;
    if (!match.evaluation) return { kind: 'no-match' };
    const request = newRequest(event, snapshot, { rule: match.rule, evaluation: match.evaluation }, team.id, assignee, now);
    record = await writeRequest({ request, routing: { state: 'claimed', token, until }, expectedVersion: 0, teamState, change: { actor: 'app', action: 'request.routed', before: null, after: { teamId: team.id, ruleId: match.rule.id, assignee } } }).catch(raceLost);
  }
  const request = fromRequestRecord(record);
  const assignee = request.triageAccountId ?? team.leadAccountId;

  // 2. The one edit (unless an earlier attempt made it), then the stage.
  if (!marker) {
    const locale = request.reporterAccountId ? toSupportedLocale(await readUserLocale(request.reporterAccountId)) : null;
    await routeIssue({
      issueId: event.issueId,
      assigneeAccountId: assignee,
      labels: [...new Set([APP_LABEL, ...match.rule.labels])],
      endCustomer: fieldIds.endCustomer && !snapshot.endCustomerField && request.endCustomer ? { fieldId: fieldIds.endCustomer, value: request.endCustomer } : null,
      comment: routingComment(match.rule.comment, locale ?? settings.siteLocale, { team: team.name, endCustomer: request.endCustomer, assignee: '{assignee}' }),
      marker: { ruleId: match.rule.id, teamId: team.id, token, at: new Date(nowMs).toISOString() },
    });
  }
  if (fieldIds.stage) await mirrorStage(fieldIds.stage, [event.issueId], STAGE_FIELD_VALUES[request.stage]);

  // 3. Done: later deliveries stop at the first read.
  await writeRequest({ request, routing: { state: 'done', token, until }, expectedVersion: record.version, change: { actor: 'app', action: 'request.routing-done', before: null, after: { token } } }).catch(raceLost);
  return { kind: 'routed', ruleId: match.rule.id, teamId: team.id, assignee };
}

/** An issue deleted since the event: nothing to route. */
function unlessGone(error: unknown): null {
  if (error instanceof JiraFailure && error.status === 404) return null;
  throw error;
}

/** A CONFLICT on the claim means another delivery got there first: it routes, this one stops. */
function raceLost(error: unknown): never {
  if (error instanceof AppError && error.code === 'CONFLICT') throw new LostRace();
  throw error;
}

export class LostRace extends Error {}

/** A resumed claim keeps the rule it was routed by (the admin may have reordered the rules meanwhile). */
function ruleOf(setup: StoredSetup, existing: RequestRecord): { rule: RoutingRule } | null {
  const rule = setup.rules.find((r) => r.id === existing.ruleId);
  return rule ? { rule } : null;
}

async function knownFieldIds(setup: StoredSetup): Promise<JiraFieldIds> {
  if (setup.fieldIds) return setup.fieldIds;
  const found = await findFieldIds();
  await saveFieldIds(found, 'app');
  return found;
}

function newRequest(
  event: RoutingEvent,
  snapshot: IssueSnapshot,
  match: { rule: RoutingRule; evaluation: RuleEvaluation },
  teamId: string,
  triageOwner: string,
  now: string,
): ImplementationRequest {
  const partner = snapshot.organizations[0] ?? null;
  return {
    issueId: event.issueId,
    issueKey: event.issueKey,
    summary: snapshot.facts.summary,
    teamId,
    ruleId: match.rule.id,
    partnerOrganizationId: partner?.id ?? null,
    partnerName: partner?.name ?? null,
    reporterAccountId: snapshot.reporterAccountId,
    endCustomer: endCustomerOf(snapshot.endCustomerField, match.evaluation),
    phasesWanted: snapshot.phasesWanted,
    requiredSkills: match.rule.requiredSkills,
    stage: 'routed',
    estimateHours: null,
    sow: null,
    purchase: null,
    delivery: null,
    // Kept with the claim, so a retry assigns the same person.
    triageAccountId: triageOwner,
    consultantAccountId: null,
    decision: null,
    phasesDone: [],
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    version: 0,
  };
}
