import type { AccountRef, ChangeRequest, Escalation } from '../shared/engagement';
import type { SupportedLocale } from '../shared/locales';

/**
 * What the app tells people through Jira comments, as plain structure (text, bold text, mentions) that src/jira
 * turns into Atlassian Document Format. Written in the site's language. Who reads them:
 * - an escalation: an INTERNAL comment (agents only) that mentions the account manager or head of sales, so Jira
 *   notifies them;
 * - a proposed change: a PUBLIC comment that mentions the client's Engagement Sponsor and asks them to approve or
 *   reject it on the portal.
 */
export type NoticePart = { text: string } | { strong: string } | { mention: AccountRef };
export type NoticeText = NoticePart[][];

const CATEGORY: Record<SupportedLocale, Record<Escalation['category'], string>> = {
  'en-US': { risk: 'Risk', issue: 'Issue', deviation: 'Deviation from the methodology' },
  'fr-FR': { risk: 'Risque', issue: 'Problème', deviation: 'Écart par rapport à la méthodologie' },
};

const CHANGE: Record<SupportedLocale, Record<ChangeRequest['category'], string>> = {
  'en-US': { services: 'services', schedule: 'schedule', budget: 'budget' },
  'fr-FR': { services: 'services', schedule: 'calendrier', budget: 'budget' },
};

function mentions(people: readonly AccountRef[]): NoticePart[] {
  return people.flatMap((person, i) => [...(i > 0 ? [{ text: ', ' }] : []), { mention: person }]);
}

function hours(delta: number, locale: SupportedLocale): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'always' }).format(delta)} h`;
}

export function escalationNotice(escalation: Escalation, raisedByRoleName: string, locale: SupportedLocale): NoticeText {
  const category = CATEGORY[locale][escalation.category];
  const lines: NoticeText =
    locale === 'fr-FR'
      ? [
          [...mentions(escalation.recipients), { text: ' : escalade de ' }, { strong: raisedByRoleName }, { text: ` — ${category.toLowerCase()}.` }],
          [{ strong: escalation.title }],
        ]
      : [
          [...mentions(escalation.recipients), { text: ': escalation from the ' }, { strong: raisedByRoleName }, { text: ` — ${category.toLowerCase()}.` }],
          [{ strong: escalation.title }],
        ];
  if (escalation.description) lines.push([{ text: escalation.description }]);
  lines.push([
    {
      text:
        locale === 'fr-FR'
          ? 'Merci d’en accuser réception puis de la clore dans le panneau Engagement de ce ticket.'
          : 'Please acknowledge it, and close it once resolved, in the Engagement panel of this issue.',
    },
  ]);
  return lines;
}

export function changeNotice(change: ChangeRequest, sponsors: readonly AccountRef[], locale: SupportedLocale): NoticeText {
  const kind = CHANGE[locale][change.category];
  const lines: NoticeText =
    locale === 'fr-FR'
      ? [[...mentions(sponsors), { text: ` : une modification (${kind}) attend votre décision.` }], [{ strong: change.summary }]]
      : [[...mentions(sponsors), { text: `: a change to the ${kind} needs your decision.` }], [{ strong: change.summary }]];
  if (change.reason) lines.push([{ text: change.reason }]);
  if (change.soldHoursDelta !== null) {
    lines.push([{ text: locale === 'fr-FR' ? `Heures vendues : ${hours(change.soldHoursDelta, locale)}` : `Sold hours: ${hours(change.soldHoursDelta, locale)}` }]);
  }
  if (change.newDueDate !== null) {
    lines.push([{ text: locale === 'fr-FR' ? `Nouvelle échéance : ${change.newDueDate}` : `New due date: ${change.newDueDate}` }]);
  }
  lines.push([
    {
      text:
        locale === 'fr-FR'
          ? 'En tant que commanditaire de l’engagement, approuvez-la ou refusez-la sur le portail, dans la section Engagement de cette demande.'
          : 'As the Engagement Sponsor, approve or reject it on the portal, in the Engagement section of this request.',
    },
  ]);
  return lines;
}
