import { computed, ref } from 'vue';
import type { Department, IndicatorSummary, Region } from '@zhibiao/contracts';
import { api } from '../api/client.js';
import { loadDepartments } from '../api/departments.js';
import { loadRegions } from '../api/regions.js';
import { useFormat } from './use-format.js';

/**
 * What the alert centre's filters and the silence form choose from: the indicators of every plan, the
 * departments and the regions. A failure leaves a list empty; the filters still work by URL.
 */
export function useAlertOptions() {
  const { pick } = useFormat();
  const indicators = ref<IndicatorSummary[]>([]);
  const departments = ref<Department[]>([]);
  const regions = ref<Region[]>([]);

  async function load(): Promise<void> {
    const [plans, departmentList, regionList] = await Promise.all([
      api.listPlans().catch(() => []),
      loadDepartments().catch(() => []),
      loadRegions().catch(() => []),
    ]);
    departments.value = departmentList;
    regions.value = regionList;
    const lists = await Promise.all(
      plans.map((plan) => api.listPlanIndicators(plan.code).catch(() => [])),
    );
    indicators.value = lists.flat();
  }
  void load();

  const indicatorOptions = computed(() =>
    indicators.value.map((i) => ({ value: i.code, label: pick(i.name, i.nameEn) })),
  );
  const departmentOptions = computed(() =>
    departments.value.map((d) => ({ value: d.code, label: d.name })),
  );
  const regionOptions = computed(() =>
    regions.value.map((r) => ({ value: r.code, label: pick(r.name, r.nameEn) })),
  );

  return { indicators, departments, regions, indicatorOptions, departmentOptions, regionOptions };
}
