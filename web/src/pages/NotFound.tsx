// A path with no page: say so and offer the way home (keeping the view parameters).
import { Link } from '../router/Link';
import { useLocation } from '../router/location';
import { hrefWithView } from '../router/view-params';

export function NotFound() {
  const { pathname, search } = useLocation();
  return (
    <section className="panel notfound">
      <h1>No page at {pathname}</h1>
      <p>
        <Link href={hrefWithView('/', search)}>Back to Home</Link>
      </p>
    </section>
  );
}
