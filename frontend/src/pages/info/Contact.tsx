// /contact: write to the shop. The message goes to the shop's inbox only (POST /api/contact); we
// answer by mail to the address given.
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, messageOf } from '../../api/http';
import { TextField } from '../../components/AddressFields';
import { Notice } from '../../components/Status';
import { useTitle } from '../../lib/page';
import { currentUser } from '../../state/session';

const TOPICS = [
  { id: 'question', label: 'A question about a specimen' },
  { id: 'order', label: 'An order I placed' },
  { id: 'selling', label: 'Selling minerals to the shop' },
  { id: 'other', label: 'Something else' },
] as const;

type Errors = Partial<Record<'name' | 'email' | 'orderNumber' | 'message', string>>;

export function ContactPage() {
  useTitle('Contact us');
  const user = currentUser.value;
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [topic, setTopic] = useState<(typeof TOPICS)[number]['id']>('question');
  const [orderNumber, setOrderNumber] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [state, setState] = useState<{ kind: 'idle' | 'sending' } | { kind: 'sent'; text: string } | { kind: 'error'; text: string }>({ kind: 'idle' });

  const validate = (): Errors => ({
    ...(name.trim() ? {} : { name: 'Enter your name.' }),
    ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()) ? {} : { email: 'Enter the email address we should answer.' }),
    ...(orderNumber.trim() && !/^MS-[0-9A-Fa-f]{8}$/.test(orderNumber.trim()) ? { orderNumber: 'An order number looks like MS-1A2B3C4D.' } : {}),
    ...(message.trim() ? {} : { message: 'Write your message.' }),
  });

  const send = async (event: Event) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setState({ kind: 'sending' });
    try {
      const res = await api<{ message: string }>('/api/contact', {
        method: 'POST',
        body: { name: name.trim(), email: email.trim(), topic, message, ...(orderNumber.trim() ? { orderNumber: orderNumber.trim() } : {}) },
      });
      setState({ kind: 'sent', text: res.message });
    } catch (error) {
      setState({ kind: 'error', text: error instanceof ApiError ? error.message : messageOf(error) });
    }
  };

  if (state.kind === 'sent') {
    return (
      <section class="page narrow info-page">
        <h1>Contact us</h1>
        <Notice kind="success">{state.text}</Notice>
        <p>
          <a href="/">Back to the minerals</a>
        </p>
      </section>
    );
  }

  return (
    <section class="page narrow info-page">
      <h1>Contact us</h1>
      <p class="lead">Questions about a specimen, an order, or selling us your minerals: we answer by mail within two working days.</p>
      <form onSubmit={send} noValidate>
        <TextField id="contact-name" label="Your name" value={name} error={errors.name} onInput={setName} autoComplete="name" />
        <TextField id="contact-email" label="Your email" type="email" value={email} error={errors.email} onInput={setEmail} autoComplete="email" />
        <div class="field">
          <label for="contact-topic">About</label>
          <select id="contact-topic" value={topic} onChange={(e) => setTopic(e.currentTarget.value as typeof topic)}>
            {TOPICS.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        {topic === 'order' && (
          <TextField
            id="contact-order"
            label="Order number"
            value={orderNumber}
            error={errors.orderNumber}
            onInput={setOrderNumber}
            autoComplete="off"
            required={false}
            hint="In your confirmation mail, e.g. MS-1A2B3C4D"
          />
        )}
        <div class="field">
          <label for="contact-message">Your message</label>
          <textarea
            id="contact-message"
            rows={7}
            maxLength={4000}
            value={message}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={errors.message ? 'contact-message-error' : undefined}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
          {errors.message && (
            <p id="contact-message-error" class="field-error">
              {errors.message}
            </p>
          )}
        </div>
        {state.kind === 'error' && <Notice kind="error">{state.text}</Notice>}
        <button type="submit" class="button primary" disabled={state.kind === 'sending'} aria-busy={state.kind === 'sending'}>
          {state.kind === 'sending' ? 'Sending…' : 'Send the message'}
        </button>
      </form>
    </section>
  );
}
