import type { HistoryPage } from '../../../src/shared/engagement';
import { DocumentsSection, GovernanceSection } from './governance-section';
import { HistorySection } from './history-section';
import { MeetingsSection, MilestonesSection } from './plan-section';

/** The sections below the fold, loaded after the panel's first paint (their own chunk). */
export default function MoreSections({ history }: { history: HistoryPage | undefined }) {
  return (
    <>
      <MilestonesSection />
      <MeetingsSection />
      <DocumentsSection />
      <GovernanceSection />
      <HistorySection initial={history} />
    </>
  );
}
