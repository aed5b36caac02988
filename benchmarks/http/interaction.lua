-- wrk script: POST one fixed, pre-signed interaction request, over and over.
--
-- IKIT_BENCH_REQUEST names a file of three parts: the X-Signature-Ed25519 value on
-- the first line, the X-Signature-Timestamp value on the second, then the body.
-- The timestamp is fixed, so the app under test must not check its age, and the
-- interaction id repeats, so it must accept repeats (see apps.py).
--
-- When the run ends, one JSON line reports the counts and latencies (microseconds).

local file = assert(io.open(assert(os.getenv("IKIT_BENCH_REQUEST")), "rb"))
local signature = file:read("*l")
local timestamp = file:read("*l")
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature-Ed25519"] = signature
wrk.headers["X-Signature-Timestamp"] = timestamp

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
         .. '"mean_us": %.1f, "errors": {"connect": %d, "read": %d, "write": %d, '
         .. '"status": %d, "timeout": %d}}\n',
      summary.requests, summary.duration, latency:percentile(50),
      latency:percentile(99), latency.mean, errors.connect, errors.read,
      errors.write, errors.status, errors.timeout))
end
