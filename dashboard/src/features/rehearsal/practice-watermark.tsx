import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

const OVERLAY: CSSProperties = {
  position: 'fixed',
  inset: 0,
  overflow: 'hidden',
  pointerEvents: 'none',
  zIndex: 1000,
};
// Twice the screen each way, turned: the words cover every corner at 360 px as at 1920 px.
const TILES: CSSProperties = {
  position: 'absolute',
  inset: '-50%',
  display: 'flex',
  flexWrap: 'wrap',
  alignContent: 'center',
  justifyContent: 'center',
  gap: '5rem 4rem',
  transform: 'rotate(-30deg)',
};
const WORD: CSSProperties = {
  fontSize: '2rem',
  fontWeight: 700,
  letterSpacing: '0.2em',
  color: 'rgba(176, 0, 0, 0.1)',
  whiteSpace: 'nowrap',
  userSelect: 'none',
};
const TILE_COUNT = 120;

/**
 * A practice meeting's mark on every screen of every role (contracts' rehearsal.ts): 演练 across the whole page,
 * above everything and taking no click, and one line that says so in words for readers and screen readers.
 */
export function PracticeWatermark({ practice }: { practice: boolean }) {
  const { t } = useTranslation();
  if (!practice) return null;
  return (
    <>
      <p className="notice notice-warn practice-banner" role="note" data-testid="practice-banner">
        <strong>{t('rehearsal.mark')}</strong> {t('rehearsal.banner')}
      </p>
      <div style={OVERLAY} aria-hidden="true" data-testid="practice-watermark">
        <div style={TILES}>
          {Array.from({ length: TILE_COUNT }, (_, i) => (
            <span key={i} style={WORD}>
              {t('rehearsal.watermark')}
            </span>
          ))}
        </div>
      </div>
    </>
  );
}
