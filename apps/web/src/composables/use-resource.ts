import {
  computed,
  ref,
  shallowRef,
  watch,
  type ComputedRef,
  type Ref,
  type ShallowRef,
  type WatchSource,
} from 'vue';
import { isNotFound } from '../api/client.js';

/** What a page shows while it loads an answer of the API: the answer, or why there is none yet. */
export interface Resource<T> {
  /** The latest answer (kept while a reload runs or after it fails), else `initial`. */
  data: ShallowRef<T>;
  loading: Ref<boolean>;
  /** The message of the last failure; null once a load succeeds or starts again. */
  error: Ref<string | null>;
  /** The API said the thing asked for does not exist (404). */
  notFound: Ref<boolean>;
  /** Loads again; an answer that comes after a later load has started is dropped. */
  load: () => Promise<void>;
}

export interface ResourceOptions<T> {
  /** Reload whenever these change (a route parameter, the UI language: API messages follow it). */
  watch?: WatchSource | WatchSource[];
  /** Load at once (default), or wait for `load()` or the first change of `watch`. */
  immediate?: boolean;
  /** Forget the last answer on a failure (a page that shows nothing it cannot vouch for). */
  clearOnError?: boolean;
  /** Runs with each answer before it is shown (say, to load what it refers to). */
  then?: (answer: T) => void | Promise<void>;
}

/**
 * The load, loading, error and retry of one API answer that every page repeated: `fetch` runs on
 * `load()` and when `watch` changes; only the latest request's answer or failure is kept.
 */
export function useResource<T, I = T>(
  fetch: () => Promise<T>,
  initial: I,
  options: ResourceOptions<T> = {},
): Resource<T | I> {
  const data = shallowRef<T | I>(initial) as ShallowRef<T | I>;
  const loading = ref(options.immediate !== false);
  const error = ref<string | null>(null);
  const notFound = ref(false);
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    loading.value = true;
    error.value = null;
    notFound.value = false;
    try {
      const answer = await fetch();
      if (request !== latest) return;
      await options.then?.(answer);
      if (request !== latest) return;
      data.value = answer;
    } catch (e) {
      if (request !== latest) return;
      if (options.clearOnError) data.value = initial;
      if (isNotFound(e)) notFound.value = true;
      else error.value = (e as Error).message;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  if (options.watch) {
    watch(options.watch, () => void load(), { immediate: options.immediate !== false });
  } else if (options.immediate !== false) {
    void load();
  }
  return { data, loading, error, notFound, load };
}

/** A list the API answers a page at a time, newest first, continued from its last item's id. */
export interface PagedList<T> {
  items: ComputedRef<T[]>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** The last page was full: there may be more. */
  more: ComputedRef<boolean>;
  /** Starts the list over. */
  reload: () => Promise<void>;
  /** Appends the next page. */
  loadMore: () => Promise<void>;
}

/**
 * `useResource` for a list read a page at a time: `fetchPage(before)` answers the page after the item
 * `before` (undefined: the first page); a page shorter than `size` is the last.
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (before: string | undefined) => Promise<T[]>,
  size: number,
  options: Pick<ResourceOptions<T[]>, 'watch' | 'immediate'> = {},
): PagedList<T> {
  interface Page {
    items: T[];
    more: boolean;
  }
  let append = false;
  const resource: Resource<Page> = useResource<Page>(
    async (): Promise<Page> => {
      const before: T[] = append ? resource.data.value.items : [];
      append = false;
      const page = await fetchPage(before.at(-1)?.id);
      return { items: [...before, ...page], more: page.length === size };
    },
    { items: [], more: false },
    options,
  );
  return {
    items: computed(() => resource.data.value.items),
    loading: resource.loading,
    error: resource.error,
    more: computed(() => resource.data.value.more),
    reload: resource.load,
    loadMore: () => {
      append = true;
      return resource.load();
    },
  };
}
