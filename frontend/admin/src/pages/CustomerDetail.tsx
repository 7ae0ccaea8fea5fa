// A customer's page (GET /api/admin/customers/{id}): profile, addresses, what they spent and their
// orders, their reviews, wishlist size and sign-in state; disable or enable the account (with a
// reason: disabling ends their sessions at once and gives back their cart's holds), send a
// password-reset mail, and the history of admins' changes.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { AddressBlock } from '../../../src/components/OrderParts';
import { messageOf } from '../../../src/api/http';
import { formatCents, formatDateTime, orderStatusText, pluralize } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminCustomer } from '../api';
import { History } from '../components/History';
import { ReasonButton } from '../components/ReasonButton';
import { toast } from '../components/Toasts';

const ACTIONS: Record<string, string> = { 'customer.disable': 'disabled', 'customer.enable': 'enabled', 'customer.passwordReset': 'sent a password-reset mail' };

function AccountButton({ customer, onDone }: { customer: AdminCustomer; onDone: (c: AdminCustomer, note: string) => void }) {
  const disable = !customer.disabled;
  const label = disable ? 'Disable the account' : 'Enable the account';
  return (
    <ReasonButton
      label={label}
      dialogLabel={label}
      question={disable ? `Disable ${customer.email}?` : `Enable ${customer.email}?`}
      explanation={disable ? 'They are signed out everywhere at once and cannot sign in; what their cart holds goes back on the shelf.' : 'They can sign in again.'}
      confirmLabel={disable ? 'Disable' : 'Enable'}
      danger={disable}
      onSubmit={async (reason) => {
        const after = await adminFetch<AdminCustomer & { sessionsEnded: number; unitsReleased: number; checkoutPending: boolean }>(`/api/admin/customers/${customer.userId}`, {
          method: 'PATCH',
          body: { disabled: disable, reason },
        });
        onDone(
          after,
          disable
            ? `Disabled: ${pluralize(after.sessionsEnded, 'session')} ended, ${pluralize(after.unitsReleased, 'unit')} back on the shelf${after.checkoutPending ? ' (an order awaiting payment keeps its units)' : ''}.`
            : 'Enabled: they can sign in again.',
        );
      }}
    />
  );
}

export function CustomerDetail() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const { data: customer, error, loading, setData } = useAsync((signal) => adminFetch<AdminCustomer>(`/api/admin/customers/${encodeURIComponent(id)}`, { signal }), [id]);
  const [changes, setChanges] = useState(0);
  const [sending, setSending] = useState(false);

  if (loading && !customer) return <p aria-busy="true">Loading the customer…</p>;
  if (error || !customer) return <p class="form-error">{messageOf(error)}</p>;

  const sendReset = async () => {
    setSending(true);
    try {
      const sent = await adminFetch<{ mailedTo: string }>(`/api/admin/customers/${customer.userId}/password-reset`, { method: 'POST' });
      toast('success', `A password-reset link is on its way to ${sent.mailedTo}.`);
      setChanges((n) => n + 1);
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <p>
        <a href="/admin/customers">← Customers</a>
      </p>
      <h1 tabIndex={-1}>{customer.name || customer.username}</h1>
      <div class="columns">
        <section class="card" aria-label="Profile">
          <h2>Profile</h2>
          <p>
            {customer.email} · username {customer.username}
            <br />
            Customer since {formatDateTime(customer.createdAt)}
          </p>
          <p>
            <span class={`badge${customer.disabled ? '' : ' badge-active'}`}>{customer.disabled ? 'Disabled' : 'Active'}</span>{' '}
            {customer.signIn.liveSessions > 0 ? `Signed in on ${pluralize(customer.signIn.liveSessions, 'device')}` : 'Not signed in'}
            {customer.signIn.lastSignInAt && ` · last sign-in ${formatDateTime(customer.signIn.lastSignInAt)}`}
          </p>
          <p>
            Promotion mail: {customer.preferences.promotionalEmail ? 'yes' : 'no'} · restock alerts: {customer.preferences.restockAlerts ? 'yes' : 'no'} · wishlist:{' '}
            {pluralize(customer.wishlistSize, 'mineral')}
          </p>
          <div class="filters">
            <AccountButton
              customer={customer}
              onDone={(c, note) => {
                setData(c);
                setChanges((n) => n + 1);
                toast('success', note);
              }}
            />
            {!customer.disabled && (
              <button type="button" disabled={sending} onClick={() => void sendReset()}>
                Send a password-reset mail
              </button>
            )}
          </div>
        </section>
        <section class="card" aria-label="Addresses">
          <h2>Addresses</h2>
          {customer.addresses.length === 0 ? (
            <p class="muted">None saved.</p>
          ) : (
            customer.addresses.map((a) => (
              <div key={a.id}>
                <AddressBlock address={{ ...a, line2: a.line2 ?? undefined, region: a.region ?? undefined, phone: a.phone ?? undefined }} />
                {a.id === customer.defaultAddressId && <p class="muted small">Default</p>}
              </div>
            ))
          )}
        </section>
      </div>
      <section class="card" aria-label="Orders">
        <h2>
          Orders · spent {formatCents(customer.lifetimeValueCents)}
        </h2>
        {customer.orders.length === 0 ? (
          <p class="muted">No orders yet.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="numeric">
                    Items
                  </th>
                  <th scope="col" class="numeric">
                    Total
                  </th>
                  <th scope="col" class="numeric">
                    Refunded
                  </th>
                </tr>
              </thead>
              <tbody>
                {customer.orders.map((o) => (
                  <tr key={o.orderId}>
                    <td>
                      <a href={`/admin/orders/${encodeURIComponent(o.orderId)}`}>{o.number}</a>
                    </td>
                    <td>{formatDateTime(o.createdAt)}</td>
                    <td>{orderStatusText(o.status)}</td>
                    <td class="numeric">{o.itemCount}</td>
                    <td class="numeric">{formatCents(o.totalCents)}</td>
                    <td class="numeric">{o.refundedCents > 0 ? formatCents(o.refundedCents) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {customer.moreOrders && <p class="muted">The latest 200 orders are shown.</p>}
      </section>
      <section class="card" aria-label="Reviews">
        <h2>Reviews</h2>
        {customer.reviews.length === 0 ? (
          <p class="muted">None among the latest reviews.</p>
        ) : (
          <ul class="plain-list">
            {customer.reviews.map((r) => (
              <li key={r.reviewId}>
                {'★'.repeat(r.rating)} <a href={`/admin/minerals/${encodeURIComponent(r.mineralId)}`}>{r.mineralId}</a> · {formatDateTime(r.createdAt)}
                {r.hidden && <span class="badge">Hidden</span>} — {r.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      <History
        objectType="customer"
        objectId={customer.userId}
        version={changes}
        describe={(r) => {
          const reason = (r.after as { reason?: string } | null)?.reason;
          return `${ACTIONS[r.action] ?? r.action}${reason ? `: ${reason}` : ''}`;
        }}
      />
    </>
  );
}
