import { randomUUID } from 'node:crypto';
import { worstFirst } from '../../domain/coverage';
import { contactsToCsv, coverageToCsv, parseContactsCsv, peopleAfter, planImport } from '../../domain/csv-contacts';
import { ERASED_MARK, matchesLookup, proposalMentions, redactPersons } from '../../domain/personal-data';
import { coverageListItem, customerViewOf, rankFor, registerCoverage, templatesOf, todayOf } from '../../domain/register-coverage';
import { applyRegisterChanges, describeRegisterChange, proposalToChange, withoutPeople, type EditResult, type RegisterContent } from '../../domain/register-editing';
import { listJsmOrganizations, readJsmOrganization, type JsmOrganization } from '../../jira/jsm-organizations';
import { AppError } from '../../shared/errors';
import type { CreateOrganisationInput, JsmOrganisationRow, MyRegisters, PageOf, UpdateRegisterInput } from '../../shared/operations/registers';
import type {
  CoverageListItem,
  HistoryEntry,
  ImportReport,
  ImportRowOutcome,
  OrganisationRegister,
  OrganisationSummary,
  PersonalDataErasure,
  PersonalDataExport,
  PersonLookup,
  Proposal,
  ProposalChange,
  RegisterView,
} from '../../shared/registers';
import { IMPORT_ROW_OUTCOMES } from '../../shared/registers';
import type { Side, Template } from '../../shared/templates';
import { registerKeys } from '../../storage/keys';
import { createProposal, deleteProposals, listAllProposals, listProposals, proposalWrite, readProposal, saveRejection } from '../../storage/proposal-repository';
import { readHistory, redactHistory } from '../../storage/register-history';
import {
  findContacts,
  listRegistersByCoverage,
  listRegistersByName,
  MAX_CONTACT_CHANGES,
  readRegister,
  readRegisters,
  storeRanks,
  writeRegister,
  type Rank,
} from '../../storage/register-repository';
import { readTemplates } from '../../storage/template-repository';
import { registerIdOfJsmOrganization } from './access';

/**
 * What the register operations do, between the resolvers (which parse and authorise) and storage: read, apply the
 * pure rules, write. Callers have already checked who is asking; nothing here looks at the caller's rights.
 */

const hex = (n: number) => randomUUID().replace(/-/g, '').slice(0, n);
export const newPersonId = (): string => `p-${hex(8)}`;
const newProposalId = (): string => `pr-${hex(12)}`;
const newRegisterId = (): string => `org-${hex(8)}`;
const today = (): string => todayOf(new Date());

/** Pending proposals shown with a register; more are paged with proposals/list. */
const PENDING_SHOWN = 20;

const rankOf = (content: RegisterContent, templates: readonly Template[]): Rank => rankFor(content, templates, today());

function editError<T>(result: EditResult<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.code === 'UNKNOWN_PERSON' ? 'NOT_FOUND' : 'INVALID_INPUT', result.message, [{ path: result.code, message: result.message }]);
}

export async function loadRegister(registerId: string): Promise<OrganisationRegister> {
  const register = await readRegister(registerId);
  if (!register) throw new AppError('NOT_FOUND', 'There is no register for this organisation.');
  return register;
}

/** A register with its coverage today, its templates and its pending proposals (one more KVS request). */
export async function viewOf(register: OrganisationRegister, templates?: readonly Template[], audience: 'vendor' | 'customer' = 'vendor'): Promise<RegisterView> {
  const available = templates ?? (await readTemplates(register.templateKeys));
  const { templates: named, unknown } = templatesOf(register.templateKeys, available);
  const sides: Side[] | undefined = audience === 'customer' ? ['client'] : undefined;
  const pending = await listProposals(register.id, 'pending', null, PENDING_SHOWN);
  return {
    register: audience === 'customer' ? customerViewOf(register, named) : register,
    coverage: registerCoverage(register, named, today(), sides),
    templates: named,
    unknownTemplateKeys: unknown,
    pendingProposals: pending.items,
  };
}

/** For other features (the engagement panel): an organisation's register as the vendor sees it, or null. */
export async function registerViewOrNull(registerId: string): Promise<RegisterView | null> {
  const register = await readRegister(registerId);
  return register ? viewOf(register) : null;
}

export async function registerView(registerId: string): Promise<RegisterView> {
  return viewOf(await loadRegister(registerId));
}

// ---- organisations ------------------------------------------------------------------------------------------------

export async function createOrganisation(input: CreateOrganisationInput, actor: string): Promise<RegisterView> {
  let identity: { id: string; jsmOrganizationId: string | null; name: string };
  if (input.source.kind === 'jsm') {
    const organisation = await readJsmOrganization(input.source.jsmOrganizationId);
    if (!organisation) throw new AppError('NOT_FOUND', `Jira Service Management has no organisation ${input.source.jsmOrganizationId}.`);
    identity = { id: registerIdOfJsmOrganization(organisation.id), jsmOrganizationId: organisation.id, name: organisation.name };
  } else {
    identity = { id: newRegisterId(), jsmOrganizationId: null, name: input.source.name };
  }
  const templates = await readTemplates(input.templateKeys);
  const unknown = templatesOf(input.templateKeys, templates).unknown;
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `No template has the key ${unknown.join(', ')}.`, [{ path: 'templateKeys', message: 'Unknown template' }]);
  const content: RegisterContent = { name: identity.name, deploymentType: input.deploymentType, projectKind: input.projectKind, templateKeys: input.templateKeys, people: [] };
  const register = await writeRegister({
    before: null,
    create: { id: identity.id, jsmOrganizationId: identity.jsmOrganizationId },
    content,
    rank: rankOf(content, templates),
    actor,
    audit: { action: 'register.create', ...describeRegisterChange(null, content) },
    conflictMessage: `${identity.name} already has a register.`,
  });
  return viewOf(register, templates);
}

export function summaryOf(r: OrganisationRegister): OrganisationSummary {
  return { id: r.id, name: r.name, jsmOrganizationId: r.jsmOrganizationId, deploymentType: r.deploymentType, templateKeys: r.templateKeys, peopleCount: r.people.length, version: r.version };
}

export async function organisationsPage(cursor: string | null | undefined, limit: number): Promise<PageOf<OrganisationSummary>> {
  const page = await listRegistersByName(cursor ?? null, limit);
  return { items: page.items.map(summaryOf), cursor: page.cursor };
}

/** One page of the site's JSM organisations with the register of each, if any: one Jira read and one KVS batch. */
export async function jsmOrganisationsPage(start: number, limit: number): Promise<{ items: JsmOrganisationRow[]; nextStart: number | null }> {
  const page = await listJsmOrganizations(start, limit);
  const registers = await readRegisters(page.values.map((o: JsmOrganization) => registerIdOfJsmOrganization(o.id)));
  const items = page.values.map((o) => ({ id: o.id, name: o.name, registerId: registers.some((r) => r.id === registerIdOfJsmOrganization(o.id)) ? registerIdOfJsmOrganization(o.id) : null }));
  return { items, nextStart: page.isLastPage ? null : start + page.values.length };
}

// ---- register edits -----------------------------------------------------------------------------------------------

export async function updateRegister(input: UpdateRegisterInput, actor: string): Promise<RegisterView> {
  const before = await loadRegister(input.registerId);
  if (before.version !== input.expectedVersion) {
    throw new AppError('CONFLICT', 'This register was changed by someone else meanwhile. Reload to see their change, then try again.');
  }
  const keysNamed = [...before.templateKeys, ...input.changes.flatMap((c) => (c.kind === 'details' && c.templateKeys ? c.templateKeys : []))];
  const templates = await readTemplates(keysNamed);
  const content = editError(applyRegisterChanges(before, input.changes, { templates, newPersonId }));
  const register = await writeRegister({ before, content, rank: rankOf(content, templates), actor, audit: { action: 'register.update', ...describeRegisterChange(before, content) } });
  return viewOf(register, templates);
}

export async function history(registerId: string, cursor: string | null | undefined, limit: number): Promise<PageOf<HistoryEntry>> {
  return readHistory(registerKeys.auditSubject(registerId), cursor ?? null, limit);
}

// ---- coverage list ------------------------------------------------------------------------------------------------

/**
 * One page of the coverage list, worst first by the stored rank (refreshed on every write and by the daily job),
 * each row's coverage computed for today when read, and the rows of the page ordered by it. A row whose absence
 * began since its rank was stored may sit on the page yesterday's rank put it on: it shows today's coverage there,
 * and its rank is stored afresh now (conditional on its version, without changing it) so the next read places it.
 * KVS requests: one index page, at most one template read, and a rank write only when a row of the page was stale.
 */
export async function coveragePage(cursor: string | null | undefined, limit: number): Promise<PageOf<CoverageListItem> & { today: string }> {
  const day = today();
  const page = await listRegistersByCoverage(cursor ?? null, limit);
  const templates = await readTemplates(page.items.flatMap((i) => i.register.templateKeys));
  const stale = page.items.flatMap(({ register, rank }) => {
    const fresh = rankFor(register, templates, day);
    return fresh.coverageRank === rank.coverageRank ? [] : [{ register, rank: fresh }];
  });
  if (stale.length > 0) await storeRanks(stale);
  const items = page.items.map((i) => coverageListItem(i.register, templates, day)).sort(worstFirst);
  return { items, cursor: page.cursor, today: day };
}

export async function exportCoverageCsv(cursor: string | null | undefined, limit: number): Promise<{ csv: string; cursor: string | null; today: string }> {
  const page = await coveragePage(cursor, limit);
  return { csv: coverageToCsv(page.items, page.today, !cursor), cursor: page.cursor, today: page.today };
}

export async function exportRegisterCsv(registerId: string): Promise<{ filename: string; csv: string }> {
  const register = await loadRegister(registerId);
  return { filename: `${register.id}-contacts-${today()}.csv`, csv: contactsToCsv(register.people) };
}

// ---- CSV import ---------------------------------------------------------------------------------------------------

/**
 * Imports contacts row by row (see csv-contacts.ts): rejected rows are reported with their reasons, the others are
 * written whole, at most MAX_CONTACT_CHANGES people per transaction (each with its audit entry). If the register
 * is changed by someone else during an import, the rows not yet written are reported as not applied.
 */
export async function importContacts(input: { registerId: string; csv: string; dryRun: boolean }, actor: string): Promise<ImportReport> {
  const register = await loadRegister(input.registerId);
  const parsed = parseContactsCsv(input.csv);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.message, [{ path: 'csv', message: parsed.message }]);
  const templates = await readTemplates(register.templateKeys);
  const plan = planImport(register, parsed.rows, templates, newPersonId);
  const rows = new Map(plan.rows.map((r) => [r.row, r]));
  let current = register;
  if (!input.dryRun) {
    for (let i = 0; i < plan.changes.length; i += MAX_CONTACT_CHANGES) {
      const chunk = plan.changes.slice(i, i + MAX_CONTACT_CHANGES);
      const content: RegisterContent = { ...current, people: peopleAfter(current.people, chunk.map((c) => c.person)) };
      try {
        current = await writeRegister({ before: current, content, rank: rankOf(content, templates), actor, audit: { action: 'register.import', ...describeRegisterChange(current, content) } });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT') throw error;
        for (const c of plan.changes.slice(i)) {
          rows.set(c.row, {
            row: c.row,
            outcome: 'not-applied',
            personId: null,
            reasons: [{ code: 'CHANGED_MEANWHILE', message: 'The register was changed by someone else during the import; import this row again.' }],
          });
        }
        break;
      }
    }
  }
  const report = [...rows.values()].sort((a, b) => a.row - b.row);
  const counts = Object.fromEntries(IMPORT_ROW_OUTCOMES.map((o) => [o, report.filter((r) => r.outcome === o).length])) as Record<ImportRowOutcome, number>;
  return { registerId: register.id, dryRun: input.dryRun, counts, rows: report, version: current.version };
}

// ---- proposals ----------------------------------------------------------------------------------------------------

/** Stores a customer's proposal after checking it against the register as it is; the register is not changed. */
export async function createCustomerProposal(registerId: string, change: ProposalChange, actor: string): Promise<Proposal> {
  const register = await loadRegister(registerId);
  const templates = await readTemplates(register.templateKeys);
  const asChange = editError(proposalToChange(register, change, templates));
  editError(applyRegisterChanges(register, [asChange], { templates, newPersonId }));
  return createProposal({
    id: newProposalId(),
    registerId,
    status: 'pending',
    change,
    baseVersion: register.version,
    proposedBy: actor,
    proposedAt: new Date().toISOString(),
    decidedBy: null,
    decidedAt: null,
    note: null,
    version: 1,
  });
}

export async function proposalsPage(registerId: string, status: Proposal['status'], cursor: string | null | undefined, limit: number): Promise<PageOf<Proposal>> {
  return listProposals(registerId, status, cursor ?? null, limit);
}

/**
 * An agent's decision. Approval applies the change to the register as it is now (checked again: it may have changed
 * since the customer proposed) and marks the proposal approved, in one transaction with the register's audit entry;
 * a rejection marks the proposal only. A decided proposal cannot be decided again (CONFLICT).
 */
export async function decideProposal(
  registerId: string,
  proposalId: string,
  decision: 'approve' | 'reject',
  note: string | undefined,
  actor: string,
): Promise<{ proposal: Proposal; register: OrganisationRegister }> {
  const [register, proposal] = await Promise.all([loadRegister(registerId), readProposal(registerId, proposalId)]);
  if (!proposal) throw new AppError('NOT_FOUND', 'There is no such proposal for this organisation.');
  if (proposal.status !== 'pending') throw new AppError('CONFLICT', `This proposal was already ${proposal.status}.`);
  const decided: Proposal = {
    ...proposal,
    status: decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: actor,
    decidedAt: new Date().toISOString(),
    note: note && note !== '' ? note : null,
    version: proposal.version + 1,
  };
  if (decision === 'reject') return { proposal: await saveRejection(decided), register };

  const templates = await readTemplates(register.templateKeys);
  const applied = proposalToChange(register, proposal.change, templates);
  const content = applied.ok ? applyRegisterChanges(register, [applied.value], { templates, newPersonId }) : applied;
  if (!content.ok) throw new AppError('CONFLICT', `This proposal no longer fits the register: ${content.message} Reject it, or ask the customer for a new one.`);
  const change = describeRegisterChange(register, content.value);
  const saved = await writeRegister({
    before: register,
    content: content.value,
    rank: rankOf(content.value, templates),
    actor,
    audit: { action: 'proposal.approve', before: { proposalId, ...(change.before as object) }, after: { proposalId, ...(change.after as object) } },
    also: [proposalWrite(decided)],
  });
  return { proposal: decided, register: saved };
}

// ---- portal -------------------------------------------------------------------------------------------------------

/** The registers of the customer's organisations, as the customer sees them. */
export async function myRegisters(organisations: readonly JsmOrganization[]): Promise<MyRegisters> {
  const registers = await readRegisters(organisations.map((o) => registerIdOfJsmOrganization(o.id)));
  const templates = await readTemplates(registers.flatMap((r) => r.templateKeys));
  const views = await Promise.all(registers.map((r) => viewOf(r, templates, 'customer')));
  return {
    organisations: organisations.map((o) => {
      const registerId = registerIdOfJsmOrganization(o.id);
      return { jsmOrganizationId: o.id, name: o.name, registerId, view: views.find((v) => v.register.id === registerId) ?? null };
    }),
  };
}

// ---- personal data ------------------------------------------------------------------------------------------------

/** Everything the registers hold about one person, found through the contact index (no register is scanned). */
export async function exportPersonalData(lookup: PersonLookup): Promise<PersonalDataExport> {
  const registers = await readRegisters((await findContacts(lookup)).map((c) => c.registerId));
  const records: PersonalDataExport['records'] = [];
  const proposals: PersonalDataExport['proposals'] = [];
  for (const register of registers) {
    const people = register.people.filter((p) => matchesLookup(p, lookup));
    records.push(...people.map((person) => ({ registerId: register.id, registerName: register.name, person })));
    const ids = new Set(people.map((p) => p.id));
    for (const p of await listAllProposals(register.id)) {
      if (proposalMentions(p.change, ids, lookup)) proposals.push({ registerId: register.id, proposalId: p.id, status: p.status, change: p.change });
    }
  }
  return { lookup, exportedAt: new Date().toISOString(), records, proposals };
}

/**
 * Erases one person from every register that holds them (and from backup lists), deletes proposals about them and
 * redacts them from those registers' history. A register edited meanwhile is read again and retried.
 */
export async function erasePersonalData(lookup: PersonLookup, actor: string): Promise<PersonalDataErasure> {
  const registerIds = [...new Set((await findContacts(lookup)).map((c) => c.registerId))];
  const erased: PersonalDataErasure['erased'] = [];
  let redactedHistoryEntries = 0;
  let redactedProposals = 0;
  for (const registerId of registerIds) {
    let personIds: string[] = [];
    for (let attempt = 0; ; attempt += 1) {
      const register = await readRegister(registerId);
      if (!register) break;
      personIds = register.people.filter((p) => matchesLookup(p, lookup)).map((p) => p.id);
      if (personIds.length === 0) break;
      const templates = await readTemplates(register.templateKeys);
      const content: RegisterContent = { ...register, people: withoutPeople(register.people, new Set(personIds)) };
      try {
        await writeRegister({
          before: register,
          content,
          rank: rankOf(content, templates),
          actor,
          audit: { action: 'person.erase', before: { people: personIds.map((id) => ({ id, ...ERASED_MARK })) }, after: null },
        });
        break;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CONFLICT' || attempt >= 2) throw error;
      }
    }
    const ids = new Set(personIds);
    redactedHistoryEntries += await redactHistory(registerKeys.auditSubject(registerId), (entry) => {
      const before = redactPersons(entry.before, ids, lookup);
      const after = redactPersons(entry.after, ids, lookup);
      return before.changed || after.changed ? { ...entry, before: before.value, after: after.value } : null;
    });
    const proposals = (await listAllProposals(registerId)).filter((p) => proposalMentions(p.change, ids, lookup));
    await deleteProposals(proposals);
    redactedProposals += proposals.length;
    if (personIds.length > 0) erased.push({ registerId, personIds });
  }
  return { lookup, erased, redactedHistoryEntries, redactedProposals };
}
