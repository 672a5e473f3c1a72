import type { EngagementPerson } from '../../../src/shared/engagement';
import type { ControlProps } from '../../common/field';

interface OwnerSelectProps {
  control: ControlProps;
  people: EngagementPerson[];
  value: string;
  onChange: (ownerId: string) => void;
  /** The first option, for "no owner". */
  noneLabel: string;
  /** The first field of an inline editor just opened: it takes the focus. */
  autoFocus?: boolean;
}

/**
 * Picks the owner of a duty or a document among the people named on the engagement. An owner who has since left
 * the engagement stays selectable (shown by id), so saving another field never clears them silently.
 */
export function OwnerSelect({ control, people, value, onChange, noneLabel, autoFocus }: OwnerSelectProps) {
  return (
    <select {...control} className="ed-select" value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus}>
      <option value="">{noneLabel}</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
      {value !== '' && !people.some((p) => p.id === value) ? <option value={value}>{value}</option> : null}
    </select>
  );
}
