// An <a> that navigates in the page (keeps the app, its caches and the live stream) but still
// behaves as a link: middle-click, Ctrl/⌘-click and "copy link" work as usual.
import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './location';

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
