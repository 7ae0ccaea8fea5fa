// Sign-in and whatever Cognito asks next: a new password on first sign-in, the authenticator's code,
// or setting the authenticator up. Each step is one form; errors show beside it. Each step's section
// has its own key, so no field inherits what was typed into the one before it (the email or the
// password would otherwise stay in the new step's inputs).
import { useState } from 'preact/hooks';
import {
  answerMfaCode,
  answerNewPassword,
  beginMfaSetup,
  finishMfaSetup,
  otpauthUri,
  startSignIn,
  type Challenge,
  type ConsoleConfig,
  type SignInStep,
} from '../auth/cognito';
import { setTokens } from '../auth/session';

const CODE_PATTERN = /^\d{6}$/;

export function SignIn({ config }: { config: ConsoleConfig }) {
  const [email, setEmail] = useState('');
  const [challenge, setChallenge] = useState<Challenge | undefined>(undefined);
  const [setup, setSetup] = useState<{ secret: string; session: string } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<SignInStep | void>) => {
    setBusy(true);
    setError(undefined);
    try {
      const step = await work();
      if (step?.kind === 'signedIn') setTokens(config, step.tokens);
      else if (step?.kind === 'challenge') {
        setChallenge(step.challenge);
        setSetup(step.challenge.name === 'MFA_SETUP' ? await beginMfaSetup(config, step.challenge) : undefined);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Sign-in failed. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  const field = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '');
  const errorLine = error && (
    <p class="form-error" role="alert" id="sign-in-error">
      {error}
    </p>
  );

  if (!challenge) {
    return (
      <section key="password" class="sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to the console</h1>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            setEmail(field(form, 'email'));
            void run(() => startSignIn(config, field(form, 'email'), field(form, 'password')));
          }}
        >
          <label>
            Email
            <input name="email" type="email" autocomplete="username" required aria-describedby={error ? 'sign-in-error' : undefined} />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          {errorLine}
          <button type="submit" class="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </section>
    );
  }

  if (challenge.name === 'NEW_PASSWORD_REQUIRED') {
    return (
      <section key="new-password" class="sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Choose your password</h1>
        <p>This is your first sign-in: replace the temporary password you were given with your own.</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            if (field(form, 'password') !== field(form, 'repeat')) return setError('The two passwords are not the same.');
            void run(() => answerNewPassword(config, challenge, field(form, 'password')));
          }}
        >
          <label>
            New password
            <input name="password" type="password" autocomplete="new-password" minLength={8} required />
          </label>
          <label>
            New password again
            <input name="repeat" type="password" autocomplete="new-password" minLength={8} required />
          </label>
          {errorLine}
          <button type="submit" class="button-primary" disabled={busy}>
            Save password and sign in
          </button>
        </form>
      </section>
    );
  }

  const codeField = (
    <label>
      Six-digit code
      <input name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
    </label>
  );
  const submitCode = (answer: (code: string) => Promise<SignInStep>) => (e: Event) => {
    e.preventDefault();
    const code = field(e.currentTarget as HTMLFormElement, 'code').trim();
    if (!CODE_PATTERN.test(code)) return setError('Type the six digits your authenticator app shows.');
    void run(() => answer(code));
  };

  if (challenge.name === 'SOFTWARE_TOKEN_MFA') {
    return (
      <section key="code" class="sign-in" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Enter your code</h1>
        <p>Open your authenticator app and type the code it shows for the mineral shop.</p>
        <form onSubmit={submitCode((code) => answerMfaCode(config, challenge, code))}>
          {codeField}
          {errorLine}
          <button type="submit" class="button-primary" disabled={busy}>
            Verify and sign in
          </button>
        </form>
      </section>
    );
  }

  return (
    <section key="setup" class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Set up your authenticator</h1>
      <p>The console needs a second step at every sign-in. Add this key to an authenticator app (1Password, Google Authenticator, Authy…), then type the code it shows.</p>
      {setup && (
        <p>
          Key: <code class="secret">{setup.secret}</code>
          <br />
          <a href={otpauthUri(setup.secret, email)}>Open in an authenticator app on this device</a>
        </p>
      )}
      <form onSubmit={submitCode((code) => finishMfaSetup(config, challenge, setup?.session ?? challenge.session, code))}>
        {codeField}
        {errorLine}
        <button type="submit" class="button-primary" disabled={busy || !setup}>
          Verify and sign in
        </button>
      </form>
    </section>
  );
}
