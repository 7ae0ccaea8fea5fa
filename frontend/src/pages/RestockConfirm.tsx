// The page a restock confirmation mail links to: /restock/confirm?mineralId=…&email=…&token=… — the
// double opt-in of a restock alert. The confirmation is a POST from the page, not the link itself, so
// a mail scanner that opens links confirms nothing; the token leaves the address bar once read.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { fetchJson, messageOf } from '../api/http';
import { useTitle } from '../lib/page';

export function RestockConfirm() {
  useTitle('Restock alert');
  const { query } = useLocation();
  const [state, setState] = useState<{ kind: 'working' } | { kind: 'done'; email: string } | { kind: 'failed'; message: string }>({ kind: 'working' });
  useEffect(() => {
    const { mineralId = '', email = '', token = '' } = query;
    if (token) history.replaceState(history.state, '', `/restock/confirm?${new URLSearchParams({ mineralId }).toString()}`);
    if (!token) return;
    fetchJson<{ email: string }>('/api/restock-watches/confirm', { method: 'POST', body: { mineralId, email, token } }).then(
      (watch) => setState({ kind: 'done', email: watch.email }),
      (error: unknown) => setState({ kind: 'failed', message: messageOf(error) }),
    );
  }, []);
  const mineralUrl = query.mineralId ? `/minerals/${encodeURIComponent(query.mineralId)}` : '/';
  return (
    <section class="page narrow">
      <h1>Restock alert</h1>
      {state.kind === 'working' && <p aria-busy="true">Confirming…</p>}
      {state.kind === 'done' && (
        <p role="status">
          Confirmed: we will email {state.email} once when it is back in stock. <a href={mineralUrl}>Back to the mineral</a>
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert">
          {state.message} <a href={mineralUrl}>Go to the mineral</a>
        </p>
      )}
    </section>
  );
}
