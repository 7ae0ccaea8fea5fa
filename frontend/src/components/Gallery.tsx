// A mineral's photos on its product page: the chosen one large (its sizes in srcset), thumbnails to
// choose another, and a zoom — click or Enter on the large photo shows its full size magnified,
// following the pointer; click again or Escape to leave it.
import { useState } from 'preact/hooks';
import type { Photo } from '../api/types';

export function Gallery({ photos }: { photos: Photo[] }) {
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState<{ x: number; y: number } | null>(null);
  const photo = photos[Math.min(index, photos.length - 1)]!;

  const follow = (event: MouseEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    setZoom({ x: ((event.clientX - box.left) / box.width) * 100, y: ((event.clientY - box.top) / box.height) * 100 });
  };

  return (
    <div class="product-image gallery">
      <button
        type="button"
        class={zoom ? 'gallery-main zoomed' : 'gallery-main'}
        aria-label={zoom ? 'Zoom out' : 'Zoom in'}
        aria-pressed={zoom !== null}
        onClick={(e) => (zoom ? setZoom(null) : follow(e))}
        onMouseMove={(e) => zoom && follow(e)}
        onKeyDown={(e) => e.key === 'Escape' && setZoom(null)}
      >
        {zoom ? (
          <img src={photo.full} alt={photo.alt} style={{ transformOrigin: `${zoom.x}% ${zoom.y}%` }} width={400} height={300} />
        ) : (
          <img src={photo.src} srcset={photo.srcset} sizes="(max-width: 800px) 100vw, 480px" alt={photo.alt} width={400} height={300} />
        )}
      </button>
      {photos.length > 1 && (
        <ul class="gallery-thumbs" aria-label="Photos">
          {photos.map((p, i) => (
            <li key={p.src}>
              <button
                type="button"
                aria-label={`Photo ${i + 1} of ${photos.length}: ${p.alt}`}
                aria-current={i === index ? 'true' : undefined}
                onClick={() => {
                  setIndex(i);
                  setZoom(null);
                }}
              >
                <img src={p.thumb} alt="" width={80} height={60} loading="lazy" decoding="async" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
