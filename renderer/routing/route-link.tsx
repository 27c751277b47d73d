import type { ReactNode } from 'react';
import { formatRoute, type Route } from '../../shared/logic/route';

/**
 * A link to a place in the app: a plain `<a href="#/…">`, so it opens in a new window, copies as a
 * URL, and works over file:// in the desktop shell as in a browser.
 */
export const RouteLink = ({
  route,
  children,
  className,
  testId,
  title,
}: {
  route: Route;
  children: ReactNode;
  className?: string;
  testId?: string;
  title?: string;
}) => (
  <a href={formatRoute(route)} className={className ?? 'route-link'} data-testid={testId} title={title}>
    {children}
  </a>
);
