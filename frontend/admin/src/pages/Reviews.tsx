// Review moderation (GET /api/admin/reviews): every review, latest post or edit first, with its rating,
// text, author and whether the author bought the specimen. Hiding (with a reason) takes a review off its
// product page and out of the mineral's ratings at once; restoring puts it back. Both are audited.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { messageOf } from '../../../src/api/http';
import { formatDateTime } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminReview } from '../api';
import { ReasonButton } from '../components/ReasonButton';
import { toast } from '../components/Toasts';

interface ReviewPage {
  items: AdminReview[];
  nextCursor: string | null;
}

const FILTERS = [
  ['all', 'All'],
  ['visible', 'Shown'],
  ['hidden', 'Hidden'],
] as const;
const pageUrl = (status: string, cursor?: string) => `/api/admin/reviews?status=${status}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** Hide or restore, asking for the reason. */
function ModerateButton({ review, onDone }: { review: AdminReview; onDone: (r: AdminReview) => void }) {
  const hide = review.hidden === null;
  const label = hide ? 'Hide' : 'Restore';
  return (
    <ReasonButton
      label={label}
      dialogLabel={`${label} ${review.author}’s review`}
      question={`${label} ${review.author}’s review of ${review.mineralName}?`}
      explanation={
        hide
          ? 'It leaves the product page and the ratings at once. Its author still sees it, marked hidden, with your reason.'
          : 'It goes back on the product page and into the ratings.'
      }
      confirmLabel={`${label} it`}
      danger={hide}
      onSubmit={async (reason) => {
        const after = await adminFetch<AdminReview>(`/api/admin/reviews/${review.reviewId}/moderation`, {
          method: 'POST',
          body: { mineralId: review.mineralId, action: hide ? 'hide' : 'restore', reason },
        });
        onDone(after);
        toast('success', hide ? `${review.author}’s review is hidden.` : `${review.author}’s review is shown again.`);
      }}
    />
  );
}

export function Reviews() {
  const { query, route } = useLocation();
  const status = FILTERS.find(([s]) => s === query.status)?.[0] ?? 'all';
  const { data, error, loading, setData } = useAsync((signal) => adminFetch<ReviewPage>(pageUrl(status), { signal }), [status]);
  const [busy, setBusy] = useState(false);
  const replace = (r: AdminReview) => data && setData({ ...data, items: data.items.map((x) => (x.reviewId === r.reviewId ? r : x)) });
  const loadMore = async (cursor: string) => {
    setBusy(true);
    try {
      const next = await adminFetch<ReviewPage>(pageUrl(status, cursor));
      setData({ items: [...(data?.items ?? []), ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>Reviews</h1>
      <p class="muted">Every review, the latest written or edited first.</p>
      <div class="filters" role="group" aria-label="Show">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={status === value} onClick={() => route(`/admin/reviews?status=${value}`)}>
            {label}
          </button>
        ))}
      </div>
      {loading && !data && <p aria-busy="true">Loading the reviews…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && data.items.length === 0 && <p>No reviews here.</p>}
      {data && (
        <ul class="review-queue" aria-label="Reviews">
          {data.items.map((r) => (
            <li key={r.reviewId} class={`card${r.hidden ? ' review-hidden' : ''}`} aria-label={`${r.author} on ${r.mineralName}`}>
              <p>
                <strong aria-hidden="true">{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</strong> <span class="visually-hidden">{r.rating} of 5 stars</span>
                {' · '}
                <a href={`/admin/minerals/${encodeURIComponent(r.mineralId)}`}>{r.mineralName}</a>
                {' · '}
                {r.author}
                {r.verifiedPurchase && <span class="badge badge-active">Verified purchase</span>}
                {r.hidden && <span class="badge">Hidden</span>}
              </p>
              {r.title && (
                <p>
                  <strong>{r.title}</strong>
                </p>
              )}
              <p class="review-text">{r.text}</p>
              <p class="muted">
                Written {formatDateTime(r.createdAt)}
                {r.updatedAt !== r.createdAt && `, edited ${formatDateTime(r.updatedAt)}`}
                {r.hidden && ` · hidden ${formatDateTime(r.hidden.at)}: ${r.hidden.reason}`}
              </p>
              <ModerateButton review={r} onDone={replace} />
            </li>
          ))}
        </ul>
      )}
      {data?.nextCursor && (
        <button type="button" disabled={busy} onClick={() => void loadMore(data.nextCursor!)}>
          Load older reviews
        </button>
      )}
    </>
  );
}
