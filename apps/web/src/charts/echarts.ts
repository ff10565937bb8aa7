import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// The one place ECharts parts are registered: only what the app draws gets bundled. Line: the
// progress chart; bar: the department workload and the monthly increments. The tooltip brings the
// axis pointer the progress chart links across its two grids; the legend, its scrolling form (phones).
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
