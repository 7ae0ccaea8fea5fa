export function NotAdmin({ email, onSignOut }: { email: string; onSignOut: () => void }) {
  return (
    <section class="sign-in" aria-labelledby="not-admin-title">
      <h1 id="not-admin-title">Not an admin</h1>
      <p>
        You are signed in as <strong>{email}</strong>, but this account is not in the shop's <code>admin</code> group, so the console is closed to it. Ask
        an admin to add you, or sign in with another account.
      </p>
      <button type="button" class="button-primary" onClick={onSignOut}>
        Sign out
      </button>
    </section>
  );
}
