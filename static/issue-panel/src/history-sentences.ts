import type { EngagementView, HistoryEntry } from '../../../src/shared/engagement';
import type { SupportedLocale } from '../../../src/shared/locales';

/**
 * One history entry as a sentence a person reads: "Carl Consultant ticked the duty ‘Review test plans’." The audit
 * record keeps who (an account id), what (an action key such as `duty.toggle`) and the part of the engagement before
 * and after; this turns them into words in the page's language.
 *
 * Pure (no React, no bridge, no DOM): everything it needs comes in `SentenceTools`, so it can be checked against the
 * real catalogues without a browser. The before/after shapes are the ones the resolvers in src/resolvers/engagements/
 * write; they are read defensively (an older or unexpected shape falls back to a plainer sentence, never to a raw
 * key alone or a crash), because the history keeps entries written by every earlier version of the app.
 *
 * Not covered: names of organisations and templates the engagement is no longer linked to (the audit entry keeps only
 * their ids), and titles of escalations, change requests and progress points not among the items the panel has
 * loaded (the sentence then speaks of "an escalation" and so on).
 */

/** The shape of common/i18n's `t`, declared here so that this module imports no React (tests load it in Node). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface SentenceTools {
  t: Translate;
  locale: SupportedLocale;
  formatNumber: (value: number) => string;
  /** The engagement as the panel shows it: duty texts, role names, milestone and item titles, people's names. */
  engagement: EngagementView;
  /** A person's display name by account id; null while unknown (not loaded yet, or Jira does not know them). */
  nameOf: (accountId: string) => string | null;
}

// ---- reading the stored shapes ---------------------------------------------------------------------------------

type Rec = Record<string, unknown>;
const isRec = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);
const rec = (value: unknown): Rec => (isRec(value) ? value : {});
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);
/** A field that changed between before and after (absent fields count as null). */
const moved = (before: Rec, after: Rec, field: string) => (before[field] ?? null) !== (after[field] ?? null);

// ---- the sentence --------------------------------------------------------------------------------------------------

/** "{actor} {what}." — what is every change the entry records, joined the language's way ("a, b and c"). */
export function historySentence(entry: HistoryEntry, tools: SentenceTools): string {
  const { t, locale } = tools;
  const actor = tools.nameOf(entry.actor) ?? t('engagementPanel.history.someone');
  const phrases = describe(entry, tools);
  const what = phrases.length > 0 ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(phrases) : t('engagementPanel.history.what.unknown', { action: entry.action });
  return t('engagementPanel.history.sentence', { actor, what });
}

/** What was done, as phrases without the actor ("ticked the duty ‘…’"); empty when the action is not known here. */
function describe(entry: HistoryEntry, tools: SentenceTools): string[] {
  const before = rec(entry.before);
  const after = rec(entry.after);
  switch (entry.action) {
    case 'engagement.start':
      return [tools.t('engagementPanel.history.what.started', { title: str(after.title) ?? tools.engagement.title })];
    case 'engagement.link':
      return linked(after, tools);
    case 'role.assign':
      return roleAssigned(before, after, tools);
    case 'head-of-sales.assign':
      return headOfSales(before, after, tools);
    case 'duty.toggle':
      return duty(before, after, tools);
    case 'milestone.add':
      return milestoneAdded(after, tools);
    case 'milestone.update':
      return milestoneUpdated(before, after, tools);
    case 'progress-point.add':
      return pointAdded(after, tools);
    case 'progress-point.acknowledge':
      return [item(tools, 'point', after)];
    case 'kickoff.update':
      return meeting('kickoff', before, after, tools);
    case 'retrospective.update':
      return meeting('retrospective', before, after, tools);
    case 'budget.update':
      return budget(before, after, tools);
    case 'document.add':
      return documentAdded(after, tools);
    case 'document.update':
      return documentUpdated(before, after, tools);
    case 'document.remove':
      return documentRemoved(before, tools);
    case 'escalation.raise':
      return escalationRaised(after, tools);
    case 'escalation.acknowledge':
      return [item(tools, 'escalationAcknowledged', after)];
    case 'escalation.close':
      return [item(tools, 'escalationClosed', after)];
    case 'escalation.notified':
      return [item(tools, 'escalationNotified', after)];
    case 'change.propose':
      return changeProposed(after, tools);
    case 'change.approve':
      return [item(tools, 'changeApproved', after), ...approvalEffect(before, after, tools)];
    case 'change.reject':
      return [item(tools, 'changeRejected', after)];
    case 'change.notified':
      return [item(tools, 'changeNotified', after)];
    default:
      return [];
  }
}

// ---- people ----------------------------------------------------------------------------------------------------------

/** An owner (an engagement person's id): their name on the engagement, else their account's name, else "someone…". */
function ownerLabel(ownerId: string, tools: SentenceTools): string {
  const onEngagement = tools.engagement.roles.flatMap((r) => r.people).find((p) => p.id === ownerId);
  if (onEngagement) return onEngagement.name;
  const byAccount = ownerId.startsWith('acc-') ? tools.nameOf(ownerId.slice(4)) : null;
  return byAccount ?? tools.t('engagementPanel.history.formerPerson');
}

function names(list: readonly string[], tools: SentenceTools): string {
  return new Intl.ListFormat(tools.locale, { type: 'conjunction' }).format(list);
}

const hours = (value: number, tools: SentenceTools) => tools.t('engagementPanel.budget.hours', { hours: tools.formatNumber(value) });

/** A calendar day (YYYY-MM-DD) in the page's language; the text as it is when it is not one. */
function day(value: string, tools: SentenceTools): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(tools.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Duty texts are whole sentences ending in a full stop; quoted inside another sentence, the stop goes. */
const quoted = (text: string) => text.replace(/\.\s*$/, '');

// ---- one function per kind of change ------------------------------------------------------------------------------

function linked(after: Rec, tools: SentenceTools): string[] {
  const { engagement, t, locale } = tools;
  const organisation = engagement.organisation && engagement.organisation.id === after.organisationId ? engagement.organisation.name : null;
  const template = engagement.template && engagement.template.key === after.templateKey ? engagement.template.name[locale] : null;
  // The entry keeps ids only: the names are known while the engagement is still linked to the same pair.
  if (organisation && template) return [t('engagementPanel.history.what.linked', { organisation, template })];
  return [t('engagementPanel.history.what.relinked')];
}

function roleName(roleKey: string, tools: SentenceTools): string {
  return tools.engagement.roles.find((r) => r.key === roleKey)?.name[tools.locale] ?? roleKey;
}

function roleAssigned(before: Rec, after: Rec, tools: SentenceTools): string[] {
  const roleKey = str(after.roleKey) ?? str(before.roleKey);
  if (!roleKey) return [];
  const role = roleName(roleKey, tools);
  const people = (side: Rec) => (Array.isArray(side.people) ? side.people.map(rec).filter((p) => str(p.id) !== null) : []);
  const had = people(before);
  const has = people(after);
  const added = has.filter((p) => !had.some((q) => q.id === p.id)).map((p) => str(p.name) ?? tools.t('engagementPanel.history.formerPerson'));
  const removed = had.filter((p) => !has.some((q) => q.id === p.id)).map((p) => str(p.name) ?? tools.t('engagementPanel.history.formerPerson'));
  const phrases: string[] = [];
  if (added.length > 0) phrases.push(tools.t('engagementPanel.history.what.roleAdded', { names: names(added, tools), role }));
  if (removed.length > 0) phrases.push(tools.t('engagementPanel.history.what.roleRemoved', { names: names(removed, tools), role }));
  return phrases.length > 0 ? phrases : [tools.t('engagementPanel.history.what.roleSaved', { role })];
}

/** The head of sales is stored with the name Jira gave when they were assigned; their account's name otherwise. */
function headOfSales(before: Rec, after: Rec, tools: SentenceTools): string[] {
  const nameIn = (side: Rec) => {
    const accountId = str(side.accountId);
    return str(side.name) ?? (accountId ? tools.nameOf(accountId) : null);
  };
  const now = nameIn(after);
  const was = nameIn(before);
  if (now) return [tools.t('engagementPanel.history.what.headOfSalesSet', { name: now })];
  if (was) return [tools.t('engagementPanel.history.what.headOfSalesCleared', { name: was })];
  return [tools.t('engagementPanel.history.what.headOfSalesNone')];
}

function duty(before: Rec, after: Rec, tools: SentenceTools): string[] {
  const { t, locale, engagement } = tools;
  const roleKey = str(after.roleKey);
  const dutyKey = str(after.dutyKey);
  if (!roleKey || !dutyKey) return [];
  const text = engagement.roles.find((r) => r.key === roleKey)?.duties.find((d) => d.key === dutyKey)?.text[locale];
  const name = quoted(text ?? dutyKey);
  const phrases: string[] = [];
  const done = bool(after.done);
  if (moved(before, after, 'done') && done !== null) phrases.push(done ? t('engagementPanel.history.what.dutyTicked', { duty: name }) : t('engagementPanel.history.what.dutyUnticked', { duty: name }));
  if (moved(before, after, 'ownerId')) {
    const owner = str(after.ownerId);
    phrases.push(owner ? t('engagementPanel.history.what.dutyOwnerSet', { duty: name, name: ownerLabel(owner, tools) }) : t('engagementPanel.history.what.dutyOwnerCleared', { duty: name }));
  }
  if (moved(before, after, 'dueDate')) {
    const from = str(before.dueDate);
    const to = str(after.dueDate);
    if (to && from) phrases.push(t('engagementPanel.history.what.dutyDueMoved', { duty: name, from: day(from, tools), to: day(to, tools) }));
    else if (to) phrases.push(t('engagementPanel.history.what.dutyDueSet', { duty: name, date: day(to, tools) }));
    else phrases.push(t('engagementPanel.history.what.dutyDueCleared', { duty: name }));
  }
  return phrases.length > 0 ? phrases : [t('engagementPanel.history.what.dutySaved', { duty: name })];
}

function milestoneTitle(id: unknown, tools: SentenceTools): string | null {
  return tools.engagement.milestones.find((m) => m.id === id)?.title ?? null;
}

function milestoneAdded(after: Rec, tools: SentenceTools): string[] {
  const title = str(after.title);
  if (!title) return [];
  const due = str(after.dueDate);
  return [
    due
      ? tools.t('engagementPanel.history.what.milestoneAddedDue', { title, date: day(due, tools) })
      : tools.t('engagementPanel.history.what.milestoneAdded', { title }),
  ];
}

function milestoneUpdated(before: Rec, after: Rec, tools: SentenceTools): string[] {
  const { t } = tools;
  const title = str(after.title) ?? str(before.title) ?? milestoneTitle(after.id ?? before.id, tools);
  if (!title) return [];
  const phrases: string[] = [];
  const was = str(before.title);
  if (was && was !== title) phrases.push(t('engagementPanel.history.what.milestoneRenamed', { from: was, to: title }));
  phrases.push(...milestoneDue(title, before, after, tools));
  const state = str(after.state);
  if (moved(before, after, 'state') && state) phrases.push(t('engagementPanel.history.what.milestoneState', { title, state: t(`engagementPanel.milestones.state.${state}`) }));
  return phrases.length > 0 ? phrases : [t('engagementPanel.history.what.milestoneSaved', { title })];
}

function milestoneDue(title: string, before: Rec, after: Rec, tools: SentenceTools): string[] {
  if (!moved(before, after, 'dueDate')) return [];
  const from = str(before.dueDate);
  const to = str(after.dueDate);
  if (from && to) return [tools.t('engagementPanel.history.what.milestoneDueMoved', { title, from: day(from, tools), to: day(to, tools) })];
  if (to) return [tools.t('engagementPanel.history.what.milestoneDueSet', { title, date: day(to, tools) })];
  return [tools.t('engagementPanel.history.what.milestoneDueCleared', { title })];
}

function pointAdded(after: Rec, tools: SentenceTools): string[] {
  const title = str(after.title);
  if (!title) return [];
  const milestone = milestoneTitle(after.milestoneId, tools);
  return [
    milestone
      ? tools.t('engagementPanel.history.what.pointAddedTo', { title, milestone })
      : tools.t('engagementPanel.history.what.pointAdded', { title }),
  ];
}

type ItemPhrase = 'point' | 'escalationAcknowledged' | 'escalationClosed' | 'escalationNotified' | 'changeApproved' | 'changeRejected' | 'changeNotified';

/**
 * A change to an item the entry names by id only: its title from the items the panel has loaded, else the phrase's
 * untitled form ("acknowledged an escalation").
 */
function item(tools: SentenceTools, phrase: ItemPhrase, after: Rec): string {
  const { t, engagement } = tools;
  const id = after.id;
  switch (phrase) {
    case 'point': {
      const title = engagement.progressPoints.find((p) => p.id === id)?.title;
      return title ? t('engagementPanel.history.what.pointAcknowledged', { title }) : t('engagementPanel.history.what.aPointAcknowledged');
    }
    case 'escalationAcknowledged':
    case 'escalationClosed':
    case 'escalationNotified': {
      const title = engagement.escalations.find((e) => e.id === id)?.title;
      const closedWith = str(after.resolution);
      const resolution = closedWith ? quoted(closedWith) : null;
      if (phrase === 'escalationAcknowledged') return title ? t('engagementPanel.history.what.escalationAcknowledged', { title }) : t('engagementPanel.history.what.anEscalationAcknowledged');
      if (phrase === 'escalationNotified') return title ? t('engagementPanel.history.what.escalationNotified', { title }) : t('engagementPanel.history.what.anEscalationNotified');
      if (!title) return t('engagementPanel.history.what.anEscalationClosed');
      return resolution ? t('engagementPanel.history.what.escalationClosedWith', { title, resolution }) : t('engagementPanel.history.what.escalationClosed', { title });
    }
    default: {
      const summary = engagement.changes.find((c) => c.id === id)?.summary;
      if (phrase === 'changeApproved') return summary ? t('engagementPanel.history.what.changeApproved', { summary }) : t('engagementPanel.history.what.aChangeApproved');
      if (phrase === 'changeRejected') return summary ? t('engagementPanel.history.what.changeRejected', { summary }) : t('engagementPanel.history.what.aChangeRejected');
      return summary ? t('engagementPanel.history.what.changeNotified', { summary }) : t('engagementPanel.history.what.aChangeNotified');
    }
  }
}

function meeting(which: 'kickoff' | 'retrospective', before: Rec, after: Rec, tools: SentenceTools): string[] {
  const { t } = tools;
  const name = t(`engagementPanel.history.meeting.${which}`);
  const phrases: string[] = [];
  if (moved(before, after, 'date')) {
    const from = str(before.date);
    const to = str(after.date);
    if (from && to) phrases.push(t('engagementPanel.history.what.meetingDateMoved', { meeting: name, from: day(from, tools), to: day(to, tools) }));
    else if (to) phrases.push(t('engagementPanel.history.what.meetingDateSet', { meeting: name, date: day(to, tools) }));
    else phrases.push(t('engagementPanel.history.what.meetingDateCleared', { meeting: name }));
  }
  const done = bool(after.done);
  if (moved(before, after, 'done') && done !== null) {
    phrases.push(done ? t('engagementPanel.history.what.meetingHeld', { meeting: name }) : t('engagementPanel.history.what.meetingNotHeld', { meeting: name }));
  }
  if (moved(before, after, 'notes')) phrases.push(t('engagementPanel.history.what.meetingNotes', { meeting: name }));
  return phrases.length > 0 ? phrases : [t('engagementPanel.history.what.meetingSaved', { meeting: name })];
}

function budget(before: Rec, after: Rec, tools: SentenceTools): string[] {
  const { t } = tools;
  const phrases = soldHours(before, after, tools);
  if (moved(before, after, 'estimateHours')) {
    const from = num(before.estimateHours);
    const to = num(after.estimateHours);
    if (from !== null && to !== null) phrases.push(t('engagementPanel.history.what.estimateChanged', { from: hours(from, tools), to: hours(to, tools) }));
    else if (to !== null) phrases.push(t('engagementPanel.history.what.estimateSet', { to: hours(to, tools) }));
    else phrases.push(t('engagementPanel.history.what.estimateCleared'));
  }
  if (moved(before, after, 'salesOrder')) {
    const from = str(before.salesOrder);
    const to = str(after.salesOrder);
    if (from && to) phrases.push(t('engagementPanel.history.what.salesOrderChanged', { from, to }));
    else if (to) phrases.push(t('engagementPanel.history.what.salesOrderSet', { to }));
    else phrases.push(t('engagementPanel.history.what.salesOrderCleared'));
  }
  return phrases.length > 0 ? phrases : [t('engagementPanel.history.what.budgetSaved')];
}

/** The sold hours, moved by a budget save (set once) or by an approved budget change. */
function soldHours(before: Rec, after: Rec, tools: SentenceTools): string[] {
  if (!moved(before, after, 'soldHours')) return [];
  const from = num(before.soldHours);
  const to = num(after.soldHours);
  if (from !== null && to !== null) return [tools.t('engagementPanel.history.what.soldChanged', { from: hours(from, tools), to: hours(to, tools) })];
  if (to !== null) return [tools.t('engagementPanel.history.what.soldSet', { to: hours(to, tools) })];
  return [tools.t('engagementPanel.history.what.soldCleared')];
}

function documentKind(kind: unknown, tools: SentenceTools): string | null {
  return typeof kind === 'string' ? tools.t(`engagementPanel.documents.kind.${kind}`) : null;
}

function documentAdded(after: Rec, tools: SentenceTools): string[] {
  const title = str(after.title);
  if (!title) return [];
  const kind = documentKind(after.kind, tools) ?? tools.t('engagementPanel.documents.kind.other');
  return [tools.t('engagementPanel.history.what.documentAdded', { title, kind })];
}

function documentUpdated(before: Rec, after: Rec, tools: SentenceTools): string[] {
  const { t } = tools;
  const title = str(after.title) ?? str(before.title);
  if (!title) return [];
  const phrases: string[] = [];
  const was = str(before.title);
  if (was && was !== title) phrases.push(t('engagementPanel.history.what.documentRenamed', { from: was, to: title }));
  if (moved(before, after, 'url')) phrases.push(t('engagementPanel.history.what.documentLink', { title }));
  const kind = documentKind(after.kind, tools);
  if (moved(before, after, 'kind') && kind) phrases.push(t('engagementPanel.history.what.documentKind', { title, kind }));
  if (moved(before, after, 'ownerId')) {
    const owner = str(after.ownerId);
    phrases.push(owner ? t('engagementPanel.history.what.documentOwnerSet', { title, name: ownerLabel(owner, tools) }) : t('engagementPanel.history.what.documentOwnerCleared', { title }));
  }
  return phrases.length > 0 ? phrases : [t('engagementPanel.history.what.documentSaved', { title })];
}

function documentRemoved(before: Rec, tools: SentenceTools): string[] {
  const title = str(before.title);
  return title ? [tools.t('engagementPanel.history.what.documentRemoved', { title })] : [];
}

function escalationRaised(after: Rec, tools: SentenceTools): string[] {
  const title = str(after.title);
  if (!title) return [];
  const kind = typeof after.category === 'string' ? tools.t(`engagementPanel.escalations.kind.${after.category}`) : '';
  const recipients = Array.isArray(after.recipients) ? after.recipients.map((r) => str(rec(r).name)).filter((n): n is string => n !== null) : [];
  return [
    recipients.length > 0
      ? tools.t('engagementPanel.history.what.escalationRaisedTo', { title, kind, names: names(recipients, tools) })
      : tools.t('engagementPanel.history.what.escalationRaised', { title, kind }),
  ];
}

function changeProposed(after: Rec, tools: SentenceTools): string[] {
  const summary = str(after.summary);
  if (!summary) return [];
  const kind = typeof after.category === 'string' ? tools.t(`engagementPanel.changes.kind.${after.category}`) : '';
  const delta = num(after.soldHoursDelta);
  const detail = delta === null ? kind : `${kind}, ${delta > 0 ? '+' : '−'}${hours(Math.abs(delta), tools)}`;
  return [tools.t('engagementPanel.history.what.changeProposed', { summary, kind: detail })];
}

/** What an approval did to the engagement: the sold hours, or a milestone's due date. */
function approvalEffect(before: Rec, after: Rec, tools: SentenceTools): string[] {
  if ('soldHours' in after) return soldHours(before, after, tools);
  const milestoneBefore = rec(before.milestone);
  const milestoneAfter = rec(after.milestone);
  const title = str(milestoneAfter.title) ?? str(milestoneBefore.title);
  return title ? milestoneDue(title, milestoneBefore, milestoneAfter, tools) : [];
}
