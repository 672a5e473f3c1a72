/**
 * DESIGN.md "Performance budgets" that the bench can measure against the sandbox log, as limits on the worst run.
 * Not here: "Lists … page through indexes" and the 10,000-organisation "Scale" budget (they need a large seeded site),
 * and first paint under 1 s (a browser measurement).
 */
import type { Budget } from './stats';

export const BUDGETS = {
  panelOpen: {
    id: 'panel-open',
    title: 'Opening any panel',
    quote: 'Opening any panel: 1 resolver call, at most 5 KVS requests; no Jira call that the trusted context already answers (one permission check is allowed).',
    limits: [
      { metric: 'invocations', max: 1 },
      { metric: 'kvs.requests', max: 5 },
      { metric: 'jira.reads', max: 2 },
      { metric: 'jira.writes', max: 0 },
    ],
    note: 'Jira reads: the permission check, and — on an issue with an engagement or a delivered request — ONE worklog search for the hours logged, which no context carries (src/jira/worklog-hours.ts); "1 call" counts the invocations one open causes here, that the page sends only one is for the browser tests',
  },
  listPage: {
    id: 'list-page',
    title: 'Lists page through indexes',
    quote: 'Lists (delivery board, organisations) page through indexes: cost grows with the page, not with the site.',
    limits: [
      { metric: 'invocations', max: 1 },
      { metric: 'kvs.requests', max: 5 },
      { metric: 'jira.reads', max: 1 },
      { metric: 'jira.writes', max: 0 },
    ],
    note: 'one page of a list as one call with the budget of a panel open (the one Jira read is the permission check); that its cost does not grow with the site is the scale section’s 2× check (npm run bench -- --scale)',
  },
  routedEvent: {
    id: 'routed-ticket-event',
    title: 'Routed ticket event',
    quote: 'Routed ticket event: at most 2 Jira writes, at most 2 Jira reads, at most 4 KVS requests. The floor is one write and no read.',
    limits: [
      { metric: 'jira.writes', max: 2 },
      { metric: 'jira.reads', max: 2 },
      { metric: 'kvs.requests', max: 4 },
    ],
    note: 'a partner’s request filed through JSM and routed by the trigger: the batch read, the claim and the finishing write; the reporter’s locale; the one edit and the stage',
  },
} as const satisfies Record<string, Budget>;

/** DESIGN.md: "The floor is one write and no read; say how close you get." */
export const ROUTED_EVENT_FLOOR = { jiraWrites: 1, jiraReads: 0 } as const;
