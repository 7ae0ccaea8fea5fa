// The shell: header, routes and footer. The catalog is in the initial bundle; every other page is a
// lazy chunk, so the first paint of the shop loads only what the catalog needs.
import { LocationProvider, Route, Router } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { Header } from './components/Header';
import { PageErrorBoundary, page } from './components/PageErrorBoundary';
import { Catalog } from './pages/Catalog';
import { NotFound } from './pages/NotFound';
import { refreshCart } from './state/cart';
import { focusMainHeading } from './lib/page';

const Product = page(() => import('./pages/Product').then((m) => m.Product));
const CartPage = page(() => import('./pages/CartPage').then((m) => m.CartPage));
const Checkout = page(() => import('./pages/Checkout').then((m) => m.Checkout));
const PayOrder = page(() => import('./pages/checkout/PayOrder').then((m) => m.PayOrder));
const Confirmation = page(() => import('./pages/Confirmation').then((m) => m.Confirmation));
const TrackOrder = page(() => import('./pages/TrackOrder').then((m) => m.TrackOrder));
const SignIn = page(() => import('./pages/auth/SignIn').then((m) => m.SignIn));
const Register = page(() => import('./pages/auth/Register').then((m) => m.Register));
const ForgotPassword = page(() => import('./pages/auth/ForgotPassword').then((m) => m.ForgotPassword));
const ResetPassword = page(() => import('./pages/auth/ResetPassword').then((m) => m.ResetPassword));
const RestockConfirm = page(() => import('./pages/RestockConfirm').then((m) => m.RestockConfirm));
const Unsubscribe = page(() => import('./pages/auth/Unsubscribe').then((m) => m.Unsubscribe));
const Account = page(() => import('./pages/account/Account').then((m) => m.Account));
const Orders = page(() => import('./pages/account/Orders').then((m) => m.Orders));
const OrderDetail = page(() => import('./pages/account/OrderDetail').then((m) => m.OrderDetail));
const Wishlist = page(() => import('./pages/account/Wishlist').then((m) => m.Wishlist));
const PaymentMethods = page(() => import('./pages/account/PaymentMethods').then((m) => m.PaymentMethods));
const ShippingPage = page(() => import('./pages/info/Shipping').then((m) => m.ShippingPage));
const ContactPage = page(() => import('./pages/info/Contact').then((m) => m.ContactPage));
const ReturnsPage = page(() => import('./pages/info/Policies').then((m) => m.ReturnsPage));
const AuthenticityPage = page(() => import('./pages/info/Policies').then((m) => m.AuthenticityPage));
const AboutPage = page(() => import('./pages/info/Policies').then((m) => m.AboutPage));
const PrivacyPage = page(() => import('./pages/info/Policies').then((m) => m.PrivacyPage));
const TermsPage = page(() => import('./pages/info/Policies').then((m) => m.TermsPage));

let firstRoute = true;

function onRouteChange() {
  // The first page keeps the browser's own start; later navigations move focus to the new page.
  if (firstRoute) {
    firstRoute = false;
    return;
  }
  focusMainHeading();
}

function useCartSync() {
  useEffect(() => {
    const sync = () => {
      if (document.visibilityState === 'visible') void refreshCart().catch(() => undefined);
    };
    sync();
    document.addEventListener('visibilitychange', sync);
    return () => document.removeEventListener('visibilitychange', sync);
  }, []);
}

export function App() {
  useCartSync();
  return (
    <LocationProvider>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <PageErrorBoundary>
          <Router onRouteChange={onRouteChange}>
            <Route path="/" component={Catalog} />
            <Route path="/minerals/:id" component={Product} />
            <Route path="/cart" component={CartPage} />
            <Route path="/checkout" component={Checkout} />
            <Route path="/checkout/pay/:orderId" component={PayOrder} />
            <Route path="/orders/:orderId/confirmation" component={Confirmation} />
            <Route path="/orders/:orderId/track" component={TrackOrder} />
            <Route path="/account/sign-in" component={SignIn} />
            <Route path="/account/register" component={Register} />
            <Route path="/account/forgot-password" component={ForgotPassword} />
            <Route path="/reset-password" component={ResetPassword} />
            <Route path="/unsubscribe" component={Unsubscribe} />
            <Route path="/restock/confirm" component={RestockConfirm} />
            <Route path="/account" component={Account} />
            <Route path="/account/orders" component={Orders} />
            <Route path="/account/orders/:orderId" component={OrderDetail} />
            <Route path="/account/wishlist" component={Wishlist} />
            <Route path="/account/payment-methods" component={PaymentMethods} />
            <Route path="/shipping" component={ShippingPage} />
            <Route path="/returns" component={ReturnsPage} />
            <Route path="/authenticity" component={AuthenticityPage} />
            <Route path="/about" component={AboutPage} />
            <Route path="/contact" component={ContactPage} />
            <Route path="/privacy" component={PrivacyPage} />
            <Route path="/terms" component={TermsPage} />
            <Route default component={NotFound} />
          </Router>
        </PageErrorBoundary>
      </main>
      <footer class="site-footer">
        <nav aria-label="The shop">
          <ul class="footer-links">
            <li><a href="/shipping">Shipping</a></li>
            <li><a href="/returns">Returns</a></li>
            <li><a href="/authenticity">Authenticity guarantee</a></li>
            <li><a href="/about">About us</a></li>
            <li><a href="/contact">Contact</a></li>
            <li><a href="/privacy">Privacy</a></li>
            <li><a href="/terms">Terms</a></li>
          </ul>
        </nav>
        <p>Real specimens, honestly described. Prices in US dollars.</p>
      </footer>
    </LocationProvider>
  );
}
