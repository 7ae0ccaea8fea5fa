// Promotion mail (the admin campaign routes): write a mail (subject, text, up to six featured
// minerals, a coupon), see it as a shopper will, mail a test to yourself, then send it to every
// shopper who asked for news and offers. Sending is a job that goes batch by batch at the mail
// service's rate; its progress (queued, passed over, sent) refreshes here, and it can be stopped.
import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { messageOf } from '../../../src/api/http';
import { formatDateTime } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type Campaign, type CampaignDetail } from '../api';
import { who } from '../auth/session';
import { ConfirmButton } from '../components/Confirm';
import { DataTable, type Column } from '../components/DataTable';
import { MineralPicker, type PickedMineral } from '../components/MineralPicker';
import { toast } from '../components/Toasts';

const STATUS_TEXT: Record<Campaign['status'], string> = { draft: 'Draft', sending: 'Sending', stopped: 'Stopped', sent: 'Sent' };
const progress = (c: Campaign) => (c.status === 'draft' ? '—' : `${c.queued} queued · ${c.sent} sent · ${c.skipped} passed over`);

const columns: Column<Campaign>[] = [
  { key: 'subject', label: 'Subject', value: (c) => c.subject, render: (c) => <a href={`/admin/promotions/${c.campaignId}`}>{c.subject}</a> },
  { key: 'status', label: 'Status', value: (c) => STATUS_TEXT[c.status], render: (c) => <span class={`badge${c.status === 'sending' ? ' badge-active' : ''}`}>{STATUS_TEXT[c.status]}</span> },
  { key: 'progress', label: 'Progress', value: progress },
  { key: 'created', label: 'Written', value: (c) => c.createdAt, render: (c) => formatDateTime(c.createdAt) },
];

export function Promotions() {
  const { data, error, loading } = useAsync((signal) => adminFetch<{ items: Campaign[] }>('/api/admin/campaigns?limit=100', { signal }), []);
  return (
    <>
      <h1 tabIndex={-1}>Promotions</h1>
      <p class="muted">Mail goes only to shoppers who asked for news and offers; every mail has a one-click unsubscribe link.</p>
      <NewCampaign />
      {loading && !data && <p aria-busy="true">Loading the campaigns…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && data.items.length > 0 && <DataTable caption="Campaigns, newest first" rows={data.items} columns={columns} rowKey={(c) => c.campaignId} />}
    </>
  );
}

function NewCampaign() {
  const { route } = useLocation();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [couponCode, setCouponCode] = useState('');
  const [minerals, setMinerals] = useState<PickedMineral[]>([]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!subject.trim() || !text.trim()) {
      setProblem('Write a subject and some text.');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const made = await adminFetch<CampaignDetail>('/api/admin/campaigns', {
        method: 'POST',
        body: { subject, text, mineralIds: minerals.map((m) => m.id), couponCode: couponCode.trim() || null },
      });
      route(`/admin/promotions/${made.campaignId}`);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="editor card" noValidate onSubmit={(e) => void save(e)}>
      <h2>New promotion mail</h2>
      <label>
        Subject
        <input value={subject} maxLength={150} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      <label>
        Text (a blank line starts a new paragraph)
        <textarea rows={6} value={text} maxLength={10_000} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <MineralPicker legend="Featured minerals (up to six, optional)" chosen={minerals} onChange={setMinerals} max={6} />
      <label>
        Coupon code (optional)
        <input value={couponCode} maxLength={32} onInput={(e) => setCouponCode(e.currentTarget.value)} />
      </label>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" class="button-primary" disabled={busy}>
        Save and preview
      </button>
    </form>
  );
}

export function CampaignPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const { data, error, loading, setData, reload } = useAsync((signal) => adminFetch<CampaignDetail>(`/api/admin/campaigns/${encodeURIComponent(id)}`, { signal }), [id]);
  const [testTo, setTestTo] = useState(who.value?.email ?? '');
  // While it is being sent, the progress refreshes.
  useEffect(() => {
    if (data?.status !== 'sending') return;
    const timer = setInterval(reload, 3000);
    return () => clearInterval(timer);
  }, [data?.status]);

  if (loading && !data) return <p aria-busy="true">Loading the campaign…</p>;
  if (error || !data) return <p class="form-error">{messageOf(error)}</p>;

  const act = async (path: 'send' | 'stop', done: string) => {
    try {
      setData(await adminFetch<CampaignDetail>(`/api/admin/campaigns/${data.campaignId}/${path}`, { method: 'POST' }));
      toast('success', done);
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  const sendTest = async (e: Event) => {
    e.preventDefault();
    try {
      await adminFetch(`/api/admin/campaigns/${data.campaignId}/test`, { method: 'POST', body: { to: testTo } });
      toast('success', `A test is on its way to ${testTo}.`);
    } catch (err) {
      toast('error', messageOf(err));
    }
  };

  return (
    <>
      <p>
        <a href="/admin/promotions">← Promotions</a>
      </p>
      <h1 tabIndex={-1}>{data.subject}</h1>
      <section class="card" aria-label="Sending">
        <p>
          <span class={`badge${data.status === 'sending' ? ' badge-active' : ''}`}>{STATUS_TEXT[data.status]}</span> {progress(data)}
          {data.startedAt && ` · started ${formatDateTime(data.startedAt)}`}
          {data.finishedAt && ` · ended ${formatDateTime(data.finishedAt)}`}
        </p>
        {data.status === 'draft' && (
          <>
            <form class="filters" onSubmit={(e) => void sendTest(e)}>
              <label class="inline-field">
                Send a test to
                <input type="email" value={testTo} onInput={(e) => setTestTo(e.currentTarget.value)} />
              </label>
              <button type="submit">Send a test</button>
            </form>
            <ConfirmButton label="Send to every opted-in shopper" question="Send this mail to every shopper who asked for offers?" confirmLabel="Send it" onConfirm={() => void act('send', 'Sending has begun.')}>
              <p>It goes out in batches over the next minutes. You can stop it before it is done.</p>
            </ConfirmButton>
          </>
        )}
        {data.status === 'sending' && (
          <ConfirmButton label="Stop sending" question="Stop sending this campaign?" confirmLabel="Stop it" onConfirm={() => void act('stop', 'Stopped: no more mail goes out.')}>
            <p>Mail already queued still arrives; nobody else gets it.</p>
          </ConfirmButton>
        )}
      </section>
      <section class="card" aria-label="Preview">
        <h2>Preview: {data.preview.subject}</h2>
        <iframe title="The mail as a shopper sees it" class="mail-preview" sandbox="" srcDoc={data.preview.html} />
      </section>
    </>
  );
}
