// The page every promotion mail links to: /unsubscribe?userId=…&token=… — one click, signed out or in,
// and no more promotion mail. The request goes from the page, not the link itself, so a mail scanner
// that opens links never unsubscribes anyone.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { fetchJson, messageOf } from '../../api/http';
import { useTitle } from '../../lib/page';

export function Unsubscribe() {
  useTitle('Unsubscribe');
  const { query } = useLocation();
  const [state, setState] = useState<{ kind: 'working' } | { kind: 'done' } | { kind: 'failed'; message: string }>({ kind: 'working' });
  useEffect(() => {
    const params = new URLSearchParams({ userId: query.userId ?? '', token: query.token ?? '' });
    fetchJson(`/api/promotions/unsubscribe?${params.toString()}`).then(
      () => setState({ kind: 'done' }),
      (error: unknown) => setState({ kind: 'failed', message: messageOf(error) }),
    );
  }, [query.userId, query.token]);
  return (
    <section class="page narrow">
      <h1>Promotion mail</h1>
      {state.kind === 'working' && <p aria-busy="true">Unsubscribing…</p>}
      {state.kind === 'done' && (
        <p role="status">
          You are unsubscribed: we will send you no more news or offers. Order mails still come. You can change this any time in <a href="/account">your account</a>.
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert">
          {state.message} You can also turn promotion mail off in <a href="/account">your account</a>.
        </p>
      )}
    </section>
  );
}
