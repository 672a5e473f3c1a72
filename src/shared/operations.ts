import { z } from 'zod';
import type { Settings } from './settings';
import { updateSettingsInput } from './settings';
import type { Preferences, Viewer } from './viewer';
import { savePreferencesInput } from './viewer';
import { engagementOperations } from './operations/engagements';
import { registerOperations } from './operations/registers';
import { requestOperations, type BoardPage } from './operations/requests';

/**
 * Every resolver operation, per surface: its `noun/verb` key, the zod schema of its payload and the type of its
 * answer. The backend registers exactly these; the Custom UI's typed `invoke` accepts exactly these. Admin
 * operations exist only on the admin surface, so the issue panel or the portal cannot reach them.
 * Each page opens with ONE call (its `…/get`), which also answers the viewer: the performance budget allows one
 * resolver call per panel open. `viewer/get` remains for pages that need only the viewer.
 */
const none = z.object({}).strict();

const shared = {
  'viewer/get': { input: none, answer: {} as Viewer },
  'preferences/save': { input: savePreferencesInput, answer: {} as Preferences },
};

export const operations = {
  'issue-panel': {
    ...shared,
    ...registerOperations['issue-panel'],
    ...engagementOperations['issue-panel'],
    ...requestOperations['issue-panel'],
  },
  portal: {
    ...shared,
    ...registerOperations['portal'],
    ...engagementOperations['portal'],
    ...requestOperations['portal'],
    'request/get': { input: none, answer: {} as { viewer: Viewer; request: { key: string; summary: string } } },
  },
  'project-page': {
    ...shared,
    ...registerOperations['project-page'],
    ...engagementOperations['project-page'],
    ...requestOperations['project-page'],
    'board/get': { input: none, answer: {} as BoardPage },
  },
  admin: {
    ...shared,
    ...registerOperations['admin'],
    ...engagementOperations['admin'],
    ...requestOperations['admin'],
    'settings/get': { input: none, answer: {} as { viewer: Viewer; settings: Settings } },
    'settings/update': { input: updateSettingsInput, answer: {} as Settings },
  },
} as const;

export type Surface = keyof typeof operations;
export type OperationKey<S extends Surface> = keyof (typeof operations)[S] & string;
type Op<S extends Surface, K extends OperationKey<S>> = (typeof operations)[S][K];
export type OperationInput<S extends Surface, K extends OperationKey<S>> = Op<S, K> extends { input: z.ZodTypeAny } ? z.input<Op<S, K>['input']> : never;
export type OperationAnswer<S extends Surface, K extends OperationKey<S>> = Op<S, K> extends { answer: infer A } ? A : never;
