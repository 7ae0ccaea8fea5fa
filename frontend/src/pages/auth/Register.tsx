import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/http';
import { TextField } from '../../components/AddressFields';
import { safeNext } from '../../lib/next';
import { useTitle } from '../../lib/page';
import { adoptCartAfterSignIn } from '../../state/cart';
import { register } from '../../state/session';

const MIN_PASSWORD = 10;

interface Draft {
  name: string;
  username: string;
  email: string;
  password: string;
}

function problemsOf(d: Draft): Partial<Record<keyof Draft, string>> {
  const p: Partial<Record<keyof Draft, string>> = {};
  if (!d.name.trim()) p.name = 'Enter your name.';
  if (!/^[a-zA-Z0-9_.-]{3,30}$/.test(d.username)) p.username = 'Use 3–30 letters, digits, dots, dashes or underscores.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(d.email.trim())) p.email = 'Enter an email address.';
  if (d.password.length < MIN_PASSWORD) p.password = `Use at least ${MIN_PASSWORD} characters.`;
  return p;
}

export function Register() {
  useTitle('Create an account');
  const { query, route } = useLocation();
  const [draft, setDraft] = useState<Draft>({ name: '', username: '', email: '', password: '' });
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof Draft) => (value: string) => setDraft({ ...draft, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = problemsOf(draft);
    setProblems(found);
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      document.getElementById(`register-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await register({ name: draft.name.trim(), username: draft.username, email: draft.email.trim(), password: draft.password });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? `${e.message}` : messageOf(e));
      setBusy(false);
      return;
    }
    try {
      await adoptCartAfterSignIn();
    } catch {
      // Registered and signed in; the cart is read again on the next page.
    }
    setBusy(false);
    route(safeNext(query.next), true);
  };

  return (
    <section class="page narrow">
      <h1>Create an account</h1>
      <p>Your cart follows you between devices, and you can follow your orders and keep a wishlist.</p>
      <form class="stack" onSubmit={submit} noValidate>
        {error && (
          <div class="message error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <TextField id="register-name" label="Name" value={draft.name} error={problems.name} onInput={set('name')} autoComplete="name" />
        <TextField id="register-username" label="Username" value={draft.username} error={problems.username} onInput={set('username')} autoComplete="username" />
        <TextField id="register-email" label="Email" type="email" value={draft.email} error={problems.email} onInput={set('email')} autoComplete="email" />
        <TextField
          id="register-password"
          label="Password"
          type="password"
          value={draft.password}
          error={problems.password}
          onInput={set('password')}
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters. A few unrelated words make a strong one.`}
        />
        <button type="submit" class="button primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <a href="/account/sign-in">Sign in</a>
      </p>
    </section>
  );
}
