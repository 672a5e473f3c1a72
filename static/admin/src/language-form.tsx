import type { Viewer } from '../../../src/shared/viewer';
import { LanguageChoice } from '../../common/language-choice';
import { useI18n } from '../../common/i18n';
import { ActionError } from './admin-common';

interface LanguageFormProps {
  viewer: Viewer;
  onSaved: (viewer: Viewer) => void;
  /** After a CONFLICT (the choice was saved meanwhile in another tab): load the page again. */
  onReload: () => void;
}

/**
 * The administrator's own language for Engagement Desk. It is theirs only (the site language above is for messages to
 * people who set none); a conflict offers Reload, like every other save on the admin page.
 */
export function LanguageForm({ viewer, onSaved, onReload }: LanguageFormProps) {
  const { t } = useI18n();
  return (
    <LanguageChoice
      surface="admin"
      texts="admin.language"
      heading={{ id: 'language-heading', text: t('admin.language.heading') }}
      preferredLocale={viewer.preferredLocale}
      preferencesVersion={viewer.preferencesVersion}
      onSaved={(saved) => onSaved({ ...viewer, preferredLocale: saved.preferredLocale, preferencesVersion: saved.version })}
      renderError={(error) => <ActionError error={error} onReload={onReload} />}
    />
  );
}
