// Per-page chores: the document title, and where focus goes after a client-side navigation.
import { useEffect } from 'preact/hooks';

const SHOP = 'Mineral shop';

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SHOP}` : SHOP;
  }, [title]);
}

/**
 * After a route change, focus the new page's heading (or the main region), so keyboard and screen
 * reader users start at the new content instead of wherever the old page left them.
 */
export function focusMainHeading(): void {
  requestAnimationFrame(() => {
    const main = document.getElementById('main');
    const target = main?.querySelector<HTMLElement>('h1') ?? main;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  });
}
