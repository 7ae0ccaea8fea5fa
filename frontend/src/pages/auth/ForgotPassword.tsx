import { useState } from 'preact/hooks';
import { fetchJson, messageOf } from '../../api/http';
import { TextField } from '../../components/AddressFields';
import { Notice } from '../../components/Status';
import { useTitle } from '../../lib/page';

export function ForgotPassword() {
  useTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'sent' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setState({ kind: 'error', message: 'Enter the email address of your account.' });
      return;
    }
    setState({ kind: 'busy' });
    try {
      await fetchJson('/api/auth/password/forgot', { method: 'POST', body: { email: email.trim() } });
      setState({ kind: 'sent' });
    } catch (e) {
      setState({ kind: 'error', message: messageOf(e) });
    }
  };

  return (
    <section class="page narrow">
      <h1>Reset your password</h1>
      {state.kind === 'sent' ? (
        <Notice kind="success">
          If an account uses {email.trim()}, a link to choose a new password is on its way. It works once and only for a short time.
        </Notice>
      ) : (
        <form class="stack" onSubmit={submit} noValidate>
          <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
          {state.kind === 'error' && (
            <div class="message error" role="alert">
              <p>{state.message}</p>
            </div>
          )}
          <TextField id="forgot-email" label="Email" type="email" value={email} error={undefined} onInput={setEmail} autoComplete="email" />
          <button type="submit" class="button primary" disabled={state.kind === 'busy'}>
            Send the link
          </button>
        </form>
      )}
      <p>
        <a href="/account/sign-in">Back to sign in</a>
      </p>
    </section>
  );
}
