import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedElection } from '@tallyroom/contracts';
import { CopyLink } from '../../components/ui/copy-link';
import { Field } from '../../components/ui/field';
import { openElection } from '../../lib/api-client';
import { navigate } from '../../lib/navigate';
import { rememberElection, rememberToken } from '../../lib/session';
import { ActionForm } from '../../components/ui/action-form';
import { OfficePicker, officeOf, type OfficeChoice } from '../../components/meeting/office-picker';

/** Opens a 换届 (one office and its seats; the chair plans the steps on the election screen). */
export function OpenElectionForm({ organisationId }: { organisationId?: string | undefined } = {}) {
  const { t } = useTranslation();
  const [organisation, setOrganisation] = useState('');
  // The same ids as the meeting's contests (committee-member is 委员), so the 直选大会 can adopt the list (P-08b).
  const [office, setOffice] = useState<OfficeChoice>({ office: 'committee-member', custom: '' });
  const [seats, setSeats] = useState('5');
  const [opened, setOpened] = useState<OpenedElection | null>(null);
  return (
    <section className="card stack" aria-labelledby="open-election-title">
      <h2 id="open-election-title">{t('process.open')}</h2>
      <ActionForm
        label={t('process.open')}
        submit={t('process.create')}
        testId="open-election"
        onSubmit={async () => {
          const o = await openElection({
            organisation,
            ...(organisationId ? { organisationId } : {}),
            offices: [{ office: officeOf(office), seats: Number(seats) }],
          });
          rememberToken(o.electionId, 'chair', o.credentials.chair);
          rememberElection(o.electionId);
          setOpened(o);
        }}
      >
        <Field label={t('process.organisation')}>
          {(p) => (
            <input
              {...p}
              required
              className="input"
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
            />
          )}
        </Field>
        <OfficePicker label={t('process.office')} choice={office} onChange={setOffice} />
        <Field label={t('process.seats')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={99}
              required
              className="input"
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
            />
          )}
        </Field>
      </ActionForm>
      {opened && (
        <div className="stack">
          <p className="notice notice-ok">{t('process.created')}</p>
          <p className="field-label">{t('process.chairLink')}</p>
          <CopyLink label={t('process.chairLink')} url={opened.links.chair} />
          <p className="field-label">{t('process.observerLink')}</p>
          <CopyLink label={t('process.observerLink')} url={opened.links.observer} />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => navigate(`/e/${encodeURIComponent(opened.electionId)}/chair`)}
          >
            {t('process.goToElection')}
          </button>
        </div>
      )}
    </section>
  );
}
