// The pages a collector reads before trusting a shop with a $300 specimen: returns, the authenticity
// guarantee, who the dealer is, privacy and terms. The numbers in them come from GET /api/policies.
import type { ComponentChildren } from 'preact';
import { ErrorMessage, Loading } from '../../components/Status';
import { useTitle } from '../../lib/page';
import { usePolicies, type Policies } from '../../state/policies';

function PolicyPage({ title, lead, children }: { title: string; lead: string; children: (p: Policies) => ComponentChildren }) {
  useTitle(title);
  const policies = usePolicies();
  return (
    <section class="page info-page">
      <h1>{title}</h1>
      <p class="lead">{lead}</p>
      {policies.error !== undefined && <ErrorMessage error={policies.error} onRetry={policies.reload} />}
      {!policies.data && policies.error === undefined && <Loading minHeight="30vh" />}
      {policies.data && children(policies.data)}
    </section>
  );
}

export function ReturnsPage() {
  return (
    <PolicyPage title="Returns" lead="If a specimen is not what you hoped, send it back.">
      {(p) => (
        <>
          <h2>Changed your mind</h2>
          <p>
            You may return any specimen within {p.returnWindowDays} days of delivery, for any reason, as long as it comes back as it left:
            unwashed, unrepaired, in its packing. Write to us through the <a href="/contact">contact form</a> with your order number; we
            answer with the return address. Once it is back and checked we refund the price of the specimen to the card you paid with; the
            shipping both ways is yours.
          </p>
          <h2>Arrived damaged</h2>
          <p>
            Minerals are fragile and parcels are thrown. If a specimen arrives broken or damaged, photograph it in its packing and write to us
            within 7 days of delivery. We refund it in full, shipping included, or send it again if we have another; you do not pay for
            anything, and we may ask you to keep it.
          </p>
          <h2>Refunds</h2>
          <p>A refund goes back to the card you paid with, and shows up within 5 to 10 business days depending on your bank.</p>
        </>
      )}
    </PolicyPage>
  );
}

export function AuthenticityPage() {
  return (
    <PolicyPage title="Authenticity guarantee" lead="Every specimen is what we say it is, and where we say it is from.">
      {(p) => (
        <>
          <p>
            Each listing names the species, the locality as precisely as we know it, and every treatment or repair we know of — cleaning,
            stabilising, a glued crystal. We do not sell dyed, heated, irradiated or assembled specimens as natural ones.
          </p>
          <p>
            If an independent gemmological or mineralogical laboratory shows, within {p.authenticityGuaranteeYears} years of delivery, that a
            specimen is not the species described, not from the locality described, or has a treatment or repair we did not disclose, we take
            it back and refund everything you paid, the laboratory's fee and the shipping included.
          </p>
          <p>
            Questions about a specimen before you buy? <a href="/contact">Ask us</a>: we answer with what we know and how we know it.
          </p>
        </>
      )}
    </PolicyPage>
  );
}

export function AboutPage() {
  useTitle('About the dealer');
  return (
    <section class="page info-page">
      <h1>About the dealer</h1>
      <p class="lead">A small dealer of natural mineral specimens, buying from miners, old collections and shows.</p>
      <p>
        We choose every specimen ourselves, photograph it as it is, and describe its faults as plainly as its beauty. Most of what we sell is
        one of a kind: when it is gone, it is gone, and the catalog says so.
      </p>
      <p>
        Our promises are on the <a href="/shipping">shipping</a>, <a href="/returns">returns</a> and{' '}
        <a href="/authenticity">authenticity</a> pages. To reach us, use the <a href="/contact">contact form</a>.
      </p>
    </section>
  );
}

export function PrivacyPage() {
  return (
    <PolicyPage title="Privacy" lead="What we keep about you, why, and for how long.">
      {() => (
        <>
          <h2>What we keep</h2>
          <ul>
            <li>For an order: your name, email, delivery address and what you bought, to deliver it, answer questions and keep the books.</li>
            <li>For an account: the same, your saved addresses, your wishlist and reviews, and a hash of your password (never the password).</li>
            <li>For a restock alert or a message to us: your email address and what you asked.</li>
          </ul>
          <h2>Payments</h2>
          <p>
            Card details go straight from your browser to our payment provider, Stripe; they never reach our servers, and we never see or keep
            a card number.
          </p>
          <h2>In your browser</h2>
          <p>
            We keep your cart and your sign-in in your browser's storage so they survive a reload. We use no advertising or tracking cookies
            and no third-party analytics.
          </p>
          <h2>Your rights</h2>
          <p>
            You can see and change your details in your account, and ask us through the <a href="/contact">contact form</a> for a copy of
            everything we keep about you or for its deletion (orders are kept as long as tax law requires).
          </p>
        </>
      )}
    </PolicyPage>
  );
}

export function TermsPage() {
  return (
    <PolicyPage title="Terms of sale" lead="How buying from us works.">
      {(p) => (
        <>
          <ul>
            <li>Prices are in US dollars. Tax is added where we are registered to collect it, and shown before you pay.</li>
            <li>
              Putting a specimen in your cart holds it for you: {p.holdMinutes.guest} minutes as a guest, {p.holdMinutes.shopper} minutes when
              signed in, renewed while you use your cart. When the hold lapses, someone else may buy it.
            </li>
            <li>
              An order placed waits {p.paymentWindowMinutes} minutes for its payment; unpaid after that, it lapses and the specimens go back on
              sale. Nothing is charged for an order that lapses.
            </li>
            <li>The sale is made when your payment succeeds; you get a confirmation mail, and a tracking number when it ships.</li>
            <li>
              Returns within {p.returnWindowDays} days of delivery, damage in transit and our authenticity guarantee are on the{' '}
              <a href="/returns">returns</a> and <a href="/authenticity">authenticity</a> pages.
            </li>
          </ul>
        </>
      )}
    </PolicyPage>
  );
}
