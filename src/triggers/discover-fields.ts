import { findFieldIds } from '../jira/request-fields';
import { saveFieldIds } from '../storage/delivery-setup-repository';

/**
 * Finds the Jira fields routing reads (by name: "End Customer", "Request Type", "Organizations", …) on install and
 * upgrade and keeps their ids with the delivery set-up, so a routed event never spends a Jira read on it. A site
 * that renames a field later is found again on the next upgrade, or by the trigger itself when an id is missing.
 */
export async function discoverFieldIds(): Promise<void> {
  await saveFieldIds(await findFieldIds(), 'app');
}
