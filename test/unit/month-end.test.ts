/**
 * The pure month-end rules (src/domain/month-end.ts): which month a run invoices, the month's bounds, which requests
 * can have hours, a statement from seconds per phase, the comment's words and the CSV per partner.
 */
import Papa from 'papaparse';
import { buildStatement, csvFilename, CSV_COLUMNS, mayHaveHours, monthRange, previousMonth, statementNotice, statementReference, statementsToCsv } from '../../src/domain/month-end';
import type { ImplementationRequest } from '../../src/shared/implementation';

const request = (changes: Partial<ImplementationRequest> = {}): ImplementationRequest => ({
  issueId: '10042',
  issueKey: 'PS-42',
  summary: 'Request for Implementation services for End Customer Contoso Foods',
  teamId: 'team-a',
  ruleId: 'rule-a',
  partnerOrganizationId: '7',
  partnerName: 'Northwind Partners',
  reporterAccountId: 'paula',
  triageAccountId: 'dana',
  endCustomer: 'Contoso Foods',
  phasesWanted: ['qa-sessions', 'business-blueprint'],
  requiredSkills: [],
  stage: 'in-delivery',
  estimateHours: 12,
  sow: { hoursPerStage: { 'qa-sessions': 4, 'business-blueprint': 8 }, travel: 'Two days on site', draftedAt: '2026-10-01T09:00:00.000Z', draftedBy: 'dana', signedAt: '2026-10-03T09:00:00.000Z', signedBy: 'paula' },
  purchase: null,
  delivery: {
    issueId: '20000',
    issueKey: 'DEL-7',
    subtasks: [
      { phase: 'qa-sessions', issueId: '20001', issueKey: 'DEL-8' },
      { phase: 'business-blueprint', issueId: '20002', issueKey: 'DEL-9' },
    ],
  },
  consultantAccountId: 'carl',
  decision: null,
  phasesDone: [],
  createdAt: '2026-09-28T09:00:00.000Z',
  updatedAt: '2026-10-03T09:00:00.000Z',
  completedAt: null,
  version: 7,
  ...changes,
});

describe('the month a run invoices', () => {
  it('is the month before, in UTC, across a year', () => {
    expect(previousMonth(new Date('2026-12-01T00:00:00.000Z'))).toBe('2026-11');
    expect(previousMonth(new Date('2027-01-01T06:00:00.000Z'))).toBe('2026-12');
    expect(previousMonth(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-10');
  });

  it('runs from its first instant to the next month’s, and refuses what is not a month', () => {
    expect(monthRange('2026-12')).toEqual({ startMs: Date.parse('2026-12-01T00:00:00.000Z'), endMs: Date.parse('2027-01-01T00:00:00.000Z') });
    expect(() => monthRange('2026-13')).toThrow();
  });
});

describe('which requests can have hours', () => {
  it('needs a SOW signed before the month ended, delivery sub-tasks, and not to be completed before it began', () => {
    expect(mayHaveHours(request(), '2026-10')).toBe(true);
    expect(mayHaveHours(request(), '2026-09')).toBe(false);
    expect(mayHaveHours(request({ sow: { ...request().sow!, signedAt: null } }), '2026-11')).toBe(false);
    expect(mayHaveHours(request({ delivery: null }), '2026-11')).toBe(false);
    expect(mayHaveHours(request({ completedAt: '2026-10-31T23:00:00.000Z' }), '2026-11')).toBe(false);
    expect(mayHaveHours(request({ completedAt: '2026-11-02T10:00:00.000Z' }), '2026-11')).toBe(true);
  });
});

describe('a statement', () => {
  it('has every phase with a sub-task, hours to two decimals, and the SOW’s travel', () => {
    expect(buildStatement(request(), '2026-11', { 'qa-sessions': 3 * 3600 + 1200, prototyping: 3600 })).toEqual({
      month: '2026-11',
      issueId: '10042',
      issueKey: 'PS-42',
      partnerOrganizationId: '7',
      partnerName: 'Northwind Partners',
      endCustomer: 'Contoso Foods',
      hoursPerStage: { 'qa-sessions': 3.33, 'business-blueprint': 0 },
      totalHours: 3.33,
      travel: 'Two days on site',
    });
  });

  it('is none when nothing was logged that month', () => {
    expect(buildStatement(request(), '2026-11', {})).toBeNull();
  });

  it('is worded in the site’s language, with the same reference in both', () => {
    const statement = buildStatement(request(), '2026-11', { 'qa-sessions': 5400, 'business-blueprint': 7200 })!;
    const words = (locale: 'en-US' | 'fr-FR') => statementNotice(statement, locale).map((line) => line.map((part) => ('text' in part ? part.text : 'strong' in part ? part.strong : '')).join('')).join('\n');
    expect(words('en-US')).toContain('Q&A sessions: 1.5 h');
    expect(words('en-US')).toContain('Total: 3.5 h');
    expect(words('fr-FR')).toContain('Séances de questions-réponses : 1,5 h');
    expect(words('fr-FR')).toContain('Total : 3,5 h');
    for (const locale of ['en-US', 'fr-FR'] as const) expect(words(locale)).toContain(statementReference('2026-11', '10042'));
  });
});

describe('the CSV per partner', () => {
  it('has a stable header, one row per statement, and defuses formulas', () => {
    const statement = buildStatement(request({ sow: { ...request().sow!, travel: '=HYPERLINK("x")' } }), '2026-11', { 'qa-sessions': 3600 })!;
    const csv = statementsToCsv([statement]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data[0]!).toMatchObject({ month: '2026-11', request: 'PS-42', hours_qa_sessions: '1', hours_business_blueprint: '0', hours_prototyping: '0', total_hours: '1' });
    expect(parsed.data[0]!.travel?.startsWith("'=")).toBe(true);
  });

  it('is named for the month and the partner, safely', () => {
    expect(csvFilename('2026-11', 'Lumière Conseil', '12')).toBe('statements-2026-11-lumiere-conseil.csv');
    expect(csvFilename('2026-11', null, '12')).toBe('statements-2026-11-organisation-12.csv');
  });
});
