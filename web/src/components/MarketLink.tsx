// A market id that opens its deep dive (/market?m=…&env=…), keeping the view's other parameters.
import { useLocation } from '../router/location';
import { Link } from '../router/Link';
import { hrefWithView } from '../router/view-params';

export const MARKET_PATH = '/market';

export function MarketLink({ marketId, env, label }: { marketId: string; env: string; label?: string }) {
  const { search } = useLocation();
  const href = hrefWithView(MARKET_PATH, search, { m: marketId, env });
  return (
    <Link href={href} className="market-link mono" title={`Open ${marketId}`}>
      {label ?? marketId}
    </Link>
  );
}
