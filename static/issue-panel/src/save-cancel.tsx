import { useI18n } from '../../common/i18n';

/** The Save / Cancel pair of the panel's inline edit forms: both disabled while saving, Save marked busy. */
export function SaveCancel({ saving, saveLabel, onCancel }: { saving: boolean; saveLabel: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="ed-actions">
      <button type="submit" className="ed-button ed-button--primary" disabled={saving} aria-busy={saving || undefined}>
        {saving ? t('common.saving') : saveLabel}
      </button>
      <button type="button" className="ed-button" onClick={onCancel} disabled={saving}>
        {t('engagementPanel.cancel')}
      </button>
    </div>
  );
}
