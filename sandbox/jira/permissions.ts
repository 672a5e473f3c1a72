import type { ProjectRow } from './jira-store';
import type { SandboxUser } from './types';

/**
 * The demo site's permission scheme, as a pure function. Jira admins administer and work everywhere; agents work on
 * every project; delivery people work on the software project; on the service project the delivery lead is an agent
 * (support hands implementation requests to the delivery team, whose lead triages and estimates them) and
 * consultants browse, comment and may be assigned (a rota may give them triage); JSM customers have no project
 * permission at all (they reach their requests through the portal only), as on a real site.
 */
export const GLOBAL_PERMISSIONS = ['ADMINISTER'] as const;
export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'TRANSITION_ISSUES',
  'ADD_COMMENTS',
  'WORK_ON_ISSUES',
  'LINK_ISSUES',
  'SERVICEDESK_AGENT',
  'ADMINISTER_PROJECTS',
] as const;
export type PermissionKey = (typeof GLOBAL_PERMISSIONS)[number] | (typeof PROJECT_PERMISSIONS)[number];

const WORK = PROJECT_PERMISSIONS.filter((p) => p !== 'ADMINISTER_PROJECTS' && p !== 'SERVICEDESK_AGENT');

export function isKnownPermission(key: string): key is PermissionKey {
  return (GLOBAL_PERMISSIONS as readonly string[]).includes(key) || (PROJECT_PERMISSIONS as readonly string[]).includes(key);
}

export function hasGlobalPermission(user: SandboxUser, key: string): boolean {
  return key === 'ADMINISTER' && user.kind === 'admin';
}

/** Project permissions of `user` in `project`. */
export function projectPermissions(user: SandboxUser, project: ProjectRow): Set<PermissionKey> {
  switch (user.kind) {
    case 'admin':
      return new Set(PROJECT_PERMISSIONS);
    case 'agent':
      return new Set(project.projectTypeKey === 'service_desk' ? [...WORK, 'SERVICEDESK_AGENT'] : WORK);
    case 'delivery':
      if (project.projectTypeKey === 'software') return new Set(WORK);
      if (user.deliveryRole === 'lead') return new Set([...WORK, 'SERVICEDESK_AGENT']);
      return new Set(['BROWSE_PROJECTS', 'ADD_COMMENTS', 'WORK_ON_ISSUES', 'LINK_ISSUES', 'ASSIGNABLE_USER']);
    case 'customer':
      return new Set();
  }
}

export function canBrowse(user: SandboxUser, project: ProjectRow): boolean {
  return projectPermissions(user, project).has('BROWSE_PROJECTS');
}

const DESCRIPTIONS: Record<PermissionKey, [string, 'GLOBAL' | 'PROJECT']> = {
  ADMINISTER: ['Administer Jira', 'GLOBAL'],
  BROWSE_PROJECTS: ['Browse Projects', 'PROJECT'],
  CREATE_ISSUES: ['Create Issues', 'PROJECT'],
  EDIT_ISSUES: ['Edit Issues', 'PROJECT'],
  ASSIGN_ISSUES: ['Assign Issues', 'PROJECT'],
  ASSIGNABLE_USER: ['Assignable User', 'PROJECT'],
  TRANSITION_ISSUES: ['Transition Issues', 'PROJECT'],
  ADD_COMMENTS: ['Add Comments', 'PROJECT'],
  WORK_ON_ISSUES: ['Work On Issues', 'PROJECT'],
  LINK_ISSUES: ['Link Issues', 'PROJECT'],
  SERVICEDESK_AGENT: ['Service Desk Agent', 'PROJECT'],
  ADMINISTER_PROJECTS: ['Administer Projects', 'PROJECT'],
};

export function describePermission(key: PermissionKey): { name: string; type: 'GLOBAL' | 'PROJECT' } {
  const [name, type] = DESCRIPTIONS[key];
  return { name, type };
}
