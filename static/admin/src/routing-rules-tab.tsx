import { useEffect, useRef, useState } from 'react';
import type { DeliverySetup, RoutingRule } from '../../../src/shared/delivery';
import type { AppErrorBody } from '../../../src/shared/errors';
import { EmptyState } from '../../common/empty-state';
import { ErrorMessage } from '../../common/error-message';
import { useI18n, type Translate } from '../../common/i18n';
import { call } from '../../common/invoke';
import { Loading } from '../../common/loading';
import { SuccessMessage } from '../../common/page';
import { useLoad } from '../../common/use-load';
import { ActionError } from './admin-common';
import { loadRuleLists, useDelivery, type DeliveryData, type RuleLists } from './delivery-common';
import { RuleForm, type RuleFormMode } from './rule-form';

/**
 * Routing rules: an ordered list (the first rule that is on and matches routes the request), each edited in a form
 * with "Test this rule". Every change — add, edit, remove, move — saves the whole list at the version the page read;
 * someone else's save in between is a CONFLICT with Reload, and the open form keeps what was typed.
 */
export default function RoutingRulesTab() {
  const load = useDelivery();
  const lists = useLoad(loadRuleLists);
  // While a reload after a conflict runs, the page keeps showing what it had (and the open form its draft).
  const last = useRef<DeliveryData | null>(null);
  if (load.state.status === 'ready') last.current = load.state.data;
  if (load.state.status === 'error') return <ActionError error={load.state.error} onReload={load.reload} />;
  if (lists.state.status === 'error') return <ErrorMessage error={lists.state.error} onRetry={lists.reload} />;
  if (!last.current || lists.state.status !== 'ready') return <Loading />;
  return <RulesEditor setup={last.current.setup} lists={lists.state.data} busy={load.state.status === 'loading'} onSaved={(setup) => load.update((d) => ({ ...d, setup }))} onReload={load.reload} />;
}

interface RulesEditorProps {
  setup: DeliverySetup;
  lists: RuleLists;
  busy: boolean;
  onSaved: (setup: DeliverySetup) => void;
  onReload: () => void;
}

function RulesEditor({ setup, lists, busy, onSaved, onReload }: RulesEditorProps) {
  const { t } = useI18n();
  const [form, setForm] = useState<RuleFormMode | null>(null);
  const [failure, setFailure] = useState<AppErrorBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const rules = setup.rules;

  useEffect(() => setFailure((f) => (f?.code === 'CONFLICT' ? null : f)), [setup.version]);
  useEffect(() => {
    if (!focusAfter) return;
    document.getElementById(focusAfter)?.focus();
    setFocusAfter(null);
  }, [focusAfter, setup.version]);

  /** Saves the list at the version shown; answers the error for a form to show beside its fields. */
  const save = async (next: RoutingRule[]): Promise<AppErrorBody | null> => {
    setSaving(true);
    setNotice(null);
    const answer = await call('admin', 'rules/save', { rules: next, expectedVersion: setup.version });
    setSaving(false);
    if (!answer.ok) return answer.error;
    onSaved(answer.body);
    setNotice(t('routingAdmin.rules.saved'));
    return null;
  };

  const listAction = async (next: RoutingRule[], focus: string | null) => {
    if (saving) return;
    setFailure(null);
    const error = await save(next);
    if (error) setFailure(error);
    else setFocusAfter(focus);
  };

  const move = (index: number, step: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + step, 0, rule!);
    const target = index + step;
    // Keep the focus on the moved rule's button; at either end that button is disabled, so the other one takes it.
    const direction = step < 0 ? (target === 0 ? 'down' : 'up') : target === next.length - 1 ? 'up' : 'down';
    void listAction(next, `rule-${rule!.id}-${direction}`);
  };

  const teamName = (id: string) => setup.teams.find((team) => team.id === id)?.name ?? null;

  return (
    <section aria-labelledby="rules-heading" className="ed-section" aria-busy={busy || saving || undefined}>
      <h2 id="rules-heading" tabIndex={-1}>
        {t('routingAdmin.rules.heading')}
      </h2>
      <p>{t('routingAdmin.rules.intro')}</p>
      {setup.teams.length === 0 ? <p className="ed-note">{t('routingAdmin.rules.noTeam')}</p> : null}
      {failure ? <ActionError error={failure} onReload={onReload} /> : null}
      {notice && !form ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {rules.length === 0 ? (
        <EmptyState title={t('routingAdmin.rules.emptyTitle')} description={t('routingAdmin.rules.emptyText')} headingLevel={3} />
      ) : (
        <ol className="ed-list" aria-label={t('routingAdmin.rules.listLabel')}>
          {rules.map((rule, index) => (
            <li key={rule.id} className="ed-card">
              <h3>
                {index + 1}. {rule.name} {rule.enabled ? null : <span className="ed-subtle">{t('routingAdmin.rules.off')}</span>}
              </h3>
              <ul className="ed-notes">
                {describeConditions(t, rule, lists).map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
              <p>{t('routingAdmin.rules.routesTo', { team: teamName(rule.teamId) ?? t('routingAdmin.rules.unknownTeam') })}</p>
              {removing === rule.id ? (
                <div className="ed-actions" role="group" aria-labelledby={`rule-${rule.id}-remove-question`}>
                  <p id={`rule-${rule.id}-remove-question`}>{t('routingAdmin.rules.confirmRemove', { name: rule.name })}</p>
                  <button type="button" className="ed-button ed-button--primary" disabled={saving} onClick={() => void listAction(rules.filter((r) => r.id !== rule.id), 'rules-heading').then(() => setRemoving(null))}>
                    {t('routingAdmin.rules.remove')}
                  </button>
                  <button type="button" className="ed-button" onClick={() => setRemoving(null)}>
                    {t('routingAdmin.common.keep')}
                  </button>
                </div>
              ) : (
                <div className="ed-actions">
                  <button id={`rule-${rule.id}-up`} type="button" className="ed-button" disabled={index === 0 || saving} onClick={() => move(index, -1)} aria-label={t('routingAdmin.rules.moveUpNamed', { name: rule.name })}>
                    {t('routingAdmin.rules.moveUp')}
                  </button>
                  <button id={`rule-${rule.id}-down`} type="button" className="ed-button" disabled={index === rules.length - 1 || saving} onClick={() => move(index, 1)} aria-label={t('routingAdmin.rules.moveDownNamed', { name: rule.name })}>
                    {t('routingAdmin.rules.moveDown')}
                  </button>
                  <button type="button" className="ed-button" onClick={() => setForm({ kind: 'edit', rule })} aria-label={t('routingAdmin.common.editNamed', { name: rule.name })}>
                    {t('routingAdmin.common.edit')}
                  </button>
                  <button type="button" className="ed-button" onClick={() => setRemoving(rule.id)} aria-label={t('routingAdmin.common.removeNamed', { name: rule.name })}>
                    {t('routingAdmin.rules.remove')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {form ? null : (
        <div className="ed-actions">
          <button type="button" className="ed-button ed-button--primary" disabled={setup.teams.length === 0} onClick={() => setForm({ kind: 'new' })}>
            {t('routingAdmin.rules.add')}
          </button>
          <button type="button" className="ed-button" disabled={setup.teams.length === 0} onClick={() => setForm({ kind: 'seed' })}>
            {t('routingAdmin.rules.addSeed')}
          </button>
        </div>
      )}
      {form ? (
        <RuleForm
          key={form.kind === 'edit' ? form.rule.id : form.kind}
          mode={form}
          rules={rules}
          teams={setup.teams}
          lists={lists}
          save={save}
          onReload={onReload}
          onClose={(saved) => {
            setForm(null);
            if (saved) setFocusAfter('rules-heading');
          }}
        />
      ) : null}
    </section>
  );
}

/** Each condition of a rule as a person reads it, with Jira's names for the ids. */
export function describeConditions(t: Translate, rule: RoutingRule, lists: RuleLists): string[] {
  const c = rule.conditions;
  const names = (ids: string[], from: { id: string; name: string }[]) => ids.map((id) => from.find((x) => x.id === id)?.name ?? id).join(', ');
  const texts = [
    ...(c.issueTypeIds.length ? [t('routingAdmin.rules.cond.issueTypes', { values: names(c.issueTypeIds, lists.issueTypes) })] : []),
    ...(c.requestTypeIds.length ? [t('routingAdmin.rules.cond.requestTypes', { values: names(c.requestTypeIds, lists.requestTypes) })] : []),
    ...c.fields.map((f) => t('routingAdmin.rules.cond.field', { field: lists.fields.find((x) => x.id === f.fieldId)?.name ?? f.fieldId, value: f.equals })),
    ...(c.summaryPattern ? [t('routingAdmin.rules.cond.summary', { pattern: c.summaryPattern })] : []),
    ...(c.organizationIds.length ? [t('routingAdmin.rules.cond.organizations', { values: names(c.organizationIds, lists.organizations) })] : []),
  ];
  return texts.length > 0 ? texts : [t('routingAdmin.rules.cond.none')];
}
