/** One request and what came back. `status` is null when no HTTP answer arrived. */
export interface Exchange {
  url: string;
  status: number | null;
  /** Transport failure, e.g. `ECONNREFUSED` or `timeout after 5000 ms`. */
  error: string | null;
  /** The error code of the failure's cause, e.g. `CERT_HAS_EXPIRED`. */
  errorCode: string | null;
  ms: number;
  /** The parsed body when it was JSON. */
  json: unknown;
  /** The start of the body, for evidence. */
  snippet: string;
  retryAfter: string | null;
}

export type RequestBody = { form: Record<string, string> } | { json: Record<string, unknown> };

export interface ProbeClientOptions {
  fetch: typeof globalThis.fetch;
  /** The only URLs the client will send to. */
  allowed: readonly URL[];
  /** The most requests it will ever send. */
  budget: number;
  timeoutMs: number;
  now: () => number;
}

/**
 * Sends the probe's requests the way pusher-js does (POST, form-encoded) and never more than its
 * budget, never elsewhere than the allowed URLs, never following a redirect.
 */
export class ProbeClient {
  sent = 0;
  readonly #opts: ProbeClientOptions;
  readonly #allowed: Set<string>;

  constructor(opts: ProbeClientOptions) {
    this.#opts = opts;
    this.#allowed = new Set(opts.allowed.map((u) => u.href));
  }

  async post(url: URL, body: RequestBody, headers: Record<string, string>): Promise<Exchange> {
    // Both are bugs in the probe, not in the endpoint: fail loudly rather than send.
    if (!this.#allowed.has(url.href)) throw new Error(`probe tried to reach ${url.origin}${url.pathname}, which it was not given`);
    if (this.sent >= this.#opts.budget) throw new Error(`probe tried to exceed its budget of ${this.#opts.budget} requests`);
    this.sent++;

    const isJson = 'json' in body;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#opts.timeoutMs);
    const started = this.#opts.now();
    const base = { url: url.href, json: undefined, snippet: '', retryAfter: null };
    try {
      const res = await this.#opts.fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: isJson ? JSON.stringify(body.json) : new URLSearchParams(body.form).toString(),
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await res.text();
      return {
        ...base,
        status: res.status,
        error: null,
        errorCode: null,
        ms: this.#opts.now() - started,
        json: parseJson(text),
        snippet: text.slice(0, 160).replace(/\s+/g, ' ').trim(),
        retryAfter: res.headers.get('retry-after'),
      };
    } catch (err) {
      const { error, code } = describeFailure(err, controller.signal.aborted, this.#opts.timeoutMs);
      return { ...base, status: null, error, errorCode: code, ms: this.#opts.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeFailure(err: unknown, aborted: boolean, timeoutMs: number): { error: string; code: string | null } {
  if (aborted) return { error: `no answer within ${timeoutMs} ms`, code: 'TIMEOUT' };
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, CERT_…) in `cause`.
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  const message = typeof cause?.message === 'string' ? cause.message : err instanceof Error ? err.message : String(err);
  return { error: code && !message.includes(code) ? `${code}: ${message}` : message, code };
}

/** `HTTP 403`, or the transport failure: the short form used in evidence. */
export function describeAnswer(ex: Exchange): string {
  if (ex.status === null) return `no answer (${ex.error})`;
  return `HTTP ${ex.status}`;
}

/** The `auth` field of a 2xx JSON answer: what pusher-js would use as a signature. */
export function signedAuth(ex: Exchange): Record<string, unknown> | null {
  if (ex.status === null || ex.status < 200 || ex.status > 299) return null;
  if (typeof ex.json !== 'object' || ex.json === null) return null;
  const body = ex.json as Record<string, unknown>;
  return typeof body.auth === 'string' ? body : null;
}
