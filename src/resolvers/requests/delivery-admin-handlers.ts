import type { Handlers } from '../define-surface';
import { pending } from './pending';

export const deliveryAdminHandlers: Pick<Handlers<'admin'>, 'delivery/get' | 'rules/save' | 'rule/test' | 'team/save' | 'team/remove' | 'hold/set' | 'hold/clear'> = {
  'delivery/get': pending,
  'rules/save': pending,
  'rule/test': pending,
  'team/save': pending,
  'team/remove': pending,
  'hold/set': pending,
  'hold/clear': pending,
};
