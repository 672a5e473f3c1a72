import { aggregate, countBy, describeLimits, failedChecks, judge, mean, median, percentile, sampleOf, type Budget, type CostEntry, type Sample } from '../../bench/stats';

const entry = (over: Partial<CostEntry> = {}): CostEntry => ({
  durationMs: 1,
  kvs: { requests: 1, reads: 1, writes: 0 },
  jira: { reads: 1, writes: 0 },
  outcome: 'ok',
  ...over,
});

const sample = (kvsRequests: number, durationMs: number, over: Partial<Sample> = {}): Sample => ({
  invocations: 1,
  kvs: { requests: kvsRequests, reads: kvsRequests, writes: 0 },
  jira: { reads: 1, writes: 0 },
  durationMs,
  appMs: durationMs,
  outcomes: ['ok'],
  ...over,
});

describe('mean, median and p95', () => {
  it('takes the mean of the values', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([2.5])).toBe(2.5);
  });

  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('answers p95 by nearest rank: the 19th of 20 values, so one outlier does not set it', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => i + 1), 1000];
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 100)).toBe(1000);
    expect(percentile(values, 50)).toBe(10);
  });

  it('answers a measured value, never an interpolated one', () => {
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([10, 20, 30], 1)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
  });

  it.each([
    ['mean', () => mean([])],
    ['median', () => median([])],
    ['p95', () => percentile([], 95)],
  ])('refuses the %s of no values', (_what, call) => {
    expect(call).toThrow(RangeError);
  });

  it.each([0, -5, 101, Number.NaN])('refuses the percentile %s', (p) => {
    expect(() => percentile([1, 2], p)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    percentile(values, 95);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('samples and their statistics', () => {
  it('sums every invocation an operation caused into one sample', () => {
    const s = sampleOf(
      [entry({ durationMs: 1.5 }), entry({ kvs: { requests: 2, reads: 0, writes: 3 }, jira: { reads: 0, writes: 2 }, durationMs: 0.25, outcome: 'retry' })],
      'ok',
    );
    expect(s).toEqual({ invocations: 2, kvs: { requests: 3, reads: 1, writes: 3 }, jira: { reads: 1, writes: 2 }, durationMs: 1.75, appMs: 1.75, outcomes: ['ok', 'retry'], answer: 'ok' });
  });

  it('takes the app’s own time as the duration less the waits on the emulated Jira', () => {
    const s = sampleOf([entry({ durationMs: 20, jiraMs: 15 }), entry({ durationMs: 3 })]);
    expect(s.durationMs).toBe(23);
    expect(s.appMs).toBe(8);
  });

  it('makes an empty sample of no invocation, without an answer when none is given', () => {
    expect(sampleOf([])).toEqual({ invocations: 0, kvs: { requests: 0, reads: 0, writes: 0 }, jira: { reads: 0, writes: 0 }, durationMs: 0, appMs: 0, outcomes: [] });
  });

  it('answers max and mean of each count, p50/p95/max of the time, and tallies outcomes and answers', () => {
    const stats = aggregate([sample(3, 1), sample(5, 4, { answer: 'CONFLICT' }), sample(4, 2, { answer: 'ok' }), sample(4, 3, { outcomes: ['error'], answer: 'ok' })]);
    expect(stats.n).toBe(4);
    expect(stats.counts['kvs.requests']).toEqual({ max: 5, mean: 4 });
    expect(stats.counts['jira.reads']).toEqual({ max: 1, mean: 1 });
    expect(stats.counts['jira.writes']).toEqual({ max: 0, mean: 0 });
    expect(stats.counts.invocations).toEqual({ max: 1, mean: 1 });
    expect(stats.ms).toEqual({ p50: 2.5, p95: 4, max: 4 });
    expect(stats.outcomes).toEqual({ ok: 3, error: 1 });
    expect(stats.answers).toEqual({ CONFLICT: 1, ok: 2 });
  });

  it('rounds means and times to two decimals', () => {
    const stats = aggregate([sample(1, 0.3333), sample(1, 0.3333), sample(2, 0.3333)]);
    expect(stats.counts['kvs.requests'].mean).toBe(1.33);
    expect(stats.ms.p50).toBe(0.33);
  });

  it('refuses statistics of no samples', () => {
    expect(() => aggregate([])).toThrow(RangeError);
  });

  it('counts strings', () => {
    expect(countBy(['ok', 'ok', 'error'])).toEqual({ ok: 2, error: 1 });
    expect(countBy([])).toEqual({});
  });
});

describe('budget verdicts', () => {
  const panel: Budget = {
    id: 'panel-open',
    title: 'Opening any panel',
    quote: '…',
    limits: [
      { metric: 'invocations', max: 1 },
      { metric: 'kvs.requests', max: 5 },
      { metric: 'jira.reads', max: 1 },
      { metric: 'jira.writes', max: 0 },
    ],
  };

  it('passes when the worst run is at each limit', () => {
    const verdict = judge(panel, aggregate([sample(5, 1), sample(2, 1)]));
    expect(verdict).toEqual({
      budget: 'panel-open',
      pass: true,
      checks: [
        { metric: 'invocations', limit: 1, actual: 1, pass: true },
        { metric: 'kvs.requests', limit: 5, actual: 5, pass: true },
        { metric: 'jira.reads', limit: 1, actual: 1, pass: true },
        { metric: 'jira.writes', limit: 0, actual: 0, pass: true },
      ],
    });
    expect(failedChecks(verdict)).toEqual([]);
  });

  it('fails on the worst run even when the mean is within the limit', () => {
    const stats = aggregate([sample(6, 1), sample(1, 1), sample(1, 1), sample(1, 1)]);
    expect(stats.counts['kvs.requests'].mean).toBeLessThan(5);
    const verdict = judge(panel, stats);
    expect(verdict.pass).toBe(false);
    expect(failedChecks(verdict)).toEqual(['KVS requests 6 > 5']);
  });

  it('names every limit that failed, and a write where none is allowed', () => {
    const verdict = judge(panel, aggregate([sample(1, 1, { invocations: 2, jira: { reads: 2, writes: 1 } })]));
    expect(failedChecks(verdict)).toEqual(['invocations 2 > 1', 'Jira reads 2 > 1', 'Jira writes 1 > 0']);
  });

  it('passes a budget with no limits', () => {
    expect(judge({ ...panel, limits: [] }, aggregate([sample(100, 1)]))).toEqual({ budget: 'panel-open', pass: true, checks: [] });
  });

  it('describes the limits in words', () => {
    expect(describeLimits(panel.limits)).toBe('≤1 invocations, ≤5 KVS requests, ≤1 Jira reads, no Jira writes');
  });
});
