import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { matchRoute } from './router/match';
import { ROUTES } from './routes';
import { initTheme } from './theme/theme';
import { takeFirstData } from './api/first-data';
import './styles.css';

// Before the first render, so the page never flashes the wrong theme.
initTheme();

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchInterval: 10_000, staleTime: 3_000, retry: 1 } },
});

const root = createRoot(document.getElementById('root') as HTMLElement);

// The shell and the URL's page come in chunks of their own, asked for at once and side by side: the
// browser evaluates React, the shell (with what it imports, e.g. the number formats' locale data)
// and the page as separate tasks instead of one long one, and the first render already has the page
// (no "Loading…" in between). A page that fails to load here is left to the page's own lazy import.
// The route table is in this first chunk (a few lazy loaders): the page's chunk is asked for at once,
// beside the shell's, not after a round trip for the table (measured by the bench's first-view trace).
// That first render is a transition, which React renders in slices of a few milliseconds, yielding
// to the browser between them, instead of in one task for the shell and the page.
const route = matchRoute(ROUTES, window.location.pathname);
// The server's first screen of this page, if it wrote one: its data seeds the page's query (the
// page's prefetch does it, under the page's own key), and the first render replaces its markup.
const first = takeFirstData();
void Promise.all([
  import('./App'),
  Promise.resolve(route?.load()).catch(() => undefined),
  // Beside the page's code: its first data (a failure is left to the page's own query).
  route?.prefetch?.(queryClient, window.location.search, first).catch(() => undefined),
]).then(([{ App }]) => {
  startTransition(() => {
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </StrictMode>,
    );
  });
});
