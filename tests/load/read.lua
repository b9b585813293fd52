-- wrk script for the read scenarios: sends the tenant's key, counts 2xx answers and prints one RESULT line.
local key = os.getenv("LOAD_KEY")
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  ok = 0
  wrk.headers["X-Api-Key"] = key
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 end
end

function done(summary, latency, requests)
  local total_ok = 0
  for _, thread in ipairs(threads) do total_ok = total_ok + thread:get("ok") end
  io.write(string.format("RESULT rps=%.1f p99_ms=%.2f p50_ms=%.2f requests=%d ok=%d sent=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, latency:percentile(50) / 1000,
    summary.requests, total_ok, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
