import { failedScaleChecks, formatRatio, judgeCount, judgePanelOpen, judgeScale, judgeTime, MAX_SCALE_RATIO, ratioOf, TIME_FLOOR_MS } from '../../bench/scale-verdict';

describe('ratioOf', () => {
  it('divides the large cost by the small one', () => {
    expect(ratioOf(2, 3)).toBe(1.5);
    expect(ratioOf(5, 5)).toBe(1);
  });
  it('is 1 when both are zero and Infinity when only the small one is', () => {
    expect(ratioOf(0, 0)).toBe(1);
    expect(ratioOf(0, 1)).toBe(Infinity);
  });
  it('refuses negative or non-finite costs', () => {
    expect(() => ratioOf(-1, 1)).toThrow(RangeError);
    expect(() => ratioOf(1, Number.NaN)).toThrow(RangeError);
  });
});

describe('judgeCount', () => {
  it('passes up to exactly 2× and fails beyond', () => {
    expect(MAX_SCALE_RATIO).toBe(2);
    expect(judgeCount('KVS requests', 3, 6).pass).toBe(true);
    expect(judgeCount('KVS requests', 3, 7)).toMatchObject({ pass: false, ratio: 7 / 3 });
  });
  it('keeps a zero a zero', () => {
    expect(judgeCount('Jira writes', 0, 0)).toMatchObject({ pass: true, ratio: 1 });
    expect(judgeCount('Jira writes', 0, 1)).toMatchObject({ pass: false, ratio: Infinity, note: 'none at the small site, 1 at the large one' });
  });
});

describe('judgeTime', () => {
  it('passes any large p50 at or under the floor, however large the ratio', () => {
    expect(TIME_FLOOR_MS).toBe(2);
    expect(judgeTime('ms p50', 0.1, 1.9)).toMatchObject({ pass: true, note: 'under the 2 ms floor' });
    expect(judgeTime('ms p50', 0.1, 2)).toMatchObject({ pass: true });
  });
  it('judges a small p50 under the floor against the floor', () => {
    expect(judgeTime('ms p50', 0.5, 3.9)).toMatchObject({ pass: true, note: 'judged against the 2 ms floor' });
    expect(judgeTime('ms p50', 0.5, 4.1).pass).toBe(false);
  });
  it('above the floor, allows 2× the small p50', () => {
    expect(judgeTime('ms p50', 10, 20).pass).toBe(true);
    expect(judgeTime('ms p50', 10, 20.5).pass).toBe(false);
    expect(judgeTime('ms p50', 10, 5).pass).toBe(true);
  });
  it('takes another ratio and floor', () => {
    expect(judgeTime('ms p50', 10, 25, 3, 5).pass).toBe(true);
    expect(judgeTime('ms p50', 1, 4, 2, 5).pass).toBe(true);
  });
});

describe('judgeScale', () => {
  const cost = (kvsRequests: number, jiraReads: number, jiraWrites: number, p50Ms: number) => ({ kvsRequests, jiraReads, jiraWrites, p50Ms });

  it('passes when every metric stays within 2×', () => {
    const verdict = judgeScale(cost(5, 2, 0, 10), cost(5, 2, 0, 15));
    expect(verdict.pass).toBe(true);
    expect(verdict.checks.map((c) => c.metric)).toEqual(['KVS requests', 'Jira reads', 'Jira writes', 'ms p50']);
    expect(failedScaleChecks(verdict)).toEqual([]);
  });
  it('fails on any one metric and says which', () => {
    const verdict = judgeScale(cost(1, 1, 0, 1), cost(3, 1, 1, 1));
    expect(verdict.pass).toBe(false);
    expect(failedScaleChecks(verdict)).toEqual(['KVS requests 1 → 3 (3.00×)', 'Jira writes 0 → 1 (∞; none at the small site, 1 at the large one)']);
  });
});

describe('formatRatio', () => {
  it('prints two decimals, ∞ and a dash', () => {
    expect(formatRatio(1.5)).toBe('1.50×');
    expect(formatRatio(Infinity)).toBe('∞');
    expect(formatRatio(Number.NaN)).toBe('—');
  });
});

describe('judgePanelOpen', () => {
  it('passes the plain budget: 1 call, ≤5 KVS, the permission check', () => {
    expect(judgePanelOpen({ resolverCalls: 1, kvsRequests: 5, jiraReads: 1, jiraWrites: 0 })).toEqual({ verdict: 'pass', failures: [] });
  });
  it('shows the worklog search as a documented deviation, not a silent pass', () => {
    expect(judgePanelOpen({ resolverCalls: 1, kvsRequests: 5, jiraReads: 2, jiraWrites: 0 })).toEqual({ verdict: 'pass with documented deviation', failures: [] });
  });
  it('fails beyond the documented read, on a sixth KVS request, a write or a second call', () => {
    expect(judgePanelOpen({ resolverCalls: 1, kvsRequests: 5, jiraReads: 3, jiraWrites: 0 })).toEqual({ verdict: 'fail', failures: ['Jira reads 3 > 1 + 1 documented'] });
    expect(judgePanelOpen({ resolverCalls: 2, kvsRequests: 6, jiraReads: 1, jiraWrites: 1 }).failures).toEqual(['resolver calls 2 > 1', 'KVS requests 6 > 5', 'Jira writes 1 > 0']);
  });
});
