import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  mayOrg,
  PARENT_KINDS,
  type OrganisationReply,
  type OrgRole,
  type ScheduledMeeting,
} from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { LanguageSwitch } from '../../components/ui/language-switch';
import { LedgerSection } from '../../features/ledger/ledger-section';
import { CreateChildForm, MintCredentialForm } from '../../features/organisation/organisation-admin';
import { OrganisationCredentials } from '../../features/organisation/organisation-credentials';
import { findNode, OrganisationTree } from '../../features/organisation/organisation-tree';
import { PendingReports } from '../../features/organisation/pending-reports';
import { OpenElectionForm } from '../../features/process/open-election-form';
import { RoleLinks } from '../../features/schedule/role-links';
import { ScheduleForm } from '../../features/schedule/schedule-form';
import { organisationApi } from '../../lib/api-client';
import { rememberToken } from '../../lib/session';

/**
 * The organisation's console (`/o/<id>#t=<token>`): the tree below it, and for an org-admin the forms that add
 * organisations, mint their credentials and schedule meetings and 换届 under any of them.
 */
export default function OrganisationRoute({ organisationId, token }: { organisationId: string; token: string | null }) {
  const { t } = useTranslation();
  const api = useMemo(() => (token ? organisationApi(organisationId, token) : null), [organisationId, token]);
  const [reply, setReply] = useState<OrganisationReply | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState(organisationId);
  const [meeting, setMeeting] = useState<(ScheduledMeeting & { title: string }) | null>(null);
  // The organisation chosen in the tree, read with this page's credential; minting bumps its credentials' list.
  const selectedApi = useMemo(
    () => (token ? (selected === organisationId ? api : organisationApi(selected, token)) : null),
    [api, organisationId, selected, token],
  );
  const [minted, setMinted] = useState(0);
  const load = useCallback(() => {
    if (!api) return;
    api.read().then(setReply, setError);
  }, [api]);
  useEffect(load, [load]);

  if (!token)
    return (
      <main className="screen">
        <h1>{t('organisation.title')}</h1>
        <p>{t('organisation.needLink')}</p>
      </main>
    );
  const role = reply?.role;
  const admin = role === 'operator' || (role !== undefined && mayOrg(role as OrgRole, 'create-meeting'));
  const place = reply ? findNode(reply.organisation, selected) : undefined;
  return (
    <main className="screen stack" id="main">
      <header className="spread meeting-header">
        <div>
          <h1>{reply?.organisation.name ?? t('organisation.title')}</h1>
          {role && (
            <p className="meta" style={{ margin: 0 }}>
              {t('organisation.title')} · {role === 'operator' ? role : t(`organisation.roles.${role}`)}
            </p>
          )}
        </div>
        <div className="row">
          {/* The board of the organisation selected in the tree, read with this tab's organisation credential. */}
          <a className="btn" href={`/o/${encodeURIComponent(selected)}/board`} data-testid="open-board">
            {t('district.openBoard')}
          </a>
          <LanguageSwitch />
        </div>
      </header>
      {error !== null && <ErrorNotice error={error} />}
      {reply && (
        <section className="card stack" aria-labelledby="org-tree-title">
          <h2 id="org-tree-title">{t('organisation.tree')}</h2>
          <ul className="org-tree">
            <OrganisationTree node={reply.organisation} selected={selected} onSelect={setSelected} />
          </ul>
          {/* Only for who creates there: a viewer or an approver creates nothing. */}
          {admin && (
            <p className="small muted" style={{ margin: 0 }}>
              {t('organisation.selectedHint', { name: place?.name ?? '' })}
            </p>
          )}
        </section>
      )}
      {reply && api && (
        <LedgerSection
          rows={reply.ledger}
          api={api}
          apiFor={(id) => (id === organisationId ? api : organisationApi(id, token))}
          manage={role === 'operator' || (role !== undefined && mayOrg(role as OrgRole, 'manage-ledger'))}
          onChanged={load}
        />
      )}
      {reply && api && <PendingReports api={api} token={token} approver={role === 'approver'} />}
      {reply && admin && api && (
        <>
          <ScheduleForm
            organisationId={selected}
            onScheduled={(m, made) => {
              rememberToken(m.meetingId, 'chair', m.credentials.chair);
              setMeeting({ ...m, title: made.title });
            }}
          />
          {meeting && <RoleLinks meeting={meeting} title={meeting.title} />}
          <OpenElectionForm organisationId={selected} />
          {selectedApi && (
            <>
              {/* A branch, a village or a community has no organisations below it (P-31). */}
              {place && PARENT_KINDS.includes(place.kind) && <CreateChildForm api={selectedApi} onCreated={load} />}
              <MintCredentialForm api={selectedApi} onMinted={() => setMinted((n) => n + 1)} />
              <OrganisationCredentials api={selectedApi} version={minted} />
            </>
          )}
        </>
      )}
    </main>
  );
}
