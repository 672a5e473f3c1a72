import { updateBudget } from '../../domain/engagement-budget';
import { addDocument, removeDocument, updateDocument } from '../../domain/engagement-documents';
import type { Handlers } from '../define-surface';
import { changeEngagement, newLocalId } from './access';

type Panel = Handlers<'issue-panel'>;

export const budgetUpdate: Panel['budget/update'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'budget.update', (state, now) => {
    const { expectedVersion: _v, ...change } = input;
    const next = updateBudget(state, change, context.accountId, now);
    return { next, before: state.budget, after: next.budget };
  });

export const documentAdd: Panel['document/add'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'document.add', (state, now) => {
    const { expectedVersion: _v, ...document } = input;
    const next = addDocument(state, newLocalId(), document, context.accountId, now);
    return { next, before: null, after: next.documents[next.documents.length - 1] };
  });

export const documentUpdate: Panel['document/update'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'document.update', (state, now) => {
    const { expectedVersion: _v, ...change } = input;
    const next = updateDocument(state, change, context.accountId, now);
    const of = (s: typeof state) => s.documents.find((d) => d.id === input.documentId) ?? null;
    return { next, before: of(state), after: of(next) };
  });

export const documentRemove: Panel['document/remove'] = (input, context) =>
  changeEngagement(context, input.expectedVersion, 'document.remove', (state, now) => {
    const next = removeDocument(state, input.documentId, context.accountId, now);
    return { next, before: state.documents.find((d) => d.id === input.documentId) ?? null, after: null };
  });
