import type { engagementOperations } from '../../shared/operations/engagements';
import type { Handlers } from '../define-surface';
import { budgetUpdate, documentAdd, documentRemove, documentUpdate } from './budget-and-file';
import { changePropose, escalationRaise, escalationUpdate } from './governance';
import { engagementLink, engagementOptions, engagementStart, historyList, itemsList, panelGet } from './panel';
import { dutyToggle, headOfSalesAssign, roleAssign } from './people';
import { kickoffUpdate, milestoneAdd, milestoneUpdate, progressPointAdd, retrospectiveUpdate } from './plan';
import { changeDecide, engagementMine, progressPointAcknowledge } from './portal';

/** Handlers of the engagement operations, per surface (see src/shared/operations/engagements.ts). */
type Of<S extends keyof typeof engagementOperations> = Pick<Handlers<S>, keyof (typeof engagementOperations)[S] & keyof Handlers<S>>;

export const engagementHandlers: { [S in keyof typeof engagementOperations]: Of<S> } = {
  'issue-panel': {
    'panel/get': panelGet,
    'history/list': historyList,
    'engagement-items/list': itemsList,
    'engagement/options': engagementOptions,
    'engagement/start': engagementStart,
    'engagement/link': engagementLink,
    'role/assign': roleAssign,
    'head-of-sales/assign': headOfSalesAssign,
    'duty/toggle': dutyToggle,
    'milestone/add': milestoneAdd,
    'milestone/update': milestoneUpdate,
    'progress-point/add': progressPointAdd,
    'kickoff/update': kickoffUpdate,
    'retrospective/update': retrospectiveUpdate,
    'budget/update': budgetUpdate,
    'document/add': documentAdd,
    'document/update': documentUpdate,
    'document/remove': documentRemove,
    'escalation/raise': escalationRaise,
    'escalation/update': escalationUpdate,
    'change/propose': changePropose,
  },
  portal: {
    'engagement/mine': engagementMine,
    'progress-point/acknowledge': progressPointAcknowledge,
    'change/decide': changeDecide,
  },
  'project-page': {},
  admin: {},
};
