import type { MineralCard as Card } from '../api/types';
import { Price, StockBadge, Stars } from './Price';

export function MineralCard({ mineral, eager, linkRef }: { mineral: Card; eager?: boolean; linkRef?: (el: HTMLAnchorElement | null) => void }) {
  return (
    <article class="card">
      <a href={`/minerals/${mineral.id}`} class="card-link" ref={linkRef}>
        {mineral.photo ? (
          <img
            src={mineral.photo.src}
            srcset={mineral.photo.srcset}
            sizes="(max-width: 640px) 50vw, 300px"
            alt=""
            width={400}
            height={300}
            loading={eager ? 'eager' : 'lazy'}
            decoding="async"
          />
        ) : (
          <img src={mineral.image} alt="" width={400} height={300} loading={eager ? 'eager' : 'lazy'} decoding="async" />
        )}
        <h2 class="card-title">{mineral.name}</h2>
      </a>
      <p class="card-origin">{mineral.origin}</p>
      <div class="card-foot">
        <Price cents={mineral.priceCents} sale={mineral.sale} />
        <StockBadge available={mineral.available} />
      </div>
      <Stars average={mineral.rating.average} count={mineral.rating.count} />
    </article>
  );
}
