/**
 * Choosing the consultant (src/domain/consultant-choice.ts): fair round robin that survives restarts, least loaded
 * against weekly capacity, required skills, continuity with the end customer, absences with and without a backup,
 * finance holds, zero capacity; and the triage owner (lead or rota). Every decision says who was not chosen and why.
 */
import { chooseConsultant, chooseTriageOwner, isAbsent, moveLoad, recordChoice, type ChoiceRequest, type TeamState } from '../../src/domain/consultant-choice';
import type { DeliveryTeam, TeamMember } from '../../src/shared/delivery';

const TODAY = '2026-12-07';
const NOW = `${TODAY}T09:00:00.000Z`;
const facts = { today: TODAY, now: NOW, actor: 'lead', onHold: false };
const request = (over: Partial<ChoiceRequest> = {}): ChoiceRequest => ({ requiredSkills: [], estimateHours: 8, lastConsultant: null, ...over });
const empty = (): TeamState => ({ seq: 0, members: {}, triageTurns: {} });

const member = (accountId: string, over: Partial<TeamMember> = {}): TeamMember => ({ accountId, skills: ['SAP', 'Finance'], weeklyCapacityHours: 40, absences: [], ...over });
const team = (members: TeamMember[], over: Partial<DeliveryTeam> = {}): DeliveryTeam => ({
  id: 'implementation',
  name: 'Implementation',
  leadAccountId: 'lead',
  members,
  triage: 'lead',
  assignment: 'propose',
  strategy: 'round-robin',
  continuity: false,
  ...over,
});
const away = (backupAccountId: string | null, from = '2026-12-01', to = '2026-12-24') => ({ from, to, backupAccountId });
const loads = (hours: Record<string, number>): TeamState => ({
  seq: 0,
  members: Object.fromEntries(Object.entries(hours).map(([id, openHours]) => [id, { turns: 0, lastTurnSeq: 0, openHours }])),
  triageTurns: {},
});

describe('round robin', () => {
  it('is fair over 1,000 requests: at no point has anyone more than one turn above anyone else', () => {
    const four = team([member('ana'), member('ben'), member('cho'), member('dev')]);
    const counts: Record<string, number> = { ana: 0, ben: 0, cho: 0, dev: 0 };
    let state = empty();
    for (let i = 0; i < 1000; i += 1) {
      // Each request is decided on the state as stored and read back, as after a restart of the app.
      state = JSON.parse(JSON.stringify(state)) as TeamState;
      const choice = chooseConsultant(four, state, request({ estimateHours: 1 + (i % 13) }), facts);
      expect(choice.decision.basis).toBe('round-robin');
      counts[choice.decision.chosen!]! += 1;
      state = recordChoice(state, choice, 1 + (i % 13));
      const values = Object.values(counts);
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    }
    expect(counts).toEqual({ ana: 250, ben: 250, cho: 250, dev: 250 });
    expect(state.seq).toBe(1000);
  });

  it('goes in team order at first, then to whoever waited longest', () => {
    const three = team([member('ana'), member('ben'), member('cho')]);
    let state = empty();
    const chosen: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const choice = chooseConsultant(three, state, request(), facts);
      chosen.push(choice.decision.chosen!);
      state = recordChoice(state, choice, 8);
    }
    expect(chosen).toEqual(['ana', 'ben', 'cho', 'ana', 'ben', 'cho']);
  });

  it('says why each of the others was not chosen', () => {
    const choice = chooseConsultant(team([member('ana'), member('ben')]), empty(), request(), facts);
    expect(choice.decision).toEqual({
      chosen: 'ana',
      basis: 'round-robin',
      standingInFor: null,
      excluded: [{ accountId: 'ben', reason: 'not-next-in-turn', detail: '0 turns' }],
      decidedAt: NOW,
      decidedBy: 'lead',
      reason: null,
    });
    expect(choice.turnOf).toBe('ana');
  });
});

describe('least loaded', () => {
  const three = team([member('ana'), member('ben'), member('cho', { weeklyCapacityHours: 10 })], { strategy: 'least-loaded' });

  it('chooses the smallest share of weekly capacity taken by open estimated hours', () => {
    // ana 30/40 = 0.75, ben 10/40 = 0.25, cho 5/10 = 0.5
    const choice = chooseConsultant(three, loads({ ana: 30, ben: 10, cho: 5 }), request(), facts);
    expect(choice.decision).toMatchObject({
      chosen: 'ben',
      basis: 'least-loaded',
      excluded: [
        { accountId: 'ana', reason: 'more-loaded', detail: '30 h open of 40 h/week' },
        { accountId: 'cho', reason: 'more-loaded', detail: '5 h open of 10 h/week' },
      ],
    });
  });

  it('takes the hours onto the chosen consultant, and moves them on reassignment and completion', () => {
    const state = loads({ ana: 30, ben: 10, cho: 5 });
    const after = recordChoice(state, chooseConsultant(three, state, request({ estimateHours: 12 }), facts), 12);
    expect(after.members.ben).toEqual({ turns: 1, lastTurnSeq: 1, openHours: 22 });
    expect(chooseConsultant(three, after, request(), facts).decision.chosen).toBe('cho');
    const moved = moveLoad(after, 'ben', 'ana', 12);
    expect([moved.members.ben!.openHours, moved.members.ana!.openHours]).toEqual([10, 42]);
    expect(moveLoad(moved, 'ana', null, 50).members.ana!.openHours).toBe(0);
  });

  it('breaks a tie by turns, then team order', () => {
    const state: TeamState = { seq: 3, members: { ana: { turns: 2, lastTurnSeq: 3, openHours: 0 }, ben: { turns: 1, lastTurnSeq: 2, openHours: 0 } }, triageTurns: {} };
    expect(chooseConsultant(team([member('ana'), member('ben')], { strategy: 'least-loaded' }), state, request(), facts).decision.chosen).toBe('ben');
  });
});

describe('skills', () => {
  it('only considers members with every skill the request needs (any case), and says which one the others lack', () => {
    const mixed = team([member('ana', { skills: ['Finance'] }), member('ben', { skills: ['sap'] }), member('cho', { skills: ['SAP', 'finance'] })]);
    const choice = chooseConsultant(mixed, empty(), request({ requiredSkills: ['SAP', 'Finance'] }), facts);
    expect(choice.decision).toMatchObject({
      chosen: 'cho',
      excluded: [
        { accountId: 'ana', reason: 'missing-skill', detail: 'SAP' },
        { accountId: 'ben', reason: 'missing-skill', detail: 'Finance' },
      ],
    });
  });

  it('chooses nobody when nobody has the skills', () => {
    const choice = chooseConsultant(team([member('ana'), member('ben')]), empty(), request({ requiredSkills: ['Mainframe'] }), facts);
    expect(choice).toMatchObject({ turnOf: null, decision: { chosen: null, basis: 'none-available' } });
    expect(choice.decision.excluded.map((e) => e.reason)).toEqual(['missing-skill', 'missing-skill']);
  });
});

describe('continuity', () => {
  const three = team([member('ana'), member('ben'), member('cho')], { continuity: true });

  it('prefers the consultant who last served the end customer, out of turn', () => {
    const choice = chooseConsultant(three, empty(), request({ lastConsultant: 'cho' }), facts);
    expect(choice).toMatchObject({ turnOf: 'cho', decision: { chosen: 'cho', basis: 'continuity' } });
    expect(choice.decision.excluded.map((e) => e.accountId)).toEqual(['ana', 'ben']);
  });

  it('is not used when the team does not want it', () => {
    expect(chooseConsultant({ ...three, continuity: false }, empty(), request({ lastConsultant: 'cho' }), facts).decision).toMatchObject({ chosen: 'ana', basis: 'round-robin' });
  });

  it('gives way when that consultant is away, lacks a skill now needed, or has left the team', () => {
    const awayCho = team([member('ana'), member('ben'), member('cho', { absences: [away(null)] })], { continuity: true });
    expect(chooseConsultant(awayCho, empty(), request({ lastConsultant: 'cho' }), facts).decision).toMatchObject({ chosen: 'ana', basis: 'round-robin' });
    expect(chooseConsultant(three, empty(), request({ lastConsultant: 'cho', requiredSkills: ['Mainframe'] }), facts).decision.chosen).toBeNull();
    expect(chooseConsultant(three, empty(), request({ lastConsultant: 'someone-who-left' }), facts).decision).toMatchObject({ chosen: 'ana', basis: 'round-robin' });
  });
});

describe('absences', () => {
  it('gives an absent member’s turn to the backup they named, and counts the turn as theirs', () => {
    const withBackup = team([member('ana', { absences: [away('cho')] }), member('ben'), member('cho')]);
    const choice = chooseConsultant(withBackup, empty(), request(), facts);
    expect(choice).toMatchObject({ turnOf: 'ana', decision: { chosen: 'cho', basis: 'backup', standingInFor: 'ana' } });
    expect(choice.decision.excluded).toEqual([
      { accountId: 'ana', reason: 'replaced-by-backup' },
      { accountId: 'ben', reason: 'not-next-in-turn', detail: '0 turns' },
    ]);
    const after = recordChoice(empty(), choice, 8);
    expect(after.members).toEqual({ ana: { turns: 1, lastTurnSeq: 1, openHours: 0 }, cho: { turns: 0, lastTurnSeq: 0, openHours: 8 } });
    // The next turn is ben's: ana's turn was used while she was away.
    expect(chooseConsultant(withBackup, after, request(), facts).decision.chosen).toBe('ben');
  });

  it('skips an absent member without a backup (or whose backup is away too), saying so', () => {
    const noBackup = team([member('ana', { absences: [away(null)] }), member('ben', { absences: [away('ana')] }), member('cho')]);
    const choice = chooseConsultant(noBackup, empty(), request(), facts);
    expect(choice).toMatchObject({ turnOf: 'cho', decision: { chosen: 'cho', basis: 'round-robin' } });
    expect(choice.decision.excluded).toEqual([
      { accountId: 'ana', reason: 'absent', detail: 'no backup available' },
      { accountId: 'ben', reason: 'absent', detail: 'no backup available' },
    ]);
  });

  it('counts the first and last day of an absence, and not the days around it', () => {
    const m = member('ana', { absences: [away(null, '2026-12-07', '2026-12-07')] });
    expect([isAbsent(m, '2026-12-06'), isAbsent(m, '2026-12-07'), isAbsent(m, '2026-12-08')]).toEqual([false, true, false]);
  });

  it('chooses nobody when everybody is away without a backup', () => {
    const choice = chooseConsultant(team([member('ana', { absences: [away(null)] })]), empty(), request(), facts);
    expect(choice.decision).toMatchObject({ chosen: null, basis: 'none-available', excluded: [{ accountId: 'ana', reason: 'absent' }] });
  });
});

describe('finance hold and capacity', () => {
  it('chooses nobody while the partner is on hold, and the state does not move', () => {
    const state = loads({ ana: 4 });
    const choice = chooseConsultant(team([member('ana'), member('ben')]), state, request(), { ...facts, onHold: true });
    expect(choice).toEqual({
      turnOf: null,
      decision: {
        chosen: null,
        basis: 'none-available',
        standingInFor: null,
        excluded: [
          { accountId: 'ana', reason: 'finance-hold' },
          { accountId: 'ben', reason: 'finance-hold' },
        ],
        decidedAt: NOW,
        decidedBy: 'lead',
        reason: null,
      },
    });
    expect(recordChoice(state, choice, 8)).toBe(state);
  });

  it('never chooses a member with no capacity, and may not use one as a backup', () => {
    const zero = team([member('ana', { weeklyCapacityHours: 0 }), member('ben', { absences: [away('ana')] }), member('cho')], { strategy: 'least-loaded' });
    const choice = chooseConsultant(zero, empty(), request(), facts);
    expect(choice.decision.chosen).toBe('cho');
    expect(choice.decision.excluded).toEqual([
      { accountId: 'ana', reason: 'over-capacity', detail: '0 h/week' },
      { accountId: 'ben', reason: 'absent', detail: 'no backup available' },
    ]);
    expect(chooseConsultant(team([member('ana', { weeklyCapacityHours: 0 })]), empty(), request(), facts).decision).toMatchObject({
      chosen: null,
      excluded: [{ accountId: 'ana', reason: 'over-capacity' }],
    });
  });
});

describe('chooseTriageOwner', () => {
  const members = [member('ana'), member('ben'), member('cho')];

  it('is the lead when the team triages by its lead, or has no members', () => {
    expect(chooseTriageOwner(team(members), empty(), TODAY)).toBe('lead');
    expect(chooseTriageOwner(team([], { triage: 'rota' }), empty(), TODAY)).toBe('lead');
  });

  it('in a rota, is the present member with the fewest triage turns, then in team order', () => {
    const rota = team(members, { triage: 'rota' });
    expect(chooseTriageOwner(rota, empty(), TODAY)).toBe('ana');
    expect(chooseTriageOwner(rota, { ...empty(), triageTurns: { ana: 1 } }, TODAY)).toBe('ben');
    expect(chooseTriageOwner(rota, { ...empty(), triageTurns: { ana: 2, ben: 1, cho: 1 } }, TODAY)).toBe('ben');
  });

  it('passes over absent members, and falls back to the lead when all are away', () => {
    const someAway = team([member('ana', { absences: [away(null)] }), member('ben')], { triage: 'rota' });
    expect(chooseTriageOwner(someAway, empty(), TODAY)).toBe('ben');
    const allAway = team([member('ana', { absences: [away(null)] })], { triage: 'rota' });
    expect(chooseTriageOwner(allAway, empty(), TODAY)).toBe('lead');
  });

  it('shares triage evenly over a long run', () => {
    const rota = team(members, { triage: 'rota' });
    let state = empty();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 300; i += 1) {
      const owner = chooseTriageOwner(rota, state, TODAY);
      counts[owner] = (counts[owner] ?? 0) + 1;
      state = { ...state, triageTurns: { ...state.triageTurns, [owner]: (state.triageTurns[owner] ?? 0) + 1 } };
    }
    expect(counts).toEqual({ ana: 100, ben: 100, cho: 100 });
  });
});
