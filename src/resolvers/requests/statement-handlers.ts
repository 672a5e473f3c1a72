import type { Handlers } from '../define-surface';
import { listStatements, statementsCsv } from './statement-service';

/** Month-end statements on the project page: the month's list, and a partner's CSV. */
export const statementHandlers: Pick<Handlers<'project-page'>, 'statements/list' | 'statements/csv'> = {
  'statements/list': (input, context) => listStatements(input, context),
  'statements/csv': (input, context) => statementsCsv(input, context),
};
