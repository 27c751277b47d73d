import { Component, Suspense, type ReactNode } from 'react';

type State = { error: Error | null };

/** What a view's code failing to load says: which view, why, and what to do. */
class ViewLoadBoundary extends Component<{ label: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <p className="inline-error" role="alert" data-testid="view-load-error">
        The {this.props.label} view could not be loaded ({error.message}). Reload the page; if it happens again, restart Fleetscope, which may have been updated
        meanwhile.
      </p>
    );
  }
}

/** Shows a view whose code may still be on its way: loading and failure states, as for any read. */
export const ViewBoundary = ({ label, children }: { label: string; children: ReactNode }) => (
  <ViewLoadBoundary key={label} label={label}>
    <Suspense
      fallback={
        <p className="muted small query-loading" role="status" data-testid="view-loading">
          Loading the {label} view…
        </p>
      }
    >
      {children}
    </Suspense>
  </ViewLoadBoundary>
);
