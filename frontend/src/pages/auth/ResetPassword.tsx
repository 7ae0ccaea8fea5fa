// The page the password-reset mail links to: /reset-password?token=…
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { fetchJson, messageOf } from '../../api/http';
import { TextField } from '../../components/AddressFields';
import { useTitle } from '../../lib/page';
import { forgetSession } from '../../state/session';

const MIN_PASSWORD = 10;

export function ResetPassword() {
  useTitle('Choose a new password');
  const { query, route } = useLocation();
  const token = query.token ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ password?: string; confirm?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!token) {
    return (
      <section class="page narrow">
        <h1>Choose a new password</h1>
        <p>
          This link is incomplete. Open the whole link from the mail, or <a href="/account/forgot-password">ask for a new one</a>.
        </p>
      </section>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: { password?: string; confirm?: string } = {};
    if (password.length < MIN_PASSWORD) found.password = `Use at least ${MIN_PASSWORD} characters.`;
    if (confirm !== password) found.confirm = 'The two passwords are not the same.';
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(null);
    try {
      await fetchJson('/api/auth/password/reset', { method: 'POST', body: { token, password } });
      // Every session ended with the reset, this browser's too.
      forgetSession();
      route('/account/sign-in?reset=done', true);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <section class="page narrow">
      <h1>Choose a new password</h1>
      <form class="stack" onSubmit={submit} noValidate>
        {error && (
          <div class="message error" role="alert">
            <p>{error}</p>
            <p>
              <a href="/account/forgot-password">Ask for a new link</a>
            </p>
          </div>
        )}
        <TextField
          id="new-password"
          label="New password"
          type="password"
          value={password}
          error={problems.password}
          onInput={setPassword}
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters.`}
        />
        <TextField id="confirm-password" label="New password again" type="password" value={confirm} error={problems.confirm} onInput={setConfirm} autoComplete="new-password" />
        <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Saving…' : 'Set the new password'}
        </button>
      </form>
    </section>
  );
}
