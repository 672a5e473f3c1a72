import { useState } from 'react';
import { Field } from '../../common/field';
import { useI18n } from '../../common/i18n';
import { rememberName, searchPeople, type Person } from './delivery-common';

/**
 * Finds people in Jira (as the admin: `GET /rest/api/3/user/search`) and offers each as a button. A search box and a
 * list of buttons rather than a combobox: it works the same with a keyboard, a screen reader and a mouse, and it
 * costs no component library up front.
 */
export function PersonPicker({ id, label, action, exclude = [], error, onPick }: { id: string; label: string; action: (name: string) => string; exclude?: string[]; error?: string | null; onPick: (person: Person) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failed, setFailed] = useState(false);

  const search = async () => {
    if (searching || query.trim() === '') return;
    setSearching(true);
    setFailed(false);
    const answer = await searchPeople(query.trim());
    setSearching(false);
    if (answer.ok) setFound(answer.body);
    else {
      setFound(null);
      setFailed(true);
    }
  };

  const shown = (found ?? []).filter((p) => !exclude.includes(p.accountId));
  return (
    <div className="ed-section">
      <div className="ed-row">
        <Field id={id} label={label} hint={t('routingAdmin.picker.hint')} error={error}>
          {(c) => (
            <input
              {...c}
              className="ed-input"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                // In a form, Enter searches rather than submitting the form.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void search();
                }
              }}
            />
          )}
        </Field>
        <button type="button" className="ed-button" disabled={searching} aria-busy={searching || undefined} onClick={() => void search()}>
          {searching ? t('routingAdmin.picker.searching') : t('routingAdmin.picker.search')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {failed ? <p className="ed-field-error">{t('routingAdmin.picker.failed')}</p> : null}
        {found && shown.length === 0 ? <p>{t('routingAdmin.picker.noneFound')}</p> : null}
      </div>
      {shown.length > 0 ? (
        <ul className="ed-list ed-checks" aria-label={t('routingAdmin.picker.results')}>
          {shown.map((person) => (
            <li key={person.accountId}>
              <button
                type="button"
                className="ed-button"
                onClick={() => {
                  rememberName(person);
                  onPick(person);
                  setFound(null);
                  setQuery('');
                }}
              >
                {action(person.displayName)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
