import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationReply } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { ReasonDialog } from '../../components/ui/reason-dialog';
import { CredentialState, RevokeCredentialButton } from '../../components/ui/credential-cells';
import type { organisationApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

type OrganisationApi = ReturnType<typeof organisationApi>;
type Credential = OrganisationReply['credentials'][number];

/**
 * The chosen organisation's credentials, for an org-admin: which role each holds, whom it was given to (the label
 * written when it was minted), whether it still works, and revoking one (a board tablet lost, an approver who left)
 * with the reason its event keeps. The link this page is using is not offered for revoking: it would lock the page
 * out, and an admin above can revoke it. Tokens are never shown again; a lost one is revoked and minted anew.
 */
export function OrganisationCredentials({ api, version }: { api: OrganisationApi; version: number }) {
  const { t } = useTranslation();
  const id = useId();
  const [reply, setReply] = useState<OrganisationReply | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const load = useCallback(() => {
    // A reply for an organisation no longer chosen in the tree (a slower read than the next one's) is dropped.
    let current = true;
    api.read().then(
      (r) => {
        if (!current) return;
        setReply(r);
        setError(null);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api]);
  useEffect(load, [load, version]);
  const revoke = useAction(async (credentialId: string, why: string) => {
    await api.command('RevokeOrganisationCredential', { credentialId, reason: why });
    load();
  });
  const credentials = reply?.credentials ?? [];
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="organisation-credentials">
      <h2 id={`${id}-title`}>{t('organisation.credentials.title', { name: reply?.organisation.name ?? '' })}</h2>
      {error !== null && <ErrorNotice error={error} />}
      {reply && credentials.length === 0 && <p className="muted">{t('organisation.credentials.none')}</p>}
      {credentials.length > 0 && (
        <div className="table-wrap">
          <table className="cards-on-phone" data-testid="organisation-credentials-table">
            <thead>
              <tr>
                <th scope="col">{t('organisation.role')}</th>
                <th scope="col">{t('organisation.label')}</th>
                <th scope="col">{t('credentials.id')}</th>
                <th scope="col">{t('credentials.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('nomination.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((c) => {
                const own = c.credentialId === reply?.callerCredentialId;
                return (
                  <tr key={c.credentialId}>
                    <td className="nowrap" data-label={t('organisation.role')}>
                      {t(`organisation.roles.${c.role}`)}
                    </td>
                    <td data-label={t('organisation.label')}>{c.label ?? ''}</td>
                    <td className="mono small" data-label={t('credentials.id')}>
                      {c.credentialId}
                    </td>
                    <td className="nowrap" data-label={t('credentials.state')}>
                      <CredentialState revoked={c.revoked} />
                      {own && <span className="muted small"> · {t('organisation.credentials.inUse')}</span>}
                    </td>
                    <td>
                      {!c.revoked && !own && (
                        <RevokeCredentialButton
                          credentialId={c.credentialId}
                          disabled={revoke.busy}
                          onClick={() => setRevoking(c)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNotice error={revoke.error} />
      <ReasonDialog
        open={revoking !== null}
        title={t('organisation.credentials.revokeTitle')}
        label={t('organisation.credentials.reason')}
        confirmLabel={t('credentials.revoke')}
        maxLength={200}
        onCancel={() => setRevoking(null)}
        onConfirm={(reason) => {
          const c = revoking;
          setRevoking(null);
          if (c) void revoke.run(c.credentialId, reason);
        }}
      >
        {revoking && (
          <>
            <p style={{ margin: 0 }}>
              <strong>
                {t(`organisation.roles.${revoking.role}`)}
                {revoking.label ? ` · ${revoking.label}` : ''}
              </strong>{' '}
              <span className="mono small">{revoking.credentialId}</span>
            </p>
            <p style={{ margin: 0 }}>{t('organisation.credentials.warning')}</p>
          </>
        )}
      </ReasonDialog>
    </section>
  );
}
