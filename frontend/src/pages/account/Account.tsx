// The shopper's profile: name, email (a change needs the password), the address book with its
// default, mail preferences, and signing out.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { messageOf } from '../../api/http';
import type { Address, Profile } from '../../api/types';
import { AccountShell } from '../../components/AccountShell';
import { AddressFields, addressBody, draftOf, emptyAddress, validateAddress, type AddressDraft, type AddressErrors } from '../../components/AddressFields';
import { AddressBlock } from '../../components/OrderParts';
import { ErrorMessage, Loading, Notice } from '../../components/Status';
import { TextField } from '../../components/AddressFields';
import { useTitle } from '../../lib/page';
import { useAsync } from '../../lib/useAsync';
import { resetCartAfterSignOut } from '../../state/cart';
import { currentUser, signOut, updateCurrentUser } from '../../state/session';

type Saved = Profile['addresses'][number];

function newAddressId(): string {
  return `a-${crypto.randomUUID().slice(0, 8)}`;
}

function patchProfile(body: Record<string, unknown>): Promise<Profile> {
  return api<Profile>('/api/me', { method: 'PATCH', auth: 'required', body }).then((p) => {
    updateCurrentUser(p);
    return p;
  });
}

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [name, setName] = useState(profile.name);
  const [email, setEmail] = useState(profile.email);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const emailChanged = email.trim() !== profile.email;

  const submit = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (name.trim() !== profile.name) body.name = name.trim();
    if (emailChanged) {
      if (!password) {
        setMessage({ kind: 'error', text: 'Enter your current password to change your email address.' });
        return;
      }
      body.email = email.trim();
      body.currentPassword = password;
    }
    if (!Object.keys(body).length) {
      setMessage({ kind: 'success', text: 'Nothing to change.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      onSaved(await patchProfile(body));
      setPassword('');
      setMessage({ kind: 'success', text: 'Your profile was saved.' });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack panel" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <p class="muted small">Username: {profile.username}</p>
      <TextField id="profile-name" label="Name" value={name} error={undefined} onInput={setName} autoComplete="name" />
      <TextField id="profile-email" label="Email" type="email" value={email} error={undefined} onInput={setEmail} autoComplete="email" />
      {emailChanged && (
        <TextField id="profile-password" label="Current password" type="password" value={password} error={undefined} onInput={setPassword} autoComplete="current-password" />
      )}
      <button type="submit" class="button" disabled={busy}>
        Save profile
      </button>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

function AddressBook({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [editing, setEditing] = useState<{ id: string | null; draft: AddressDraft } | null>(null);
  const [errors, setErrors] = useState<AddressErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const save = async (addresses: Saved[], defaultAddressId: string | null, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      onSaved(await patchProfile({ addresses, defaultAddressId }));
      setEditing(null);
      setMessage({ kind: 'success', text: done });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (!editing) return;
    const found = validateAddress(editing.draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    const body: Address = addressBody(editing.draft);
    const id = editing.id ?? newAddressId();
    const addresses = editing.id
      ? profile.addresses.map((a) => (a.id === editing.id ? { ...body, id } : a))
      : [...profile.addresses, { ...body, id }];
    void save(addresses, profile.defaultAddressId ?? id, editing.id ? 'The address was updated.' : 'The address was added.');
  };

  return (
    <section class="panel" aria-labelledby="addresses-title">
      <h2 id="addresses-title">Addresses</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {profile.addresses.length === 0 && <p>No saved addresses yet. Add one to check out faster.</p>}
      <ul class="address-list">
        {profile.addresses.map((a) => (
          <li key={a.id} class="address-card">
            <AddressBlock address={a} />
            {a.id === profile.defaultAddressId ? (
              <p class="badge">Default address</p>
            ) : (
              <button type="button" class="link-button" disabled={busy} onClick={() => save(profile.addresses, a.id, 'The default address was changed.')}>
                Make default
              </button>
            )}
            <button type="button" class="link-button" disabled={busy} onClick={() => (setErrors({}), setEditing({ id: a.id, draft: draftOf(a) }))}>
              Edit<span class="visually-hidden"> the address of {a.name}, {a.line1}</span>
            </button>
            <button
              type="button"
              class="link-button"
              disabled={busy}
              onClick={() => {
                const rest = profile.addresses.filter((x) => x.id !== a.id);
                void save(rest, profile.defaultAddressId === a.id ? (rest[0]?.id ?? null) : profile.defaultAddressId, 'The address was removed.');
              }}
            >
              Remove<span class="visually-hidden"> the address of {a.name}, {a.line1}</span>
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <form class="stack" onSubmit={submit} noValidate aria-label={editing.id ? 'Edit address' : 'New address'}>
          <AddressFields prefix="book" value={editing.draft} errors={errors} onChange={(draft) => setEditing({ ...editing, draft })} />
          <div class="button-row">
            <button type="submit" class="button" disabled={busy}>
              Save address
            </button>
            <button type="button" class="button secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        profile.addresses.length < 10 && (
          <button type="button" class="button secondary" onClick={() => (setErrors({}), setEditing({ id: null, draft: emptyAddress(profile.name) }))}>
            Add an address
          </button>
        )
      )}
    </section>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (next.length < 10) {
      setMessage({ kind: 'error', text: 'Use at least 10 characters for the new password.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api('/api/auth/password/change', { method: 'POST', auth: 'required', body: { currentPassword: current, newPassword: next } });
      setCurrent('');
      setNext('');
      setMessage({ kind: 'success', text: 'Your password was changed. You stay signed in here; other devices are signed out.' });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="stack panel" onSubmit={submit} aria-labelledby="password-title" noValidate>
      <h2 id="password-title">Password</h2>
      <TextField id="current-password" label="Current password" type="password" value={current} error={undefined} onInput={setCurrent} autoComplete="current-password" />
      <TextField id="change-password" label="New password" type="password" value={next} error={undefined} onInput={setNext} autoComplete="new-password" hint="At least 10 characters." />
      <button type="submit" class="button" disabled={busy}>
        Change password
      </button>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

function Preferences({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const toggle = async (key: 'promotionalEmail' | 'restockAlerts', value: boolean) => {
    setMessage(null);
    try {
      onSaved(await patchProfile({ preferences: { [key]: value } }));
      setMessage({ kind: 'success', text: 'Your preferences were saved.' });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };
  return (
    <fieldset class="panel">
      <legend>Email preferences</legend>
      <label class="checkbox">
        <input type="checkbox" checked={profile.preferences.restockAlerts} onChange={(e) => toggle('restockAlerts', e.currentTarget.checked)} />
        <span>Tell me when a mineral I asked about is back in stock</span>
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={profile.preferences.promotionalEmail} onChange={(e) => toggle('promotionalEmail', e.currentTarget.checked)} />
        <span>Send me news and offers</span>
      </label>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </fieldset>
  );
}

export function Account() {
  useTitle('Your account');
  const { route } = useLocation();
  const user = currentUser.value;
  const profile = useAsync((signal) => (user ? api<Profile>('/api/me', { auth: 'required', signal }) : new Promise<never>(() => undefined)), [user?.userId]);
  const saved = (p: Profile) => profile.setData(p);

  const leave = async () => {
    await signOut();
    resetCartAfterSignOut();
    route('/', true);
  };

  return (
    <AccountShell title="Your account">
      {profile.error !== undefined && <ErrorMessage error={profile.error} onRetry={profile.reload} />}
      {!profile.data && profile.error === undefined && <Loading label="Loading your profile…" minHeight="40vh" />}
      {profile.data && (
        <div class="account-grid">
          <ProfileForm profile={profile.data} onSaved={saved} />
          <AddressBook profile={profile.data} onSaved={saved} />
          <Preferences profile={profile.data} onSaved={saved} />
          <ChangePassword />
        </div>
      )}
      <p>
        <button type="button" class="button secondary" onClick={leave}>
          Sign out
        </button>
      </p>
    </AccountShell>
  );
}
