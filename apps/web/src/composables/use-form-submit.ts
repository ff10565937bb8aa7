import { ref } from 'vue';
import type { ValidationIssue } from '@zhibiao/contracts';
import { ApiError } from '../api/client.js';
import { NO_ISSUES, sortIssues, type FormIssues } from '../api/issues.js';

/**
 * What every form dialog does on save: checks found in the browser stop it before the request, the
 * API's field problems land beside their fields (`fields`, rows of `lists`), anything else in one
 * message, and `saving` is true while the request runs.
 */
export function useFormSubmit(fields: readonly string[], lists: readonly string[] = []) {
  const saving = ref(false);
  const issues = ref<FormIssues>(NO_ISSUES);
  const general = ref<string | null>(null);

  function reset(): void {
    issues.value = NO_ISSUES;
    general.value = null;
  }

  function showIssues(list: readonly ValidationIssue[]): void {
    issues.value = sortIssues(list, fields, lists);
  }

  /** Runs `work` unless `local` holds problems; answers whether it succeeded. */
  async function submit(
    work: () => Promise<void>,
    local: readonly ValidationIssue[] = [],
  ): Promise<boolean> {
    general.value = null;
    if (local.length > 0) {
      showIssues(local);
      return false;
    }
    issues.value = NO_ISSUES;
    saving.value = true;
    try {
      await work();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) showIssues(e.issues);
      else general.value = (e as Error).message;
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { saving, issues, general, reset, submit };
}
