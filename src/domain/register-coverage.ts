import type { OrganisationCoverage } from '../shared/coverage';
import type { CoverageListItem, OrganisationRegister, Person } from '../shared/registers';
import { parseRoleRef, type Side, type Template } from '../shared/templates';
import { computeCoverage, worstRoleFirst } from './coverage';

/**
 * Coverage of an organisation register, and what the coverage list sorts by.
 *
 * "Today" is the UTC calendar day: Forge gives a resolver the viewer's time zone but not the site's, and a list
 * sorted for all viewers needs one calendar. An absence therefore starts and ends at midnight UTC.
 */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The templates a register names, in its order, and the keys that name none of `available`. */
export function templatesOf(templateKeys: readonly string[], available: readonly Template[]): { templates: Template[]; unknown: string[] } {
  const templates: Template[] = [];
  const unknown: string[] = [];
  for (const key of templateKeys) {
    const template = available.find((t) => t.key === key);
    if (template) templates.push(template);
    else unknown.push(key);
  }
  return { templates, unknown };
}

export function registerCoverage(
  register: Pick<OrganisationRegister, 'templateKeys' | 'deploymentType' | 'projectKind' | 'people'>,
  available: readonly Template[],
  today: string,
  sides?: Side[],
): OrganisationCoverage {
  return computeCoverage({
    templates: templatesOf(register.templateKeys, available).templates,
    deploymentType: register.deploymentType,
    ...(register.projectKind ? { projectKind: register.projectKind } : {}),
    ...(sides ? { sides } : {}),
    people: register.people.map((p) => ({ id: p.id, name: p.name, roles: p.roles, backupFor: p.backupFor, absences: p.absences })),
    today,
  });
}

/**
 * A name as the organisations list sorts it: accents dropped, lower case, spaces collapsed, at most 100 characters
 * (so "Lumière Conseil" sorts with the other L's).
 */
export function nameKeyOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}

/**
 * The coverage list's sort value, a string that sorts worst first in the same order as `worstFirst` (coverage.ts):
 * score up, then missing, absent-without-backup, below-recommended and no-backup counts down, then the name. Counts
 * are stored as 999 minus the count, zero-padded, so that a plain ascending string order puts the larger count first.
 */
export function coverageRankOf(coverage: Pick<OrganisationCoverage, 'score' | 'summary'>, name: string): string {
  const pad = (n: number) => String(Math.max(0, Math.min(999, n))).padStart(3, '0');
  const down = (n: number) => pad(999 - n);
  const s = coverage.summary;
  return [pad(coverage.score), down(s.missing), down(s.absentTodayWithoutBackup), down(s.belowRecommended), down(s.noBackup), nameKeyOf(name)].join('|');
}

/** What a register write or the daily refresh stores for the coverage list to sort by: the score and the rank. */
export function rankFor(
  register: Pick<OrganisationRegister, 'name' | 'templateKeys' | 'deploymentType' | 'projectKind' | 'people'>,
  available: readonly Template[],
  today: string,
): { score: number; coverageRank: string } {
  const coverage = registerCoverage(register, available, today);
  return { score: coverage.score, coverageRank: coverageRankOf(coverage, register.name) };
}

/** The roles of a coverage that need attention, worst first: not met, or flagged. */
export function gapsOf(coverage: OrganisationCoverage): CoverageListItem['gaps'] {
  return [...coverage.roles]
    .filter((r) => r.status === 'missing' || r.status === 'below-recommended' || r.flags.noBackup || r.flags.absentTodayWithoutBackup)
    .sort(worstRoleFirst)
    .map((r) => ({
      ref: r.ref,
      status: r.status,
      noBackup: r.flags.noBackup,
      absentTodayWithoutBackup: r.flags.absentTodayWithoutBackup,
      premiumOpportunity: r.flags.premiumOpportunity,
    }));
}

export function coverageListItem(register: OrganisationRegister, available: readonly Template[], today: string): CoverageListItem {
  const coverage = registerCoverage(register, available, today);
  return {
    registerId: register.id,
    name: register.name,
    jsmOrganizationId: register.jsmOrganizationId,
    deploymentType: register.deploymentType,
    score: coverage.score,
    summary: coverage.summary,
    gaps: gapsOf(coverage),
  };
}

/** The side of a role reference among `templates`, or undefined for a role no template has (any more). */
export function sideOf(ref: string, templates: readonly Template[]): Side | undefined {
  const parts = parseRoleRef(ref);
  if (!parts) return undefined;
  return templates.find((t) => t.key === parts.templateKey)?.roles.find((r) => r.key === parts.roleKey)?.side;
}

/**
 * Whether a customer sees this person on the portal: someone who holds a client role, or no role at all (a contact
 * whose role is not decided yet). The vendor's own people in a register are not the customer's business.
 */
export function visibleToCustomer(person: Pick<Person, 'roles'>, templates: readonly Template[]): boolean {
  return person.roles.length === 0 || person.roles.some((ref) => sideOf(ref, templates) === 'client');
}

/**
 * The register as its own customers see it: their people with their client roles only, and whom they back up among
 * those people. Ids stay the same, so a proposal names the person it is about.
 */
export function customerViewOf(register: OrganisationRegister, templates: readonly Template[]): OrganisationRegister {
  const people = register.people.filter((p) => visibleToCustomer(p, templates));
  const shown = new Set(people.map((p) => p.id));
  return {
    ...register,
    people: people.map((p) => ({
      ...p,
      roles: p.roles.filter((ref) => sideOf(ref, templates) === 'client'),
      backupFor: p.backupFor.filter((id) => shown.has(id)),
    })),
  };
}
