import { useEffect, useRef, useState, type ReactNode } from 'react';
import type {
  ComposeOption,
  BarSeriesOption,
  LineSeriesOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from '../../lib/echarts';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

type EChartsInstance = {
  setOption: (o: ChartOption, opts?: { notMerge?: boolean }) => void;
  resize: () => void;
  dispose: () => void;
};

/**
 * An ECharts canvas, loaded on first use. A canvas says nothing to a screen
 * reader, so every chart is given a text label and callers render the same
 * figures as text next to it.
 */
export function Chart({
  option,
  label,
  height = 280,
  fallback,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  fallback?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  // What the canvas shows once ECharts has loaded: the option of the latest render, kept by the effect below.
  const latest = useRef(option);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('../../lib/echarts').then(
      ({ echarts }) => {
        if (disposed || !box.current) return;
        const instance = echarts.init(box.current, undefined, { renderer: 'canvas' }) as unknown as EChartsInstance;
        chart.current = instance;
        instance.setOption(latest.current, { notMerge: true });
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(box.current);
      },
      () => {
        if (!disposed) setFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    latest.current = option;
    chart.current?.setOption(option, { notMerge: false });
  }, [option]);

  if (failed) return <>{fallback ?? null}</>;
  return <div ref={box} className="chart-box" style={{ height }} role="img" aria-label={label} />;
}
