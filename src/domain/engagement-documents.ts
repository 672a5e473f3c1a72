import {
  ENGAGEMENT_FILE_CHECKLIST,
  ENGAGEMENT_LIMITS,
  type AddDocumentInput,
  type EngagementDocument,
  type EngagementFileEntry,
  type UpdateDocumentInput,
} from '../shared/engagement';
import { allPeople } from './engagement-roles';
import { refuse, touched, type EngagementState } from './engagement-state';

/**
 * The engagement file (seed 000): the sponsor keeps consistent engagement files — contract, engagement plan, status
 * reports, billing, issue log, memoranda and the like. Each document is a link with an owner (one of the
 * engagement's people). The checklist shows which of the five standing kinds have at least one document; status
 * reports recur, so any number of documents of a kind is allowed.
 */

export function engagementFile(documents: readonly EngagementDocument[]): EngagementFileEntry[] {
  return ENGAGEMENT_FILE_CHECKLIST.map((kind) => ({ kind, present: documents.some((d) => d.kind === kind) }));
}

function checkOwner(state: EngagementState, ownerId: string | null | undefined): void {
  if (ownerId && !allPeople(state).some((p) => p.id === ownerId)) refuse('INVALID_INPUT', 'The owner must be someone named on this engagement.');
}

function findDocument(state: EngagementState, documentId: string): EngagementDocument {
  const document = state.documents.find((d) => d.id === documentId);
  if (!document) refuse('NOT_FOUND', 'This document is not in the engagement file any more. Reload the panel.');
  return document;
}

export function addDocument(state: EngagementState, id: string, input: Omit<AddDocumentInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  if (state.documents.length >= ENGAGEMENT_LIMITS.documents) refuse('INVALID_INPUT', `The engagement file holds at most ${ENGAGEMENT_LIMITS.documents} documents.`);
  checkOwner(state, input.ownerId);
  const document: EngagementDocument = {
    id,
    kind: input.kind,
    title: input.title,
    url: input.url,
    ownerId: input.ownerId ?? null,
    addedAt: now,
    addedBy: actor,
    updatedAt: now,
  };
  return touched({ ...state, documents: [...state.documents, document] }, actor, now);
}

export function updateDocument(state: EngagementState, input: Omit<UpdateDocumentInput, 'expectedVersion'>, actor: string, now: string): EngagementState {
  const current = findDocument(state, input.documentId);
  checkOwner(state, input.ownerId);
  const next: EngagementDocument = {
    ...current,
    kind: input.kind ?? current.kind,
    title: input.title ?? current.title,
    url: input.url ?? current.url,
    ownerId: input.ownerId === undefined ? current.ownerId : input.ownerId,
    updatedAt: now,
  };
  return touched({ ...state, documents: state.documents.map((d) => (d.id === next.id ? next : d)) }, actor, now);
}

export function removeDocument(state: EngagementState, documentId: string, actor: string, now: string): EngagementState {
  findDocument(state, documentId);
  return touched({ ...state, documents: state.documents.filter((d) => d.id !== documentId) }, actor, now);
}
