import { useEffect, useState } from 'react';
import { useMediaQuery } from '../../lib/media-query';

/**
 * The projector's base font size in px, read from the back of a hall: 2.4 % of the height, or 1.35 % of the
 * width if that is less (26 px at 1920×1080), never under 14 or over 28. The same formula as `html.projector`
 * in styles.css, so the canvas's labels grow with the page's text.
 */
export function projectorFontSize(width: number, height: number): number {
  return Math.round(Math.min(28, Math.max(14, Math.min(height * 0.024, width * 0.0135))));
}

export function useProjectorFontSize(): number {
  const [size, setSize] = useState(() => projectorFontSize(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setSize(projectorFontSize(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** A phone-sized screen (under 600 px wide), where a chart's labels must leave its bars room. */
export function useNarrowScreen(): boolean {
  return useMediaQuery('(max-width: 599px)');
}
