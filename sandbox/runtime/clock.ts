/**
 * The sandbox clock. App code reads time through `Date`, so the host replaces the global `Date` with one that runs
 * at real speed plus an offset that only grows: `advance` and `set` move the sandbox forward, never back, the way
 * time behaves for a deployed app. Durations in the log use `performance.now()`, which the offset never touches.
 */
export class SandboxClock {
  private offsetMs = 0;
  private readonly realNow: () => number;

  constructor(realNow: () => number = Date.now) {
    this.realNow = realNow;
  }

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** Moves the clock to `targetMs`; refuses to go back in time. */
  set(targetMs: number): void {
    const current = this.now();
    if (targetMs < current) throw new ClockError(`The sandbox clock cannot go back (now ${new Date(current).toISOString()}).`);
    this.offsetMs += targetMs - current;
  }

  /** How far the sandbox runs ahead of real time; kept in the database so `npm start` resumes where it was. */
  offset(): number {
    return this.offsetMs;
  }

  /** Restores a saved offset (never negative: the sandbox is never behind real time). */
  restoreOffset(offsetMs: number): void {
    this.offsetMs = Math.max(0, offsetMs);
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

export class ClockError extends Error {
  readonly code = 'CLOCK_BACKWARDS';
}

type DateArgs = [] | [string | number | Date] | [number, number, ...number[]];

/**
 * Replaces `globalThis.Date` so that `new Date()` and `Date.now()` read the sandbox clock; every other use of Date
 * (parsing, arithmetic, explicit timestamps) behaves as before. Returns a function that restores the original.
 */
export function installSandboxDate(clock: SandboxClock, target: typeof globalThis = globalThis): () => void {
  const RealDate = target.Date;
  class SandboxDate extends RealDate {
    constructor(...args: DateArgs) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [number, number]));
    }
    static override now(): number {
      return clock.now();
    }
  }
  target.Date = SandboxDate as DateConstructor;
  return () => {
    target.Date = RealDate;
  };
}
