import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ORGANISATION_KINDS,
  ORG_ROLES,
  type MintedOrganisationCredential,
  type OrganisationKind,
  type OrgRole,
} from '@tallyroom/contracts';
import { CopyLink } from '../../components/ui/copy-link';
import { Field } from '../../components/ui/field';
import type { organisationApi } from '../../lib/api-client';
import { ActionForm } from '../../components/ui/action-form';

type OrganisationApi = ReturnType<typeof organisationApi>;

/** An org-admin adds an organisation below the chosen one (a committee, a branch, a village). */
export function CreateChildForm({ api, onCreated }: { api: OrganisationApi; onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('branch');
  const [link, setLink] = useState<string | null>(null);
  return (
    <section className="card stack" aria-labelledby="org-child-title">
      <h2 id="org-child-title">{t('organisation.addChild')}</h2>
      <ActionForm
        label={t('organisation.addChild')}
        submit={t('organisation.create')}
        testId="create-organisation"
        onSubmit={async () => {
          const created = await api.createChild({ name: name.trim(), kind });
          setLink(created.links['org-admin']);
          setName('');
          onCreated();
        }}
      >
        <Field label={t('organisation.name')}>
          {(p) => (
            <input
              {...p}
              required
              maxLength={100}
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('organisation.kind')}>
          {(p) => (
            <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
              {ORGANISATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`organisation.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </ActionForm>
      {link && <CopyLink label={t('organisation.adminLink')} url={link} />}
    </section>
  );
}

/** An org-admin mints a credential of the chosen organisation: an admin, a viewer for the board, an approver. */
export function MintCredentialForm({ api, onMinted }: { api: OrganisationApi; onMinted: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<OrgRole>('org-viewer');
  const [label, setLabel] = useState('');
  const [minted, setMinted] = useState<MintedOrganisationCredential | null>(null);
  return (
    <section className="card stack" aria-labelledby="org-mint-title">
      <h2 id="org-mint-title">{t('organisation.mint')}</h2>
      <ActionForm
        label={t('organisation.mint')}
        submit={t('organisation.mintSubmit')}
        testId="mint-organisation-credential"
        onSubmit={async () => {
          setMinted(await api.mint(role, label.trim() || undefined));
          setLabel('');
          onMinted();
        }}
      >
        <Field label={t('organisation.role')}>
          {(p) => (
            <select {...p} className="input" value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
              {ORG_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`organisation.roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('organisation.label')}>
          {(p) => (
            <input {...p} maxLength={100} className="input" value={label} onChange={(e) => setLabel(e.target.value)} />
          )}
        </Field>
      </ActionForm>
      {minted && <CopyLink label={t(`organisation.roles.${minted.role}`)} url={minted.link} />}
    </section>
  );
}
