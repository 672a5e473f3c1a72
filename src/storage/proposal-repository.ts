import kvs, { Sort } from '@forge/kvs';
import { PROPOSAL_STATUSES, type Proposal, type ProposalStatus } from '../shared/registers';
import { REGISTER_ENTITIES, registerKeys } from './keys';
import { proposalRecord, type ProposalRecord } from './register-records';
import { commit, type TxSet } from './register-transaction';
import type { Page } from './register-repository';
import { storageError } from './versioned-write';

/**
 * Customers' proposed changes to their register (`register-proposal` entities). A proposal never changes the
 * register by itself: an agent's approval writes the register and the decided proposal in one transaction
 * (register-repository's `also`); a rejection writes the proposal only. Index `by-register-status`
 * ([registerId, status], proposedAt) lists one register's pending or decided proposals page by page.
 */

const entity = () => kvs.entity<ProposalRecord>(REGISTER_ENTITIES.proposal);

function toRecord(p: Proposal): ProposalRecord {
  return proposalRecord.parse({
    schemaVersion: 1,
    version: p.version,
    id: p.id,
    registerId: p.registerId,
    status: p.status,
    change: p.change,
    baseVersion: p.baseVersion,
    proposedBy: p.proposedBy,
    proposedAt: p.proposedAt,
    ...(p.decidedBy !== null ? { decidedBy: p.decidedBy } : {}),
    ...(p.decidedAt !== null ? { decidedAt: p.decidedAt } : {}),
    ...(p.note !== null ? { note: p.note } : {}),
  });
}

function toProposal(value: unknown): Proposal {
  const r = proposalRecord.parse(value);
  return {
    id: r.id,
    registerId: r.registerId,
    status: r.status,
    change: r.change,
    baseVersion: r.baseVersion,
    proposedBy: r.proposedBy,
    proposedAt: r.proposedAt,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt ?? null,
    note: r.note ?? null,
    version: r.version,
  };
}

/** The write of a proposal at its new version, conditional on the version before (or on not existing, at 1). */
export function proposalWrite(proposal: Proposal): TxSet {
  return {
    entityName: REGISTER_ENTITIES.proposal,
    key: registerKeys.proposal(proposal.registerId, proposal.id),
    value: toRecord(proposal),
    condition: proposal.version === 1 ? { kind: 'absent' } : { kind: 'version', version: proposal.version - 1 },
  };
}

/** Stores a new proposal with an entry in its register's history (the register itself is unchanged). */
export async function createProposal(proposal: Proposal): Promise<Proposal> {
  await commit({
    sets: [proposalWrite(proposal)],
    audits: [{ subject: registerKeys.auditSubject(proposal.registerId), actor: proposal.proposedBy, action: 'proposal.create', before: null, after: { proposalId: proposal.id, change: proposal.change } }],
  });
  return proposal;
}

/** Records a rejection (the register is unchanged), conditional on the proposal still being as read. */
export async function saveRejection(decided: Proposal): Promise<Proposal> {
  await commit({
    sets: [proposalWrite(decided)],
    audits: [
      {
        subject: registerKeys.auditSubject(decided.registerId),
        actor: decided.decidedBy ?? '',
        action: 'proposal.reject',
        before: { proposalId: decided.id, status: 'pending' },
        after: { proposalId: decided.id, status: decided.status, note: decided.note },
      },
    ],
  });
  return decided;
}

export async function readProposal(registerId: string, proposalId: string): Promise<Proposal | null> {
  let stored: unknown;
  try {
    stored = await entity().get(registerKeys.proposal(registerId, proposalId));
  } catch (error) {
    throw storageError(error, '');
  }
  return stored === undefined ? null : toProposal(stored);
}

/** One page of a register's proposals in one status: pending ones oldest first, decided ones newest first. */
export async function listProposals(registerId: string, status: ProposalStatus, cursor: string | null, limit: number): Promise<Page<Proposal>> {
  try {
    let query = entity()
      .query()
      .index('by-register-status', { partition: [registerId, status] })
      .sort(status === 'pending' ? Sort.ASC : Sort.DESC)
      .limit(limit);
    if (cursor) query = query.cursor(cursor);
    const result = await query.getMany();
    return { items: result.results.map((r) => toProposal(r.value)), cursor: result.nextCursor ?? null };
  } catch (error) {
    throw storageError(error, '');
  }
}

/** Every proposal of a register, whatever its status (personal data requests): pages of 100 until done. */
export async function listAllProposals(registerId: string): Promise<Proposal[]> {
  const all: Proposal[] = [];
  for (const status of PROPOSAL_STATUSES) {
    let cursor: string | null = null;
    do {
      const result: Page<Proposal> = await listProposals(registerId, status, cursor, 100);
      all.push(...result.items);
      cursor = result.cursor;
    } while (cursor);
  }
  return all;
}

/** Deletes proposals (personal data erasure), 25 a request. */
export async function deleteProposals(proposals: readonly Proposal[]): Promise<void> {
  try {
    for (let i = 0; i < proposals.length; i += 25) {
      const result = await kvs.batchDelete(proposals.slice(i, i + 25).map((p) => ({ key: registerKeys.proposal(p.registerId, p.id), entityName: REGISTER_ENTITIES.proposal })));
      if (result.failedKeys.length > 0) throw new Error(`Deleting proposals failed: ${result.failedKeys.map((f) => f.key).join(', ')}`);
    }
  } catch (error) {
    throw storageError(error, '');
  }
}
