import { useTitle } from '../lib/page';

export function NotFound() {
  useTitle('Page not found');
  return (
    <section class="page narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <a href="/">Browse the minerals</a>
      </p>
    </section>
  );
}
