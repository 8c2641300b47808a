/**
 * The only module that imports ECharts. It is loaded with a dynamic import by
 * <Chart>, so ECharts lives in its own chunk and screens without charts never
 * download it. Only the charts and components we draw are registered.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
export type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
export type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
