import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Whether a media query matches, kept current as the window changes. */
export function useMedia(query: string): Ref<boolean> {
  const list = window.matchMedia(query);
  const matches = ref(list.matches);
  const update = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list.addEventListener('change', update);
  onBeforeUnmount(() => list.removeEventListener('change', update));
  return matches;
}
