// One shared one-second ticker for everything that shows an age, so they tick together and no
// component runs its own timer.
import { useSyncExternalStore } from 'react';
import { todayIn } from '../pages/home/range';
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

/**
 * Today's date (YYYY-MM-DD) in `tz` on this browser's clock, as the ranges count days. The caller
 * re-renders when the day turns (looked at on the shared ticker), not every second.
 */
export function useToday(tz: string): string {
  return useSyncExternalStore(subscribe, () => todayIn(tz, Date.now()));
}
