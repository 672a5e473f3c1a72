import api, { route } from '@forge/api';
import { doc, mention, paragraph, text } from '@atlaskit/adf-utils/builders';
import { jiraFailureWithDetail } from './jira-failure';

/**
 * The one edit that routes a request (DESIGN budget: "one edit that sets assignee, fields, labels and the comment").
 * Jira's edit takes `update.comment` (the public reply to the partner) and `properties` (the app's routing marker)
 * in the same call, so the assignment, the labels, the end customer, the reply and the marker land together or not
 * at all: a retry that finds the marker knows the edit happened and does not comment twice.
 */
export const ROUTING_PROPERTY = 'engagement-desk.routing';

export interface RoutingEdit {
  issueId: string;
  assigneeAccountId: string;
  labels: string[];
  /** Set the "End Customer" field (read from the summary) when it was empty. */
  endCustomer: { fieldId: string; value: string } | null;
  /** The reply, with `{assignee}` standing for a mention of the assignee. */
  comment: string;
  marker: { ruleId: string; teamId: string; token: string; at: string };
}

/** Plain text with `{assignee}` → an ADF document whose mention notifies the assignee; one paragraph per line. */
export function commentDocument(comment: string, assigneeAccountId: string) {
  const lines = comment.split(/\r?\n/).filter((line) => line.trim() !== '');
  return doc(
    ...lines.map((line) => {
      const parts = line.split('{assignee}');
      const nodes = parts.flatMap((part, i) => [
        ...(part ? [text(part)] : []),
        ...(i < parts.length - 1 ? [mention({ id: assigneeAccountId, text: '' })] : []),
      ]);
      return paragraph(...(nodes.length > 0 ? nodes : [text(' ')]));
    }),
  );
}

export async function routeIssue(edit: RoutingEdit): Promise<void> {
  const body = {
    fields: {
      assignee: { accountId: edit.assigneeAccountId },
      ...(edit.endCustomer ? { [edit.endCustomer.fieldId]: edit.endCustomer.value } : {}),
    },
    update: {
      labels: edit.labels.map((label) => ({ add: label })),
      // No `sd.public.comment` property: on a service project the reply is public, so the partner sees it.
      comment: [{ add: { body: commentDocument(edit.comment, edit.assigneeAccountId) } }],
    },
    properties: [{ key: ROUTING_PROPERTY, value: edit.marker }],
  };
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${edit.issueId}`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await jiraFailureWithDetail(response, 'route the request');
}
