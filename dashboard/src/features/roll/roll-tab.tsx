import { Suspense, lazy, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type MeetingView } from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
import { ExclusionForm } from './exclusion-form';
import { MemberAdd } from './member-add';
import { MemberCorrection } from './member-correction';
import { RollDocuments } from './roll-documents';
import { RollUpload } from './roll-upload';

// The stroke order's data (cnchar, about 100 kB gzipped) is loaded when the tab is first opened, not with the chair's screen.
const RollTable = lazy(() => import('./roll-table').then((m) => ({ default: m.RollTable })));

/**
 * The chair's 名册 tab: the roll itself, in stroke order and searchable; a member added late; a row
 * corrected (its 更正 opens the correction form on that member); the CSV or Excel import; the sign-in sheet and
 * the check-in cards; exclusions.
 */
export function RollTab({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  // Each choice on the roll mounts the correction form afresh, with that member chosen.
  const [pick, setPick] = useState<{ memberId: string; n: number }>({ memberId: '', n: 0 });
  const correction = useRef<HTMLDivElement>(null);
  const mayCorrect = mayCommand(view.viewer.role, 'CorrectMember') && !view.closed && !view.rollFrozen;
  return (
    <div className="grid-wide">
      <Suspense
        fallback={
          <p className="card muted" role="status">
            {t('common.working')}
          </p>
        }
      >
        <RollTable
          view={view}
          onCorrect={
            mayCorrect
              ? (memberId) => {
                  setPick((p) => ({ memberId, n: p.n + 1 }));
                  correction.current?.scrollIntoView({ block: 'nearest' });
                }
              : undefined
          }
        />
      </Suspense>
      <div className="stack">
        <div ref={correction}>
          <MemberCorrection key={pick.n} view={view} api={api} initialMemberId={pick.memberId || undefined} />
        </div>
        <MemberAdd view={view} api={api} />
        <RollUpload api={api} disabled={view.closed} partyGroup={view.ruleset.name === 'party-group'} />
        <RollDocuments api={api} members={view.members?.length ?? 0} />
        <ExclusionForm view={view} api={api} />
      </div>
    </div>
  );
}
