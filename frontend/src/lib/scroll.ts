// Scroll positions by URL, so going back to a listing lands where the shopper left it. The browser's
// own restoration runs before a client-rendered page has its content, so the site does it itself.

const positions = new Map<string, number>();
let pending = false;

export function startScrollMemory(): void {
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  addEventListener(
    'scroll',
    () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        positions.set(location.pathname + location.search, scrollY);
      });
    },
    { passive: true },
  );
}

export function savedScroll(url: string): number | undefined {
  return positions.get(url);
}
