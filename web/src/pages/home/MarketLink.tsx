// The deep-dive link lives in components/ (MarketName uses it); the pages import it from here too.
export { MARKET_PATH, MarketLink } from '../../components/MarketLink';
