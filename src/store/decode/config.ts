// dora_market_config items (contract §2.1). Missing attributes take the bot's own defaults.
import { MARKET_CONFIG_DEFAULTS, type Decoded, type MarketConfig } from '../../core/types.js';
import { decodeWith } from './decode-item.js';
import { checkNonNegative, optBool, optNum, optTime, reqTicker, softStr } from './fields.js';

export function decodeMarketConfig(raw: unknown, table = 'dora_market_config'): Decoded<MarketConfig> {
  return decodeWith(table, ['market_id'], raw, (item, _warnings, odd) => {
    const eventTicker = softStr(item, 'event_ticker', odd);
    const num = (field: string, dflt: number) => {
      const v = optNum(item, field);
      return v === null ? dflt : checkNonNegative(field, v);
    };
    return {
      marketId: reqTicker(item, 'market_id'),
      enabled: optBool(item, 'enabled') ?? MARKET_CONFIG_DEFAULTS.enabled,
      quoteSize: num('quote_size', MARKET_CONFIG_DEFAULTS.quoteSize),
      maxInventoryYes: num('max_inventory_yes', MARKET_CONFIG_DEFAULTS.maxInventoryYes),
      maxInventoryNo: num('max_inventory_no', MARKET_CONFIG_DEFAULTS.maxInventoryNo),
      minSpread: num('min_spread', MARKET_CONFIG_DEFAULTS.minSpread),
      inventorySkewFactor: num('inventory_skew_factor', MARKET_CONFIG_DEFAULTS.inventorySkewFactor),
      eventTicker: eventTicker === null || eventTicker === '' ? null : eventTicker,
      createdAtMs: optTime(item, 'created_at'),
      updatedAtMs: optTime(item, 'updated_at'),
      fairValue: optNum(item, 'fair_value'),
      disabledReason: softStr(item, 'disabled_reason', odd),
      disabledAtMs: optTime(item, 'disabled_at'),
      maxPosition: optNum(item, 'max_position'),
    };
  });
}
