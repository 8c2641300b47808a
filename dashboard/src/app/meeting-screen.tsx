import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView, Role } from '@tallyroom/contracts';
import { MeetingHeader } from '../components/meeting/meeting-header';
import { LanguageSwitch } from '../components/ui/language-switch';
import { PracticeWatermark } from '../features/rehearsal/practice-watermark';
import { RecoverForm } from '../features/links/recover-form';
import { RefusalView } from '../components/ui/refusal-text';
import { meetingApi, type MeetingApi } from '../lib/api-client';
import { useLiveMeeting, type LiveSnapshot } from '../lib/live-client';
import { rememberToken } from '../lib/session';

export interface ScreenProps {
  meetingId: string;
  role: Role;
  token: string | null;
}

export interface MeetingContext {
  meetingId: string;
  token: string;
  view: MeetingView;
  live: LiveSnapshot;
  api: MeetingApi;
}

/**
 * Everything a role's screen needs before it can draw: a credential, a live
 * view, and an API bound to both. It also answers the cases where there is
 * nothing to draw (no link, a revoked link, a link for another role).
 */
export function MeetingScreen({
  meetingId,
  role,
  token,
  tools,
  bare = false,
  children,
}: ScreenProps & {
  tools?: (ctx: MeetingContext) => ReactNode;
  /** No header (title, role, connection, language, tools): the projector draws its own, without controls. */
  bare?: boolean;
  children: (ctx: MeetingContext) => ReactNode;
}) {
  const [current, setCurrent] = useState(token);
  if (!current) return <MissingToken meetingId={meetingId} role={role} onToken={setCurrent} />;
  return (
    <Connected meetingId={meetingId} role={role} token={current} tools={tools} bare={bare}>
      {children}
    </Connected>
  );
}

function Connected({
  meetingId,
  role,
  token,
  tools,
  bare,
  children,
}: {
  meetingId: string;
  role: Role;
  token: string;
  tools: ((ctx: MeetingContext) => ReactNode) | undefined;
  bare: boolean;
  children: (ctx: MeetingContext) => ReactNode;
}) {
  const { t } = useTranslation();
  const live = useLiveMeeting(meetingId, token);
  const api = useMemo(() => meetingApi(meetingId, token), [meetingId, token]);
  const view = live.view;
  const ctx = view ? { meetingId, token, view, live, api } : null;
  let body: ReactNode;
  if (live.status === 'refused') {
    body = (
      <div className="notice notice-error" role="alert">
        <strong>{t('screen.refused')}</strong>
        <span className="small">
          {t(`errors.${live.error?.code ?? 'generic'}`, { defaultValue: t('errors.generic') })}
        </span>
      </div>
    );
  } else if (!ctx) {
    body = (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  } else if (ctx.view.viewer.role !== role) {
    const actual = ctx.view.viewer.role;
    body = (
      <div className="notice notice-warn" role="alert">
        <strong>{t('screen.wrongRole', { role: t(`roles.${actual}`) })}</strong>
        <a
          href={`/m/${encodeURIComponent(meetingId)}/${actual}`}
          onClick={() => rememberToken(meetingId, actual, token)}
        >
          {t('screen.openAs', { role: t(`roles.${actual}`) })}
        </a>
      </div>
    );
  } else {
    body = children(ctx);
  }
  return (
    <>
      {!bare && (
        <a className="skip-link" href="#main">
          {t('common.skipToContent')}
        </a>
      )}
      {/* Refusals anywhere on the screen name people and contests from the view it shows. */}
      <RefusalView value={view}>
        <div className="screen">
          <PracticeWatermark practice={view?.practice === true} />
          {!bare && (
            <MeetingHeader
              view={view}
              role={role}
              status={live.status}
              revision={live.revision}
              tools={ctx && tools ? tools(ctx) : undefined}
            />
          )}
          <main id="main" tabIndex={-1}>
            {body}
          </main>
        </div>
      </RefusalView>
    </>
  );
}

function MissingToken({
  meetingId,
  role,
  onToken,
}: {
  meetingId: string;
  role: Role;
  onToken: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = () => {
    const raw = value.trim();
    const fromLink = /[#&]t=([^&\s]+)/.exec(raw)?.[1];
    const token = fromLink ?? raw;
    if (!token) return;
    rememberToken(meetingId, role, token);
    onToken(token);
  };
  return (
    <main className="screen">
      <div className="spread">
        <h1>{t('screen.needLink')}</h1>
        <LanguageSwitch />
      </div>
      <p>{t('screen.needLinkHelp', { role: t(`roles.${role}`) })}</p>
      <form
        className="row-end"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor="paste-link" className="field-label">
            {t('screen.pasteLink')}
          </label>
          <input id="paste-link" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
        </div>
        <button className="btn btn-primary" type="submit">
          {t('screen.open')}
        </button>
      </form>
      {role === 'chair' && (
        <div style={{ marginTop: 16 }}>
          <RecoverForm meetingId={meetingId} onRecovered={onToken} />
        </div>
      )}
    </main>
  );
}
