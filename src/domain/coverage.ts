import {
  isCalendarDate,
  type CoverageInput,
  type CoveragePerson,
  type CoverageStatus,
  type CoverageSummary,
  type OrganisationCoverage,
  type RoleCoverage,
} from '../shared/coverage';
import { roleRef, type DeploymentType, type ProjectKind, type RoleTemplate } from '../shared/templates';

/**
 * Coverage rules: does an organisation have the people its roles need, today?
 *
 * Applicability. A role applies when its condition matches: every list in the condition must contain the
 * organisation's deployment type / the project's kind. A role conditioned on project kinds does not apply when no
 * project kind is given. A role that does not apply is listed as `not-applicable`, with required and recommended 0,
 * never as missing; people who hold it anyway are still listed.
 *
 * Status (people are counted once per role, whether present or away: absence is a flag, not a gap):
 * - `missing`: fewer holders than required;
 * - `below-recommended`: at least the required number, fewer than recommended;
 * - `met`: at least the recommended number (an optional role with nothing recommended is met with nobody).
 *
 * Flags (all false for a role that does not apply):
 * - `noBackup`: the role has exactly one holder, the role is required (required ≥ 1) or recommends two or more
 *   people, and nobody else in the register names that holder in `backupFor`. The backup need not hold the role:
 *   standing in for the holder is the point. Two or more holders cover each other. A role with no holder is
 *   `missing` instead; an optional role recommending at most one person needs no backup.
 * - `absentTodayWithoutBackup`: the role has holders, every one of them is away today, and nobody present today
 *   backs up any of them.
 * - `premiumOpportunity`: the role is `missing` and its template marks it as one the vendor sells as a premium service.
 *
 * Dates are calendar days `YYYY-MM-DD` compared as strings; an absence includes both its first and its last day. The
 * result depends on `today`, so it must be computed when read (or refreshed daily), never kept from another day.
 *
 * Unknown references are ignored: a role a person names that no given template has (a template edited since), or a
 * `backupFor` id of nobody in the register. A template key given twice counts once (the first).
 *
 * Score, 0–100. Each applicable role has a weight: 3 when required (required ≥ 1), 1 when only recommended
 * (required 0, recommended ≥ 1), 0 otherwise (it cannot be short of anything). Its health starts from its status —
 * met 1, below-recommended 0.7, missing 0 — then loses 0.15 for `noBackup` and 0.5 for `absentTodayWithoutBackup`,
 * never going below 0. The score is round(100 × Σ weight × health / Σ weight), and 100 when no role has weight.
 * So a missing required role costs the most; an uncovered absence today costs more than a missing backup, which costs
 * less than a missed recommendation.
 */

export const SCORE_WEIGHTS = { required: 3, recommendedOnly: 1 } as const;
export const STATUS_HEALTH: Record<Exclude<CoverageStatus, 'not-applicable'>, number> = {
  met: 1,
  'below-recommended': 0.7,
  missing: 0,
};
export const FLAG_COST = { noBackup: 0.15, absentTodayWithoutBackup: 0.5 } as const;

export function roleApplies(role: RoleTemplate, context: { deploymentType: DeploymentType; projectKind?: ProjectKind }): boolean {
  const { deploymentTypes, projectKinds } = role.condition ?? {};
  if (deploymentTypes && !deploymentTypes.includes(context.deploymentType)) return false;
  if (projectKinds && (context.projectKind === undefined || !projectKinds.includes(context.projectKind))) return false;
  return true;
}

/** Whether the person is away on `day` (both ends of an absence included). */
export function isAbsentOn(person: Pick<CoveragePerson, 'absences'>, day: string): boolean {
  return person.absences.some((absence) => absence.from <= day && day <= absence.to);
}

export function computeCoverage(input: CoverageInput): OrganisationCoverage {
  if (!isCalendarDate(input.today)) throw new RangeError(`"${input.today}" is not a calendar date (YYYY-MM-DD)`);
  const context = { deploymentType: input.deploymentType, projectKind: input.projectKind };
  const sides = input.sides;

  // Who backs up whom: holder id → the other people who name them in backupFor.
  const backupsOf = new Map<string, CoveragePerson[]>();
  for (const person of input.people) {
    for (const id of new Set(person.backupFor ?? [])) {
      if (id === person.id) continue;
      backupsOf.set(id, [...(backupsOf.get(id) ?? []), person]);
    }
  }
  const absentToday = new Set(input.people.filter((p) => isAbsentOn(p, input.today)).map((p) => p.id));

  const roles: RoleCoverage[] = [];
  const seenTemplates = new Set<string>();
  for (const template of input.templates) {
    if (seenTemplates.has(template.key)) continue;
    seenTemplates.add(template.key);
    for (const role of template.roles) {
      if (sides && !sides.includes(role.side)) continue;
      const ref = roleRef(template.key, role.key);
      const holders = [...new Set(input.people.filter((p) => p.roles.includes(ref)).map((p) => p.id))];
      const presentToday = holders.filter((id) => !absentToday.has(id));
      const base = { ref, templateKey: template.key, roleKey: role.key, side: role.side, holders, presentToday };

      if (!roleApplies(role, context)) {
        roles.push({
          ...base,
          required: 0,
          recommended: 0,
          status: 'not-applicable',
          flags: { noBackup: false, absentTodayWithoutBackup: false, premiumOpportunity: false },
        });
        continue;
      }

      const status: CoverageStatus =
        holders.length < role.required ? 'missing' : holders.length < role.recommended ? 'below-recommended' : 'met';
      const backups = (id: string) => (backupsOf.get(id) ?? []).filter((p) => p.id !== id);
      const needsCover = role.required >= 1 || role.recommended >= 2;
      const sole = holders.length === 1 ? holders[0] : undefined;
      const noBackup = sole !== undefined && needsCover && backups(sole).length === 0;
      const absentTodayWithoutBackup =
        holders.length > 0 &&
        presentToday.length === 0 &&
        !holders.some((id) => backups(id).some((backup) => !absentToday.has(backup.id)));
      roles.push({
        ...base,
        required: role.required,
        recommended: role.recommended,
        status,
        flags: {
          noBackup,
          absentTodayWithoutBackup,
          premiumOpportunity: status === 'missing' && role.premiumServiceWhenMissing,
        },
      });
    }
  }

  return { today: input.today, score: scoreOf(roles), summary: summarise(roles), roles };
}

/** How much a role counts in the score (see the module comment). */
export function roleWeight(role: Pick<RoleCoverage, 'status' | 'required' | 'recommended'>): number {
  if (role.status === 'not-applicable') return 0;
  if (role.required >= 1) return SCORE_WEIGHTS.required;
  if (role.recommended >= 1) return SCORE_WEIGHTS.recommendedOnly;
  return 0;
}

/** A role's health from 0 (nothing covered) to 1 (met, backed up, present); 1 for a role that does not apply. */
export function roleHealth(role: Pick<RoleCoverage, 'status' | 'flags'>): number {
  if (role.status === 'not-applicable') return 1;
  let health = STATUS_HEALTH[role.status];
  if (role.flags.noBackup) health -= FLAG_COST.noBackup;
  if (role.flags.absentTodayWithoutBackup) health -= FLAG_COST.absentTodayWithoutBackup;
  return Math.max(0, health);
}

export function scoreOf(roles: readonly RoleCoverage[]): number {
  let total = 0;
  let earned = 0;
  for (const role of roles) {
    const weight = roleWeight(role);
    total += weight;
    earned += weight * roleHealth(role);
  }
  return total === 0 ? 100 : Math.round((100 * earned) / total);
}

function summarise(roles: readonly RoleCoverage[]): CoverageSummary {
  const count = (test: (r: RoleCoverage) => boolean) => roles.filter(test).length;
  return {
    met: count((r) => r.status === 'met'),
    belowRecommended: count((r) => r.status === 'below-recommended'),
    missing: count((r) => r.status === 'missing'),
    notApplicable: count((r) => r.status === 'not-applicable'),
    noBackup: count((r) => r.flags.noBackup),
    absentTodayWithoutBackup: count((r) => r.flags.absentTodayWithoutBackup),
    premiumOpportunities: count((r) => r.flags.premiumOpportunity),
  };
}

/**
 * Orders organisations' coverage worst first: lowest score, then most missing roles, most roles with everyone away
 * today, most below recommendation, most without backup. Equal ones compare 0, so a stable sort keeps the caller's
 * order (e.g. by name) among them.
 */
export function worstFirst(a: Pick<OrganisationCoverage, 'score' | 'summary'>, b: Pick<OrganisationCoverage, 'score' | 'summary'>): number {
  return (
    a.score - b.score ||
    b.summary.missing - a.summary.missing ||
    b.summary.absentTodayWithoutBackup - a.summary.absentTodayWithoutBackup ||
    b.summary.belowRecommended - a.summary.belowRecommended ||
    b.summary.noBackup - a.summary.noBackup
  );
}

/**
 * Orders one organisation's roles worst first: lowest health, then the heavier role (required before recommended
 * only); roles that do not apply last. Equal ones compare 0 (template order kept by a stable sort).
 */
export function worstRoleFirst(a: RoleCoverage, b: RoleCoverage): number {
  const applies = (r: RoleCoverage) => (r.status === 'not-applicable' ? 1 : 0);
  return applies(a) - applies(b) || roleHealth(a) - roleHealth(b) || roleWeight(b) - roleWeight(a);
}
