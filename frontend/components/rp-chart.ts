// <rp-chart>: draws an Apache ECharts option set from the server, and follows the element's size.
// Only the chart types and components ReelPulse uses are bundled. A click on a bar, a point or a
// marker is sent back as an "rp-chart-click" event, so every element can lead to the posts behind
// it. The chart follows the page's light or dark theme.
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent,
  MarkPointComponent, TooltipComponent, CanvasRenderer]);

function dark(): boolean {
  return document.documentElement.getAttribute('theme')?.includes('dark') ?? false;
}

class RpChart extends HTMLElement {
  private chart?: echarts.ECharts;
  private observer?: ResizeObserver;
  private themeObserver?: MutationObserver;
  private current?: EChartsCoreOption;
  private darkNow = false;

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    this.draw();
    this.observer = new ResizeObserver(() => this.chart?.resize());
    this.observer.observe(this);
    this.themeObserver = new MutationObserver(() => {
      if (dark() !== this.darkNow) {
        this.draw();
      }
    });
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
  }

  disconnectedCallback() {
    this.observer?.disconnect();
    this.themeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  private draw() {
    this.chart?.dispose();
    this.darkNow = dark();
    this.chart = echarts.init(this, this.darkNow ? 'dark' : undefined, { renderer: 'canvas' });
    this.chart.on('click', (p: any) => {
      this.dispatchEvent(new CustomEvent('rp-chart-click', {
        detail: {
          component: p.componentType === 'markPoint' || p.componentType === 'markLine' ? p.componentType : 'series',
          series: p.seriesName ?? '',
          index: typeof p.dataIndex === 'number' ? p.dataIndex : -1,
          name: p.name ?? '',
        },
      }));
    });
    this.apply();
  }

  private apply() {
    if (this.chart && this.current) {
      this.chart.setOption(this.current, true);
      if (this.darkNow) {
        this.chart.setOption({ backgroundColor: 'transparent' }); // the card's colour shows through
      }
    }
  }

  /** The ECharts option, set by the server. */
  set option(value: EChartsCoreOption) {
    this.current = value;
    this.apply();
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
