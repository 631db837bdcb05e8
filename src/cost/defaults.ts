/** The cost model's defaults, apart from the model so the CLI can show them in `--help` without loading it. */
export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_HEADROOM_PCT = 25;
export const DEFAULT_SAVINGS_SHARE_PCT = 25;
