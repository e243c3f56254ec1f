// <rp-chart>: draws an Apache ECharts option set from the server, and follows the element's size.
// Only the chart types and components ReelPulse uses are bundled.
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent,
  TooltipComponent, CanvasRenderer]);

class RpChart extends HTMLElement {
  private chart?: echarts.ECharts;
  private observer?: ResizeObserver;
  private current?: EChartsCoreOption;

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    this.chart = echarts.init(this, undefined, { renderer: 'canvas' });
    this.observer = new ResizeObserver(() => this.chart?.resize());
    this.observer.observe(this);
    if (this.current) {
      this.chart.setOption(this.current, true);
    }
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** The ECharts option, set by the server. */
  set option(value: EChartsCoreOption) {
    this.current = value;
    this.chart?.setOption(value, true);
  }

  get option(): EChartsCoreOption | undefined {
    return this.current;
  }

  /** The option as ECharts holds it after drawing: what is really on the canvas. */
  get renderedOption(): EChartsCoreOption | undefined {
    return this.chart?.getOption();
  }
}

customElements.define('rp-chart', RpChart);
