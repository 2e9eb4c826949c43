// Light and dark themes: the system's preference until the user picks one, which is remembered.
// The resolved theme is set as <html data-theme> before the first render (no flash of the wrong
// theme); CSS variables in styles.css do the rest.
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'dora.theme';

/** The choice made on this page (also kept when localStorage refuses it). */
let chosen: Theme | null = null;

function stored(): Theme | null {
  if (chosen) return chosen;
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

const media = () => window.matchMedia?.('(prefers-color-scheme: dark)');

/** The stored choice, else the system's. */
export function resolveTheme(choice: Theme | null, systemDark: boolean): Theme {
  return choice ?? (systemDark ? 'dark' : 'light');
}

function current(): Theme {
  return resolveTheme(stored(), media()?.matches ?? false);
}

const listeners = new Set<() => void>();
function emit(): void {
  document.documentElement.dataset['theme'] = current();
  for (const l of listeners) l();
}

/** Call once at start-up, before rendering. */
export function initTheme(): void {
  document.documentElement.dataset['theme'] = current();
  media()?.addEventListener('change', emit);
}

export function setTheme(theme: Theme): void {
  chosen = theme;
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  emit();
}

export function useTheme(): Theme {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, current);
}
