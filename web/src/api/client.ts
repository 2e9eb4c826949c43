// The web app's only door to data: the JSON API. Errors carry the API's {error: {code, message}}.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The query parameter the server refused (400 bad_parameter). */
    readonly param: string | null = null,
  ) {
    super(message);
  }

  /** A refusal that asking again will not change (a bad link, a missing item): no retrying. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** Leaves the app for the server's sign-in page (a full navigation: it is not an app route). */
export function redirectToLogin(): void {
  if (typeof window !== 'undefined' && window.location.pathname !== '/login')
    window.location.assign('/login');
}

export async function getJson<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const url = qs.size ? `${path}?${qs}` : path;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  // Under `--auth token` the session cookie has expired or was never set: sign in again.
  if (res.status === 401) redirectToLogin();
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; param?: string };
  } | null;
  if (!res.ok) {
    throw new ApiRequestError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `HTTP ${res.status}`,
      body?.error?.param ?? null,
    );
  }
  return body as T;
}
