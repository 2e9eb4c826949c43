// A link with a parameter the dashboard cannot use (a misspelt time zone, an unknown environment, a
// range that is not one) says so at the top of every page, with a way out: the same page without the
// bad parameters, or Back. The page itself shows the defaults meanwhile, never a blank.
import { navigate, useLocation } from '../router/location';
import { linkProblems } from '../router/view-params';

export function withoutParams(pathname: string, search: string, params: readonly string[]): string {
  const p = new URLSearchParams(search);
  for (const k of params) p.delete(k);
  const qs = p.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

export function BadLinkBanner() {
  const { pathname, search } = useLocation();
  const problems = linkProblems(search);
  if (problems.length === 0) return null;
  const fixed = withoutParams(
    pathname,
    search,
    problems.map((p) => p.param),
  );
  return (
    <div className="banner banner-error bad-link" role="alert" data-testid="bad-link">
      <strong>
        This link has {problems.length === 1 ? 'a parameter' : 'parameters'} the dashboard cannot use:
      </strong>
      <ul>
        {problems.map((p) => (
          <li key={p.param}>
            <code>{p.param}</code>: {p.message}
          </li>
        ))}
      </ul>
      <span className="bad-link-actions">
        <a
          className="btn"
          href={fixed}
          onClick={(e) => {
            e.preventDefault();
            navigate(fixed, { replace: true });
          }}
          data-testid="bad-link-fix"
        >
          Open without {problems.length === 1 ? 'it' : 'them'}
        </a>
        {window.history.length > 1 && (
          <button type="button" className="btn" onClick={() => window.history.back()}>
            Back
          </button>
        )}
      </span>
    </div>
  );
}
