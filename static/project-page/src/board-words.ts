import type { ImplementationRequest, Phase, Stage } from '../../../src/shared/implementation';
import type { Translate } from '../../common/i18n';

/**
 * The board's order of stages and phases, kept here as plain data (src/shared/implementation.ts holds the same lists
 * beside zod schemas, which this page does not load up front). `Record<Stage, …>` makes the compiler check that no
 * stage is missing.
 */
const STAGE_RANK: Record<Stage, number> = {
  requested: 0,
  routed: 1,
  estimated: 2,
  'sow-drafted': 3,
  'sow-signed': 4,
  'hours-quoted': 5,
  'hours-purchased': 6,
  'back-office': 7,
  'consultant-proposed': 8,
  'consultant-assigned': 9,
  'in-delivery': 10,
  completed: 11,
};
export const STAGE_ORDER = (Object.keys(STAGE_RANK) as Stage[]).sort((a, b) => STAGE_RANK[a] - STAGE_RANK[b]);

const PHASE_RANK: Record<Phase, number> = { 'qa-sessions': 0, 'business-blueprint': 1, prototyping: 2, refining: 3, 'final-review': 4, 'customisation-spec': 5 };
export const PHASE_ORDER = (Object.keys(PHASE_RANK) as Phase[]).sort((a, b) => PHASE_RANK[a] - PHASE_RANK[b]);

export const stageName = (t: Translate, stage: Stage): string => t(`deliveryBoard.stages.${stage}`);
export const phaseName = (t: Translate, phase: Phase): string => t(`deliveryBoard.phases.${phase}`);

/** Stages where a consultant holds the request: the ones a lead may reassign from. */
export const REASSIGNABLE: ReadonlySet<Stage> = new Set<Stage>(['consultant-assigned', 'in-delivery']);

/** The loaded requests grouped by stage, in stage order (the index answers them in that order already). */
export function byStage(requests: readonly ImplementationRequest[]): Array<{ stage: Stage; requests: ImplementationRequest[] }> {
  return STAGE_ORDER.map((stage) => ({ stage, requests: requests.filter((r) => r.stage === stage) })).filter((g) => g.requests.length > 0);
}
