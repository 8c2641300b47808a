import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE, filterRows, type BoardFilter } from '@tallyroom/contracts';
import { ErrorNotice } from '../../components/ui/error-notice';
import { LanguageSwitch } from '../../components/ui/language-switch';
import { StatusLine } from '../../components/ui/status-line';
import { useFormat } from '../../lib/format';
import { useLiveBoard } from '../../lib/live-board';
import { DistrictFilters } from './district-filters';
import { DistrictRollUps } from './district-roll-ups';
import { DistrictRows } from './district-rows';

export interface DistrictBoardProps {
  organisationId: string;
  token: string | null;
}

/**
 * The upper organisation's board (/o/<organisationId>/board): every meeting of its subtree live, one row each,
 * the committees' roll-ups on top. Made for a 1920×1080 projector, readable on a tablet (the table scrolls sideways).
 * Every figure and code comes from the server's board (contracts' boardRow); the screen only filters and words it.
 */
export function DistrictBoardScreen({ organisationId, token }: DistrictBoardProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const live = useLiveBoard(organisationId, token);
  const [filter, setFilter] = useState<BoardFilter>({});
  const board = live.board;
  const rows = useMemo(() => (board ? filterRows(board.rows, filter) : []), [board, filter]);
  return (
    <main className="screen stack district-board" id="main" data-testid="district-board">
      <header className="spread meeting-header">
        <div>
          <h1>{t('district.title')}</h1>
          <p className="meta" style={{ margin: 0 }}>
            {board ? t('district.subtitle', { name: board.name, count: board.totals.meetings }) : ''}
            {board
              ? ` · ${t('district.updated', { time: f.time(board.at, board.rows[0]?.timeZone ?? DEFAULT_TIME_ZONE) })}`
              : ''}
          </p>
        </div>
        <div className="row">
          <StatusLine status={live.status} revision={board ? board.rows.length : -1} />
          <LanguageSwitch />
        </div>
      </header>
      {!token && <p className="notice">{t('district.noToken')}</p>}
      {live.error && <ErrorNotice error={live.error} />}
      {board && (
        <>
          <DistrictRollUps board={board} />
          <DistrictFilters board={board} filter={filter} onChange={setFilter} />
          <DistrictRows rows={rows} token={token} />
        </>
      )}
    </main>
  );
}
