// One shared one-second ticker for everything that shows an age, so they tick together and no
// component runs its own timer.
import { useSyncExternalStore } from 'react';
import { serverNowMs } from './server-clock';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let now = serverNowMs();

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  if (timer === null) {
    timer = setInterval(() => {
      now = serverNowMs();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The server's "now" in ms, re-rendering the caller once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
