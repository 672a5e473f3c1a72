import { requirePermissions } from '../../jira/permissions';
import { removeTeam, saveRules } from '../../storage/delivery-setup-repository';
import { clearHold } from '../../storage/hold-repository';
import type { CallContext, Handlers } from '../define-surface';
import { deliveryView, saveCheckedTeam, setHoldOn, toSetup } from './delivery-setup-service';
import { testRule } from './rule-test';

/**
 * The admin page's delivery set-up (issue 6): routing rules, delivery teams, finance holds, "Test this rule". Jira
 * administrators only, checked as the user (ADMINISTER) before anything is read or written.
 */
function adminOnly<I, A>(handler: (input: I, context: CallContext) => Promise<A>): (input: I, context: CallContext) => Promise<A> {
  return async (input, context) => {
    await requirePermissions({}, ['ADMINISTER'], 'Only Jira administrators can see or change routing rules, delivery teams and finance holds.');
    return handler(input, context);
  };
}

export const deliveryAdminHandlers: Pick<Handlers<'admin'>, 'delivery/get' | 'rules/save' | 'rule/test' | 'team/save' | 'team/remove' | 'hold/set' | 'hold/clear'> = {
  'delivery/get': adminOnly(() => deliveryView()),
  'rules/save': adminOnly(async (input, context) => toSetup(await saveRules(input.rules, input.expectedVersion, context.accountId))),
  'rule/test': adminOnly((input) => testRule(input)),
  'team/save': adminOnly((input, context) => saveCheckedTeam(input, context.accountId)),
  'team/remove': adminOnly(async (input, context) => toSetup(await removeTeam(input.id, input.expectedVersion, context.accountId))),
  'hold/set': adminOnly((input, context) => setHoldOn(input, context.accountId)),
  'hold/clear': adminOnly((input, context) => clearHold(input.organizationId, context.accountId)),
};
