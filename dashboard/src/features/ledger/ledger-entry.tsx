import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RENEWAL_STATUSES, type LedgerRow, type RenewalStatus } from '@tallyroom/contracts';
import { ActionForm } from '../../components/ui/action-form';
import { Field } from '../../components/ui/field';
import type { organisationApi } from '../../lib/api-client';

type Entry = 'RecordTerm' | 'RecordTermExtension' | 'RecordRenewalStatus';
const ENTRIES: readonly Entry[] = ['RecordTerm', 'RecordTermExtension', 'RecordRenewalStatus'];

/**
 * One entry of the ledger for one organisation of the subtree: its term (the end left blank follows P-33 from its
 * kind), an approved postponement or advance, or how far its 换届 has come. The server decides; a refusal shows here.
 */
export function LedgerEntry({
  rows,
  apiFor,
  onChanged,
}: {
  rows: readonly LedgerRow[];
  apiFor: (organisationId: string) => ReturnType<typeof organisationApi>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useState(rows[0]?.organisationId ?? '');
  const selected = rows.find((r) => r.organisationId === organisationId);
  const [entry, setEntry] = useState<Entry>('RecordTerm');
  const [v, setV] = useState<Record<string, string>>({});
  // What the selected organisation's term has entered, until the box is ticked or cleared here.
  const [congressTicked, setCongress] = useState<boolean | null>(null);
  const congress = congressTicked ?? selected?.term?.congress === true;
  const set = (k: string) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));
  const text = (k: string) => (v[k]?.trim() ? { [k]: v[k]!.trim() } : {});
  const data = (): unknown => {
    if (entry === 'RecordTerm')
      return {
        termStart: v.termStart,
        ...text('termEnd'),
        seats: Number(v.seats),
        ...text('secretary'),
        ...text('note'),
        congress,
      };
    if (entry === 'RecordTermExtension') return { approvedTo: v.approvedTo, reference: v.reference, reason: v.reason };
    return { status: (v.status as RenewalStatus | undefined) ?? 'under-way', on: v.on, ...text('note') };
  };
  const input = (k: string, type: 'date' | 'text' | 'number', required = true) => (
    <Field label={t(`ledger.entry.${k}`)}>
      {(p) => (
        <input
          {...p}
          type={type}
          className="input"
          required={required}
          {...(type === 'number' ? { min: 1, max: 99 } : {})}
          value={v[k] ?? ''}
          onChange={set(k)}
        />
      )}
    </Field>
  );
  return (
    <section className="stack" aria-labelledby="ledger-entry-title">
      <h3 id="ledger-entry-title">{t('ledger.entry.title')}</h3>
      <ActionForm
        label={t('ledger.entry.title')}
        submit={t('ledger.entry.submit')}
        testId="ledger-entry"
        onSubmit={async () => {
          await apiFor(organisationId).command(entry, data());
          setV({});
          setCongress(null);
          onChanged();
        }}
      >
        <Field label={t('ledger.column.name')}>
          {(p) => (
            <select
              {...p}
              className="input"
              value={organisationId}
              onChange={(e) => {
                setOrganisationId(e.target.value);
                setCongress(null);
              }}
            >
              {rows.map((r) => (
                <option key={r.organisationId} value={r.organisationId}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ledger.entry.what')}>
          {(p) => (
            <select {...p} className="input" value={entry} onChange={(e) => setEntry(e.target.value as Entry)}>
              {ENTRIES.map((x) => (
                <option key={x} value={x}>
                  {t(`ledger.entry.kinds.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {entry === 'RecordTerm' && (
          <>
            {input('termStart', 'date')}
            {input('termEnd', 'date', false)}
            {input('seats', 'number')}
            {input('secretary', 'text', false)}
            <label className="row" style={{ gridColumn: '1 / -1' }}>
              <input
                type="checkbox"
                data-testid="ledger-congress"
                checked={congress}
                onChange={(e) => setCongress(e.target.checked)}
              />
              {t('ledger.entry.congress')}
            </label>
          </>
        )}
        {entry === 'RecordTermExtension' && (
          <>
            {input('approvedTo', 'date')}
            {input('reference', 'text')}
            {input('reason', 'text')}
          </>
        )}
        {entry === 'RecordRenewalStatus' && (
          <>
            <Field label={t('ledger.column.status')}>
              {(p) => (
                <select {...p} className="input" value={v.status ?? 'under-way'} onChange={set('status')}>
                  {RENEWAL_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`ledger.status.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {input('on', 'date')}
          </>
        )}
      </ActionForm>
    </section>
  );
}
