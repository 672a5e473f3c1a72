/**
 * Watches every Jira call a test host serves — the app's, through the Forge seam (asApp or asUser), and those over
 * HTTP or straight from a test — and checks each request and the emulator's answer against Atlassian's specs
 * (test/support/contract-validator.ts). Tests only: it replaces `handle` on the host's emulator instance, so sandbox/
 * code stays as it is.
 */
import type { ForgeHost } from '../../sandbox/runtime/host';
import type { JiraReply, JiraRequest } from '../../sandbox/jira/types';
import { contractValidator, validateJiraRequest, validateJiraResponse } from './contract-validator';

/**
 * An emulator answer known not to match the spec yet, set aside so the suites stay green while its owner fixes it.
 * Scoped to one operation (method + the spec's path template) and, optionally, to some statuses.
 */
export interface KnownEmulatorGap {
  method: string;
  template: string;
  statuses?: (status: number) => boolean;
  reason: string;
}

/**
 * Every entry is a `// KNOWN EMULATOR GAP:`; remove it once the emulator is fixed (contract-emulator.test.ts fails
 * while an entry covers an answer that already fits, to say so).
 */
export const KNOWN_EMULATOR_GAPS: KnownEmulatorGap[] = [];

export interface ContractRecorder {
  /** One line per problem: who called, method, path, status, and what the validator found. */
  problems(): string[];
  /** Problems set aside as known emulator gaps (reported, not failed). */
  knownGapProblems(): string[];
  /** How many Jira calls were checked. */
  calls(): number;
  /** Forgets what was recorded so far. */
  clear(): void;
}

const recorders = new WeakMap<ForgeHost, ContractRecorder>();

/** The recorder watching `host`, if any. */
export function recorderOf(host: ForgeHost): ContractRecorder | undefined {
  return recorders.get(host);
}

/** Starts checking every Jira call `host` serves from now on; calling it again answers the same recorder. */
export function recordContracts(host: ForgeHost, options: { knownGaps?: KnownEmulatorGap[] } = {}): ContractRecorder {
  const existing = recorders.get(host);
  if (existing) return existing;
  const gaps = options.knownGaps ?? KNOWN_EMULATOR_GAPS;
  const problems: string[] = [];
  const setAside: string[] = [];
  let calls = 0;

  const emulator = host.jira;
  const original = emulator.handle;
  emulator.handle = async (request: JiraRequest): Promise<JiraReply> => {
    calls += 1;
    const requestProblems = guarded(() => validateJiraRequest(request));
    const reply = await original.call(emulator, request);
    const operation = guarded(() => contractValidator().match(request.method, request.path));
    // An unknown operation is already a request problem: its answer has no schema to meet.
    const responseProblems = operation === undefined || Array.isArray(operation) ? [] : guarded(() => validateJiraResponse(request, reply));
    const label = describeCall(request, reply);
    for (const message of requestProblems) problems.push(`${label}: ${message}`);
    const gap =
      operation && !Array.isArray(operation)
        ? gaps.find((g) => g.method === operation.method && g.template === operation.template && (!g.statuses || g.statuses(reply.status)))
        : undefined;
    for (const message of responseProblems) (gap ? setAside : problems).push(`${label}: ${message}${gap ? ` [known gap: ${gap.reason}]` : ''}`);
    return reply;
  };

  const recorder: ContractRecorder = {
    problems: () => [...problems],
    knownGapProblems: () => [...setAside],
    calls: () => calls,
    clear: () => {
      problems.length = 0;
      setAside.length = 0;
      calls = 0;
    },
  };
  recorders.set(host, recorder);
  return recorder;
}

/** Fails the current test with every contract problem the recorder collected (none: passes). */
export function expectNoContractProblems(recorder: ContractRecorder): void {
  expect(recorder.problems()).toEqual([]);
}

function describeCall(request: JiraRequest, reply: JiraReply): string {
  const who = request.actor.kind === 'app' ? 'asApp' : `as ${request.actor.accountId}`;
  const query = request.query.toString();
  return `${request.method.toUpperCase()} ${request.path}${query ? `?${query}` : ''} (${who}) → ${reply.status}`;
}

/** A validator that throws (no specs found, a bug) must not break the app's call: its error becomes the problem. */
function guarded<T>(check: () => T): T | string[] {
  try {
    return check();
  } catch (error) {
    return [`contract validator failed: ${error instanceof Error ? error.message : String(error)}`];
  }
}
