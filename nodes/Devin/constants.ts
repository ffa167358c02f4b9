/** Every limit, default and timeout the Devin nodes use, named once. */

export const CREDENTIAL_TYPE = 'devinApi';

export const DEFAULT_BASE_URL = 'https://api.devin.ai';

/** Devin's documented maximum page size for cursor-paginated lists. */
export const MAX_PAGE_SIZE = 200;
/** v1 lists page with limit/offset; Devin's documented default page is 100. */
export const V1_MAX_PAGE_SIZE = 100;
export const DEFAULT_LIMIT = 50;

export const REQUEST_TIMEOUT_MS = 30_000;
/** Items of an operation that only reads are fetched this many at a time. */
export const READ_CONCURRENCY = 16;
/** Creating a session provisions a VM; Devin can take longer to answer. */
export const CREATE_TIMEOUT_MS = 60_000;

/** 429 is retried on every method: the request was refused, so nothing was created. */
export const MAX_RATE_LIMIT_RETRIES = 4;
/** 5xx and network failures are retried only on GET, PUT and DELETE. */
export const MAX_SERVER_RETRIES = 3;
export const RETRY_BASE_DELAY_MS = 1_000;
/** A Retry-After longer than this is not waited out inside one execution. */
export const MAX_RETRY_DELAY_MS = 60_000;
/** Sleeps are cut into slices this long so a stopped execution ends within a second on any n8n. */
export const SLEEP_SLICE_MS = 1_000;

export const TITLE_MAX_LENGTH = 80;
export const TAGS_MAX = 50;
export const STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES = 64 * 1024;

/** Long enough for a session that runs an hour; past it, the durable ways to wait fit better (README). */
export const WAIT_DEFAULT_TIMEOUT_MINUTES = 120;
export const WAIT_DEFAULT_POLL_INTERVAL_SECONDS = 5;
/**
 * The wait between checks doubles, up to 24 times the first wait and never above two minutes: an
 * hour-long session costs under 40 checks and its end is seen within two minutes.
 */
export const WAIT_BACKOFF_FACTOR = 2;
export const WAIT_MAX_BACKOFF_MULTIPLE = 24;
export const WAIT_MAX_POLL_INTERVAL_MS = 120_000;
/** Each wait is shortened by up to this share at random, so many waiting executions never poll in step. */
export const WAIT_JITTER = 0.1;
/**
 * After a message, a session can still report its previous turn's phase for a moment.
 * A stop phase counts only once the session has visibly moved on, or after this grace.
 */
export const WAIT_SETTLE_GRACE_MS = 30_000;

/** How far back Dedupe by Title looks for an active session with the same title. */
export const DEDUPE_WINDOW_SECONDS = 24 * 60 * 60;
/** How long a session created with an Idempotency Key is reused by default. */
export const IDEMPOTENCY_DEFAULT_REUSE_HOURS = 24;
/** Devin keeps sessions; a key is not meant to be reused for longer than this. */
export const IDEMPOTENCY_MAX_REUSE_HOURS = 24 * 30;
/**
 * Sessions that carry a create guard (an idempotency key or a deduped title) are tagged with this
 * prefix and a hash, so one filtered list request finds them.
 */
export const GUARD_TAG_PREFIX = 'n8n-idem-';
export const GUARD_TAG_HASH_LENGTH = 20;
/**
 * After creating a guarded session the node waits this long before looking for rivals: past the
 * second of its own creation (Devin's timestamps are whole seconds), so any session created later
 * sorts after it, and long enough for Devin's session list to show what was just created.
 */
export const GUARD_SETTLE_MS = 2_000;
/** A guarded look-up reads one page of this many sessions; a key rarely has more than one. */
export const GUARD_LOOKUP_PAGE_SIZE = 50;

/** Check Status sends sessions still working this long after creation to Failed (timedOut). */
export const CHECK_STATUS_DEFAULT_TIME_LIMIT_HOURS = 24;

/** The list-search dropdown shows this many sessions per page. */
export const LIST_SEARCH_PAGE_SIZE = 50;

/** The trigger asks for sessions updated since the last one it saw, minus this overlap. */
export const TRIGGER_OVERLAP_SECONDS = 5 * 60;
/** Of the next first page, at most this share goes to re-reading sessions already seen in the overlap. */
export const TRIGGER_REREAD_PAGE_SHARE = 0.5;
/** At activation the trigger learns the phases of sessions updated this far back. */
export const TRIGGER_BASELINE_LOOKBACK_SECONDS = 24 * 60 * 60;
/** n8n's clock may be this far off Devin's; used only when there is no server time to go by. */
export const TRIGGER_CLOCK_SKEW_MARGIN_SECONDS = 10 * 60;
/** Pages one poll reads at most; the rest waits for the next poll. */
export const TRIGGER_MAX_PAGES_PER_POLL = 25;
/** The most sessions the trigger remembers; the longest-idle ones go first. */
export const TRIGGER_MAX_TRACKED_SESSIONS = 1_000;
/** Sleeping sessions can still be woken or terminated: the trigger remembers them this long. */
export const TRIGGER_ASLEEP_MEMORY_SECONDS = 7 * 24 * 60 * 60;
/** Polls stop fetching after this share of n8n's poll budget. */
export const TRIGGER_BUDGET_SHARE = 0.8;
export const TRIGGER_DEFAULT_BUDGET_MS = 60_000;
/** v1 cannot list by update time: it watches sessions created this recently. */
export const TRIGGER_V1_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/** Fetch Test Event looks at this many recent sessions. */
export const TRIGGER_SAMPLE_SIZE = 50;

/** Devin's repository list answers at most 100 per page (the reference page says 1–100). */
export const REPOSITORY_MAX_PAGE_SIZE = 100;
/** Repositories sent in one bulk indexing request; more are split into several requests. */
export const REPOSITORY_BULK_MAX = 100;
/** Indexing takes minutes: the wait checks less often than a session wait does. */
export const INDEX_WAIT_DEFAULT_POLL_INTERVAL_SECONDS = 10;

/** As an AI agent's tool, a wait on Devin blocks the whole agent run: minutes, not half an hour. */
export const TOOL_WAIT_DEFAULT_TIMEOUT_MINUTES = 5;
/** As an AI agent's tool, Create Session caps the ACUs (money) a session may spend unless the builder changes it. */
export const TOOL_DEFAULT_MAX_ACU_LIMIT = 10;
/** What n8n's editor writes before a `$fromAI()` it manages ("Defined automatically by the model"). */
export const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';
