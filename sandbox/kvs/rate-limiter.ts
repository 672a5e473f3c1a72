import { KvsError } from './errors';
import type { KvsRateLimits } from './types';

export type Traffic = 'read' | 'write';

interface Window {
  start: number;
  used: number;
}

/**
 * Forge's per-installation quotas on fixed windows of the sandbox clock: requests per second, and read and write
 * units per minute (a unit is a request, or for reads the answer, rounded up to 10 KB). A request is refused with
 * 429 RATE_LIMIT_EXCEEDED once a window is used up; units are charged after the work, since a read's size is known
 * only then, so the request that crosses the line still succeeds and the ones after it are refused.
 */
export class RateLimiter {
  private requests: Window = { start: 0, used: 0 };
  private readonly units: Record<Traffic, Window> = { read: { start: 0, used: 0 }, write: { start: 0, used: 0 } };

  constructor(
    private readonly limits: KvsRateLimits,
    private readonly now: () => number,
  ) {}

  private current(window: Window, lengthMs: number): Window {
    const start = Math.floor(this.now() / lengthMs) * lengthMs;
    if (window.start !== start) {
      window.start = start;
      window.used = 0;
    }
    return window;
  }

  admit(traffic: Traffic): void {
    this.requests = this.current(this.requests, 1000);
    if (this.requests.used >= this.limits.requestsPerSecond) {
      throw new KvsError(429, 'RATE_LIMIT_EXCEEDED', `More than ${this.limits.requestsPerSecond} storage requests in one second.`);
    }
    this.requests.used += 1;
    const units = this.current(this.units[traffic], 60_000);
    const limit = traffic === 'read' ? this.limits.readUnitsPerMinute : this.limits.writeUnitsPerMinute;
    if (units.used >= limit) {
      throw new KvsError(429, 'RATE_LIMIT_EXCEEDED', `The ${traffic} quota of ${limit} units (${this.limits.unitBytes} bytes each) a minute is used up.`);
    }
  }

  charge(traffic: Traffic, bytes: number): void {
    this.current(this.units[traffic], 60_000).used += Math.max(1, Math.ceil(bytes / this.limits.unitBytes));
  }

  reset(): void {
    this.requests = { start: 0, used: 0 };
    this.units.read = { start: 0, used: 0 };
    this.units.write = { start: 0, used: 0 };
  }
}
