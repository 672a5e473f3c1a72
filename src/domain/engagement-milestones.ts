import {
  ENGAGEMENT_LIMITS,
  type Meeting,
  type Milestone,
  type MilestoneState,
  type ProgressPoint,
  type UpdateMeetingInput,
  type UpdateMilestoneInput,
} from '../shared/engagement';
import { refuse, touched, type EngagementState } from './engagement-state';

/**
 * Milestones, progress points, kick-off and retrospective.
 *
 * Milestone states: planned → in-progress → done; a milestone may be marked done straight from planned (small ones
 * are), sent back from in-progress to planned, and reopened from done to in-progress. Done records when.
 * Milestones are never deleted: progress points and schedule changes refer to them.
 *
 * Progress points (seed 000's progress point sheets): the team adds one to a milestone; it awaits the customer's
 * acknowledgement, which any customer who can see the request gives once, from the portal, with who and when.
 *
 * Kick-off and retrospective (seed 003): a date, notes and whether it took place (who marked it, when).
 */

const MILESTONE_MOVES: Record<MilestoneState, readonly MilestoneState[]> = {
  planned: ['in-progress', 'done'],
  'in-progress': ['planned', 'done'],
  done: ['in-progress'],
};

export function canMoveMilestone(from: MilestoneState, to: MilestoneState): boolean {
  return from === to || MILESTONE_MOVES[from].includes(to);
}

export function findMilestone(state: EngagementState, milestoneId: string): Milestone {
  const milestone = state.milestones.find((m) => m.id === milestoneId);
  if (!milestone) refuse('NOT_FOUND', 'This milestone is not on the engagement any more. Reload the panel.');
  return milestone;
}

export function addMilestone(state: EngagementState, id: string, input: { title: string; dueDate?: string | null | undefined }, actor: string, now: string): EngagementState {
  if (state.milestones.length >= ENGAGEMENT_LIMITS.milestones) refuse('INVALID_INPUT', `An engagement has at most ${ENGAGEMENT_LIMITS.milestones} milestones.`);
  const milestone: Milestone = { id, title: input.title, dueDate: input.dueDate ?? null, state: 'planned', doneAt: null };
  return touched({ ...state, milestones: [...state.milestones, milestone] }, actor, now);
}

export function updateMilestone(state: EngagementState, input: Omit<UpdateMilestoneInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  const current = findMilestone(state, input.milestoneId);
  const to = input.state ?? current.state;
  if (!canMoveMilestone(current.state, to)) refuse('INVALID_INPUT', `A milestone cannot go from ${current.state} to ${to}.`);
  const next: Milestone = {
    ...current,
    title: input.title ?? current.title,
    dueDate: input.dueDate === undefined ? current.dueDate : input.dueDate,
    state: to,
    doneAt: to === 'done' ? (current.state === 'done' ? current.doneAt : now) : null,
  };
  return touched({ ...state, milestones: state.milestones.map((m) => (m.id === next.id ? next : m)) }, actor, now);
}

/** A schedule change the sponsor approved moves the milestone's due date. */
export function moveMilestoneDueDate(state: EngagementState, milestoneId: string, dueDate: string, actor: string, now: string): EngagementState {
  return updateMilestone(state, { milestoneId, dueDate }, actor, now);
}

export function newProgressPoint(
  state: EngagementState,
  id: string,
  input: { milestoneId: string; title: string; description?: string | undefined },
  actor: string,
  now: string,
): ProgressPoint {
  findMilestone(state, input.milestoneId);
  return {
    kind: 'progress-point',
    id,
    version: 1,
    milestoneId: input.milestoneId,
    title: input.title,
    description: input.description ?? '',
    createdAt: now,
    createdBy: actor,
    state: 'awaiting-acknowledgement',
    acknowledgement: null,
  };
}

export function acknowledgeProgressPoint(point: ProgressPoint, who: { accountId: string; name: string }, note: string, now: string): ProgressPoint {
  if (point.state === 'acknowledged') {
    refuse('CONFLICT', `This progress point was already acknowledged by ${point.acknowledgement?.name || 'someone'} on ${point.acknowledgement?.at ?? ''}.`);
  }
  return { ...point, version: point.version + 1, state: 'acknowledged', acknowledgement: { accountId: who.accountId, name: who.name, at: now, note } };
}

export function updateMeeting(meeting: Meeting, input: Omit<UpdateMeetingInput, 'expectedVersion'>, actor: string, now: string): Meeting {
  const done = input.done ?? meeting.done;
  const becameDone = done && !meeting.done;
  return {
    date: input.date === undefined ? meeting.date : input.date,
    notes: input.notes ?? meeting.notes,
    done,
    doneAt: done ? (becameDone ? now : meeting.doneAt) : null,
    doneBy: done ? (becameDone ? actor : meeting.doneBy) : null,
  };
}

export function updateKickoff(state: EngagementState, input: Omit<UpdateMeetingInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  return touched({ ...state, kickoff: updateMeeting(state.kickoff, input, actor, now) }, actor, now);
}

export function updateRetrospective(state: EngagementState, input: Omit<UpdateMeetingInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  return touched({ ...state, retrospective: updateMeeting(state.retrospective, input, actor, now) }, actor, now);
}
