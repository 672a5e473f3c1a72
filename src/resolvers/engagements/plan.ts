import { addMilestone, findMilestone, newProgressPoint, updateKickoff, updateMilestone, updateRetrospective } from '../../domain/engagement-milestones';
import { addItem } from '../../storage/engagement-repository';
import type { Handlers } from '../define-surface';
import { changeEngagement, engagementAt, newLocalId, requireEditor } from './access';

type Panel = Handlers<'issue-panel'>;

export const milestoneAdd: Panel['milestone/add'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'milestone.add', (state, now) => {
    const next = addMilestone(state, newLocalId(), input, context.accountId, now);
    return { next, before: null, after: next.milestones[next.milestones.length - 1] };
  });

export const milestoneUpdate: Panel['milestone/update'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'milestone.update', (state, now) => {
    const { expectedVersion: _v, ...change } = input;
    const next = updateMilestone(state, change, context.accountId, now);
    return { next, before: findMilestone(state, input.milestoneId), after: findMilestone(next, input.milestoneId) };
  });

/** A progress point the customer will acknowledge on the portal; added under the engagement the agent saw. */
export const progressPointAdd: Panel['progress-point/add'] = async (input, context) => {
  const issue = await requireEditor(context);
  const current = await engagementAt(issue.id, input.expectedVersion);
  const point = newProgressPoint(current.state, input.itemId ?? newLocalId(), input, context.accountId, new Date().toISOString());
  await addItem(issue.id, current.version, point, { actor: context.accountId, action: 'progress-point.add', before: null, after: point });
  return point;
};

export const kickoffUpdate: Panel['kickoff/update'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'kickoff.update', (state, now) => {
    const next = updateKickoff(state, input, context.accountId, now);
    return { next, before: state.kickoff, after: next.kickoff };
  });

export const retrospectiveUpdate: Panel['retrospective/update'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'retrospective.update', (state, now) => {
    const next = updateRetrospective(state, input, context.accountId, now);
    return { next, before: state.retrospective, after: next.retrospective };
  });
