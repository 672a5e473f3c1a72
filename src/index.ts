// Only the handlers named in manifest.yml, re-exported. Everything else lives in its own module.
export { adminResolver } from './resolvers/admin-resolver';
export { issuePanelResolver } from './resolvers/issue-panel-resolver';
export { portalResolver } from './resolvers/portal-resolver';
export { projectPageResolver } from './resolvers/project-page-resolver';
export { issueEventHandler } from './triggers/issue-event-handler';
export { lifecycleHandler } from './triggers/lifecycle-handler';
export { dailyJob } from './triggers/daily-job';
export { queueConsumer } from './triggers/queue-consumer';
