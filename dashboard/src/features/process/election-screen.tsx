import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElectionCommandInput, ElectionCommandType } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { LanguageSwitch } from '../../components/ui/language-switch';
import { officeLabel } from '../../components/meeting/office-label';
import { RefusalPeople } from '../../components/ui/refusal-text';
import { electionApi } from '../../lib/api-client';
import { useLiveElection } from '../../lib/live-election';
import { StatusLine } from '../../components/ui/status-line';
import { CandidateListPanel } from './candidate-list-panel';
import { ElectionContext, type ElectionContextValue } from './election-context';
import { MeetingsPanel } from './meetings-panel';
import { NomineesPanel } from './nominees-panel';
import { NoticePanel } from './notice-panel';
import { ProcessCard } from './process-card';
import { ReportsPanel } from './reports-panel';

export type ElectionScreenRole = 'chair' | 'observer' | 'approver';

export interface ElectionScreenProps {
  electionId: string;
  /** approver: the upper organisation's approver, opening /e/<id>/approver#t=<org token>. */
  role: ElectionScreenRole;
  token: string | null;
}

/** The 换届 as one process: the card on top, the pipeline below; the chair's forms, the observer's reading. */
export function ElectionScreen({ electionId, role, token }: ElectionScreenProps) {
  const { t } = useTranslation();
  const api = useMemo(() => (token ? electionApi(electionId, token) : null), [electionId, token]);
  // The view is live (election:update on every commit); an HTTP read after the chair's own command shows its
  // result at once, and a read every minute moves the process card on when the local day turns.
  const live = useLiveElection(electionId, token);
  const { reload: take } = live;
  const view = live.view;
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    if (!api) return;
    try {
      take(await api.view());
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [api, take]);
  useEffect(() => {
    if (!api) return;
    // The first view comes with the join.
    const timer = window.setInterval(() => void reload(), 60_000);
    return () => window.clearInterval(timer);
  }, [api, reload]);
  const ctx = useMemo<ElectionContextValue | null>(
    () =>
      view && api
        ? {
            view,
            chair: role === 'chair',
            approver: role === 'approver',
            send: async <T extends ElectionCommandType>(type: T, data: ElectionCommandInput<T>) => {
              await api.command(type, data);
              await reload();
            },
            cite: async (meetingId: string) => {
              await api.citeMeeting(meetingId);
              await reload();
            },
          }
        : null,
    [view, api, role, reload],
  );
  // A refusal on this screen names the nominee it is about (P-08's gaps carry the id and the step).
  const people = useMemo(() => new Map(view?.nominees.map((n) => [n.nomineeId, n.name]) ?? []), [view]);
  return (
    <main className="screen stack election-screen" id="main">
      <header className="spread meeting-header">
        <div>
          <h1>{view?.title ?? t('process.title')}</h1>
          <p className="meta" style={{ margin: 0 }}>
            {view
              ? `${view.organisation} · ${view.offices.map((o) => `${officeLabel(t, o.office)} ${t('contest.seatsN', { count: o.seats })}`).join(t('process.officeSeparator'))}`
              : ''}
            <span className="role-badge">{role === 'approver' ? t('process.approverRole') : t(`roles.${role}`)}</span>
          </p>
        </div>
        <div className="row">
          <StatusLine status={live.status} revision={view?.revision ?? -1} />
          <LanguageSwitch />
        </div>
      </header>
      {!token && <p className="notice notice-error">{t('errors.UNAUTHENTICATED')}</p>}
      <ErrorNotice error={error ?? live.error} />
      {ctx && (
        <ElectionContext.Provider value={ctx}>
          <RefusalPeople value={people}>
            <ProcessCard />
            <div className="grid-wide">
              <div className="stack">
                <ReportsPanel />
                <MeetingsPanel />
                <NoticePanel />
              </div>
              <div className="stack">
                <NomineesPanel />
                <CandidateListPanel />
              </div>
            </div>
          </RefusalPeople>
        </ElectionContext.Provider>
      )}
    </main>
  );
}
