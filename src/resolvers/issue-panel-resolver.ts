import { myPermissions, requirePermissions } from '../jira/permissions';
import { readEngagement, startEngagement } from '../storage/engagement-repository';
import { readSettings } from '../storage/settings-repository';
import { AppError } from '../shared/errors';
import { defineSurface } from './define-surface';
import { issueOf } from './extension';
import { getViewer, savePreferencesFor } from './viewer';
import { engagementHandlers } from './engagements/handlers';
import { registerHandlers } from './registers/handlers';

export const issuePanelResolver = defineSurface('issue-panel', {
  ...registerHandlers['issue-panel'],
  ...engagementHandlers['issue-panel'],
  'viewer/get': getViewer,
  'preferences/save': savePreferencesFor,
  'panel/get': async (_input, context) => {
    const issue = issueOf(context.extension);
    // One permission check answers both "may see" and "may edit".
    const granted = await myPermissions({ issueId: issue.id }, ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
    if (!granted.BROWSE_PROJECTS) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have access to it.');
    const [viewer, engagement, settings] = await Promise.all([getViewer({}, context), readEngagement(issue.id), readSettings()]);
    return { viewer, issue, canEdit: granted.EDIT_ISSUES === true, engagement, sowThresholdHours: settings.sowThresholdHours };
  },
  'engagement/start': async (input, context) => {
    const issue = issueOf(context.extension);
    await requirePermissions({ issueId: issue.id }, ['BROWSE_PROJECTS', 'EDIT_ISSUES'], 'You need permission to edit this issue to start its engagement.');
    return startEngagement(issue.id, input.title, context.accountId);
  },
});
