import { useEffect, useState, type FormEvent } from 'react';
import {
  MAX_LABELS,
  routingRuleSchema,
  SEED_INQUIRY_FIELD_NAME,
  SEED_INQUIRY_VALUE,
  SEED_ISSUE_TYPE_NAME,
  SEED_ROUTING_COMMENT,
  SEED_SUMMARY_PATTERN,
  type DeliveryTeam,
  type RoutingRule,
} from '../../../src/shared/delivery';
import type { AppErrorBody } from '../../../src/shared/errors';
import { allIssuesBeside } from '../../common/error-message';
import { Field } from '../../common/field';
import { useI18n, type Translate } from '../../common/i18n';
import { ActionError } from './admin-common';
import { newRuleId, problemAt, problemsOfServer, problemsOfZod, splitList, type Named, type Problem, type RuleLists } from './delivery-common';
import { RuleTestSection } from './rule-test-section';

export type RuleFormMode = { kind: 'new' } | { kind: 'seed' } | { kind: 'edit'; rule: RoutingRule };

interface FieldRow {
  key: number;
  fieldId: string;
  equals: string;
}

interface RuleDraft {
  name: string;
  enabled: boolean;
  issueTypeIds: string[];
  requestTypeIds: string[];
  organizationIds: string[];
  fields: FieldRow[];
  summaryPattern: string;
  teamId: string;
  labels: string;
  requiredSkills: string;
  comment: { 'en-US': string; 'fr-FR': string };
}

let rowKeys = 0;
const row = (fieldId = '', equals = ''): FieldRow => ({ key: ++rowKeys, fieldId, equals });

function draftOf(rule: RoutingRule): RuleDraft {
  const c = rule.conditions;
  return {
    name: rule.name,
    enabled: rule.enabled,
    issueTypeIds: c.issueTypeIds,
    requestTypeIds: c.requestTypeIds,
    organizationIds: c.organizationIds,
    fields: c.fields.map((f) => row(f.fieldId, f.equals)),
    summaryPattern: c.summaryPattern ?? '',
    teamId: rule.teamId,
    labels: rule.labels.join(' '),
    requiredSkills: rule.requiredSkills.join(', '),
    comment: rule.comment,
  };
}

/** A new rule's form: the only team when there is one; the seed-004 rule found by the names the article uses. */
function initialDraft(t: Translate, mode: RuleFormMode, teams: DeliveryTeam[], lists: RuleLists): RuleDraft {
  if (mode.kind === 'edit') return draftOf(mode.rule);
  const blank: RuleDraft = {
    name: '',
    enabled: true,
    issueTypeIds: [],
    requestTypeIds: [],
    organizationIds: [],
    fields: [],
    summaryPattern: '',
    teamId: teams.length === 1 ? teams[0]!.id : '',
    labels: '',
    requiredSkills: '',
    comment: { 'en-US': '', 'fr-FR': '' },
  };
  if (mode.kind === 'new') return blank;
  const byName = (list: Named[], name: string) => list.find((x) => x.name.toLocaleLowerCase() === name.toLocaleLowerCase())?.id;
  const issueType = byName(lists.issueTypes, SEED_ISSUE_TYPE_NAME);
  const inquiry = byName(lists.fields, SEED_INQUIRY_FIELD_NAME);
  return {
    ...blank,
    name: t('routingAdmin.seed.portalName'),
    issueTypeIds: issueType ? [issueType] : [],
    fields: [row(inquiry ?? '', SEED_INQUIRY_VALUE)],
    labels: 'implementation-services',
    comment: SEED_ROUTING_COMMENT,
  };
}

/** The rule the draft stands for, checked with the resolver's own schema (the problems are worded beside fields). */
function candidate(draft: RuleDraft, id: string) {
  return routingRuleSchema.safeParse({
    id,
    name: draft.name,
    enabled: draft.enabled,
    conditions: {
      issueTypeIds: draft.issueTypeIds,
      requestTypeIds: draft.requestTypeIds,
      fields: draft.fields.map((f) => ({ fieldId: f.fieldId, equals: f.equals })),
      summaryPattern: draft.summaryPattern.trim() === '' ? null : draft.summaryPattern.trim(),
      organizationIds: draft.organizationIds,
    },
    teamId: draft.teamId,
    labels: splitList(draft.labels, /[\s,]+/),
    requiredSkills: splitList(draft.requiredSkills),
    comment: draft.comment,
  });
}

interface RuleFormProps {
  mode: RuleFormMode;
  /** The saved list the form's rule goes into (replacing itself when edited). */
  rules: RoutingRule[];
  teams: DeliveryTeam[];
  lists: RuleLists;
  save: (rules: RoutingRule[]) => Promise<AppErrorBody | null>;
  onReload: () => void;
  onClose: (saved: boolean) => void;
}

export function RuleForm({ mode, rules, teams, lists, save, onReload, onClose }: RuleFormProps) {
  const { t } = useI18n();
  const [id] = useState(() => (mode.kind === 'edit' ? mode.rule.id : newRuleId()));
  const [draft, setDraft] = useState<RuleDraft>(() => initialDraft(t, mode, teams, lists));
  const [alsoSummary, setAlsoSummary] = useState(true);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: AppErrorBody; index: number } | null>(null);
  const change = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  // A reload after a conflict brings the newer list: the conflict is over, and the draft is kept for saving again.
  useEffect(() => setFailure((f) => (f?.error.code === 'CONFLICT' ? null : f)), [rules]);

  const parsed = candidate(draft, id);
  const problems: Problem[] = [...(attempted && !parsed.success ? problemsOfZod(parsed.error) : []), ...(failure ? problemsOfServer(failure.error, `rules.${failure.index}.`) : [])];
  const at = (path: string) => problemAt(t, problems, path);
  const headingId = `rule-form-heading`;

  /** Checks the draft; on a problem, focuses the first field that has one. */
  const check = (): RoutingRule | null => {
    setAttempted(true);
    if (parsed.success) return parsed.data;
    const first = problemsOfZod(parsed.error)[0]?.path ?? '';
    document.getElementById(fieldIdOf(first))?.focus();
    return null;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    const rule = check();
    if (!rule) return;
    const index = rules.findIndex((r) => r.id === rule.id);
    const extra: RoutingRule[] =
      mode.kind === 'seed' && alsoSummary
        ? [{ ...rule, id: newRuleId(), name: t('routingAdmin.seed.summaryName'), conditions: { issueTypeIds: [], requestTypeIds: [], fields: [], summaryPattern: SEED_SUMMARY_PATTERN, organizationIds: [] } }]
        : [];
    const next = index >= 0 ? rules.map((r) => (r.id === rule.id ? rule : r)) : [...rules, rule, ...extra];
    setSaving(true);
    setFailure(null);
    const error = await save(next);
    setSaving(false);
    if (error) setFailure({ error, index: index >= 0 ? index : rules.length });
    else onClose(true);
  };

  const paths = ['name', 'teamId', 'labels', 'requiredSkills', 'comment', 'conditions'];
  const alert = failure && !allIssuesBeside(failure.error, paths) ? failure.error : null;
  const heading = mode.kind === 'edit' ? t('routingAdmin.form.headingEdit', { name: mode.rule.name }) : mode.kind === 'seed' ? t('routingAdmin.form.headingSeed') : t('routingAdmin.form.headingNew');

  return (
    <form className="ed-wide-form ed-card" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {mode.kind === 'seed' ? <p>{t('routingAdmin.form.seedIntro')}</p> : null}
      {alert ? <ActionError error={alert} onReload={onReload} /> : null}
      <Field id="rule-name" label={t('routingAdmin.form.name')} required error={at('name')}>
        {(c) => <input {...c} className="ed-input" value={draft.name} onChange={(e) => change({ name: e.target.value })} />}
      </Field>
      <label className="ed-choice">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
        {t('routingAdmin.form.enabled')}
      </label>

      <fieldset className="ed-fieldset">
        <legend className="ed-legend">{t('routingAdmin.form.conditions')}</legend>
        <Checks legend={t('routingAdmin.form.issueTypes')} name="rule-issue-types" options={lists.issueTypes} chosen={draft.issueTypeIds} onChange={(issueTypeIds) => change({ issueTypeIds })} />
        <Checks legend={t('routingAdmin.form.requestTypes')} name="rule-request-types" options={lists.requestTypes} chosen={draft.requestTypeIds} onChange={(requestTypeIds) => change({ requestTypeIds })} />
        <fieldset className="ed-fieldset">
          <legend>{t('routingAdmin.form.fields')}</legend>
          <p className="ed-hint">{t('routingAdmin.form.fieldHint')}</p>
          {draft.fields.map((f, i) => (
            <div key={f.key} className="ed-row" role="group" aria-label={t('routingAdmin.form.fieldRow', { n: i + 1 })}>
              <Field id={`rule-field-${i}`} label={t('routingAdmin.form.fieldPick')} required error={at(`conditions.fields.${i}.fieldId`)}>
                {(c) => (
                  <select {...c} className="ed-select" value={f.fieldId} onChange={(e) => change({ fields: draft.fields.map((x) => (x.key === f.key ? { ...x, fieldId: e.target.value } : x)) })}>
                    <option value="">{t('routingAdmin.form.chooseField')}</option>
                    {lists.fields.map((field) => (
                      <option key={field.id} value={field.id}>
                        {field.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id={`rule-field-${i}-equals`} label={t('routingAdmin.form.fieldEquals')} required error={at(`conditions.fields.${i}.equals`)}>
                {(c) => <input {...c} className="ed-input" value={f.equals} onChange={(e) => change({ fields: draft.fields.map((x) => (x.key === f.key ? { ...x, equals: e.target.value } : x)) })} />}
              </Field>
              <button type="button" className="ed-button" onClick={() => change({ fields: draft.fields.filter((x) => x.key !== f.key) })} aria-label={t('routingAdmin.form.removeFieldNamed', { n: i + 1 })}>
                {t('routingAdmin.form.removeField')}
              </button>
            </div>
          ))}
          <div className="ed-actions">
            <button type="button" className="ed-button" onClick={() => change({ fields: [...draft.fields, row()] })}>
              {t('routingAdmin.form.addField')}
            </button>
          </div>
        </fieldset>
        <Field id="rule-pattern" label={t('routingAdmin.form.pattern')} hint={t('routingAdmin.form.patternHint')} error={at('conditions.summaryPattern')}>
          {(c) => <input {...c} className="ed-input" spellCheck={false} value={draft.summaryPattern} onChange={(e) => change({ summaryPattern: e.target.value })} />}
        </Field>
        <Checks legend={t('routingAdmin.form.organizations')} name="rule-organizations" options={lists.organizations} chosen={draft.organizationIds} onChange={(organizationIds) => change({ organizationIds })} />
      </fieldset>

      <Field id="rule-team" label={t('routingAdmin.form.team')} required error={at('teamId')}>
        {(c) => (
          <select {...c} className="ed-select" value={draft.teamId} onChange={(e) => change({ teamId: e.target.value })}>
            <option value="">{t('routingAdmin.form.chooseTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="rule-labels" label={t('routingAdmin.form.labels')} hint={t('routingAdmin.form.labelsHint', { max: MAX_LABELS })} error={at('labels')}>
        {(c) => <input {...c} className="ed-input" spellCheck={false} value={draft.labels} onChange={(e) => change({ labels: e.target.value })} />}
      </Field>
      <Field id="rule-skills" label={t('routingAdmin.form.skills')} hint={t('routingAdmin.form.skillsHint')} error={at('requiredSkills')}>
        {(c) => <input {...c} className="ed-input" value={draft.requiredSkills} onChange={(e) => change({ requiredSkills: e.target.value })} />}
      </Field>
      <p className="ed-hint" id="rule-comment-hint">
        {t('routingAdmin.form.commentHint')}
      </p>
      <Field id="rule-comment-en" label={t('routingAdmin.form.commentEn')} required error={at('comment.en-US')}>
        {(c) => (
          <textarea
            {...c}
            aria-describedby={[c['aria-describedby'], 'rule-comment-hint'].filter(Boolean).join(' ')}
            lang="en"
            className="ed-input"
            rows={3}
            value={draft.comment['en-US']}
            onChange={(e) => change({ comment: { ...draft.comment, 'en-US': e.target.value } })}
          />
        )}
      </Field>
      <Field id="rule-comment-fr" label={t('routingAdmin.form.commentFr')} required error={at('comment.fr-FR')}>
        {(c) => (
          <textarea
            {...c}
            aria-describedby={[c['aria-describedby'], 'rule-comment-hint'].filter(Boolean).join(' ')}
            lang="fr"
            className="ed-input"
            rows={3}
            value={draft.comment['fr-FR']}
            onChange={(e) => change({ comment: { ...draft.comment, 'fr-FR': e.target.value } })}
          />
        )}
      </Field>
      {mode.kind === 'seed' ? (
        <label className="ed-choice">
          <input type="checkbox" checked={alsoSummary} onChange={(e) => setAlsoSummary(e.target.checked)} />
          {t('routingAdmin.form.alsoSummary')}
        </label>
      ) : null}
      <div className="ed-actions">
        <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
          {saving ? t('common.saving') : mode.kind === 'seed' && alsoSummary ? t('routingAdmin.form.saveSeed') : t('routingAdmin.form.save')}
        </button>
        <button type="button" className="ed-button" onClick={() => onClose(false)}>
          {t('routingAdmin.common.cancel')}
        </button>
      </div>
      <RuleTestSection lists={lists} enabled={draft.enabled} check={check} />
    </form>
  );
}

/** The id of the control a problem's path belongs to, to move the focus there. */
function fieldIdOf(path: string): string {
  const field = /^conditions\.fields\.(\d+)\.(fieldId|equals)/.exec(path);
  if (field) return field[2] === 'fieldId' ? `rule-field-${field[1]}` : `rule-field-${field[1]}-equals`;
  if (path.startsWith('conditions.summaryPattern')) return 'rule-pattern';
  if (path.startsWith('comment.fr-FR')) return 'rule-comment-fr';
  if (path.startsWith('comment')) return 'rule-comment-en';
  const top: Record<string, string> = { name: 'rule-name', teamId: 'rule-team', labels: 'rule-labels', requiredSkills: 'rule-skills' };
  return top[path.split('.')[0] ?? ''] ?? 'rule-name';
}

function Checks({ legend, name, options, chosen, onChange }: { legend: string; name: string; options: Named[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="ed-fieldset">
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="ed-subtle">{t('routingAdmin.form.noOptions')}</p> : null}
      <div className="ed-checks">
        {options.map((option) => (
          <label key={option.id} className="ed-choice">
            <input
              type="checkbox"
              name={name}
              value={option.id}
              checked={chosen.includes(option.id)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option.id] : chosen.filter((x) => x !== option.id))}
            />
            {option.name}
          </label>
        ))}
        {/* An id saved earlier that Jira no longer lists stays visible, so that saving does not drop it unseen. */}
        {chosen
          .filter((id) => !options.some((o) => o.id === id))
          .map((id) => (
            <label key={id} className="ed-choice">
              <input type="checkbox" name={name} value={id} checked onChange={() => onChange(chosen.filter((x) => x !== id))} />
              {t('routingAdmin.form.unknownOption', { id })}
            </label>
          ))}
      </div>
    </fieldset>
  );
}
