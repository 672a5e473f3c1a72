import path from 'node:path';
import fs from 'node:fs';

/**
 * Atlassian's OpenAPI specs live outside the project (../shared/contracts). CONTRACTS_DIR points elsewhere for
 * anyone running the tests from another layout.
 */
export function contractsDir(): string {
  const dir = process.env.CONTRACTS_DIR ?? path.resolve(__dirname, '../../../shared/contracts');
  if (!fs.existsSync(path.join(dir, 'jira-platform-v3.openapi.json'))) {
    throw new Error(`Atlassian OpenAPI specs not found in ${dir}: set CONTRACTS_DIR to the folder that holds them.`);
  }
  return dir;
}

export const jiraSpecPath = (): string => path.join(contractsDir(), 'jira-platform-v3.openapi.json');
export const jsmSpecPath = (): string => path.join(contractsDir(), 'jira-servicedesk.openapi.json');
