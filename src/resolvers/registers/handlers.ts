import { AppError } from '../../shared/errors';
import type { registerOperations } from '../../shared/operations/registers';
import { listTemplates } from '../../storage/template-repository';
import type { Handlers } from '../define-surface';
import { issueAccess, myOrganisations, organisationOfIssue, requireAdmin, requireIssueEditor, requireOwnRegister } from './access';
import {
  coveragePage,
  createCustomerProposal,
  createOrganisation,
  decideProposal,
  erasePersonalData,
  exportCoverageCsv,
  exportPersonalData,
  exportRegisterCsv,
  history,
  importContacts,
  jsmOrganisationsPage,
  myRegisters,
  organisationsPage,
  proposalsPage,
  registerView,
  registerViewOrNull,
  updateRegister,
} from './register-service';
import { copyTemplateAs, updateTemplate } from './template-service';

/**
 * Handlers of the register operations, per surface (see src/shared/operations/registers.ts). Each one authorises
 * from the trusted context first, then calls the register or template service; nothing is read or written for a
 * caller who fails the check.
 */
type Of<S extends keyof typeof registerOperations> = Pick<Handlers<S>, keyof (typeof registerOperations)[S] & keyof Handlers<S>>;

/** The issue's organisation register id, once the agent's access to the issue was checked; NOT_FOUND without one. */
async function registerOfIssue(issueId: string): Promise<string> {
  const organisation = await organisationOfIssue(issueId);
  if (!organisation) throw new AppError('NOT_FOUND', 'This issue is not linked to an organisation.');
  return organisation.registerId;
}

export const registerHandlers: { [S in keyof typeof registerOperations]: Of<S> } = {
  'issue-panel': {
    'register/for-issue': async (_input, context) => {
      const access = await issueAccess(context);
      const organisation = await organisationOfIssue(access.issueId);
      const view = organisation ? await registerViewOrNull(organisation.registerId) : null;
      return { source: organisation?.source ?? null, view, canDecide: access.canEdit };
    },
    'organisations/list': async (input, context) => {
      await requireIssueEditor(context);
      return organisationsPage(input.cursor, input.limit);
    },
    'proposals/list': async (input, context) => {
      const access = await issueAccess(context);
      return proposalsPage(await registerOfIssue(access.issueId), input.status, input.cursor, input.limit);
    },
    'proposal/decide': async (input, context) => {
      const access = await requireIssueEditor(context);
      return decideProposal(await registerOfIssue(access.issueId), input.proposalId, input.decision, input.note, context.accountId);
    },
    'register/history': async (input, context) => {
      const access = await issueAccess(context);
      return history(await registerOfIssue(access.issueId), input.cursor, input.limit);
    },
  },
  portal: {
    'register/mine': async (_input, context) => myRegisters(await myOrganisations(context)),
    'proposal/create': async (input, context) => {
      await requireOwnRegister(context, input.registerId);
      return createCustomerProposal(input.registerId, input.change, context.accountId);
    },
  },
  'project-page': {},
  admin: {
    'templates/list': async (_input, context) => {
      await requireAdmin(context);
      return { templates: await listTemplates() };
    },
    'templates/copy': async (input, context) => {
      await requireAdmin(context);
      return copyTemplateAs(input.sourceKey, input.newKey, input.name, context.accountId);
    },
    'templates/update': async (input, context) => {
      await requireAdmin(context);
      return updateTemplate(input.templateKey, input.expectedVersion, input.edit, context.accountId);
    },
    'organisations/list': async (input, context) => {
      await requireAdmin(context);
      return organisationsPage(input.cursor, input.limit);
    },
    'jsm-organisations/list': async (input, context) => {
      await requireAdmin(context);
      return jsmOrganisationsPage(input.start, input.limit);
    },
    'organisations/create': async (input, context) => {
      await requireAdmin(context);
      return createOrganisation(input, context.accountId);
    },
    'register/get': async (input, context) => {
      await requireAdmin(context);
      return registerView(input.registerId);
    },
    'register/update': async (input, context) => {
      await requireAdmin(context);
      return updateRegister(input, context.accountId);
    },
    'register/history': async (input, context) => {
      await requireAdmin(context);
      return history(input.registerId, input.cursor, input.limit);
    },
    'coverage/list': async (input, context) => {
      await requireAdmin(context);
      return coveragePage(input.cursor, input.limit);
    },
    'register/export-csv': async (input, context) => {
      await requireAdmin(context);
      return exportRegisterCsv(input.registerId);
    },
    'coverage/export-csv': async (input, context) => {
      await requireAdmin(context);
      return exportCoverageCsv(input.cursor, input.limit);
    },
    'contacts/import-csv': async (input, context) => {
      await requireAdmin(context);
      return importContacts(input, context.accountId);
    },
    'proposal/decide': async (input, context) => {
      await requireAdmin(context);
      return decideProposal(input.registerId, input.proposalId, input.decision, input.note, context.accountId);
    },
    'person/export': async (input, context) => {
      await requireAdmin(context);
      return exportPersonalData(input.lookup);
    },
    'person/erase': async (input, context) => {
      await requireAdmin(context);
      return erasePersonalData(input.lookup, context.accountId);
    },
  },
};
