import type { BridgeQuery } from '../bridge/use-bridge-query';

/**
 * The waiting and failure states of a read, written once for every panel: "Loading …" while
 * nothing is there yet, the error in words when the read failed, and a note when what is shown
 * is an earlier answer.
 */
export const QueryStatus = ({ query, loadingText }: { query: BridgeQuery<unknown>; loadingText?: string }) => {
  if (query.error) {
    return (
      <p className="inline-error" role="alert" data-testid="query-error">
        {query.error}
        {query.data !== null && ' Showing the last answer.'}
      </p>
    );
  }
  if (query.loading) {
    return (
      <p className="muted small query-loading" role="status" data-testid="query-loading">
        {loadingText ?? `Loading ${query.what}…`}
      </p>
    );
  }
  return null;
};
