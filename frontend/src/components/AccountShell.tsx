// The frame of every account page: signed-in only (others are sent to sign in and brought back), with
// the account's own navigation.
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { currentUser } from '../state/session';
import { Loading } from './Status';

const LINKS = [
  { href: '/account', label: 'Profile and addresses' },
  { href: '/account/orders', label: 'Orders' },
  { href: '/account/wishlist', label: 'Wishlist' },
  { href: '/account/payment-methods', label: 'Saved cards' },
];

export function AccountShell({ title, children }: { title: string; children: ComponentChildren }) {
  const { path, url, route } = useLocation();
  const user = currentUser.value;
  useEffect(() => {
    if (!user) route(`/account/sign-in?next=${encodeURIComponent(url)}`, true);
  }, [user]);
  if (!user) return <Loading label="Taking you to sign in…" />;
  return (
    <section class="page account">
      <h1>{title}</h1>
      <nav class="account-nav" aria-label="Your account">
        {LINKS.map((l) => (
          <a key={l.href} href={l.href} aria-current={path === l.href || (l.href !== '/account' && path.startsWith(l.href)) ? 'page' : undefined}>
            {l.label}
          </a>
        ))}
      </nav>
      {children}
    </section>
  );
}
