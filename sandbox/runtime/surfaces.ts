/**
 * Each Custom UI surface (a folder in static/) and the manifest module that shows it. The sandbox's web host, the
 * bench and the tests name modules through this map; test/manifest checks it against manifest.yml.
 */
export const SURFACE_MODULES = {
  'issue-panel': 'engagement-panel',
  portal: 'partner-request-view',
  'project-page': 'delivery-board',
  admin: 'engagement-settings',
} as const;

export type SurfaceName = keyof typeof SURFACE_MODULES;
