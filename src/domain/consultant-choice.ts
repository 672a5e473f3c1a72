import type { DeliveryTeam, TeamMember } from '../shared/delivery';
import type { ConsultantDecision, ExclusionReason } from '../shared/implementation';

/**
 * Choosing the consultant (DESIGN capability 4): fair round robin or least loaded, among members with the skills the
 * request needs, preferring the consultant who last served the same end customer when the team wants continuity;
 * an absent member's turn goes to the backup they named; a finance hold chooses nobody. Pure: the team's running
 * state (turns taken, open hours) comes from storage, and the caller stores the state this answers.
 */
export interface MemberState {
  /** Turns this member has had (one per request chosen for them, or for their backup while they were away). */
  turns: number;
  /** The team sequence number of their last turn: ties go to whoever waited longest. */
  lastTurnSeq: number;
  /** Open estimated hours of the requests they hold. */
  openHours: number;
}

export interface TeamState {
  seq: number;
  members: Record<string, MemberState>;
  /** Triage turns, for teams that share triage in a rota. */
  triageTurns: Record<string, number>;
}

export const emptyMemberState = (): MemberState => ({ turns: 0, lastTurnSeq: 0, openHours: 0 });

export interface ChoiceRequest {
  requiredSkills: string[];
  estimateHours: number;
  /** Who last served this end customer, if anyone (continuity). */
  lastConsultant: string | null;
}

export interface Choice {
  decision: ConsultantDecision;
  /** Whose turn was used (the absent member when a backup stands in); null when nobody was chosen. */
  turnOf: string | null;
}

export function isAbsent(member: TeamMember, today: string): boolean {
  return member.absences.some((a) => a.from <= today && today <= a.to);
}

function absenceToday(member: TeamMember, today: string) {
  return member.absences.find((a) => a.from <= today && today <= a.to) ?? null;
}

const hasSkills = (member: TeamMember, skills: string[]) =>
  skills.every((s) => member.skills.some((m) => m.toLocaleLowerCase('en-US') === s.toLocaleLowerCase('en-US')));

const loadRatio = (member: TeamMember, state: MemberState) => state.openHours / member.weeklyCapacityHours;

export function chooseConsultant(
  team: DeliveryTeam,
  state: TeamState,
  request: ChoiceRequest,
  facts: { today: string; now: string; actor: string; onHold: boolean },
): Choice {
  const base = { decidedAt: facts.now, decidedBy: facts.actor, reason: null, standingInFor: null };
  const stateOf = (id: string) => state.members[id] ?? emptyMemberState();
  if (facts.onHold) {
    return {
      decision: { ...base, chosen: null, basis: 'none-available', excluded: team.members.map((m) => ({ accountId: m.accountId, reason: 'finance-hold' as const })) },
      turnOf: null,
    };
  }
  const excluded = new Map<string, { reason: ExclusionReason; detail?: string }>();
  // Who may take a turn at all: the right skills and some capacity. Absent members keep their turn (their backup uses it).
  const inTurn = team.members.filter((m) => {
    if (!hasSkills(m, request.requiredSkills)) {
      excluded.set(m.accountId, { reason: 'missing-skill', detail: request.requiredSkills.filter((s) => !hasSkills(m, [s])).join(', ') });
      return false;
    }
    if (m.weeklyCapacityHours <= 0) {
      excluded.set(m.accountId, { reason: 'over-capacity', detail: '0 h/week' });
      return false;
    }
    return true;
  });
  const byId = new Map(team.members.map((m) => [m.accountId, m]));
  const present = (id: string) => {
    const m = byId.get(id);
    return m !== undefined && inTurn.includes(m) && !isAbsent(m, facts.today);
  };
  /** The member who takes the work when `member`'s turn comes: them, their backup, or nobody. */
  const taker = (member: TeamMember): string | null => {
    if (!isAbsent(member, facts.today)) return member.accountId;
    const backup = absenceToday(member, facts.today)?.backupAccountId ?? null;
    return backup !== null && present(backup) ? backup : null;
  };

  // Continuity first: the consultant who served this end customer last, if they are here and able.
  if (team.continuity && request.lastConsultant && present(request.lastConsultant)) {
    const chosen = request.lastConsultant;
    return finish(chosen, chosen, 'continuity', null);
  }

  const order = [...inTurn].sort((a, b) => {
    if (team.strategy === 'least-loaded') {
      const d = loadRatio(a, stateOf(a.accountId)) - loadRatio(b, stateOf(b.accountId));
      if (d !== 0) return d;
    }
    const sa = stateOf(a.accountId);
    const sb = stateOf(b.accountId);
    return sa.turns - sb.turns || sa.lastTurnSeq - sb.lastTurnSeq || team.members.indexOf(a) - team.members.indexOf(b);
  });
  for (const member of order) {
    const who = taker(member);
    if (who === null) {
      excluded.set(member.accountId, { reason: 'absent', detail: 'no backup available' });
      continue;
    }
    if (who !== member.accountId) return finish(who, member.accountId, 'backup', member.accountId);
    return finish(who, member.accountId, team.strategy, null);
  }
  return {
    decision: { ...base, chosen: null, basis: 'none-available', excluded: team.members.map((m) => ({ accountId: m.accountId, ...(excluded.get(m.accountId) ?? { reason: 'absent' as const }) })) },
    turnOf: null,
  };

  function finish(chosen: string, turnOf: string, basis: ConsultantDecision['basis'], standingInFor: string | null): Choice {
    const others = team.members
      .filter((m) => m.accountId !== chosen)
      .map((m) => {
        const known = excluded.get(m.accountId);
        if (known) return { accountId: m.accountId, ...known };
        if (m.accountId === standingInFor) return { accountId: m.accountId, reason: 'replaced-by-backup' as const };
        if (isAbsent(m, facts.today)) return { accountId: m.accountId, reason: 'absent' as const };
        if (team.strategy === 'least-loaded' && basis !== 'continuity') {
          return { accountId: m.accountId, reason: 'more-loaded' as const, detail: `${stateOf(m.accountId).openHours} h open of ${m.weeklyCapacityHours} h/week` };
        }
        return { accountId: m.accountId, reason: 'not-next-in-turn' as const, detail: `${stateOf(m.accountId).turns} turns` };
      });
    return { decision: { ...base, chosen, basis, standingInFor, excluded: others }, turnOf };
  }
}

/** The state after `choice` (a new turn, the hours on the chosen consultant); unchanged when nobody was chosen. */
export function recordChoice(state: TeamState, choice: Choice, estimateHours: number): TeamState {
  if (choice.decision.chosen === null || choice.turnOf === null) return state;
  const seq = state.seq + 1;
  const members = { ...state.members };
  const turnOf = members[choice.turnOf] ?? emptyMemberState();
  members[choice.turnOf] = { ...turnOf, turns: turnOf.turns + 1, lastTurnSeq: seq };
  const chosen = members[choice.decision.chosen] ?? emptyMemberState();
  members[choice.decision.chosen] = { ...chosen, openHours: chosen.openHours + estimateHours };
  return { ...state, seq, members };
}

/** Moves open hours from one consultant to another (reassignment) or off the books (completion: `to` null). */
export function moveLoad(state: TeamState, from: string | null, to: string | null, hours: number): TeamState {
  const members = { ...state.members };
  if (from) {
    const s = members[from] ?? emptyMemberState();
    members[from] = { ...s, openHours: Math.max(0, s.openHours - hours) };
  }
  if (to) {
    const s = members[to] ?? emptyMemberState();
    members[to] = { ...s, openHours: s.openHours + hours };
  }
  return { ...state, members };
}

/** Who triages a routed request: the lead, or the present member with the fewest triage turns (then team order). */
export function chooseTriageOwner(team: DeliveryTeam, state: TeamState, today: string): string {
  if (team.triage === 'lead' || team.members.length === 0) return team.leadAccountId;
  const present = team.members.filter((m) => !isAbsent(m, today));
  if (present.length === 0) return team.leadAccountId;
  const turns = (id: string) => state.triageTurns[id] ?? 0;
  return [...present].sort((a, b) => turns(a.accountId) - turns(b.accountId) || team.members.indexOf(a) - team.members.indexOf(b))[0]!.accountId;
}
