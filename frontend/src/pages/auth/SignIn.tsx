import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { messageOf } from '../../api/http';
import { TextField } from '../../components/AddressFields';
import { Notice } from '../../components/Status';
import { safeNext } from '../../lib/next';
import { useTitle } from '../../lib/page';
import { adoptCartAfterSignIn } from '../../state/cart';
import { sessionEndedNotice, signIn } from '../../state/session';

export function SignIn() {
  useTitle('Sign in');
  const { query, route } = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(query.next);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError('Enter your username or email and your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
      return;
    }
    try {
      await adoptCartAfterSignIn();
    } catch {
      // Signed in; the cart is read again on the next page.
    }
    setBusy(false);
    route(next, true);
  };

  return (
    <section class="page narrow">
      <h1>Sign in</h1>
      {sessionEndedNotice.value && <Notice kind="info">{sessionEndedNotice.value}</Notice>}
      {query.reset === 'done' && <Notice kind="success">Your password was changed. Sign in with the new one.</Notice>}
      <form class="stack" onSubmit={submit} noValidate>
        {error && (
          <div class="message error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <TextField id="login" label="Username or email" value={login} error={undefined} onInput={setLogin} autoComplete="username" />
        <TextField id="password" label="Password" type="password" value={password} error={undefined} onInput={setPassword} autoComplete="current-password" />
        <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <a href="/account/forgot-password">Forgot your password?</a>
      </p>
      <p>
        New here? <a href={`/account/register${query.next ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</a>. Items in your cart come with you.
      </p>
    </section>
  );
}
