// Copies the current URL (which holds the whole view: env, range, tz, market, …) to the clipboard.
// The async Clipboard API needs a secure context; over plain http on a LAN address it is missing,
// so the fallback selects a hidden textarea and uses execCommand('copy').
import { useEffect, useState } from 'react';

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function LinkIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
    >
      <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L11.6 6" />
      <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.6-1.6" />
    </svg>
  );
}

export function CopyLinkButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const label =
    state === 'copied'
      ? 'Link copied'
      : state === 'failed'
        ? 'Copy failed: select the address bar'
        : 'Copy link to this view';
  return (
    <button
      type="button"
      className={`icon-btn copy-link ${state === 'copied' ? 'copied' : ''}`}
      onClick={() => void copyText(window.location.href).then((ok) => setState(ok ? 'copied' : 'failed'))}
      title={label}
      aria-label="Copy link"
      data-testid="copy-link"
    >
      {state === 'copied' ? '✓' : state === 'failed' ? '!' : <LinkIcon />}
    </button>
  );
}
