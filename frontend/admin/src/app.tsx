// The console's shell: its configuration, then sign-in, the "not an admin" page, or the navigation and
// the pages. Every page lives under /admin/ (the server answers each deep link with this app).
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleConfig } from './auth/cognito';
import { resumeSession, signOut, who } from './auth/session';
import { Toasts } from './components/Toasts';
import { loadConfig } from './config';
import { Dashboard } from './pages/Dashboard';
import { Inventory } from './pages/Inventory';
import { MineralEditor } from './pages/MineralEditor';
import { Minerals } from './pages/Minerals';
import { NotAdmin } from './pages/NotAdmin';
import { Orders } from './pages/Orders';
import { OrderDetail } from './pages/OrderDetail';
import { PackingSlip } from './pages/PackingSlip';
import { Reconciliation } from './pages/Reconciliation';
import { AuditLog } from './pages/AuditLog';
import { CouponEditor } from './pages/CouponEditor';
import { CustomerDetail } from './pages/CustomerDetail';
import { Customers } from './pages/Customers';
import { Coupons } from './pages/Coupons';
import { CampaignPage, Promotions } from './pages/Promotions';
import { Reviews } from './pages/Reviews';
import { Sales } from './pages/Sales';
import { SignIn } from './pages/SignIn';

const NAV = [
  { href: '/admin/', label: 'Dashboard' },
  { href: '/admin/minerals', label: 'Minerals' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/coupons', label: 'Coupons' },
  { href: '/admin/sales', label: 'Sales' },
  { href: '/admin/reviews', label: 'Reviews' },
  { href: '/admin/promotions', label: 'Promotions' },
  { href: '/admin/reconciliation', label: 'Reconciliation' },
  { href: '/admin/audit', label: 'Audit log' },
] as const;

function Navigation({ config }: { config: ConsoleConfig }) {
  const { path } = useLocation();
  return (
    <header class="console-header">
      <a class="console-brand" href="/admin/">
        Mineral shop console
      </a>
      <nav aria-label="Console">
        <ul>
          {NAV.map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={path === item.href || (item.href !== '/admin/' && path.startsWith(`${item.href}/`)) ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <span class="console-user">{who.value?.email}</span>
      <button type="button" onClick={() => void signOut(config)}>
        Sign out
      </button>
    </header>
  );
}

function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Not found</h1>
      <p>
        There is no console page here. <a href="/admin/">Go to the dashboard</a>.
      </p>
    </>
  );
}

export function App() {
  const [config, setConfig] = useState<ConsoleConfig | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    loadConfig().then(
      (c) => {
        resumeSession(c);
        setConfig(c);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  const person = who.value;
  let body;
  if (error) body = <p class="form-error">{error}</p>;
  else if (!config) body = <p aria-busy="true">Loading…</p>;
  else if (!person) body = <SignIn config={config} />;
  else if (!person.isAdmin) body = <NotAdmin email={person.email} onSignOut={() => void signOut(config)} />;
  else {
    return (
      <LocationProvider>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Navigation config={config} />
        <main id="main" tabIndex={-1}>
          <Router>
            <Route path="/admin/" component={Dashboard} />
            <Route path="/admin/minerals" component={Minerals} />
            <Route path="/admin/minerals/new" component={MineralEditor} />
            <Route path="/admin/minerals/:id" component={MineralEditor} />
            <Route path="/admin/minerals/:id/inventory" component={Inventory} />
            <Route path="/admin/reconciliation" component={Reconciliation} />
            <Route path="/admin/audit" component={AuditLog} />
            <Route path="/admin/customers" component={Customers} />
            <Route path="/admin/customers/:id" component={CustomerDetail} />
            <Route path="/admin/coupons" component={Coupons} />
            <Route path="/admin/coupons/new" component={CouponEditor} />
            <Route path="/admin/coupons/:code" component={CouponEditor} />
            <Route path="/admin/sales" component={Sales} />
            <Route path="/admin/reviews" component={Reviews} />
            <Route path="/admin/promotions" component={Promotions} />
            <Route path="/admin/promotions/:id" component={CampaignPage} />
            <Route path="/admin/orders" component={Orders} />
            <Route path="/admin/orders/:orderId" component={OrderDetail} />
            <Route path="/admin/orders/:orderId/packing-slip" component={PackingSlip} />
            <Route default component={NotFound} />
          </Router>
        </main>
        <Toasts />
      </LocationProvider>
    );
  }
  return (
    <main id="main" class="sign-in-page">
      {body}
    </main>
  );
}
