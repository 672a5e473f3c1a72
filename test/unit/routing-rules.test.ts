/**
 * Routing rules (src/domain/routing-rules.ts): each condition's verdict with what was expected and found, the first
 * enabled match in the admin's order, the end customer from the field or the summary, the partner's comment in their
 * language, and field values as people compare them.
 */
import { endCustomerKey, endCustomerOf, evaluateRule, fieldsRulesRead, fieldTexts, firstMatch, routingComment, type RoutingFacts } from '../../src/domain/routing-rules';
import { SEED_ROUTING_COMMENT, SEED_SUMMARY_PATTERN, routingRuleSchema, type RoutingRule } from '../../src/shared/delivery';

const rule = (id: string, conditions: Partial<RoutingRule['conditions']> = {}, extra: Partial<RoutingRule> = {}): RoutingRule =>
  routingRuleSchema.parse({
    id,
    name: `Rule ${id}`,
    enabled: true,
    conditions,
    teamId: 'implementation',
    comment: { 'en-US': 'Routed to {team}.', 'fr-FR': 'Confiée à {team}.' },
    ...extra,
  });

const facts = (over: Partial<RoutingFacts> = {}): RoutingFacts => ({
  issueTypeId: '10100',
  requestTypeId: '20',
  summary: 'Request for Implementation services for End Customer Contoso Foods',
  fields: { customfield_10010: ['Implementation Issue'], customfield_10011: ['Contoso Foods'] },
  organizationIds: ['1'],
  ...over,
});

const portalRule = rule('portal', { issueTypeIds: ['10100'], fields: [{ fieldId: 'customfield_10010', equals: 'Implementation Issue' }] });
const summaryRule = rule('summary', { summaryPattern: SEED_SUMMARY_PATTERN });

describe('evaluateRule', () => {
  it('matches when every condition holds, with one check per condition', () => {
    const result = evaluateRule(rule('all', { issueTypeIds: ['10100', '10101'], requestTypeIds: ['20'], fields: [{ fieldId: 'customfield_10010', equals: 'Implementation Issue' }], summaryPattern: SEED_SUMMARY_PATTERN, organizationIds: ['1', '2'] }), facts());
    expect(result).toEqual({
      ruleId: 'all',
      enabled: true,
      matched: true,
      endCustomer: 'Contoso Foods',
      checks: [
        { kind: 'issue-type', ok: true, expected: '10100, 10101', found: '10100' },
        { kind: 'request-type', ok: true, expected: '20', found: '20' },
        { kind: 'field', fieldId: 'customfield_10010', ok: true, expected: 'Implementation Issue', found: 'Implementation Issue' },
        { kind: 'summary', ok: true, expected: SEED_SUMMARY_PATTERN, found: 'Request for Implementation services for End Customer Contoso Foods' },
        { kind: 'organization', ok: true, expected: '1, 2', found: '1' },
      ],
    });
  });

  it('says which condition failed, with what the issue has', () => {
    const result = evaluateRule(portalRule, facts({ fields: { customfield_10010: ['General Question'] } }));
    expect(result.matched).toBe(false);
    expect(result.checks).toEqual([
      { kind: 'issue-type', ok: true, expected: '10100', found: '10100' },
      { kind: 'field', fieldId: 'customfield_10010', ok: false, expected: 'Implementation Issue', found: 'General Question' },
    ]);
  });

  it('shows an empty field as a dash, and a request raised outside the portal as no request type', () => {
    const result = evaluateRule(rule('r', { requestTypeIds: ['20'], fields: [{ fieldId: 'customfield_10010', equals: 'Implementation Issue' }] }), facts({ requestTypeId: null, fields: {} }));
    expect(result.checks).toEqual([
      { kind: 'request-type', ok: false, expected: '20', found: '—' },
      { kind: 'field', fieldId: 'customfield_10010', ok: false, expected: 'Implementation Issue', found: '—' },
    ]);
  });

  it('compares field values without regard to case and surrounding spaces, and any of a multi-value field', () => {
    const r = rule('r', { fields: [{ fieldId: 'customfield_10099', equals: 'implementation issue' }] });
    expect(evaluateRule(r, facts({ fields: { customfield_10099: ['  Implementation ISSUE '] } })).matched).toBe(true);
    expect(evaluateRule(r, facts({ fields: { customfield_10099: ['License Issue', 'Implementation Issue'] } })).matched).toBe(true);
    expect(evaluateRule(r, facts({ fields: { customfield_10099: ['Implementation'] } })).matched).toBe(false);
  });

  it('tries the summary pattern case-insensitively and reads the end customer from its named capture', () => {
    expect(evaluateRule(summaryRule, facts({ summary: '  request for implementation services for end customer  Fabrikam Metal ' }))).toMatchObject({ matched: true, endCustomer: 'Fabrikam Metal' });
    expect(evaluateRule(summaryRule, facts({ summary: 'How do we add a second Service Owner?' }))).toMatchObject({ matched: false, endCustomer: null });
    // A pattern without the capture matches but names nobody.
    expect(evaluateRule(rule('r', { summaryPattern: '^Request for' }), facts())).toMatchObject({ matched: true, endCustomer: null });
  });

  it('needs any one of the organisations listed', () => {
    const r = rule('r', { organizationIds: ['2', '3'] });
    expect(evaluateRule(r, facts({ organizationIds: ['3'] })).matched).toBe(true);
    expect(evaluateRule(r, facts({ organizationIds: [] })).checks).toEqual([{ kind: 'organization', ok: false, expected: '2, 3', found: '—' }]);
  });

  it('never matches with a rule switched off, though each check still says how it went', () => {
    const result = evaluateRule({ ...portalRule, enabled: false }, facts());
    expect(result).toMatchObject({ enabled: false, matched: false });
    expect(result.checks.every((c) => c.ok)).toBe(true);
  });

  it('matches every issue with a rule without conditions (a catch-all at the end of the list)', () => {
    expect(evaluateRule(rule('any'), facts({ issueTypeId: '1' }))).toMatchObject({ matched: true, checks: [] });
  });
});

describe('firstMatch', () => {
  it('takes the first enabled rule that matches, in the admin’s order', () => {
    const general = rule('general', { fields: [{ fieldId: 'customfield_10010', equals: 'General Question' }] });
    expect(firstMatch([general, portalRule, summaryRule], facts())?.rule.id).toBe('portal');
    expect(firstMatch([summaryRule, portalRule], facts())?.rule.id).toBe('summary');
    expect(firstMatch([{ ...portalRule, enabled: false }, summaryRule], facts())?.rule.id).toBe('summary');
  });

  it('answers the evaluation of the rule it took', () => {
    expect(firstMatch([summaryRule], facts())?.evaluation).toMatchObject({ ruleId: 'summary', matched: true, endCustomer: 'Contoso Foods' });
  });

  it('answers null when no rule matches', () => {
    expect(firstMatch([portalRule, summaryRule], facts({ issueTypeId: '10102', summary: 'Prepare the onboarding checklist' }))).toBeNull();
    expect(firstMatch([], facts())).toBeNull();
  });
});

describe('fieldsRulesRead', () => {
  it('lists each field the enabled rules compare, once', () => {
    const a = rule('a', { fields: [{ fieldId: 'customfield_10010', equals: 'x' }, { fieldId: 'priority', equals: 'High' }] });
    const b = rule('b', { fields: [{ fieldId: 'customfield_10010', equals: 'y' }] });
    const off = rule('off', { fields: [{ fieldId: 'customfield_99999', equals: 'z' }] }, { enabled: false });
    expect(fieldsRulesRead([a, b, off])).toEqual(['customfield_10010', 'priority']);
  });
});

describe('endCustomerOf', () => {
  const evaluation = evaluateRule(summaryRule, facts({ summary: 'Request for Implementation services for End Customer Tailspin Retail' }));

  it('prefers the End Customer field', () => {
    expect(endCustomerOf('  Contoso Foods ', evaluation)).toBe('Contoso Foods');
  });

  it('falls back on the summary’s capture when the field is empty', () => {
    expect(endCustomerOf(null, evaluation)).toBe('Tailspin Retail');
    expect(endCustomerOf('   ', evaluation)).toBe('Tailspin Retail');
  });

  it('answers null when neither names one', () => {
    expect(endCustomerOf(null, evaluateRule(portalRule, facts()))).toBeNull();
  });
});

describe('endCustomerKey', () => {
  it('compares names regardless of case, accents and spacing', () => {
    expect(endCustomerKey('  Lumière  Conseil S.A. ')).toBe('lumiere-conseil-s-a');
    expect(endCustomerKey('LUMIERE conseil s a')).toBe('lumiere-conseil-s-a');
  });
});

describe('routingComment', () => {
  const values = { team: 'Implementation', endCustomer: 'Fabrikam Metal', assignee: 'Dana Delivery' };

  it('fills the placeholders in the partner’s language', () => {
    expect(routingComment(SEED_ROUTING_COMMENT, 'en-US', values)).toBe(
      'Thank you for your request for implementation services for Fabrikam Metal. The Implementation team has it, and Dana Delivery will get back to you with an estimate.',
    );
    expect(routingComment(SEED_ROUTING_COMMENT, 'fr-FR', values)).toBe(
      'Merci pour votre demande de services d’implémentation pour Fabrikam Metal. L’équipe Implementation la prend en charge et Dana Delivery reviendra vers vous avec une estimation.',
    );
  });

  it('says so in the partner’s language when no end customer is known', () => {
    const text = { 'en-US': 'For {endCustomer}.', 'fr-FR': 'Pour {endCustomer}.' };
    expect(routingComment(text, 'en-US', { ...values, endCustomer: null })).toBe('For not given.');
    expect(routingComment(text, 'fr-FR', { ...values, endCustomer: null })).toBe('Pour non précisé.');
  });

  it('fills every occurrence, and keeps names as typed (no `$` replacement patterns, no second pass)', () => {
    const text = { 'en-US': '{team}/{team} for {endCustomer}, {assignee}', 'fr-FR': '-' };
    expect(routingComment(text, 'en-US', { team: 'A$&B', endCustomer: "Smith $' Sons {assignee}", assignee: '$1' })).toBe("A$&B/A$&B for Smith $' Sons {assignee}, $1");
  });

  it('leaves unknown braces alone', () => {
    expect(routingComment({ 'en-US': 'Hello {partner}', 'fr-FR': '-' }, 'en-US', values)).toBe('Hello {partner}');
  });
});

describe('fieldTexts', () => {
  it.each([
    ['nothing', null, []],
    ['an unset field', undefined, []],
    ['a blank text', '  ', []],
    ['a text', 'Contoso Foods', ['Contoso Foods']],
    ['a number', 12.5, ['12.5']],
    ['a select option', { self: 'x', id: '10020', value: 'Implementation Issue' }, ['Implementation Issue']],
    ['a multi-select', [{ id: '1', value: 'Q&A sessions' }, { id: '2', value: 'Refining' }], ['Q&A sessions', 'Refining']],
    ['a user', { accountId: '712020:abc', displayName: 'Dana' }, ['712020:abc']],
    ['a priority', { id: '3', name: 'Medium' }, ['Medium']],
    ['an object without a known text', { id: '3' }, []],
  ])('reads %s', (_what, value, texts) => {
    expect(fieldTexts(value)).toEqual(texts);
  });
});
