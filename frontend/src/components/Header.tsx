import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { cartCount } from '../state/cart';
import { currentUser } from '../state/session';

/** The links of the main navigation whose pages have their own sub-pages, most specific first. */
const SECTIONS = ['/account/wishlist', '/account', '/cart', '/account/sign-in'];

/** Marks a link current when the page is it or below it, unless a more specific link claims the page. */
function isCurrent(href: string, path: string): boolean {
  if (href === '/') return path === '/';
  const owner = SECTIONS.find((section) => path === section || path.startsWith(`${section}/`));
  return owner === href || (owner === undefined && (path === href || path.startsWith(`${href}/`)));
}

function NavLink({ href, children, label }: { href: string; children: ComponentChildren; label?: string }) {
  const { path } = useLocation();
  return (
    <a href={href} class="nav-link" aria-current={isCurrent(href, path) ? 'page' : undefined} aria-label={label}>
      {children}
    </a>
  );
}

export function Header() {
  const user = currentUser.value;
  const count = cartCount.value;
  return (
    <header class="site-header">
      <div class="header-inner">
        <a href="/" class="brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 28 28">
            <path d="M14 2 25 10 21 25H7L3 10Z" fill="#c9a96e" stroke="#f6f4ef" stroke-width="1.5" />
            <path d="M3 10h22M14 2 10 10l4 15 4-15Z" fill="none" stroke="#f6f4ef" stroke-width="1.2" />
          </svg>
          <span>Mineral shop</span>
        </a>
        <nav aria-label="Main">
          <NavLink href="/">Catalog</NavLink>
          {user ? (
            <>
              <NavLink href="/account/wishlist">Wishlist</NavLink>
              <NavLink href="/account">Account</NavLink>
            </>
          ) : (
            <NavLink href="/account/sign-in">Sign in</NavLink>
          )}
          <NavLink href="/cart" label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
            Cart <span class="cart-count" aria-hidden="true">{count}</span>
          </NavLink>
        </nav>
      </div>
    </header>
  );
}
