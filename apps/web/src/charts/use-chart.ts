import { onBeforeUnmount, watch, type Ref } from 'vue';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { echarts } from './echarts.js';

/**
 * Keeps a chart in `el` in step with `option`: created when the element appears (it may sit behind a
 * v-if), replaced (not merged) on new data, resized with its container, disposed when it goes.
 */
export function useChart(el: Ref<HTMLElement | null>, option: Ref<EChartsCoreOption | null>): void {
  let chart: EChartsType | undefined;
  let observer: ResizeObserver | undefined;

  const dispose = () => {
    observer?.disconnect();
    observer = undefined;
    chart?.dispose();
    chart = undefined;
  };

  watch(
    [el, option],
    ([element, next]) => {
      if (chart && chart.getDom() !== element) dispose();
      if (!element) return;
      if (!chart) {
        const created = echarts.init(element, undefined, { renderer: 'canvas' });
        chart = created;
        observer = new ResizeObserver(() => created.resize());
        observer.observe(element);
      }
      if (next) chart.setOption(next, { notMerge: true });
      else chart.clear();
    },
    { flush: 'post', immediate: true },
  );
  onBeforeUnmount(dispose);
}
