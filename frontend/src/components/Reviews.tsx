// A mineral's reviews: the rating summary, the reviews (newest or highest first, a page at a time)
// and, for a signed-in shopper, their own review (marked when the shop hid it, with why) and a form to
// write one (posting again edits it).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { fetchJson, messageOf } from '../api/http';
import type { OwnReview, RatingSummary, ReviewPage } from '../api/types';
import { formatDate } from '../lib/format';
import { currentUser } from '../state/session';
import { Stars } from './Price';
import { ErrorMessage, Loading, Notice } from './Status';

function Summary({ summary }: { summary: RatingSummary }) {
  if (summary.count === 0) return <p class="muted">No reviews yet. Have you seen this specimen? Be the first to review it.</p>;
  return (
    <div class="rating-summary">
      <p class="rating-average">
        <Stars average={summary.average} count={summary.count} />
      </p>
      <ul class="histogram" aria-label="Ratings by stars">
        {(['5', '4', '3', '2', '1'] as const).map((stars) => {
          const n = summary.histogram[stars] ?? 0;
          const share = summary.count ? Math.round((n / summary.count) * 100) : 0;
          return (
            <li key={stars}>
              <span class="histogram-label">{stars} stars</span>
              <span class="bar" aria-hidden="true">
                <span style={{ width: `${share}%` }} />
              </span>
              <span class="histogram-count">{n}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ReviewForm({ mineralId, mine, onPosted }: { mineralId: string; mine: OwnReview | null; onPosted: (review: OwnReview, summary: RatingSummary) => void }) {
  const [rating, setRating] = useState(mine?.rating ?? 0);
  const [title, setTitle] = useState(mine?.title ?? '');
  const [text, setText] = useState(mine?.text ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (rating < 1) {
      setMessage({ kind: 'error', text: 'Choose a rating from 1 to 5 stars.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const posted = await api<{ review: OwnReview; summary: RatingSummary }>(`/api/minerals/${encodeURIComponent(mineralId)}/reviews`, {
        method: 'POST',
        auth: 'required',
        body: { rating, text, ...(title.trim() ? { title } : {}) },
      });
      onPosted(posted.review, posted.summary);
      setMessage(
        posted.review.hidden
          ? { kind: 'success', text: 'Your review is saved. The shop still has it hidden, so others do not see it.' }
          : { kind: 'success', text: 'Thank you: your review is published.' },
      );
    } catch (error) {
      setMessage({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="review-form" onSubmit={submit}>
      <h3>{mine ? 'Edit your review' : 'Write a review'}</h3>
      <fieldset class="rating-input">
        <legend>Your rating</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} required />
            <span>
              {n} {n === 1 ? 'star' : 'stars'}
            </span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>Title (optional)</span>
        <input maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Your review</span>
        <textarea required maxLength={2000} rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="submit" class="button" disabled={busy}>
        {busy ? 'Publishing…' : mine ? 'Save your review' : 'Publish review'}
      </button>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </form>
  );
}

export function Reviews({ mineralId }: { mineralId: string }) {
  const user = currentUser.value;
  const [sort, setSort] = useState<'newest' | 'highest'>('newest');
  const [page, setPage] = useState<ReviewPage | undefined>();
  const [error, setError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [nonce, setNonce] = useState(0);
  // The shopper's own review (undefined while it loads): shown to them even when the shop hid it.
  const [mine, setMine] = useState<OwnReview | null | undefined>(undefined);

  useEffect(() => {
    if (!user) {
      setMine(null);
      return;
    }
    let live = true;
    setMine(undefined);
    api<{ review: OwnReview | null }>(`/api/minerals/${encodeURIComponent(mineralId)}/reviews/mine`, { auth: 'required' }).then(
      (r) => live && setMine(r.review),
      () => live && setMine(null),
    );
    return () => {
      live = false;
    };
  }, [mineralId, user?.userId]);

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    fetchJson<ReviewPage>(`/api/minerals/${encodeURIComponent(mineralId)}/reviews?sort=${sort}`, { signal: controller.signal }).then(setPage, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [mineralId, sort, nonce]);

  const more = async () => {
    if (!page?.nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await fetchJson<ReviewPage>(`/api/minerals/${encodeURIComponent(mineralId)}/reviews?sort=${sort}&cursor=${encodeURIComponent(page.nextCursor)}`);
      setPage({ ...next, items: [...page.items, ...next.items] });
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const posted = (review: OwnReview, summary: RatingSummary) => {
    setMine(review);
    const others = (page?.items ?? []).filter((r) => r.reviewId !== review.reviewId);
    setPage({ items: review.hidden ? others : [review, ...others], nextCursor: page?.nextCursor ?? null, summary });
  };

  return (
    <section class="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Reviews</h2>
      {error !== undefined && <ErrorMessage error={error} onRetry={() => setNonce((n) => n + 1)} />}
      {!page && error === undefined && <Loading label="Loading reviews…" />}
      {page && (
        <>
          <Summary summary={page.summary} />
          {page.items.length > 1 && (
            <label class="field inline">
              <span>Show</span>
              <select value={sort} onChange={(e) => setSort(e.currentTarget.value as 'newest' | 'highest')}>
                <option value="newest">Newest first</option>
                <option value="highest">Highest rated first</option>
              </select>
            </label>
          )}
          <ul class="review-list">
            {page.items.map((r) => (
              <li key={r.reviewId} class="review">
                <p class="review-head">
                  <Stars average={r.rating} count={1} /> {r.title && <strong>{r.title}</strong>}
                </p>
                <p>{r.text}</p>
                <p class="muted small">
                  {r.author}, {formatDate(r.createdAt)}
                  {r.verifiedPurchase ? ' · bought here' : ''}
                </p>
              </li>
            ))}
          </ul>
          {page.nextCursor && (
            <button type="button" class="button secondary" onClick={more} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : 'More reviews'}
            </button>
          )}
        </>
      )}
      {mine?.hidden && (
        <div class="message warning" role="status">
          <p>
            <strong>Your review is hidden.</strong> The shop took it off this page on {formatDate(mine.hidden.at)}: {mine.hidden.reason}. Others do not see it and
            its rating is not counted.
          </p>
          <p class="muted small">
            {'★'.repeat(mine.rating)} {mine.title && <strong>{mine.title}</strong>} {mine.text}
          </p>
        </div>
      )}
      {user ? (
        mine !== undefined && <ReviewForm mineralId={mineralId} mine={mine} onPosted={posted} />
      ) : (
        <p>
          <a href={`/account/sign-in?next=${encodeURIComponent(`/minerals/${mineralId}`)}`}>Sign in</a> to write a review.
        </p>
      )}
    </section>
  );
}
