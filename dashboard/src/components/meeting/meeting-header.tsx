import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '@tallyroom/contracts';
import { useFormat } from '../../lib/format';
import type { LiveStatus } from '../../lib/live-client';
import { LanguageSwitch } from '../ui/language-switch';
import { StatusLine } from '../ui/status-line';

export function MeetingHeader({
  view,
  role,
  status,
  revision,
  tools,
}: {
  view: MeetingView | null;
  role: string;
  status: LiveStatus;
  revision: number;
  tools?: ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <header className="meeting-header">
      <div>
        <h1>{view?.title ?? t('app.name')}</h1>
        <div className="meta">
          {view && (
            <>
              {view.organisation} · {f.day(view.schedule.date)}
              {view.schedule.startsAt && (
                <>
                  {' '}
                  <span data-start-time>
                    {t('meeting.startsAt', {
                      time: f.clock(view.schedule.startsAt, view.timeZone),
                      zone: f.zone(view.timeZone),
                    })}
                  </span>
                </>
              )}{' '}
              ·{' '}
            </>
          )}
          <span className="role-badge">{t(`roles.${role}`, { defaultValue: role })}</span>
          {view?.closed && <span className="tag">{t('meeting.closed')}</span>}
        </div>
      </div>
      <div className="header-tools">
        <StatusLine status={status} revision={revision} />
        {tools}
        <LanguageSwitch />
      </div>
    </header>
  );
}
