import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mayCommand, type MeetingView } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import type { MeetingApi } from '../../lib/api-client';
import { useAction } from '../../lib/use-action';

const BASES = ['resident', 'away', 'admitted'] as const;
type Basis = (typeof BASES)[number];

/** One voter registered (V-02): ground, sex, household, group, the admission's reference; a reason after publication. */
export function VoterAdd({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const [f, setF] = useState({
    name: '',
    memberId: '',
    basis: 'resident' as Basis,
    sex: '',
    household: '',
    group: '',
    admission: '',
    reason: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const add = useAction(async () => {
    const voter = {
      memberId: f.memberId.trim(),
      name: f.name.trim(),
      basis: f.basis,
      ...(f.sex ? { sex: f.sex as 'female' | 'male' } : {}),
      ...(f.household.trim() ? { household: f.household.trim() } : {}),
      ...(f.group.trim() ? { group: f.group.trim() } : {}),
      ...(f.admission.trim() ? { admission: f.admission.trim() } : {}),
    };
    await api.command('RegisterVoters', { voters: [voter], ...(f.reason.trim() ? { reason: f.reason.trim() } : {}) });
    setF((x) => ({ ...x, name: '', memberId: '', household: '', admission: '', reason: '' }));
  });
  if (!mayCommand(view.viewer.role, 'RegisterVoters') || view.closed || view.rollFrozen) return null;
  const published = view.registration?.published != null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run();
  };
  const text = (
    k: 'name' | 'memberId' | 'household' | 'group' | 'admission' | 'reason',
    label: string,
    required = false,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`} className="field-label">
        {label}
      </label>
      <input id={`${id}-${k}`} value={f[k]} onChange={set(k)} required={required} />
    </div>
  );
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="voter-add">
      <h2 id={`${id}-title`}>{t('registration.addTitle')}</h2>
      <form className="stack" onSubmit={submit}>
        <div className="form-grid">
          {text('name', t('registration.name'), true)}
          {text('memberId', t('registration.memberId'), true)}
          <div className="field">
            <label htmlFor={`${id}-basis`} className="field-label">
              {t('registration.basisLabel')}
            </label>
            <select id={`${id}-basis`} value={f.basis} onChange={set('basis')}>
              {BASES.map((b) => (
                <option key={b} value={b}>
                  {t(`registration.basis.${b}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-sex`} className="field-label">
              {t('registration.sexLabel')}
            </label>
            <select id={`${id}-sex`} value={f.sex} onChange={set('sex')}>
              <option value="">—</option>
              <option value="female">{t('registration.sex.female')}</option>
              <option value="male">{t('registration.sex.male')}</option>
            </select>
          </div>
          {text('household', t('registration.household'))}
          {text('group', t('registration.group'))}
          {f.basis === 'admitted' && text('admission', t('registration.admission'), true)}
          {published && text('reason', t('registration.addReason'), true)}
        </div>
        <button type="submit" className="btn btn-primary" disabled={add.busy}>
          {t('registration.save')}
        </button>
      </form>
      <ErrorNotice error={add.error} />
    </section>
  );
}

/** A whole list from a CSV or Excel file, through the roll upload (all rows or none; bad rows by number). */
export function VoterImport({ view, api }: { view: MeetingView; api: MeetingApi }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const upload = useAction(async (file: File) => {
    setDone(null);
    const bytes = await file.arrayBuffer();
    const r = await api.uploadVoterList(bytes, /\.xlsx$/i.test(file.name), reason.trim() || undefined);
    setDone(r.events.length);
    if (input.current) input.current.value = '';
  });
  if (!mayCommand(view.viewer.role, 'RegisterVoters') || view.closed || view.rollFrozen) return null;
  const published = view.registration?.published != null;
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="voter-import">
      <h2 id={`${id}-title`}>{t('registration.import')}</h2>
      {published && (
        <div className="field">
          <label htmlFor={`${id}-reason`} className="field-label">
            {t('registration.addReason')}
          </label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-file`} className="field-label">
          {t('registration.import')}
        </label>
        <input
          id={`${id}-file`}
          ref={input}
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={upload.busy}
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload.run(file);
          }}
        />
        <span id={`${id}-help`} className="hint">
          {t('registration.importHint')}
        </span>
      </div>
      {upload.busy && <p role="status">{t('common.working')}</p>}
      {done !== null && (
        <p className="notice" role="status" data-testid="import-done">
          {t('registration.registered')}: +{done}
        </p>
      )}
      <ErrorNotice error={upload.error} />
    </section>
  );
}
