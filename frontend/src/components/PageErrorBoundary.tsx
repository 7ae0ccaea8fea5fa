// What a page shows when its code fails: to load (a chunk missing after a new release, a dropped
// connection) or to render. The rest of the shell keeps working, and moving to another page clears it.
import { Component, type ComponentChildren, type FunctionComponent } from 'preact';
import { lazy, useLocation } from 'preact-iso';

function PageFailed() {
  return (
    <section class="page narrow">
      <h1>This page could not be shown</h1>
      <p>Something went wrong while loading it. Reloading usually fixes this.</p>
      <button type="button" class="button" onClick={() => location.reload()}>
        Reload the page
      </button>
    </section>
  );
}

/** A lazily loaded page whose chunk, if it cannot be fetched, is replaced by an explanation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pages take the router's props
export function page<P = any>(load: () => Promise<FunctionComponent<P>>) {
  return lazy(() => load().catch(() => PageFailed as unknown as FunctionComponent<P>));
}

class Boundary extends Component<{ url: string; children: ComponentChildren }, { failedAt: string | null }> {
  override state = { failedAt: null as string | null };

  override componentDidCatch(error: unknown) {
    console.error(error);
    this.setState({ failedAt: this.props.url });
  }

  override render() {
    return this.state.failedAt !== null && this.state.failedAt === this.props.url ? <PageFailed /> : this.props.children;
  }
}

export function PageErrorBoundary({ children }: { children: ComponentChildren }) {
  const { url } = useLocation();
  return <Boundary url={url}>{children}</Boundary>;
}
